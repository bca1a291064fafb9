/**
 * The options every vendor client takes, so they mean the same thing everywhere. Each client extends
 * `ClientTransportOptions` with its credentials and endpoint, and documents which of its operations `retry`
 * applies to (only idempotent ones are ever retried automatically).
 */
import type { Dispatcher } from "undici";
import type { RetryOption } from "./call.js";
import type { ClientLogger } from "./logging.js";

export interface ClientTransportOptions {
  /** Time limit of each attempt, in ms, from sending to the last byte of the answer. Default 30 000. */
  timeoutMs?: number;
  /** An undici dispatcher (Agent, Pool, ProxyAgent, MockAgent …); default: undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Larger answers are abandoned with `MalformedResponseError("too-large")`. Default 16 MiB. */
  maxResponseBytes?: number;
  /**
   * Automatic retries (exponential backoff, full jitter) after transport failures and 5xx answers, for the
   * client's idempotent operations only; `false` disables them. Default: 3 attempts.
   */
  retry?: RetryOption;
  /** One structured event per attempt: facts only, never a credential or a session identifier. */
  logger?: ClientLogger;
  /**
   * Called with every secret the client learns while it runs (an Edu-iX sessionID), before anything can quote
   * it, so that the caller's own output (a log sink, a CLI) can scrub it too.
   */
  onSecret?: (value: string) => void;
}

/** Per-call options, the last argument of every client method. */
export interface CallOptions {
  /** Aborts the call: it rejects with `AbortError`. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}
