import { describe, expect, it } from "vitest";
import { createMokaClient, type MokaClientOptions } from "./client.js";

const base = { dealerCode: "D100", username: "apiuser", password: "pw-1", baseUrl: "http://127.0.0.1:9" };

function rejection(options: Record<string, unknown>): { field: string; rule: string }[] {
  try {
    createMokaClient({ ...base, ...options } as MokaClientOptions);
  } catch (error) {
    expect((error as { kind?: string }).kind).toBe("validation");
    return (error as { issues: { field: string; rule: string }[] }).issues.map(({ field, rule }) => ({
      field,
      rule,
    }));
  }
  return [];
}

describe("createMokaClient: transport options are checked when the client is created", () => {
  it("rejects bad time limits, size caps, retry policies, dispatchers and loggers", () => {
    for (const [field, value, rule] of [
      ["timeoutMs", Number.POSITIVE_INFINITY, "range"],
      ["timeoutMs", Number.NaN, "range"],
      ["timeoutMs", "5000", "range"],
      ["timeoutMs", 2 ** 31, "range"],
      ["maxResponseBytes", Number.NaN, "range"],
      ["maxResponseBytes", 0, "range"],
      ["retry", "yes", "type"],
      ["dispatcher", 42, "type"],
      ["logger", {}, "type"],
    ] as const) {
      expect(rejection({ [field]: value }), `${field} = ${String(value)}`).toEqual([{ field, rule }]);
    }
    expect(rejection({ retry: { baseDelayMs: Number.NaN, maxDelayMs: -1 } })).toEqual([
      { field: "retry.baseDelayMs", rule: "range" },
      { field: "retry.maxDelayMs", rule: "range" },
    ]);
  });

  it("accepts sensible values", () => {
    for (const options of [{ timeoutMs: 250 }, { maxResponseBytes: 1024 }, { retry: { maxAttempts: 1 } }]) {
      expect(rejection(options)).toEqual([]);
    }
  });

  it("rejects a call's bad timeoutMs or signal with a ValidationError, sending nothing", async () => {
    const client = createMokaClient(base);
    for (const options of [{ timeoutMs: Number.POSITIVE_INFINITY }, { timeoutMs: -1 }, { signal: "abort" }]) {
      const error = await client.getCustomerList(options as never).catch((e: unknown) => e);
      expect((error as { kind?: string }).kind, JSON.stringify(options)).toBe("validation");
    }
  });
});
