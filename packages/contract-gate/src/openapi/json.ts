/** JSON helpers of the OpenAPI diff: structural equality, documentation keys, and what a node refers to. */
import { componentSchemaName, isJsonObject, jsonPointer } from "@integrations/contract-model";
import { type ChangeLog, normalizeText } from "../diff/change.js";
import { BOTH } from "../diff/policy.js";

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => isJsonObject(v);

/** JSON with sorted keys, for structural equality. */
export function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

export function equal(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

/** Keys that only document: a change to them is a description change. */
export const DOC_KEYS: ReadonlySet<string> = new Set([
  "description",
  "summary",
  "title",
  "examples",
  "example",
  "$comment",
  "externalDocs",
]);

/** One description-changed record for the documentation keys (by default: DOC_KEYS and x-*) that changed. */
export function docChanges(log: ChangeLog, loc: string, a: Obj, b: Obj, keys?: readonly string[]): void {
  const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => (keys ? keys.includes(k) : DOC_KEYS.has(k) || k.startsWith("x-")))
    .filter((k) =>
      typeof a[k] === "string" || typeof b[k] === "string"
        ? normalizeText(String(a[k] ?? "")) !== normalizeText(String(b[k] ?? ""))
        : !equal(a[k], b[k]),
    )
    .sort();
  if (changed.length > 0) {
    log.record(
      "description-changed",
      loc,
      BOTH,
      `${changed.join(", ")} changed: documentation only, nothing on the wire changes`,
    );
  }
}

/**
 * The component schemas a node refers to, directly or through other local `$ref`s (parameters, request
 * bodies), without entering the component schemas themselves. Extensions (`x-*`) are not followed.
 */
export function referencedSchemas(doc: unknown, node: unknown): Set<string> {
  const out = new Set<string>();
  const followed = new Set<string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const item of n) visit(item);
      return;
    }
    if (!isObj(n)) return;
    const ref = n.$ref;
    if (typeof ref === "string") {
      const name = componentSchemaName(ref);
      if (name !== undefined) out.add(name);
      else if (!followed.has(ref)) {
        followed.add(ref);
        visit(jsonPointer(doc, ref));
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== "$ref" && !k.startsWith("x-")) visit(v);
  };
  visit(node);
  return out;
}
