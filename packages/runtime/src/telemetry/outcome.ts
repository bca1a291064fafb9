/**
 * What a span and a metric say about how a call or an attempt ended: our error kind as `error.type`, and the
 * vendor's code as `rpc.status_code` only when the contract documents it (`_OTHER` otherwise). Never an error's
 * message, a fault string or an undocumented code: those are vendor text, which may echo anything the
 * request carried (a card number is not a registered secret), and they would make metrics unbounded.
 */
import { type ErrorKind, IntegrationError } from "../errors.js";
import type { OperationDescriptor } from "../operation.js";

/** The conventions' value for "none of the known ones". */
export const OTHER = "_OTHER";

export interface Outcome {
  /** Our error kind; undefined for a success. */
  readonly errorType?: ErrorKind | typeof OTHER | undefined;
  /** The documented vendor code, or `_OTHER`; undefined when the vendor gave none. */
  readonly code?: string | undefined;
  /** The HTTP status of the answer, where there was one. */
  readonly status?: number | undefined;
  /** A short description for the span status, from the contract's words only. */
  readonly description?: string | undefined;
}

/** The documented code `code` of `op` as text, or `_OTHER`. */
export function documentedCode(op: OperationDescriptor, code: unknown): string | undefined {
  if (code === undefined || code === null || code === "") return undefined;
  const text = String(code);
  return op.codes.some((c) => String(c.code) === text) ? text : OTHER;
}

export function successOutcome(op: OperationDescriptor, code: unknown): Outcome {
  return { code: documentedCode(op, code) };
}

export function errorOutcome(op: OperationDescriptor, error: unknown): Outcome {
  if (!(error instanceof IntegrationError)) return { errorType: OTHER, description: OTHER };
  const status = error.status;
  if (error.kind === "service") {
    const code = documentedCode(op, (error as { code?: unknown }).code);
    const documented = code !== OTHER && code !== undefined;
    const meaning = documented ? op.codes.find((c) => String(c.code) === code)?.meaning : undefined;
    return {
      errorType: "service",
      code,
      status,
      description: meaning === undefined ? `service error ${code ?? OTHER}` : `${code}: ${meaning}`,
    };
  }
  return {
    errorType: error.kind,
    code: error.kind === "soap-fault" ? OTHER : undefined,
    status,
    description: status === undefined ? error.kind : `${error.kind} (HTTP ${status})`,
  };
}
