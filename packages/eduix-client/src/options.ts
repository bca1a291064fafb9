/**
 * Client options: the environments, the defaults, and the checks made when a client is created.
 */
import { endpoints, validateLoginHeader } from "@integrations/eduix-types";
import {
  type ClientTransportOptions,
  type RetryOption,
  transportOptionIssues,
  ValidationError,
  type ValidationIssue,
} from "@integrations/runtime";

export type EduixEnvironment = keyof typeof endpoints;

/**
 * The default environment. Acceptance, not production: a client created without thought (a test, a
 * script, a copied snippet) must never create or delete prematches on the live service by accident.
 */
export const DEFAULT_ENVIRONMENT: EduixEnvironment = "acceptance";

export interface EduixClientOptions extends ClientTransportOptions {
  /** Selects the endpoint (contracts/eduix/README.md, "Endpoints": production, acceptance, chain test). Default `"acceptance"`. */
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
  // The generated loginHeader validator is plain code: checking the credentials at creation costs nothing.
  if (issues.length === 0) {
    issues.push(...validateLoginHeader({ username: options.username, password: options.password }));
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
  issues.push(...transportOptionIssues(options as unknown as Record<string, unknown>));
  if (issues.length > 0) throw new ValidationError(issues, { operation: "createEduixClient" });
  return options.endpoint ?? endpoints[environment];
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
