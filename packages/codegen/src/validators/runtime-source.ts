/**
 * The helper section written at the top of every generated validators module. The types packages depend on
 * nothing, so the issue shape is declared here (structurally the runtime's `ValidationIssue`) and the few
 * helpers the node functions call are inlined.
 */
export const RUNTIME_SOURCE = `/** One broken rule; the same shape as \`ValidationIssue\` in @integrations/runtime. */
export interface ValidationIssue {
  /** Dotted path of the offending field; "" for the value itself. */
  field: string;
  /** The JSON Schema keyword broken: required, type, enum, const, maxLength, pattern, oneOf, ... */
  rule: string;
  /** What is wrong, in words; never the value itself (it may be a secret), only its length or count. */
  message: string;
}

/** A generated validator: every rule \`value\` breaks, or an empty list when it is valid. Never throws. */
export type Validator = (value: unknown) => ValidationIssue[];

type Data = Readonly<Record<string, unknown>>;

/** Issues found so far: only the first one per field, so that one mistake reads as one issue. */
interface Sink {
  readonly issues: ValidationIssue[];
  readonly fields: Set<string>;
  /** Failed checks, reported or not: a check whose field already has an issue still counts. */
  failures: number;
}

function isObject(x: unknown): x is Data {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isList(x: unknown): x is readonly unknown[] {
  return Array.isArray(x);
}

/** JSON Schema's integer as ajv tests it (strictNumbers off): a number whose fractional part is 0. */
function isInteger(x: unknown): x is number {
  return typeof x === "number" && !(x % 1) && !Number.isNaN(x);
}

/** Length in code points, as JSON Schema counts it: a surrogate pair is one character. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function at(path: string, key: string | number): string {
  return path === "" ? String(key) : \`\${path}.\${key}\`;
}

function fail(s: Sink, field: string, rule: string, message: string): void {
  s.failures++;
  if (s.fields.has(field)) return;
  s.fields.add(field);
  s.issues.push({ field, rule, message });
}

/** "a", "a and b", "a, b and c". */
function listAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : \`\${items.slice(0, -1).join(", ")} and \${items[items.length - 1]}\`;
}

/** The message of the first rule \`value\` breaks (for a key refused by propertyNames: "a key must …"). */
function firstMessage(value: unknown, check: (x: unknown, p: string, s: Sink) => void): string {
  const s: Sink = { issues: [], fields: new Set(), failures: 0 };
  check(value, "", s);
  return s.issues[0]?.message ?? "does not match the contract";
}

/** The JSON kind of a value, to pick the alternative of an anyOf / oneOf a value was meant for. */
function kindOf(x: unknown): string {
  if (x === null) return "null";
  if (isList(x)) return "array";
  if (isInteger(x)) return "integer";
  return typeof x;
}

/** Runs one generated validator: the boolean test first (the valid path), the reporting pass only if it fails. */
function run(value: unknown, is: (x: unknown) => boolean, check: (x: unknown, p: string, s: Sink) => void): ValidationIssue[] {
  try {
    if (is(value)) return [];
    const s: Sink = { issues: [], fields: new Set(), failures: 0 };
    check(value, "", s);
    if (s.issues.length > 0) return s.issues;
  } catch {
    // A getter or proxy that throws: the value is not plain data.
    return [{ field: "", rule: "type", message: "could not be read: it is not plain data" }];
  }
  return [{ field: "", rule: "schema", message: "does not match the contract" }];
}
`;
