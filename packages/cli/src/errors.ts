/**
 * The CLI's own errors (the command line or the environment is wrong) and the mapping from any error to an
 * exit code. Vendor, validation and transport errors are the clients' typed `IntegrationError`s, shown
 * through their own `toJSON()`.
 */
import type { ErrorKind } from "@integrations/runtime";

/** The shape of the runtime's `IntegrationError`, checked by `kind` (instanceof breaks across package copies). */
export interface TypedError extends Error {
  kind: ErrorKind;
  toJSON(): Record<string, unknown>;
}

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "validation",
  "network",
  "timeout",
  "abort",
  "http-status",
  "malformed-response",
  "soap-fault",
  "service",
]);

export function isTypedError(error: unknown): error is TypedError {
  return (
    error instanceof Error &&
    KINDS.has((error as { kind?: unknown }).kind as string) &&
    typeof (error as { toJSON?: unknown }).toJSON === "function"
  );
}

/** The exit codes, documented in `--help` and the README. */
export const EXIT = Object.freeze({
  /** The call succeeded; the value is on stdout. */
  OK: 0,
  /** The vendor answered with an error: a documented (or undocumented) result code, or a SOAP fault. */
  SERVICE: 1,
  /** The command line or the configuration is wrong: unknown command or flag, missing flag, missing variable. */
  USAGE: 2,
  /** The input breaks the contract; rejected before anything was sent. */
  VALIDATION: 3,
  /** No usable answer: connection failure, timeout, unexpected HTTP status, malformed response. */
  TRANSPORT: 4,
  /** A bug in the CLI (an error that is not one of the typed errors). */
  INTERNAL: 70,
  /** Interrupted (Ctrl-C / SIGINT) while a call was in flight. */
  INTERRUPTED: 130,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A wrong command line or environment. Never quotes a flag's value or an environment variable's value. */
export class UsageError extends Error {
  readonly kind = "usage" as const;
  /** What to do about it, e.g. "Run 'integrations moka --help'." */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message, hint: this.hint };
  }
}

/** A missing or invalid environment variable (exit code 2, like a usage error). */
export class ConfigError extends UsageError {
  /** The environment variables concerned (names only, never values). */
  readonly variables: readonly string[];

  constructor(message: string, variables: readonly string[], hint?: string) {
    super(message, hint);
    this.name = "ConfigError";
    this.variables = variables;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), kind: "config", variables: this.variables };
  }
}

/** The exit code for any thrown value. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.USAGE;
  if (isTypedError(error)) {
    switch (error.kind) {
      case "service":
      case "soap-fault":
        return EXIT.SERVICE;
      case "validation":
        return EXIT.VALIDATION;
      case "abort":
        return EXIT.INTERRUPTED;
      case "network":
      case "timeout":
      case "http-status":
      case "malformed-response":
        return EXIT.TRANSPORT;
    }
  }
  return EXIT.INTERNAL;
}

/** The JSON shown on stderr for a failure (before redaction). */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof UsageError || isTypedError(error)) return error.toJSON();
  // Not one of ours: show its class and message only (no stack, no cause chain, no own properties).
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return { name, kind: "internal", message };
}
