/**
 * A schema as a noun phrase ("an integer of at least 1", "an empty string", "0 or 1"), for the message of an
 * anyOf / oneOf that no alternative matches ("must be an integer of at least 1 or an empty string"). Built from the assertion keywords only; `description` is prose for
 * readers of the contract (it cites sources and explains vendor behaviour) and is not used in messages.
 */
import { subschemas } from "./node-table.js";
import { patternWords } from "./pattern-words.js";
import { child, type Json, type Located, resolveRef, type SchemaObject, typeList } from "./schema.js";
import { enumWords, lengthWords, listOr, rangeWords, typeNoun, valueWords } from "./words.js";

/** The node with the facets of the definition its `$ref` names (its own keywords win). */
export function withRefFacets(node: Located): SchemaObject {
  if (node.schema.$ref === undefined) return node.schema;
  const { $ref: _ref, ...own } = node.schema;
  return { ...withRefFacets(resolveRef(node)), ...own };
}

export function constWords(value: Json): string {
  return value === "" ? "an empty string" : valueWords(value);
}

export function describe(node: Located): string {
  const schema = withRefFacets(node);
  if ("const" in schema) return constWords(schema.const!);
  if (Array.isArray(schema.enum)) return enumWords(schema.enum);
  const types = typeList(schema);
  if (types === undefined) {
    for (const keyword of ["anyOf", "oneOf"] as const) {
      if (schema[keyword] === undefined) continue;
      const located = { ...node, schema };
      return listOr(
        [...subschemas(schema[keyword])].map(([i, sub]) => describe(child(located, sub, keyword, i))),
      );
    }
    return "a valid value";
  }
  return listOr(types.map((type) => typeWords(type, schema)));
}

function typeWords(type: string, schema: SchemaObject): string {
  const num = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
  switch (type) {
    case "string": {
      const min = num("minLength");
      const max = num("maxLength");
      let words = min === 1 && max === undefined ? "a non-empty string" : `a string${lengthWords(min, max)}`;
      if (typeof schema.pattern === "string") {
        const rule = patternWords(schema.pattern);
        words += rule ? ` (it must ${rule})` : ` matching the pattern ${schema.pattern}`;
      }
      return words;
    }
    case "integer":
    case "number":
      return `${typeNoun(type)}${rangeWords(num("minimum"), num("maximum"))}`;
    default:
      return typeNoun(type as "null");
  }
}
