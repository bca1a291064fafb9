import { ServiceError } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import type { BulkOperationInfo } from "./bulk-operation.js";
import { resultLine } from "./result-line.js";

class TestError extends ServiceError<string> {
  readonly vendor = "test";
}

const info = {
  secretFields: new Set(["CardNumber"]),
  check: (input: Readonly<Record<string, unknown>>) => `check ${String(input.CustomerCode)}`,
} as unknown as BulkOperationInfo;

describe("resultLine", () => {
  it("one line per outcome, without the input, and without a secret field's value even when an error quotes it", () => {
    const input = { CustomerCode: "C1", CardNumber: "5555666677778888" };
    const failed = resultLine(
      {
        status: "failed",
        row: 3,
        line: 4,
        input,
        code: "Invalid",
        error: new TestError({
          code: "Invalid",
          meaning: "bad card",
          detail: "card 5555666677778888 refused",
        }),
      },
      info,
      (t) => t,
    );
    expect(failed).not.toContain("5555666677778888");
    expect(failed).not.toContain("\n");
    expect(JSON.parse(failed)).toMatchObject({ row: 3, line: 4, status: "failed", code: "Invalid" });
    const unknown = JSON.parse(
      resultLine({ status: "unknown", row: 5, input, reason: "interrupted" }, info, (t) => t),
    );
    expect(unknown).toMatchObject({ status: "unknown", check: "check C1" });
    expect(unknown.reason).toContain("earlier run stopped");
    const ok = JSON.parse(resultLine({ status: "ok", row: 6, input, result: undefined }, info, (t) => t));
    expect(ok).toEqual({ row: 6, status: "ok", result: { ok: true } });
  });
});
