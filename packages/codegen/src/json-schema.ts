/**
 * Turns one OpenAPI 3.1 component schema into a standalone JSON Schema (draft 2020-12): the schemas it
 * references are copied under `$defs` and `#/components/schemas/X` becomes `#/$defs/X`. Vendor extensions
 * (`x-*`) and `example(s)` are dropped: they are documentation, not rules.
 */
import type { JsonValue as Json, JsonObject } from "@integrations/contract-model";

export type { JsonObject };

const COMPONENT_REF = "#/components/schemas/";

export function standaloneSchema(
  components: Record<string, JsonObject>,
  name: string,
  id: string,
): JsonObject {
  const needed = new Set<string>();
  const visit = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node && typeof node === "object") {
      const ref = node.$ref;
      if (typeof ref === "string" && ref.startsWith(COMPONENT_REF)) {
        const target = ref.slice(COMPONENT_REF.length);
        if (!components[target]) throw new Error(`unresolved $ref ${ref}`);
        if (!needed.has(target)) {
          needed.add(target);
          visit(components[target]);
        }
      }
      for (const value of Object.values(node)) visit(value);
    }
  };
  const root = components[name];
  if (!root) throw new Error(`no component schema ${name}`);
  visit(root);
  needed.delete(name);
  const out: JsonObject = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: id,
    ...clean(root),
  };
  if (needed.size > 0) {
    const defs: JsonObject = {};
    for (const def of [...needed].sort()) defs[def] = clean(components[def]!);
    out.$defs = defs;
  }
  return out;
}

function clean(node: Json): JsonObject {
  return rewrite(node) as JsonObject;
}

function rewrite(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || key === "example" || key === "examples") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF)) {
      out.$ref = `#/$defs/${value.slice(COMPONENT_REF.length)}`;
    } else {
      out[key] = rewrite(value);
    }
  }
  return out;
}
