/** Reads an OpenAPI 3.x document (YAML or JSON) into the model (openapi/model.ts). */
import { parse as parseYaml } from "yaml";
import { ContractFormatError } from "../errors.js";
import type {
  ComponentSchema,
  JsonObject,
  JsonValue,
  OpenApiModel,
  OpenApiOperation,
  OpenApiResultCode,
  OpenApiServer,
} from "./model.js";

/** The HTTP methods a path item can hold (OpenAPI 3.1 §4.8.9). */
export const HTTP_METHODS: ReadonlySet<string> = new Set([
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
]);

const COMPONENT_SCHEMA = "#/components/schemas/";

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const flag = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

/** The component name of a `$ref` to `#/components/schemas/<name>`, else undefined. */
export function componentSchemaName(ref: unknown): string | undefined {
  return typeof ref === "string" && ref.startsWith(COMPONENT_SCHEMA)
    ? decodeURIComponent(ref.slice(COMPONENT_SCHEMA.length))
    : undefined;
}

/** Resolves a local JSON pointer (`#/components/schemas/Card`) in `doc`. */
export function jsonPointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isJsonObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

/**
 * Parses and reads an OpenAPI document.
 *
 * @throws an error from the YAML parser when the text is not YAML/JSON; ContractFormatError when its root is
 *   not a mapping.
 */
export function loadOpenApi(source: string): OpenApiModel {
  const doc = parseYaml(source) as unknown;
  if (!isJsonObject(doc)) throw new ContractFormatError("not an OpenAPI document: the root is not a mapping");
  return readOpenApi(doc);
}

function resultCodes(value: unknown): OpenApiResultCode[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isJsonObject).map((entry) => ({
    code: String(entry.code),
    meaning: text(entry.meaning),
    retryable: flag(entry.retryable),
    source: entry,
  }));
}

/** Dotted paths of the properties marked `x-secret: true` below `schema`, without following `$ref`s. */
function secretProperties(schema: JsonValue, path: string, out: string[], depth = 0): string[] {
  if (!isJsonObject(schema) || depth > 64) return out;
  const properties = schema.properties;
  if (isJsonObject(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      const at = path === "" ? name : `${path}.${name}`;
      if (isJsonObject(property) && property["x-secret"] === true) out.push(at);
      secretProperties(property, at, out, depth + 1);
    }
  }
  if (schema.items !== undefined) secretProperties(schema.items, `${path}[]`, out, depth + 1);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const members = schema[key];
    if (Array.isArray(members)) for (const m of members) secretProperties(m, path, out, depth + 1);
  }
  return out;
}

export function readOpenApi(doc: JsonObject): OpenApiModel {
  const deref = (value: unknown): unknown => {
    let node = value;
    for (let step = 0; step < 20 && isJsonObject(node) && typeof node.$ref === "string"; step++) {
      node = jsonPointer(doc, node.$ref);
    }
    return node;
  };

  const paths = isJsonObject(doc.paths) ? doc.paths : {};
  const operations: OpenApiOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(rawItem);
    if (!isJsonObject(item)) continue;
    const common = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !isJsonObject(op)) continue;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const parameters = new Map<string, JsonObject>();
      for (const p of [...common, ...own]) {
        const resolved = deref(p);
        if (isJsonObject(resolved))
          parameters.set(`${String(resolved.in)}:${String(resolved.name)}`, resolved);
      }
      const requestBody = deref(op.requestBody);
      const extensions: Record<string, JsonValue> = {};
      for (const [key, value] of Object.entries(op)) if (key.startsWith("x-")) extensions[key] = value;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        operationId: text(op.operationId),
        summary: text(op.summary),
        description: text(op.description),
        parameters: [...parameters.values()],
        requestBody: isJsonObject(requestBody) ? requestBody : undefined,
        responses: isJsonObject(op.responses) ? op.responses : {},
        resultCodes: resultCodes(op["x-result-codes"]),
        idempotent: flag(op["x-idempotent"]),
        quirk: text(op["x-quirk"]),
        extensions,
        source: op,
      });
    }
  }

  const servers: OpenApiServer[] = (Array.isArray(doc.servers) ? doc.servers : [])
    .filter(isJsonObject)
    .map((s) => ({
      url: text(s.url),
      description: text(s.description),
      environment: text(s["x-environment"]),
      source: s,
    }));

  const components = isJsonObject(doc.components) ? doc.components : {};
  const schemas = new Map<string, ComponentSchema>();
  for (const [name, schema] of Object.entries(isJsonObject(components.schemas) ? components.schemas : {})) {
    if (!isJsonObject(schema)) continue;
    schemas.set(name, { name, schema, secretProperties: secretProperties(schema, "", []) });
  }

  return {
    document: doc,
    openapi: text(doc.openapi),
    servers,
    paths: Object.keys(paths),
    operations,
    schemas,
    deref,
  };
}
