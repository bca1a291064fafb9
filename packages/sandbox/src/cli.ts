/**
 * Command line and environment of `node dist/main.js` (`pnpm start`). Flags win over environment variables,
 * which win over the defaults; a vendor's own port wins over `--port`.
 */
import { parseFaults } from "./faults.js";
import type { SandboxOptions } from "./server.js";
import { DEFAULT_HOST, DEFAULT_PORTS, VENDORS, type Vendor } from "./vendors.js";

export interface CliConfig {
  options: SandboxOptions & { ports: Record<Vendor, number>; host: string };
  tour: boolean;
  exitAfterTour: boolean;
  /** Print the OpenTelemetry spans of the tour's calls after its table. */
  trace: boolean;
  quiet: boolean;
  help: boolean;
}

export class CliError extends Error {
  override readonly name = "CliError";
}

/** The environment variable of a vendor's own port: `SANDBOX_EASYSECURE_PORT` … (the registry's id). */
function portVariable(vendor: Vendor): string {
  return `SANDBOX_${vendor.toUpperCase()}_PORT`;
}

export const USAGE = `Usage: node packages/sandbox/dist/main.js [options]      (or: pnpm start -- [options])

Starts the sandbox (EasySecure ESWS, Moka United, Edu-iX on loopback), runs the tour of every client
operation, prints the results and keeps running until Ctrl-C.

Options (environment variable in brackets):
  --host <addr>               interface to listen on [SANDBOX_HOST] (default ${DEFAULT_HOST})
  --port <n>                  ${VENDORS.map((vendor, i) => `${vendor} on n${i === 0 ? "" : `+${i}`}`).join(", ")}; 0 = free ports [SANDBOX_PORT]
${VENDORS.map((vendor) => `  ${`--${vendor}-port <n>`.padEnd(28)}[${portVariable(vendor)}] (default ${DEFAULT_PORTS[vendor]})`).join("\n")}
  --seed <file>               seed data and credentials [SANDBOX_SEED] (default: seed/default.json)
  --fault <list>              faults for the whole run, repeatable [SANDBOX_FAULTS]
                              e.g. latency=300 | drop | drop-after | html-500 | truncate | expire-session | moka:drop | drop=2%
  --eduix-session-ttl <ms>    idle lifetime of an Edu-iX session [SANDBOX_EDUIX_SESSION_TTL_MS] (default 1200000)
  --max-body-bytes <n>        largest request body [SANDBOX_MAX_BODY_BYTES] (default 1048576)
  --no-tour                   start without running the tour [SANDBOX_NO_TOUR=1]
  --exit-after-tour           run the tour, then exit (exit code 1 if a step missed its expected outcome)
  --trace                     print the OpenTelemetry spans of the tour's calls after its table
  --quiet                     no per-request log lines [SANDBOX_QUIET=1]
  --help                      this text
`;

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text.trim()))
    throw new CliError(`${name} must be a whole number, got "${text.slice(0, 40)}"`);
  const n = Number(text.trim());
  if (n < min || n > max) throw new CliError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

const port = (name: string, text: string): number => integer(name, text, 0, 65535);

const VALUE_FLAGS = new Set([
  "--host",
  "--port",
  ...VENDORS.map((vendor) => `--${vendor}-port`),
  "--seed",
  "--fault",
  "--eduix-session-ttl",
  "--max-body-bytes",
]);
const BOOLEAN_FLAGS = new Set(["--no-tour", "--exit-after-tour", "--trace", "--quiet", "--help", "-h"]);

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/** Parses argv (without node and the script) and the environment. Throws CliError on bad input. */
export function parseCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliConfig {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new CliError(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (BOOLEAN_FLAGS.has(arg)) {
      flags.add(arg);
    } else {
      throw new CliError(`unknown option ${arg.slice(0, 40)} (see --help)`);
    }
  }
  const last = (name: string): string | undefined => values.get(name)?.at(-1);

  const basePortText = last("--port") ?? env.SANDBOX_PORT;
  const portFlag = last("--port");
  const ports = {} as Record<Vendor, number>;
  VENDORS.forEach((vendor, index) => {
    const own = last(`--${vendor}-port`);
    const ownEnv = env[portVariable(vendor)];
    const fromBase = (text: string, name: string): number => {
      const base = port(name, text);
      return base === 0 ? 0 : port(name, String(base + index));
    };
    if (own !== undefined) ports[vendor] = port(`--${vendor}-port`, own);
    else if (portFlag !== undefined) ports[vendor] = fromBase(portFlag, "--port");
    else if (ownEnv !== undefined && ownEnv !== "") ports[vendor] = port(portVariable(vendor), ownEnv);
    else if (basePortText !== undefined && basePortText !== "")
      ports[vendor] = fromBase(basePortText, "SANDBOX_PORT");
    else ports[vendor] = DEFAULT_PORTS[vendor];
  });

  const faultList = values.get("--fault") ?? (env.SANDBOX_FAULTS ? [env.SANDBOX_FAULTS] : []);
  try {
    parseFaults(faultList);
  } catch (error) {
    throw new CliError((error as Error).message);
  }

  const options: CliConfig["options"] = {
    host: last("--host") ?? (env.SANDBOX_HOST || DEFAULT_HOST),
    ports,
  };
  const seed = last("--seed") ?? (env.SANDBOX_SEED || undefined);
  if (seed !== undefined) options.seed = seed;
  if (faultList.length > 0) options.faults = faultList;
  const ttl = last("--eduix-session-ttl") ?? (env.SANDBOX_EDUIX_SESSION_TTL_MS || undefined);
  if (ttl !== undefined)
    options.eduixSessionTtlMs = integer("--eduix-session-ttl", ttl, 0, 7 * 24 * 3600 * 1000);
  const maxBody = last("--max-body-bytes") ?? (env.SANDBOX_MAX_BODY_BYTES || undefined);
  if (maxBody !== undefined)
    options.maxBodyBytes = integer("--max-body-bytes", maxBody, 1, 1024 * 1024 * 1024);

  return {
    options,
    tour: !flags.has("--no-tour") && !truthy(env.SANDBOX_NO_TOUR),
    exitAfterTour: flags.has("--exit-after-tour"),
    trace: flags.has("--trace"),
    quiet: flags.has("--quiet") || truthy(env.SANDBOX_QUIET),
    help: flags.has("--help") || flags.has("-h"),
  };
}
