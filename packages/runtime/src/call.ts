/**
 * The one place where a client call becomes attempts: automatic retries only for operations the client marks
 * idempotent, and one log event per attempt. Vendor clients supply `attempt`; everything around it is shared.
 */
import { IntegrationError } from "./errors.js";
import type { ClientLogEvent, ClientLogger } from "./logging.js";
import { scrubError } from "./redact.js";
import { DEFAULT_RETRY_POLICY, NO_RETRY, type RetryPolicy, withRetry } from "./retry.js";

/** `false` turns automatic retries off; a partial policy overrides the defaults. */
export type RetryOption = false | Partial<RetryPolicy> | undefined;

export function resolveRetryPolicy(option: RetryOption): RetryPolicy {
  if (option === false) return NO_RETRY;
  return { ...DEFAULT_RETRY_POLICY, ...option };
}

export interface CallContext {
  vendor: ClientLogEvent["vendor"];
  operation: string;
  /** Only idempotent (read) operations are retried automatically; writes get exactly one attempt. */
  idempotent: boolean;
  retry: RetryPolicy;
  logger?: ClientLogger | undefined;
  signal?: AbortSignal | undefined;
  /** The client's redactor: every error a call throws is scrubbed with it before it is logged or thrown. */
  redact?: ((text: string) => string) | undefined;
  /** Injected by tests to skip real waiting. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Told when a failed attempt will be repeated, with the backoff before it (the call's telemetry). */
  onRetry?: ((attempt: number, delayMs: number) => void) | undefined;
}

export function runCall<T>(ctx: CallContext, attempt: (n: number) => Promise<T>): Promise<T> {
  // One attempt (writes, or retries turned off): what `withRetry` would do with NO_RETRY, without its
  // closures and loop.
  if (!ctx.idempotent || ctx.retry.maxAttempts <= 1) return runOnce(ctx, attempt);
  let started = 0;
  const timed = async (n: number): Promise<T> => {
    started = performance.now();
    const value = await attempt(n);
    log(ctx, { attempt: n, outcome: "success", durationMs: performance.now() - started });
    return value;
  };
  return withRetry(timed, {
    policy: ctx.retry,
    operation: ctx.operation,
    signal: ctx.signal,
    sleep: ctx.sleep,
    onFailure: (error, n, retryInMs) => logFailure(ctx, error, n, retryInMs, started),
  });
}

async function runOnce<T>(ctx: CallContext, attempt: (n: number) => Promise<T>): Promise<T> {
  const started = performance.now();
  let value: T;
  try {
    value = await attempt(1);
  } catch (error) {
    logFailure(ctx, error, 1, undefined, started);
    throw error;
  }
  if (ctx.logger) log(ctx, { attempt: 1, outcome: "success", durationMs: performance.now() - started });
  return value;
}

function logFailure(
  ctx: CallContext,
  error: unknown,
  n: number,
  retryInMs: number | undefined,
  started: number,
): void {
  if (ctx.redact) scrubError(error, ctx.redact);
  if (retryInMs !== undefined) ctx.onRetry?.(n, retryInMs);
  if (!ctx.logger) return;
  const e = error instanceof IntegrationError ? error : undefined;
  log(ctx, {
    attempt: n,
    outcome: "error",
    durationMs: performance.now() - started,
    status: e?.status,
    errorKind: e?.kind,
    code: e && "code" in e ? (e.code as string | number | undefined) : undefined,
    message: e?.message,
    retryInMs,
  });
}

function log(ctx: CallContext, event: Omit<ClientLogEvent, "vendor" | "operation">): void {
  if (!ctx.logger) return;
  try {
    ctx.logger({
      vendor: ctx.vendor,
      operation: ctx.operation,
      ...event,
      durationMs: Math.round(event.durationMs),
    });
  } catch {
    // A failing log sink must never change the outcome of a call.
  }
}
