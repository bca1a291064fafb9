/**
 * The rules of the contract extensions in an OpenAPI document (contracts/README.md): the `x-` keys the
 * generators and the runtime act on. One implementation, called by the contract gate's lint (which reports every
 * issue) and by codegen (which refuses a contract with any).
 *
 * - every operation declares `x-idempotent: true|false` (retrying a write must be a decision written in the
 *   contract) and a non-empty `x-result-codes` list;
 * - each result code has a `code` (text or number) listed once, a `meaning`, and `retryable` true|false when
 *   given;
 * - `x-secret` is true|false wherever a schema carries it.
 */
import type { ExtensionIssue } from "../wsdl/extension-rules.js";
import type { JsonValue, OpenApiModel } from "./model.js";
import { isJsonObject } from "./read.js";

/** Schemas nest at most this deep in the walk for `x-secret` (a contract is not that deep). */
const MAX_DEPTH = 64;

/** Every issue with the contract extensions of `model`, in contract order; empty when they are all well-formed. */
export function openApiExtensionIssues(model: OpenApiModel): ExtensionIssue[] {
  const issues: ExtensionIssue[] = [];
  const add = (at: string, message: string) => issues.push({ at, message });
  for (const op of model.operations) {
    const at = op.operationId ?? op.key;
    const idempotent = op.source["x-idempotent"];
    if (idempotent === undefined) add(at, "x-idempotent must be declared, true or false");
    else if (typeof idempotent !== "boolean")
      add(at, `x-idempotent is ${JSON.stringify(idempotent)}; it must be true or false`);
    const codes = op.source["x-result-codes"];
    if (!Array.isArray(codes) || codes.length === 0) {
      add(at, "x-result-codes must list the operation's documented codes");
      continue;
    }
    const seen = new Set<string>();
    for (const [i, entry] of codes.entries()) {
      const where = `${at} › x-result-codes[${i}]`;
      if (!isJsonObject(entry)) {
        add(where, "a result code must be an object { code, meaning, retryable }");
        continue;
      }
      const code = typeof entry.code === "number" ? String(entry.code) : entry.code;
      if (typeof code !== "string" || code === "") add(where, "needs a code");
      else if (seen.has(code)) add(where, `code "${code}" is listed more than once`);
      else seen.add(code);
      if (typeof entry.meaning !== "string" || entry.meaning.trim() === "")
        add(where, `code ${JSON.stringify(code ?? "")} has no meaning`);
      if (entry.retryable !== undefined && typeof entry.retryable !== "boolean")
        add(where, `retryable is ${JSON.stringify(entry.retryable)}; it must be true or false`);
    }
  }
  for (const [name, component] of model.schemas) secretIssues(component.schema, `schema ${name}`, add, 0);
  return issues;
}

function secretIssues(
  schema: JsonValue,
  at: string,
  add: (at: string, message: string) => void,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) secretIssues(item, `${at}[${i}]`, add, depth + 1);
    return;
  }
  if (!isJsonObject(schema)) return;
  const secret = schema["x-secret"];
  if (secret !== undefined && typeof secret !== "boolean")
    add(at, `x-secret is ${JSON.stringify(secret)}; it must be true or false`);
  for (const [key, value] of Object.entries(schema)) {
    if (key !== "x-secret" && (isJsonObject(value) || Array.isArray(value)))
      secretIssues(value, `${at}.${key}`, add, depth + 1);
  }
}
