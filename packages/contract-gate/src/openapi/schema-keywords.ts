/**
 * JSON Schema keywords as the OpenAPI diff reads them: the schema normalised (boolean schemas, OAS 3.0
 * `nullable`, `const`, a one-member `allOf`), its types, and its value restrictions as a facet set.
 */
import type { FacetSet } from "../diff/facets.js";
import { DOC_KEYS, isObj, type Obj, stable } from "./json.js";

const LIMIT_KEYS = [
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "maxProperties",
  "minProperties",
  "multipleOf",
] as const;

/** Schema keywords this walker understands (anything else that changes is treated as breaking). */
export const SCHEMA_KEYS = new Set<string>([
  ...LIMIT_KEYS,
  ...["$ref", "type", "enum", "const", "format", "pattern", "uniqueItems", "properties", "required"],
  ...["additionalProperties", "items", "prefixItems", "anyOf", "oneOf", "allOf", "not", "default"],
  ...["deprecated", "nullable", "readOnly", "writeOnly", "discriminator"],
]);

/** Normalizes a schema: boolean schemas, OAS 3.0 nullable, const, and a one-member allOf merged into its parent. */
export function normalize(raw: unknown): { s: Obj; merged: boolean } {
  if (raw === true || raw === undefined) return { s: {}, merged: false };
  if (raw === false) return { s: { not: {} }, merged: false };
  if (!isObj(raw)) return { s: {}, merged: false };
  let s: Obj = { ...raw };
  let merged = false;
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && isObj(s.allOf[0]) && s.allOf[0].$ref === undefined) {
    const member = s.allOf[0];
    const overlap = Object.keys(member).some((k) => k in s && k !== "allOf" && !DOC_KEYS.has(k));
    if (!overlap) {
      const { allOf: _drop, ...rest } = s;
      s = { ...member, ...rest };
      merged = true;
    }
  }
  if (s.nullable === true) {
    const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : undefined;
    if (types && !types.includes("null")) s.type = [...types, "null"];
    delete s.nullable;
  } else if (s.nullable === false) delete s.nullable;
  if ("const" in s) {
    s.enum = [s.const];
    delete s.const;
  }
  return { s, merged };
}

export function types(s: Obj): string[] | undefined {
  if (typeof s.type === "string") return [s.type];
  if (Array.isArray(s.type)) return s.type.map(String);
  return undefined;
}

/** Whether type set `wide` accepts every value of `narrow` (no type: any value; integer ⊂ number). */
export function coversTypes(wide: string[] | undefined, narrow: string[] | undefined): boolean {
  if (!wide) return true;
  if (!narrow) return false;
  return narrow.every((t) => wide.includes(t) || (t === "integer" && wide.includes("number")));
}

export function facets(s: Obj): FacetSet {
  const limits: Record<string, number> = {};
  const other: Record<string, string> = {};
  for (const k of LIMIT_KEYS) {
    const v = s[k];
    if (typeof v === "number") limits[k] = v;
    else if (v !== undefined) other[k] = JSON.stringify(v);
  }
  if (s.format !== undefined) other.format = String(s.format);
  if (s.uniqueItems !== undefined) other.uniqueItems = String(s.uniqueItems);
  return {
    limits,
    patterns: typeof s.pattern === "string" ? [s.pattern] : [],
    enumeration: Array.isArray(s.enum) ? s.enum.map((v) => stable(v)) : undefined,
    other,
  };
}
