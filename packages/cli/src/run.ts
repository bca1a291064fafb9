/**
 * `runCli(argv, io)`: the whole CLI, in process. Parses, configures from the environment, calls the client,
 * writes JSON, and resolves to the exit code. Every byte written passes through one output guard that
 * scrubs every secret the process knows (belt and braces: the clients already redact their own).
 *
 * The clients (and the runtime: undici, the XML parser) are loaded only when a call is made, so
 * `--help` and usage errors answer at once.
 */
import type { ClientLogger } from "@integrations/runtime";
import { createRedactor } from "@integrations/runtime/redact";
import { parseCommandLine } from "./args.js";
import {
  describeConfig,
  type EasySecureConfig,
  type EduixConfig,
  type Env,
  easySecureConfig,
  eduixConfig,
  knownSecrets,
  type MokaConfig,
  mokaConfig,
  sandboxFromEnv,
  type Vendor,
} from "./config.js";
import { EXIT, errorJson, exitCodeFor, UsageError } from "./errors.js";
import { mainHelp, operationHelp, vendorHelp } from "./help.js";
import { type HintContext, withCliHints } from "./hints.js";
import { type Clients, operationName } from "./operations.js";
import { VERSION } from "./version.js";

/** Anything with `write(string)`: process.stdout, a stream, or a test's collector. */
export interface Output {
  write(chunk: string): unknown;
}

export interface CliIO {
  /** The environment to read configuration from. Default: `process.env`. */
  env?: Env;
  /** Default: `process.stdout`. */
  stdout?: Output;
  /** Default: `process.stderr`. */
  stderr?: Output;
  /** Aborts the call in flight (the bin wires it to SIGINT); the CLI then exits with 130. */
  signal?: AbortSignal;
  /** Where a secret input given with `--<field>-stdin` is read from. Default: `process.stdin`. */
  stdin?: AsyncIterable<string | Uint8Array> | string;
}

/** Enough for any secret input; more on stdin is refused rather than buffered without bound. */
const MAX_STDIN_BYTES = 64 * 1024;

/** The first line of `source`, without its line break. */
async function firstLine(source: AsyncIterable<string | Uint8Array> | string): Promise<string> {
  let text = "";
  if (typeof source === "string") text = source;
  else {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for await (const chunk of source) {
      text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text.includes("\n")) break;
      if (text.length > MAX_STDIN_BYTES) {
        throw new UsageError(`stdin holds more than ${MAX_STDIN_BYTES} bytes before its first line break`);
      }
    }
  }
  const end = text.indexOf("\n");
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, "");
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and resolves to the exit code. Never
 * rejects and never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIO = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const guard = createRedactor(knownSecrets(env));
  const out = (text: string) => stdout.write(guard(text));
  const err = (text: string) => stderr.write(guard(text));
  let hints: HintContext = { sandbox: false, vendor: undefined };

  try {
    const invocation = parseCommandLine(argv);
    if (invocation.kind === "version") {
      out(`${VERSION}\n`);
      return EXIT.OK;
    }
    if (invocation.kind === "help") {
      const { vendor, operation } = invocation;
      out(operation ? operationHelp(operation) : vendor ? vendorHelp(vendor) : mainHelp());
      return EXIT.OK;
    }

    const { operation, flags, global, issues } = invocation;
    const runtime = await import("@integrations/runtime");
    if (issues.length > 0) throw new runtime.ValidationError(issues, { operation: operationName(operation) });
    // The CheckKeys (from the environment's and the sandbox's Moka credentials) join the guard.
    const { computeCheckKey } = await import("@integrations/moka-client");
    for (const secret of knownSecrets(env, computeCheckKey)) guard.add(secret);

    const sandbox = global.sandbox || sandboxFromEnv(env);
    hints = { sandbox, vendor: operation.vendor };
    const debug = (record: object) => {
      if (global.debug) err(`${JSON.stringify(record)}\n`);
    };
    // A secret a client learns while it runs (the Edu-iX sessionID) joins the guard before anything can quote it,
    // unless the user asked to see it (the one explicit exception: `--show-session-id`).
    const reveal = operation.flags.some((f) => f.name.startsWith("show-") && flags.boolean(f.name));
    const onSecret = (value: string) => {
      if (!reveal) guard.add(value);
    };
    const logger: ClientLogger | undefined = global.debug
      ? (event) => debug({ debug: "attempt", ...event })
      : undefined;
    const configured = (vendor: Vendor, config: MokaConfig | EasySecureConfig | EduixConfig) => {
      debug({ debug: "config", sandbox, ...describeConfig(vendor, config) });
    };

    const factories: Record<Vendor, (options: Record<string, unknown>) => Promise<unknown>> = {
      moka: async () => {
        const config = mokaConfig(env, sandbox);
        configured("moka", config);
        const { createMokaClient } = await import("@integrations/moka-client");
        return createMokaClient({ ...config, logger, onSecret });
      },
      easysecure: async (options) => {
        const config = { ...easySecureConfig(env, sandbox), ...options };
        configured("easysecure", config);
        const { createEasySecureClient } = await import("@integrations/easysecure-client");
        return createEasySecureClient({ ...config, logger, onSecret });
      },
      eduix: async () => {
        const config = eduixConfig(env, sandbox);
        configured("eduix", config);
        const { createEduixClient } = await import("@integrations/eduix-client");
        return createEduixClient({ ...config, logger, onSecret });
      },
    };
    const clients: Clients = {
      get: async (vendor, options = {}) => {
        const create = factories[vendor as Vendor];
        if (create === undefined) throw new TypeError(`no client for vendor ${vendor}`);
        return (await create(options)) as Awaited<ReturnType<Clients["get"]>>;
      },
    };

    if (invocation.bulk) {
      const { runBulkCommand } = await import("./bulk/bulk-command.js");
      return await runBulkCommand({
        operation,
        bulk: invocation.bulk,
        flags,
        clients,
        signal: io.signal,
        guard: (text) => guard(text),
        out,
        err,
        tty: (stderr as { isTTY?: boolean }).isTTY === true,
        secret: (value) => guard.add(value),
      });
    }
    let stdinLine: Promise<string> | undefined;
    const value = await operation.run({
      flags,
      clients,
      signal: io.signal,
      secret: (value) => guard.add(value),
      env: (name) => env[name],
      stdin: () => {
        stdinLine ??= firstLine(io.stdin ?? process.stdin);
        return stdinLine;
      },
    });
    out(json(value === undefined ? null : value));
    return EXIT.OK;
  } catch (error) {
    err(json(withCliHints(errorJson(error), hints)));
    return exitCodeFor(error);
  }
}
