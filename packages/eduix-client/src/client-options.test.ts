import { describe, expect, it } from "vitest";
import { createEduixClient } from "./client.js";
import type { EduixClientOptions } from "./options.js";

const base = { username: "user", password: "password-1", endpoint: "http://127.0.0.1:9/soap/4.3/account" };

function rejection(options: Record<string, unknown>): string[] {
  try {
    createEduixClient({ ...base, ...options } as EduixClientOptions);
  } catch (error) {
    expect((error as { kind?: string }).kind).toBe("validation");
    return (error as { issues: { field: string; rule: string }[] }).issues.map((i) => `${i.field}:${i.rule}`);
  }
  return [];
}

describe("createEduixClient: transport options are checked when the client is created", () => {
  it("rejects bad time limits, size caps, retry policies, dispatchers and loggers", () => {
    expect(rejection({ timeoutMs: Number.POSITIVE_INFINITY })).toEqual(["timeoutMs:range"]);
    expect(rejection({ timeoutMs: Number.NaN })).toEqual(["timeoutMs:range"]);
    expect(rejection({ timeoutMs: "5000" })).toEqual(["timeoutMs:range"]);
    expect(rejection({ timeoutMs: 2 ** 31 })).toEqual(["timeoutMs:range"]);
    expect(rejection({ maxResponseBytes: Number.NaN })).toEqual(["maxResponseBytes:range"]);
    expect(rejection({ retry: { maxAttempts: 1.5 } })).toEqual(["retry.maxAttempts:range"]);
    expect(rejection({ retry: null })).toEqual(["retry:type"]);
    expect(rejection({ dispatcher: "agent", logger: 1 })).toEqual(["dispatcher:type", "logger:type"]);
  });

  it("accepts sensible values", () => {
    expect(rejection({ timeoutMs: 10_000, maxResponseBytes: 1 << 20, retry: false })).toEqual([]);
  });
});
