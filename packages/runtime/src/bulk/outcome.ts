/**
 * What became of one row of a bulk run, and how an error is read: a call the vendor answered (a result code, a
 * fault, an HTTP status) has a known outcome; a call that may have reached the vendor without an answer coming
 * back (a dropped connection, a time-out, a cut answer) has an unknown outcome, unless the operation is
 * idempotent in the contract, in which case sending it again is harmless and it is simply a failure.
 */
import { IntegrationError } from "../errors.js";
import type { OperationDescriptor } from "../operation.js";

/** One row of input: its number (1-based, stable between runs of the same file) and the method's input. */
export interface BulkRow<Input = unknown> {
  readonly row: number;
  readonly input: Input;
  /** Where the row starts in its source file, for people (a CSV record may span lines); copied to its outcome. */
  readonly line?: number | undefined;
}

/** What every outcome carries of its row. */
interface OutcomeOf<Input> {
  readonly row: number;
  readonly line?: number | undefined;
  readonly input: Input;
}

export interface BulkSuccess<Input = unknown, Result = unknown> extends OutcomeOf<Input> {
  readonly status: "ok";
  readonly result: Result;
}

export interface BulkFailure<Input = unknown> extends OutcomeOf<Input> {
  readonly status: "failed";
  /** The typed error (`kind`, and for a vendor's answer its `code`); a scrubbed client error. */
  readonly error: unknown;
  /** The vendor's result or fault code, when the vendor answered with one. */
  readonly code?: string | number | undefined;
}

/**
 * The call may or may not have been applied: it is not sent again automatically (the operation is not
 * idempotent). Check the vendor's state before re-sending it.
 */
export interface BulkUnknown<Input = unknown> extends OutcomeOf<Input> {
  readonly status: "unknown";
  /** Why: the error the call ended with, or `interrupted` (an earlier run stopped while it was in flight). */
  readonly reason: "interrupted" | "no-answer";
  readonly error?: unknown;
}

export type BulkOutcome<Input = unknown, Result = unknown> =
  | BulkSuccess<Input, Result>
  | BulkFailure<Input>
  | BulkUnknown<Input>;

/** Connection errors that happen before any byte of the request can have left: the call was not sent. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

/** Whether the call ended without an answer although it may have reached the vendor. */
export function mayHaveBeenApplied(error: unknown): boolean {
  if (!(error instanceof IntegrationError)) return false;
  switch (error.kind) {
    case "network":
      return !NOT_SENT_CODES.has((error as { code?: string }).code ?? "");
    case "timeout":
    case "abort":
    case "malformed-response":
      return true;
    default:
      return false;
  }
}

/** The vendor's code of an error, where it has one. */
export function codeOf(error: unknown): string | number | undefined {
  if (!(error instanceof IntegrationError) || error.kind !== "service") return undefined;
  return (error as { code?: string | number }).code;
}

/** The outcome of a failed call of `operation`. */
export function failureOutcome<Input>(
  operation: Pick<OperationDescriptor, "idempotent">,
  row: BulkRow<Input>,
  error: unknown,
): BulkFailure<Input> | BulkUnknown<Input> {
  if (!operation.idempotent && mayHaveBeenApplied(error)) {
    return { status: "unknown", row: row.row, line: row.line, input: row.input, reason: "no-answer", error };
  }
  return { status: "failed", row: row.row, line: row.line, input: row.input, error, code: codeOf(error) };
}
