/**
 * One row's outcome as its line in the results file: `{"row", "line", "status", …}` with the result, or the
 * typed error (its `toJSON()`, with its code), or for an unknown outcome what to check before sending it again.
 * The row's input is not repeated (join on `line` or `row`), and the line passes through the CLI's output
 * guard and a redactor of the row's own secret fields, so no secret reaches the file in any encoding.
 */
import type { BulkOutcome } from "@integrations/runtime";
import { createRedactor } from "@integrations/runtime/redact";
import { errorJson } from "../errors.js";
import type { BulkOperationInfo } from "./bulk-operation.js";

export function resultLine(
  outcome: BulkOutcome,
  info: BulkOperationInfo,
  guard: (text: string) => string,
): string {
  const input = (outcome.input ?? {}) as Record<string, unknown>;
  const record: Record<string, unknown> = { row: outcome.row, line: outcome.line, status: outcome.status };
  if (outcome.status === "ok") record.result = outcome.result === undefined ? { ok: true } : outcome.result;
  else if (outcome.status === "failed") {
    if (outcome.code !== undefined) record.code = outcome.code;
    record.error = errorJson(outcome.error);
  } else {
    record.reason =
      outcome.reason === "interrupted"
        ? "an earlier run stopped while this row was in flight"
        : "the call ended without an answer after it may have reached the vendor";
    record.check = info.check(input);
    if (outcome.error !== undefined) record.error = errorJson(outcome.error);
  }
  const text = guard(JSON.stringify(record));
  const secrets = [...info.secretFields]
    .map((field) => input[field])
    .filter((v): v is string | number => typeof v === "string" || typeof v === "number")
    .map(String);
  return secrets.length > 0 ? createRedactor(secrets)(text) : text;
}
