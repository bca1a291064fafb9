/**
 * Running a client call under a hard bound, and checking what came out of it.
 */
import { inspect } from "node:util";
import { IntegrationError } from "@integrations/runtime";
import { expect } from "vitest";

export interface Outcome {
  /** True when the call neither resolved nor rejected within the bound. */
  hung: boolean;
  /** Set when the call resolved. */
  value?: unknown;
  /** Set when the call rejected. */
  error?: unknown;
  resolved: boolean;
  elapsedMs: number;
}

/** Default bound of one call: far below vitest's test timeout, far above the clients' 300 ms in the suites. */
export const CALL_BOUND_MS = 2_500;

/**
 * Awaits the call, but never longer than `boundMs`: a hang is reported, not waited out. Pass a function to
 * have the clock start before the call does (a promise has already started: part of it is not timed).
 */
export async function bounded(
  call: Promise<unknown> | (() => Promise<unknown>),
  boundMs = CALL_BOUND_MS,
): Promise<Outcome> {
  const started = performance.now();
  const promise = typeof call === "function" ? call() : call;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hung">((resolve) => {
    timer = setTimeout(() => resolve("hung"), boundMs);
  });
  const settled = promise.then(
    (value) => ({ kind: "value" as const, value }),
    (error: unknown) => ({ kind: "error" as const, error }),
  );
  try {
    const first = await Promise.race([settled, hang]);
    const elapsedMs = performance.now() - started;
    if (first === "hung") return { hung: true, resolved: false, elapsedMs };
    return first.kind === "value"
      ? { hung: false, resolved: true, value: first.value, elapsedMs }
      : { hung: false, resolved: false, error: first.error, elapsedMs };
  } finally {
    clearTimeout(timer);
  }
}

export interface Expected {
  kind: IntegrationError["kind"];
  reason?: string;
  status?: number;
  code?: string | number;
}

/** Asserts the call failed, in time, with an IntegrationError of the expected kind (and reason/status/code). */
export function expectTypedError(outcome: Outcome, expected: Expected, operation?: string): IntegrationError {
  expect(outcome.hung, "the call hung").toBe(false);
  if (outcome.resolved) {
    expect.fail(
      `expected ${expected.kind} error, but the call resolved to ${inspect(outcome.value, { depth: 3 })}`,
    );
  }
  const error = outcome.error;
  if (!(error instanceof IntegrationError)) {
    expect.fail(`expected an IntegrationError (${expected.kind}), got ${inspect(error, { depth: 3 })}`);
  }
  const seen: Record<string, unknown> = { kind: error.kind };
  if (expected.reason !== undefined) seen.reason = (error as { reason?: unknown }).reason;
  if (expected.status !== undefined) seen.status = error.status;
  if (expected.code !== undefined) seen.code = (error as { code?: unknown }).code;
  expect(seen, `error was: ${error.name}: ${error.message}`).toEqual(expected);
  if (operation !== undefined) expect(error.operation).toBe(operation);
  return error;
}

/**
 * Peak growth of the heap plus array buffers (where undici's body chunks live) while `run` is in progress,
 * sampled every millisecond, relative to a baseline taken after a GC (when exposed).
 */
export async function peakMemoryGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const baseline = usage();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, usage());
  }, 1);
  try {
    const result = await run();
    peak = Math.max(peak, usage());
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

export const MiB = 1024 * 1024;
