/**
 * Validation against the JSON Schemas generated from the contracts. One shared Ajv instance, one compiled
 * validator per schema object (compiled lazily, on first use, so importing a client costs nothing).
 *
 * Issues name the field (a dotted path) and the rule (the JSON Schema keyword); messages never include the
 * offending value, because values can be secrets.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { MalformedResponseError, ValidationError, type ValidationIssue } from "./errors.js";
import { directCheck } from "./validation-direct.js";

/** A JSON Schema (draft 2020-12) as emitted by codegen. */
export type JsonSchema = { readonly [key: string]: unknown };

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
/** Per schema: a check that proves validity without ajv (simple schemas only), or null when there is none. */
const direct = new WeakMap<JsonSchema, ((value: unknown) => boolean) | null>();

function compile(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema as Record<string, unknown>);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Every rule `value` breaks, or an empty list. A simple schema's valid values are recognised without compiling
 * it (see validation-direct.ts); anything else, and every issue reported, comes from ajv.
 */
export function validationIssues(schema: JsonSchema, value: unknown): ValidationIssue[] {
  let check = direct.get(schema);
  if (check === undefined) {
    check = directCheck(schema) ?? null;
    direct.set(schema, check);
  }
  if (check?.(value)) return [];
  const validate = compile(schema);
  if (validate(value)) return [];
  return toIssues(validate.errors ?? []);
}

/** Throws `ValidationError` naming every offending field, before anything is sent. */
export function assertValidRequest(schema: JsonSchema, value: unknown, operation: string): void {
  const issues = validationIssues(schema, value);
  if (issues.length > 0) throw new ValidationError(issues, { operation });
}

/** Throws `MalformedResponseError("schema")` when a vendor response breaks the contract. */
export function assertValidResponse(
  schema: JsonSchema,
  value: unknown,
  operation: string,
  status?: number,
): void {
  const issues = validationIssues(schema, value);
  if (issues.length === 0) return;
  const shown = issues.slice(0, 5).map((i) => `${i.field || "(body)"} ${i.message} [${i.rule}]`);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
  throw new MalformedResponseError("schema", `${shown.join("; ")}${more}`, { operation, status });
}

export function toIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const issue = toIssue(error);
    const key = `${issue.field}\u0000${issue.rule}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params = error.params as Record<string, unknown>;
  // Ajv reports these at the parent; the field that is missing or unexpected is the useful name.
  const child = params.missingProperty ?? params.additionalProperty ?? params.propertyName;
  if (typeof child === "string") segments.push(child);
  const field = segments.join(".");
  return { field, rule: error.keyword, message: error.message ?? `breaks ${error.keyword}` };
}
