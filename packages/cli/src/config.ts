/**
 * Configuration comes from environment variables only. Secrets (passwords, the ESWS company security code)
 * are never read from flags, and no value of any variable is ever quoted in an error: messages name the
 * variable and the rule.
 */
import type { EasySecureClientOptions } from "@integrations/easysecure-client";
import type { EduixClientOptions, EduixEnvironment } from "@integrations/eduix-client";
import type { MokaClientOptions, MokaEnvironment } from "@integrations/moka-client";
import type { VendorId } from "@integrations/vendors";
import { ConfigError } from "./errors.js";
import { SANDBOX_DEFAULTS } from "./sandbox-defaults.js";

/** The process environment, or any map of names to values (tests pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A vendor's id, as the registry (`@integrations/vendors`) spells it. */
export type Vendor = VendorId;

/** The environments of each vendor, as the clients define them (checked against their types below). */
export const MOKA_ENVIRONMENTS = ["test", "production"] as const;
export const EDUIX_ENVIRONMENTS = ["acceptance", "production", "chain-test"] as const;

/** Compile-time drift check: `true` only when a list names exactly a client's environments. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const ENVIRONMENTS_IN_SYNC: Same<MokaEnvironment, (typeof MOKA_ENVIRONMENTS)[number]> &
  Same<EduixEnvironment, (typeof EDUIX_ENVIRONMENTS)[number]> = true;

export interface EnvVarDoc {
  name: string;
  vendor: Vendor | "all";
  secret: boolean;
  required: boolean;
  description: string;
}

/** Every variable the CLI reads, for `--help` and the README. */
export const ENV_VARS: readonly EnvVarDoc[] = [
  {
    name: "MOKA_BASE_URL",
    vendor: "moka",
    secret: false,
    required: false,
    description: "Base URL (legacy host, proxy, sandbox). Overrides MOKA_ENVIRONMENT.",
  },
  {
    name: "MOKA_ENVIRONMENT",
    vendor: "moka",
    secret: false,
    required: false,
    description: `${MOKA_ENVIRONMENTS.join(" | ")}; default test.`,
  },
  { name: "MOKA_DEALER_CODE", vendor: "moka", secret: false, required: true, description: "DealerCode." },
  { name: "MOKA_USERNAME", vendor: "moka", secret: false, required: true, description: "Username." },
  {
    name: "MOKA_PASSWORD",
    vendor: "moka",
    secret: true,
    required: true,
    description: "Password (secret; the CheckKey is computed from it).",
  },
  {
    name: "EASYSECURE_ENDPOINT",
    vendor: "easysecure",
    secret: false,
    required: false,
    description: "ESWS endpoint; default https://ws.i3.identysoft.com/webservicesesws.",
  },
  {
    name: "EASYSECURE_COMPANY_ID",
    vendor: "easysecure",
    secret: true,
    required: true,
    description: "p_companyID, the company security code (secret).",
  },
  {
    name: "EDUIX_ENDPOINT",
    vendor: "eduix",
    secret: false,
    required: false,
    description: "Account service endpoint. Overrides EDUIX_ENVIRONMENT.",
  },
  {
    name: "EDUIX_ENVIRONMENT",
    vendor: "eduix",
    secret: false,
    required: false,
    description: `${EDUIX_ENVIRONMENTS.join(" | ")}; default acceptance.`,
  },
  {
    name: "EDUIX_USERNAME",
    vendor: "eduix",
    secret: false,
    required: true,
    description: "loginHeader username.",
  },
  {
    name: "EDUIX_PASSWORD",
    vendor: "eduix",
    secret: true,
    required: true,
    description: "loginHeader password (secret).",
  },
  {
    name: "INTEGRATIONS_TIMEOUT_MS",
    vendor: "all",
    secret: false,
    required: false,
    description: "Time limit of each HTTP attempt, in ms; default 30000.",
  },
  {
    name: "INTEGRATIONS_SANDBOX",
    vendor: "all",
    secret: false,
    required: false,
    description: "1 = same as --sandbox.",
  },
];

/** A variable's value; an empty string counts as unset. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

function requireAll(env: Env, names: readonly string[], vendor: Vendor): string[] {
  const missing = names.filter((name) => read(env, name) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`,
      missing,
      `Set ${names.join(", ")} in the environment (secrets are never taken from flags), or add --sandbox to call a local sandbox. See 'integrations ${vendor} --help'.`,
    );
  }
  return names.map((name) => read(env, name)!);
}

function url(env: Env, name: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  let ok = false;
  try {
    const { protocol, host } = new URL(value);
    ok = (protocol === "http:" || protocol === "https:") && host !== "";
  } catch {
    ok = false;
  }
  if (!ok) throw new ConfigError(`${name} must be an http(s) URL`, [name]);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(", ")}`, [name]);
  }
  return value as T;
}

/** INTEGRATIONS_SANDBOX: 1/true/yes turn sandbox mode on, 0/false/no (or unset) leave it off. */
export function sandboxFromEnv(env: Env): boolean {
  const value = read(env, "INTEGRATIONS_SANDBOX")?.toLowerCase();
  if (value === undefined || value === "0" || value === "false" || value === "no") return false;
  if (value === "1" || value === "true" || value === "yes") return true;
  throw new ConfigError("INTEGRATIONS_SANDBOX must be 1 or 0", ["INTEGRATIONS_SANDBOX"]);
}

/** INTEGRATIONS_TIMEOUT_MS, a positive integer; undefined leaves the clients' default (30 000 ms). */
export function timeoutFromEnv(env: Env): number | undefined {
  const value = read(env, "INTEGRATIONS_TIMEOUT_MS");
  if (value === undefined) return undefined;
  const ms = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 1) {
    throw new ConfigError("INTEGRATIONS_TIMEOUT_MS must be a positive integer (milliseconds)", [
      "INTEGRATIONS_TIMEOUT_MS",
    ]);
  }
  return ms;
}

type Base<T> = Omit<T, "dispatcher" | "logger" | "retry" | "maxResponseBytes">;
export type MokaConfig = Base<MokaClientOptions>;
export type EasySecureConfig = Base<EasySecureClientOptions>;
export type EduixConfig = Base<EduixClientOptions>;

/**
 * With `sandbox`, every vendor variable is ignored: the sandbox's default URLs and credentials are used, so a
 * shell configured for production can never send real credentials to the sandbox, nor the sandbox's
 * credentials (or calls) to production.
 */
export function mokaConfig(env: Env, sandbox: boolean): MokaConfig {
  const timeoutMs = timeoutFromEnv(env);
  if (sandbox) return { ...SANDBOX_DEFAULTS.moka, timeoutMs };
  const baseUrl = url(env, "MOKA_BASE_URL");
  const environment = oneOf(env, "MOKA_ENVIRONMENT", MOKA_ENVIRONMENTS);
  const [dealerCode, username, password] = requireAll(
    env,
    ["MOKA_DEALER_CODE", "MOKA_USERNAME", "MOKA_PASSWORD"],
    "moka",
  ) as [string, string, string];
  return { baseUrl, environment, dealerCode, username, password, timeoutMs };
}

export function easySecureConfig(env: Env, sandbox: boolean): EasySecureConfig {
  const timeoutMs = timeoutFromEnv(env);
  if (sandbox) return { ...SANDBOX_DEFAULTS.easysecure, timeoutMs };
  const endpoint = url(env, "EASYSECURE_ENDPOINT");
  const [companyId] = requireAll(env, ["EASYSECURE_COMPANY_ID"], "easysecure") as [string];
  return { endpoint, companyId, timeoutMs };
}

export function eduixConfig(env: Env, sandbox: boolean): EduixConfig {
  const timeoutMs = timeoutFromEnv(env);
  if (sandbox) return { ...SANDBOX_DEFAULTS.eduix, timeoutMs };
  const endpoint = url(env, "EDUIX_ENDPOINT");
  const environment = oneOf(env, "EDUIX_ENVIRONMENT", EDUIX_ENVIRONMENTS);
  const [username, password] = requireAll(env, ["EDUIX_USERNAME", "EDUIX_PASSWORD"], "eduix") as [
    string,
    string,
  ];
  return { endpoint, environment, username, password, timeoutMs };
}

/**
 * Every secret this process could know, whatever the command: the three vendors' secrets from the
 * environment and the sandbox's, and (given `computeCheckKey`, once a call is about to be made) the Moka
 * CheckKeys derived from them. The output guard scrubs them all.
 */
export function knownSecrets(
  env: Env,
  computeCheckKey?: (dealerCode: string, username: string, password: string) => string,
): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined) => {
    if (value !== undefined && value !== "") secrets.push(value);
  };
  const checkKey = (dealerCode?: string, username?: string, password?: string) => {
    if (computeCheckKey && dealerCode && username && password)
      add(computeCheckKey(dealerCode, username, password));
  };
  for (const doc of ENV_VARS) if (doc.secret) add(read(env, doc.name));
  checkKey(read(env, "MOKA_DEALER_CODE"), read(env, "MOKA_USERNAME"), read(env, "MOKA_PASSWORD"));
  const s = SANDBOX_DEFAULTS;
  add(s.moka.password);
  add(s.easysecure.companyId);
  add(s.eduix.password);
  checkKey(s.moka.dealerCode, s.moka.username, s.moka.password);
  return secrets;
}

/** What `--debug` may show of a configuration: URLs, environment names and usernames; secrets only as set/unset. */
export function describeConfig(vendor: Vendor, config: MokaConfig | EasySecureConfig | EduixConfig): object {
  const shown: Record<string, unknown> = { vendor };
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    shown[key] = key === "password" || key === "companyId" ? "[REDACTED]" : value;
  }
  return shown;
}
