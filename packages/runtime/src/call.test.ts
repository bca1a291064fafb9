import { describe, expect, it } from "vitest";
import { resolveRetryPolicy, runCall } from "./call.js";
import { NetworkError } from "./errors.js";
import type { ClientLogEvent } from "./logging.js";
import { createRedactor } from "./redact.js";

const failing = (secret: string) => async () => {
  throw new NetworkError(`down ${secret}`, { code: "ECONNRESET" });
};

describe("runCall", () => {
  it("logs every failed attempt with the backoff chosen before the next one", async () => {
    const events: ClientLogEvent[] = [];
    const err = await runCall(
      {
        vendor: "moka",
        operation: "GetCardList",
        idempotent: true,
        retry: resolveRetryPolicy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 }),
        logger: (e) => events.push(e),
        sleep: async () => {},
      },
      failing("x"),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(events.map((e) => [e.attempt, e.outcome, e.errorKind])).toEqual([
      [1, "error", "network"],
      [2, "error", "network"],
      [3, "error", "network"],
    ]);
    expect(events[0]!.retryInMs).toBeGreaterThanOrEqual(0);
    expect(events[0]!.retryInMs).toBeLessThan(100);
    expect(events[1]!.retryInMs).toBeLessThan(200);
    expect(events[2]!.retryInMs).toBeUndefined();
  });

  it("makes one attempt for a non-idempotent operation, whatever the policy", async () => {
    const events: ClientLogEvent[] = [];
    await runCall(
      {
        vendor: "easysecure",
        operation: "Esws.syncMOCA",
        idempotent: false,
        retry: resolveRetryPolicy({ maxAttempts: 5 }),
        logger: (e) => events.push(e),
      },
      failing("x"),
    ).catch(() => undefined);
    expect(events).toHaveLength(1);
    expect(events[0]!.retryInMs).toBeUndefined();
  });

  it("scrubs the error with the client's redactor before logging or throwing it", async () => {
    const secret = "session-SECRET-77";
    const events: ClientLogEvent[] = [];
    const err = await runCall(
      {
        vendor: "eduix",
        operation: "getKey",
        idempotent: false,
        retry: resolveRetryPolicy(false),
        logger: (e) => events.push(e),
        redact: createRedactor([secret]),
      },
      failing(secret),
    ).catch((e: unknown) => e);
    expect(String(err)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret);
  });
});

describe("runCall with a single attempt", () => {
  it("logs one success event with attempt 1 and returns the value", async () => {
    const events: ClientLogEvent[] = [];
    const value = await runCall(
      {
        vendor: "easysecure",
        operation: "Esws.syncMOCA",
        idempotent: false,
        retry: resolveRetryPolicy(undefined),
        logger: (e) => events.push(e),
      },
      async (n) => `attempt ${n}`,
    );
    expect(value).toBe("attempt 1");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      vendor: "easysecure",
      operation: "Esws.syncMOCA",
      attempt: 1,
      outcome: "success",
    });
    expect(Number.isInteger(events[0]!.durationMs)).toBe(true);
  });

  it("scrubs a failure even when no logger is configured", async () => {
    const secret = "session-SECRET-88";
    const err = await runCall(
      {
        vendor: "eduix",
        operation: "getKey",
        idempotent: false,
        retry: resolveRetryPolicy(undefined),
        redact: createRedactor([secret]),
      },
      failing(secret),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(String(err)).not.toContain(secret);
  });

  it("makes one attempt for an idempotent operation when retries are off, and a failing logger changes nothing", async () => {
    let attempts = 0;
    const err = await runCall(
      {
        vendor: "moka",
        operation: "GetCardList",
        idempotent: true,
        retry: resolveRetryPolicy(false),
        logger: () => {
          throw new Error("sink down");
        },
        sleep: async () => {
          throw new Error("must not sleep");
        },
      },
      async () => {
        attempts++;
        throw new NetworkError("down", { code: "ECONNRESET" });
      },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(err).toBeInstanceOf(NetworkError);
  });
});
