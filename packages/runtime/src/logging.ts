/**
 * A structured log hook. Clients call it once per attempt with facts only (operation, outcome, timing,
 * codes); never with request bodies, credentials or session identifiers, so any sink is safe.
 */
import type { ErrorKind } from "./errors.js";

export interface ClientLogEvent {
  /** The vendor's registry id, as data (`moka`, `easysecure`, `eduix`, or any vendor added later). */
  vendor: string;
  operation: string;
  attempt: number;
  outcome: "success" | "error";
  durationMs: number;
  status?: number | undefined;
  errorKind?: ErrorKind | undefined;
  code?: string | number | undefined;
  message?: string | undefined;
  /** On a failed attempt that will be retried: the backoff delay chosen before the next attempt. */
  retryInMs?: number | undefined;
  /**
   * Set on an extra event, logged just before the attempt's own, when the attempt's recording (client option
   * `recorder`) could not be written; `message` says why. The call's outcome is unchanged.
   */
  recording?: "not-written" | undefined;
}

export type ClientLogger = (event: ClientLogEvent) => void;
