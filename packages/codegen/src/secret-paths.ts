/**
 * The fields a JSON-Schema-like tree marks secret (`x-secret: true` in OpenAPI), as dotted paths from the root
 * schema: `DealerCustomerAuthentication.CheckKey`, `Data.CustomerList[].Password`. References are followed. A
 * recursive schema would need paths of any depth, so it fails codegen rather than leave a secret unlisted.
 */
import type { JsonObject } from "./json-schema.js";

const COMPONENT_REF = "#/components/schemas/";

export function secretPaths(components: Record<string, JsonObject>, root: string): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, path: string, seen: ReadonlySet<string>): void => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    const schema = node as JsonObject;
    if (schema["x-secret"] === true && path !== "") found.add(path);
    const ref = schema.$ref;
    if (typeof ref === "string" && ref.startsWith(COMPONENT_REF)) {
      const name = ref.slice(COMPONENT_REF.length);
      if (seen.has(name)) {
        throw new Error(
          `${root}: ${path} refers back to ${name}; secret paths of recursive schemas are not supported`,
        );
      }
      walk(components[name], path, new Set([...seen, name]));
    }
    const properties = schema.properties;
    if (properties && typeof properties === "object" && !Array.isArray(properties)) {
      for (const [key, child] of Object.entries(properties)) walk(child, path ? `${path}.${key}` : key, seen);
    }
    if (schema.items !== undefined) walk(schema.items, `${path}[]`, seen);
    for (const keyword of ["anyOf", "oneOf", "allOf"] as const) {
      const list = schema[keyword];
      if (Array.isArray(list)) for (const branch of list) walk(branch, path, seen);
    }
  };
  walk(components[root], "", new Set([root]));
  return [...found];
}
