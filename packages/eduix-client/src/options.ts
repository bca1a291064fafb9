/**
 * Client options: the environments, the defaults, and the checks made when a client is created.
 */
import { endpoints, LoginHeaderSchema } from "@integrations/eduix-types";
import {
  type ClientTransportOptions,
  type RetryOption,
  ValidationError,
  type ValidationIssue,
  validationIssues,
} from "@integrations/runtime";

export type EduixEnvironment = keyof typeof endpoints;

/**
 * The default environment. Acceptance, not production: a client created without thought (a test, a
 * script, a copied snippet) must never create or delete prematches on the live service by accident.
 */
export const DEFAULT_ENVIRONMENT: EduixEnvironment = "acceptance";

export interface EduixClientOptions extends ClientTransportOptions {
  /** Selects the endpoint (NOTES: production, acceptance, chain test). Default `"acceptance"`. */
  environment?: EduixEnvironment;
  /** Overrides `environment`, e.g. a sandbox or a proxy. */
  endpoint?: string;
  /** loginHeader username (string100). */
  username: string;
  /** loginHeader password (string64). Never logged, never in an error. */
  password: string;
  /**
   * Automatic retries on transport failures and 5xx, for the read operations `login` and `getKey` only;
   * `false` disables them. createKey and deleteKey are never retried automatically.
   */
  retry?: RetryOption;
}

/** The endpoint URL, or a ValidationError naming every bad option (never quoting the password). */
export function resolveEndpoint(options: EduixClientOptions): string {
  const issues: ValidationIssue[] = [];
  for (const field of ["username", "password"] as const) {
    if (typeof options[field] !== "string" || options[field].length === 0) {
      issues.push({ field, rule: "required", message: "must be a non-empty string" });
    }
  }
  if (issues.length === 0 && !withinLoginHeaderLimits(options.username, options.password)) {
    issues.push(
      ...validationIssues(LoginHeaderSchema, { username: options.username, password: options.password }),
    );
  }
  const environment = options.environment ?? DEFAULT_ENVIRONMENT;
  if (!Object.hasOwn(endpoints, environment)) {
    issues.push({
      field: "environment",
      rule: "enum",
      message: `must be one of ${Object.keys(endpoints).join(", ")}`,
    });
  }
  if (options.endpoint !== undefined && !isHttpUrl(options.endpoint)) {
    issues.push({ field: "endpoint", rule: "format", message: "must be an http(s) URL" });
  }
  if (issues.length > 0) throw new ValidationError(issues, { operation: "createEduixClient" });
  return options.endpoint ?? endpoints[environment];
}

type SchemaNode = { readonly [key: string]: unknown };

const OBJECT_KEYWORDS = new Set([
  "$schema",
  "$id",
  "description",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "$defs",
]);
const STRING_KEYWORDS = new Set(["description", "type", "maxLength"]);

/**
 * The loginHeader schema's limits, when it is what it has always been: an object of two strings with only a
 * maxLength each (through a local `$ref`) and no other property. `undefined` for anything else, so a
 * regenerated contract with a new rule goes back to the full schema check.
 */
const LOGIN_HEADER_LIMITS = plainStringLimits(LoginHeaderSchema as unknown as SchemaNode, [
  "username",
  "password",
]);

/**
 * True when the full LoginHeader schema check would certainly find nothing, so creating a client compiles no
 * JSON Schema. Both are known non-empty strings here; a string's length in code points (what maxLength
 * counts) is never more than its UTF-16 length, so `length <= limit` is valid. Anything else (over a limit
 * in UTF-16 units, an unrecognised schema) is left to the schema check, which then reports the issues.
 */
function withinLoginHeaderLimits(username: string, password: string): boolean {
  if (LOGIN_HEADER_LIMITS === undefined) return false;
  const [usernameMax, passwordMax] = LOGIN_HEADER_LIMITS;
  return username.length <= (usernameMax as number) && password.length <= (passwordMax as number);
}

/**
 * The maxLength of each of `names`, if `schema` is exactly an object of those plain strings (any of them may
 * be required: callers always supply every one); else undefined.
 */
export function plainStringLimits(schema: SchemaNode, names: readonly string[]): number[] | undefined {
  if (schema.type !== "object" || schema.additionalProperties !== false) return undefined;
  const required = schema.required ?? [];
  if (!Array.isArray(required) || !required.every((r) => names.includes(r))) return undefined;
  if (!Object.keys(schema).every((k) => OBJECT_KEYWORDS.has(k))) return undefined;
  const properties = schema.properties as SchemaNode | undefined;
  if (properties === undefined || Object.keys(properties).length !== names.length) return undefined;
  const defs = (schema.$defs ?? {}) as SchemaNode;
  const limits: number[] = [];
  for (const name of names) {
    let node = properties[name] as SchemaNode | undefined;
    if (node === undefined) return undefined;
    const ref = node.$ref;
    if (ref !== undefined) {
      if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) return undefined;
      if (Object.keys(node).some((k) => k !== "$ref" && k !== "description")) return undefined;
      node = defs[ref.slice("#/$defs/".length)] as SchemaNode | undefined;
      if (node === undefined) return undefined;
    }
    if (node.type !== "string" || !Object.keys(node).every((k) => STRING_KEYWORDS.has(k))) return undefined;
    if (typeof node.maxLength !== "number") return undefined;
    limits.push(node.maxLength);
  }
  return limits;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const { protocol } = new URL(value);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}
