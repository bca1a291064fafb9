/**
 * A direct check for the simplest generated schemas (objects of plain strings, plain strings), used by
 * `validationIssues` before ajv, so that the common case (valid input) needs no compiled JSON Schema:
 * compiling the first schema costs tens of milliseconds of cold start.
 *
 * The check only ever answers "valid" or "not sure": when it passes, the schema passes too (it implements
 * exactly the keywords it accepts, with ajv's semantics: `type: "string"`, `minLength` / `maxLength` in code
 * points, `pattern` with the `u` flag, `required` as "not undefined", `additionalProperties: false`); when it
 * fails, or when the schema uses anything else, the caller asks the schema itself, so the issues reported
 * (their fields, rules, messages and order) are always the schema validator's.
 */
import type { JsonSchema } from "./validation.js";

export type DirectCheck = (value: Readonly<Record<string, unknown>>) => boolean;

/** Keywords that do not constrain a value. */
const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "title", "description"]);
const OBJECT_KEYWORDS = new Set([
  ...ANNOTATIONS,
  "type",
  "properties",
  "required",
  "additionalProperties",
  "$defs",
]);
const STRING_KEYWORDS = new Set([...ANNOTATIONS, "type", "minLength", "maxLength", "pattern"]);

type ValueCheck = (value: unknown) => boolean;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function onlyKeywords(schema: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(schema)) if (!allowed.has(key)) return false;
  return true;
}

function isLimit(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Length in code points, as ajv's `unicode` option counts it (a surrogate pair is one character). */
function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** A check for a `type: "string"` schema with at most minLength, maxLength and pattern; else undefined. */
export function directStringCheck(schema: unknown, root: JsonSchema): ValueCheck | undefined {
  const resolved = resolveRef(schema, root);
  if (resolved === undefined || resolved.type !== "string" || !onlyKeywords(resolved, STRING_KEYWORDS)) {
    return undefined;
  }
  const { minLength, maxLength, pattern } = resolved;
  if (minLength !== undefined && !isLimit(minLength)) return undefined;
  if (maxLength !== undefined && !isLimit(maxLength)) return undefined;
  if (pattern !== undefined && typeof pattern !== "string") return undefined;
  let regex: RegExp | undefined;
  try {
    regex = pattern === undefined ? undefined : new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
  const min = minLength ?? 0;
  const max = maxLength ?? Number.POSITIVE_INFINITY;
  return (value) => {
    if (typeof value !== "string") return false;
    // UTF-16 length ≥ code points ≥ UTF-16 length / 2: count only when the cheap bounds cannot decide.
    if (value.length < min || value.length > 2 * max) return false;
    if ((value.length > max || value.length < 2 * min) && !inRange(codePointLength(value), min, max)) {
      return false;
    }
    return regex === undefined || regex.test(value);
  };
}

function inRange(n: number, min: number, max: number): boolean {
  return n >= min && n <= max;
}

/** `{ "$ref": "#/$defs/name" }` (annotations allowed beside it) → the definition; a plain schema → itself. */
function resolveRef(schema: unknown, root: JsonSchema): Record<string, unknown> | undefined {
  if (!isRecord(schema)) return undefined;
  const ref = schema.$ref;
  if (ref === undefined) return schema;
  if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) return undefined;
  for (const key of Object.keys(schema)) if (key !== "$ref" && !ANNOTATIONS.has(key)) return undefined;
  const name = ref.slice("#/$defs/".length);
  if (name.includes("/") || name.includes("~")) return undefined;
  const defs = root.$defs;
  if (!isRecord(defs) || !Object.hasOwn(defs, name)) return undefined;
  const target = defs[name];
  return isRecord(target) && target.$ref === undefined ? target : undefined;
}

/**
 * A direct check for an object schema whose properties are all simple strings (see directStringCheck),
 * with `required` and `additionalProperties: false`; undefined for any other schema.
 */
export function directObjectCheck(schema: JsonSchema): DirectCheck | undefined {
  if (schema.type !== "object" || schema.additionalProperties !== false) return undefined;
  if (!onlyKeywords(schema, OBJECT_KEYWORDS)) return undefined;
  const { properties, required } = schema;
  if (!isRecord(properties)) return undefined;
  if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === "string"))) {
    return undefined;
  }
  const checks = new Map<string, ValueCheck>();
  for (const [name, property] of Object.entries(properties)) {
    const check = directStringCheck(property, schema);
    if (check === undefined) return undefined;
    checks.set(name, check);
  }
  const requiredNames: readonly string[] = (required as string[] | undefined) ?? [];
  return (value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    for (const name of requiredNames) if (value[name] === undefined) return false;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const check = checks.get(key);
      if (check === undefined) return false;
      const v = value[key];
      if (v !== undefined && !check(v)) return false;
    }
    return true;
  };
}

/** The direct check of a whole schema (an object of plain strings, or a plain string), or undefined. */
export function directCheck(schema: JsonSchema): ((value: unknown) => boolean) | undefined {
  const object = directObjectCheck(schema);
  if (object !== undefined) return (value) => object(value as Readonly<Record<string, unknown>>);
  return directStringCheck(schema, schema);
}
