/**
 * Retry with exponential backoff and full jitter, for idempotent operations only. Which operations are
 * idempotent is the client's decision (it knows the vendor); this module only knows how to wait and repeat.
 */
import { AbortError, IntegrationError } from "./errors.js";

export interface RetryPolicy {
  /** Total attempts including the first; 1 disables retries. */
  maxAttempts: number;
  /** Delay before the first retry; doubled for each one after. */
  baseDelayMs: number;
  /** Upper bound of any single delay. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
});

export const NO_RETRY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 1,
  baseDelayMs: 0,
  maxDelayMs: 0,
});

/** Transport failures and 5xx/429 answers; never validation, service or malformed-response errors. */
export function isTransientFailure(error: unknown): boolean {
  if (!(error instanceof IntegrationError)) return false;
  switch (error.kind) {
    case "network":
    case "timeout":
      return true;
    case "http-status":
      return error.retryable;
    default:
      return false;
  }
}

export function backoffDelay(
  policy: RetryPolicy,
  retryIndex: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

export interface RetryContext {
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  operation: string;
  shouldRetry?: (error: unknown) => boolean;
  /** Told about every failed attempt, with the delay before the next one (undefined when none follows). */
  onFailure?: (error: unknown, attempt: number, retryInMs: number | undefined) => void;
  /** Injected in tests to observe or skip waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export async function withRetry<T>(attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const shouldRetry = ctx.shouldRetry ?? isTransientFailure;
  const sleep = ctx.sleep ?? abortableSleep;
  const attempts = Math.max(1, ctx.policy.maxAttempts);
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const retry = n < attempts && shouldRetry(error);
      const delay = retry
        ? Math.max(backoffDelay(ctx.policy, n - 1, ctx.random), retryAfterOf(error))
        : undefined;
      ctx.onFailure?.(error, n, delay);
      if (delay === undefined) throw error;
      await sleep(delay, ctx.signal);
      if (ctx.signal?.aborted) throw new AbortError({ operation: ctx.operation });
    }
  }
}

/**
 * The wait a server asked for with `Retry-After` (HttpStatusError.retryAfterMs), or 0. It overrides the
 * backoff's ceiling: waiting less than asked only earns another 503. A wait beyond the call's time limit never
 * gets here, because such an error is not retryable (see HttpStatusError).
 */
function retryAfterOf(error: unknown): number {
  if (!(error instanceof IntegrationError) || error.kind !== "http-status") return 0;
  return (error as { retryAfterMs?: number }).retryAfterMs ?? 0;
}

/** Waits `ms`, or less when `signal` aborts; never rejects. Also the bulk rate limiter's clock. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
