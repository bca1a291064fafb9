/**
 * JSON Schema validation for the contract tests. Deliberately its own Ajv instance (not the runtime's
 * validator): the contract suite checks the clients, so it must not share their code path.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { ContractIssue } from "./plugin.js";

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const cache = new WeakMap<object, ValidateFunction>();

export function jsonSchemaIssues(schema: object, value: unknown): ContractIssue[] {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    rule: e.keyword,
    path: e.instancePath,
    message: `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  }));
}

export function jsonTextIssues(schema: object, text: string): ContractIssue[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ rule: "json", path: "", message: `not JSON: ${(error as Error).message}` }];
  }
  return jsonSchemaIssues(schema, value);
}
