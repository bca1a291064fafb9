/**
 * Validation with the validators generated from the contracts' JSON Schemas: each types package exports
 * `validate<Name>` for every schema (and each operation descriptor carries `validateRequest` /
 * `validateResponse`). They are plain code written at codegen time, so nothing compiles a schema when a client
 * starts, and their issues are written for people: one per field, naming the rule, never quoting the value.
 */
import {
  MalformedResponseError,
  ValidationError,
  type ValidationIssue,
  validationIssueText,
} from "./errors.js";

/** A generated validator: every rule `value` breaks, or an empty list when it is valid. */
export type Validator = (value: unknown) => ValidationIssue[];

/** Throws `ValidationError` naming every offending field, before anything is sent. */
export function assertValidRequest(validate: Validator, value: unknown, operation: string): void {
  const issues = validate(value);
  if (issues.length > 0) throw new ValidationError(issues, { operation });
}

/** Throws `MalformedResponseError("schema")` when a vendor response breaks the contract. */
export function assertValidResponse(
  validate: Validator,
  value: unknown,
  operation: string,
  status?: number,
): void {
  const issues = validate(value);
  if (issues.length === 0) return;
  const shown = issues.slice(0, 5).map(validationIssueText);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
  throw new MalformedResponseError("schema", `${shown.join("; ")}${more}`, { operation, status });
}
