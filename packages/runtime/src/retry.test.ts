import { describe, expect, it } from "vitest";
import { HttpStatusError, NetworkError, ServiceError, TimeoutError, ValidationError } from "./errors.js";
import { backoffDelay, isTransientFailure, withRetry } from "./retry.js";

class TestServiceError extends ServiceError<string> {
  readonly vendor = "test";
}

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("retry", () => {
  it("classifies transport failures and 5xx as transient, everything else not", () => {
    expect(isTransientFailure(new NetworkError("x", { code: "ECONNRESET" }))).toBe(true);
    expect(isTransientFailure(new TimeoutError(10))).toBe(true);
    expect(isTransientFailure(new HttpStatusError(503, "text/html"))).toBe(true);
    expect(isTransientFailure(new HttpStatusError(400, "text/html"))).toBe(false);
    expect(isTransientFailure(new ValidationError([]))).toBe(false);
    expect(isTransientFailure(new TestServiceError({ code: "EX", meaning: "m", retryable: true }))).toBe(
      false,
    );
    expect(isTransientFailure(new Error("plain"))).toBe(false);
  });

  it("backs off exponentially with full jitter, capped", () => {
    expect(backoffDelay(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(199);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(200);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  it("retries transient failures up to maxAttempts, waiting between attempts", async () => {
    const waits: number[] = [];
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw new NetworkError("down", { code: "ECONNREFUSED" });
      },
      { policy, operation: "op", sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(calls).toBe(4);
    expect(waits).toEqual([50, 100, 200]);
  });

  it("returns the first success", async () => {
    let calls = 0;
    const value = await withRetry(
      async (n) => {
        calls++;
        if (n < 3) throw new HttpStatusError(502, "text/html");
        return "ok";
      },
      { policy, operation: "op", sleep: async () => {} },
    );
    expect(value).toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry non-transient failures", async () => {
    let calls = 0;
    await withRetry(
      async () => {
        calls++;
        throw new ValidationError([{ field: "a", rule: "required", message: "must have a" }]);
      },
      { policy, operation: "op", sleep: async () => {} },
    ).catch(() => undefined);
    expect(calls).toBe(1);
  });

  it("waits at least what Retry-After asks, beyond the backoff's ceiling, and not at all past the time limit", async () => {
    for (const [retryAfterMs, timeLimitMs, expected] of [
      [3_000, 30_000, [3_000]],
      [0, 30_000, [50]],
      [60_000, 120_000, [60_000]],
      [3_600_000, 30_000, []],
    ] as const) {
      const waits: number[] = [];
      let calls = 0;
      const err = await withRetry(
        async () => {
          calls++;
          throw new HttpStatusError(503, "text/html", { retryAfterMs, timeLimitMs });
        },
        {
          policy: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 1_000 },
          operation: "op",
          sleep: async (ms) => void waits.push(ms),
          random: () => 0.5,
        },
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttpStatusError);
      expect(waits, `Retry-After ${retryAfterMs} ms`).toEqual(expected);
      expect(calls).toBe(expected.length + 1);
    }
  });
});
