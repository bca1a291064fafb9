/**
 * The request a call sends, checked: a plain copy of the caller's input (runtime plain-data.ts: own fields,
 * read once, so what is validated is what is written), validated against the generated request schema, plus
 * the one rule the contract's string256 cannot say: an identifier is never empty. Edu-iX reads an empty
 * userID or distributorPersonID as a missing one (fault 6, "Missing required fields: userID"), and in getKey's
 * choice an empty member would still count as the one given.
 */
import {
  copyPlainData,
  type PreparedRequest,
  type ValidationIssue,
  type Validator,
} from "@integrations/runtime";

const IDENTIFIERS = ["userID", "distributorPersonID"] as const;

function emptyIdentifierIssues(request: unknown): ValidationIssue[] {
  if (request === null || typeof request !== "object") return [];
  const issues: ValidationIssue[] = [];
  for (const field of IDENTIFIERS) {
    if ((request as Record<string, unknown>)[field] === "") {
      issues.push({
        field,
        rule: "minLength",
        message: `must not be empty (Edu-iX reads an empty ${field} as a missing one)`,
      });
    }
  }
  return issues;
}

/**
 * The plain copy of `request` and every rule it breaks, against the generated request validator. Nothing is sent
 * (not even a login) unless the list is empty.
 */
export function checkedRequest(request: unknown, validate: Validator): PreparedRequest {
  const plain = copyPlainData(request, "");
  if (plain.issues.length > 0) return { value: undefined, issues: plain.issues };
  const copy = plain.value;
  const empty = emptyIdentifierIssues(copy);
  const reported = new Set(empty.map((i) => i.field));
  return { value: copy, issues: [...validate(copy).filter((i) => !reported.has(i.field)), ...empty] };
}
