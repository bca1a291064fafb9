/**
 * The JSON Schema subset the generated validators implement, with draft 2020-12 semantics as ajv applies them
 * (the runtime's former validator). It is exactly the set of keywords the contracts use; a schema with any
 * other keyword fails codegen, so a contract can never carry a rule that is silently not checked.
 */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type SchemaObject = { readonly [key: string]: Json };

/** Keywords that assert nothing: documentation and identification. */
export const ANNOTATIONS: ReadonlySet<string> = new Set(["$schema", "$id", "description"]);

/** Every keyword a validator is generated for. */
export const ASSERTIONS: ReadonlySet<string> = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "maxProperties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
]);

/** The JSON types of `type`; "integer" is a number without a fractional part. */
export const JSON_TYPES = ["null", "boolean", "object", "array", "string", "number", "integer"] as const;
export type JsonType = (typeof JSON_TYPES)[number];

export function isSchemaObject(value: Json | undefined): value is SchemaObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Where a schema sits, for error messages and for the comment above its generated functions. */
export interface Located {
  readonly schema: SchemaObject;
  /** The standalone schema it belongs to (its `$defs` resolve `$ref`). */
  readonly root: SchemaObject;
  /** e.g. `GetCardListRequestSchema#/$defs/DealerCustomerRequest/properties/CustomerCode`. */
  readonly where: string;
}

/** Checks the keywords of one schema object (not its subschemas) and the shape of each value. */
export function checkKeywords(node: Located): void {
  const { schema, where } = node;
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why}`);
  };
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$defs") {
      if (schema !== node.root) fail("$defs is only supported at the root of a standalone schema");
      if (!isSchemaObject(value)) fail("$defs must be an object of schemas");
      continue;
    }
    if (ANNOTATIONS.has(key)) {
      if (key === "$id" && schema !== node.root)
        fail("a nested $id changes how $ref resolves; not supported");
      continue;
    }
    if (!ASSERTIONS.has(key)) {
      fail(
        `the keyword "${key}" is not supported by the validator generator (supported: ${[...ASSERTIONS].join(", ")})`,
      );
    }
    switch (key) {
      case "$ref":
        if (typeof value !== "string" || !/^#\/\$defs\/[^/~]+$/.test(value)) {
          fail(`$ref ${JSON.stringify(value)}: only "#/$defs/<name>" is supported`);
        }
        break;
      case "type": {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0 || !list.every((t) => JSON_TYPES.includes(t as JsonType))) {
          fail(`type ${JSON.stringify(value)} is not a JSON type or a list of them`);
        }
        break;
      }
      case "enum":
        if (!Array.isArray(value) || value.length === 0) fail("enum must be a non-empty list");
        for (const v of value as Json[])
          if (v !== null && typeof v === "object") fail("enum of objects or lists");
        break;
      case "const":
        if (value !== null && typeof value === "object")
          fail("const of an object or a list is not supported");
        break;
      case "minLength":
      case "maxLength":
      case "maxProperties":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
          fail(`${key} must be an integer ≥ 0`);
        break;
      case "minimum":
      case "maximum":
        if (typeof value !== "number" || !Number.isFinite(value)) fail(`${key} must be a finite number`);
        break;
      case "pattern":
        if (typeof value !== "string") fail("pattern must be a string");
        try {
          new RegExp(value as string, "u");
        } catch (error) {
          fail(
            `pattern ${JSON.stringify(value)} is not a valid JavaScript regular expression with the u flag (${(error as Error).message})`,
          );
        }
        break;
      case "required":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
          fail("required must list names");
        break;
      case "properties":
        if (!isSchemaObject(value)) fail("properties must be an object of schemas");
        for (const sub of Object.values(value as SchemaObject))
          if (!isSchemaObject(sub)) fail("a property schema must be an object");
        break;
      case "additionalProperties":
        if (value !== false && !isSchemaObject(value)) fail("additionalProperties must be false or a schema");
        break;
      case "propertyNames":
      case "items":
        if (!isSchemaObject(value)) fail(`${key} must be a schema (boolean schemas are not supported)`);
        break;
      case "allOf":
      case "anyOf":
      case "oneOf":
        if (!Array.isArray(value) || value.length === 0 || !value.every((v) => isSchemaObject(v))) {
          fail(`${key} must be a non-empty list of schemas`);
        }
        break;
    }
  }
}

/** The definition a `$ref` names. */
export function resolveRef(node: Located): Located {
  const ref = node.schema.$ref as string;
  const name = ref.slice("#/$defs/".length);
  const defs = node.root.$defs;
  const target = isSchemaObject(defs) && Object.hasOwn(defs, name) ? defs[name] : undefined;
  if (!isSchemaObject(target)) throw new Error(`${node.where}: unresolved $ref ${ref}`);
  return { schema: target, root: node.root, where: `${rootName(node.where)}#/$defs/${name}` };
}

function rootName(where: string): string {
  const hash = where.indexOf("#");
  return hash < 0 ? where : where.slice(0, hash);
}

/** A subschema of `node` under `path` (JSON pointer segments). */
export function child(node: Located, schema: SchemaObject, ...path: (string | number)[]): Located {
  const pointer = path.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
  const base = node.where.includes("#") ? node.where : `${node.where}#`;
  return { schema, root: node.root, where: `${base}/${pointer}` };
}

/** The `type` keyword as a list, or undefined. */
export function typeList(schema: SchemaObject): JsonType[] | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? type : [type]) as JsonType[];
}
