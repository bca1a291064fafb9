import { describe, expect, it } from "vitest";
import { createEasySecureClient, type EasySecureClientOptions } from "./client.js";

const base: EasySecureClientOptions = {
  endpoint: "http://127.0.0.1:9/webservicesesws",
  companyId: "company-1",
};

function rejection(options: Record<string, unknown>): { field: string; rule: string }[] {
  try {
    createEasySecureClient({ ...base, ...options } as EasySecureClientOptions);
  } catch (error) {
    expect((error as { kind?: string }).kind).toBe("validation");
    return (error as { issues: { field: string; rule: string }[] }).issues.map(({ field, rule }) => ({
      field,
      rule,
    }));
  }
  return [];
}

describe("createEasySecureClient: transport options are checked when the client is created", () => {
  it("rejects a time limit, size cap or retry policy that is not a sensible whole number", () => {
    const bad: [string, unknown][] = [
      ["timeoutMs", Number.POSITIVE_INFINITY],
      ["timeoutMs", Number.NaN],
      ["timeoutMs", "5000"],
      ["timeoutMs", 2 ** 31],
      ["timeoutMs", 0],
      ["timeoutMs", -100],
      ["timeoutMs", 12.5],
      ["maxResponseBytes", Number.NaN],
      ["maxResponseBytes", -1],
      ["maxResponseBytes", "1mb"],
      ["maxResponseBytes", Number.POSITIVE_INFINITY],
    ];
    for (const [field, value] of bad) {
      expect(rejection({ [field]: value }), `${field} = ${String(value)}`).toEqual([
        { field, rule: "range" },
      ]);
    }
    expect(rejection({ retry: { maxAttempts: 0 } })).toEqual([{ field: "retry.maxAttempts", rule: "range" }]);
    expect(rejection({ retry: { maxAttempt: 3 } })).toEqual([
      { field: "retry.maxAttempt", rule: "additionalProperties" },
    ]);
    expect(rejection({ retry: true })).toEqual([{ field: "retry", rule: "type" }]);
    expect(rejection({ dispatcher: {} })).toEqual([{ field: "dispatcher", rule: "type" }]);
    expect(rejection({ logger: "console" })).toEqual([{ field: "logger", rule: "type" }]);
  });

  it("accepts every sensible value", () => {
    for (const options of [
      { timeoutMs: 1 },
      { timeoutMs: 2 ** 31 - 1 },
      { maxResponseBytes: 1 },
      { retry: false },
      { retry: { maxAttempts: 5, baseDelayMs: 0, maxDelayMs: 10_000 } },
      { dispatcher: { dispatch: () => true }, logger: () => {} },
    ]) {
      expect(rejection(options)).toEqual([]);
    }
  });

  it("rejects a call's bad timeoutMs or signal with a ValidationError, sending nothing", async () => {
    const client = createEasySecureClient(base);
    for (const options of [
      { timeoutMs: Number.NaN },
      { timeoutMs: "5000" },
      { timeoutMs: 2 ** 31 },
      { signal: {} },
    ]) {
      const error = await client
        .syncMOCA({ p_wsAltUserId: "EMP-1" }, options as never)
        .catch((e: unknown) => e);
      expect((error as { kind?: string }).kind, JSON.stringify(options)).toBe("validation");
    }
  });
});
