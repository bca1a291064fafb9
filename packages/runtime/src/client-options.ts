/**
 * The options every vendor client takes, so they mean the same thing everywhere. Each client extends
 * `ClientTransportOptions` with its credentials and endpoint, and documents which of its operations `retry`
 * applies to (only idempotent ones are ever retried automatically).
 */
import { constants } from "node:buffer";
import type { RetryOption } from "./call.js";
import type { ValidationIssue } from "./errors.js";
import type { ClientLogger } from "./logging.js";
import { isRecorder, type Recorder } from "./recording/recorder.js";
import { type TelemetryOption, telemetryOptionIssues } from "./telemetry/telemetry-options.js";
import { type HttpAgent, isHttpAgent } from "./transport-node.js";
import type { Dispatcher } from "./undici-dispatcher.js";

export interface ClientTransportOptions {
  /**
   * Time limit of each attempt, in ms, from sending to the last byte of the answer: a whole number from 1 to
   * 2^31 − 1. Default 30 000. Also the longest `Retry-After` a retry waits for.
   */
  timeoutMs?: number;
  /**
   * An undici dispatcher (Agent, Pool, ProxyAgent, EnvHttpProxyAgent, MockAgent …) to send through, for high
   * call rates, proxies or mocking. Default: node:http(s) with a keep-alive Agent (undici is then not needed).
   */
  dispatcher?: Dispatcher;
  /**
   * The node:http(s) Agent of the default transport (an `https.Agent` for an https endpoint), e.g. for a
   * private CA, a client certificate or socket limits. Default: a shared keep-alive Agent. Not combined with
   * `dispatcher`.
   */
  agent?: HttpAgent;
  /**
   * Larger answers (also once decompressed) are abandoned with `MalformedResponseError("too-large")`.
   * A whole number of bytes. Default 16 MiB.
   */
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
  /**
   * OpenTelemetry spans and metrics of every call (runtime README, "Telemetry"). Default: the providers
   * registered with `@opentelemetry/api`, when it is installed; `false` turns telemetry off; or the providers to
   * use: `{ tracerProvider, meterProvider }`.
   */
  telemetry?: TelemetryOption;
  /**
   * Records every attempt, scrubbed, in the fixture layout (runtime README, "Recording"); `false` turns off the
   * recording `INTEGRATIONS_RECORD=<dir>` asks for. Default: that variable's recorder, or none.
   */
  recorder?: Recorder | false;
}

/** Per-call options, the last argument of every client method. */
export interface CallOptions {
  /** Aborts the call: it rejects with `AbortError`. */
  signal?: AbortSignal;
  /**
   * The time limit of this call, in ms: it bounds everything the call waits for (an Edu-iX call's wait for the
   * shared login included) and each attempt. Overrides the client's `timeoutMs` for this call.
   */
  timeoutMs?: number;
}

/** The longest delay Node's timers accept (2^31 − 1 ms); a larger one fires after 1 ms, with a warning. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** The largest body a Buffer can hold on this platform: the size cap cannot meaningfully go beyond it. */
export const MAX_RESPONSE_BYTES_LIMIT = constants.MAX_LENGTH;
/** More attempts than this are a configuration mistake (and a way to hammer a failing server). */
export const MAX_RETRY_ATTEMPTS = 100;

const RETRY_KEYS = new Set(["maxAttempts", "baseDelayMs", "maxDelayMs"]);

function wholeNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  unit: string,
  issues: ValidationIssue[],
): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    issues.push({
      field,
      rule: "range",
      message: `must be a whole number of ${unit} from ${min} to ${max}${typeof value === "number" ? "" : ` (got a ${value === null ? "null" : typeof value})`}`,
    });
  }
}

/**
 * Every problem with the transport options a client was given (or a call's `timeoutMs`), as validation issues
 * naming the option: a client rejects them with a ValidationError when it is created, rather than failing each
 * call in a way that looks like the network (a NaN time limit) or not failing at all (a NaN size cap).
 */
export function transportOptionIssues(options: Readonly<Record<string, unknown>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  wholeNumber(options.timeoutMs, "timeoutMs", 1, MAX_TIMEOUT_MS, "milliseconds", issues);
  wholeNumber(options.maxResponseBytes, "maxResponseBytes", 1, MAX_RESPONSE_BYTES_LIMIT, "bytes", issues);
  const { retry, dispatcher, agent, logger } = options;
  if (retry !== undefined && retry !== false) {
    if (retry === null || typeof retry !== "object" || Array.isArray(retry)) {
      issues.push({ field: "retry", rule: "type", message: "must be false or an object of retry settings" });
    } else {
      const policy = retry as Record<string, unknown>;
      for (const key of Object.keys(policy)) {
        if (!RETRY_KEYS.has(key)) {
          issues.push({
            field: `retry.${key}`,
            rule: "additionalProperties",
            message: "is not a retry setting (maxAttempts, baseDelayMs, maxDelayMs)",
          });
        }
      }
      wholeNumber(policy.maxAttempts, "retry.maxAttempts", 1, MAX_RETRY_ATTEMPTS, "attempts", issues);
      wholeNumber(policy.baseDelayMs, "retry.baseDelayMs", 0, MAX_TIMEOUT_MS, "milliseconds", issues);
      wholeNumber(policy.maxDelayMs, "retry.maxDelayMs", 0, MAX_TIMEOUT_MS, "milliseconds", issues);
    }
  }
  if (
    dispatcher !== undefined &&
    (dispatcher === null ||
      typeof dispatcher !== "object" ||
      typeof (dispatcher as { dispatch?: unknown }).dispatch !== "function")
  ) {
    issues.push({
      field: "dispatcher",
      rule: "type",
      message: "must be an undici Dispatcher (Agent, Pool …)",
    });
  }
  if (agent !== undefined && !isHttpAgent(agent)) {
    issues.push({ field: "agent", rule: "type", message: "must be a node:http or node:https Agent" });
  } else if (agent !== undefined && dispatcher !== undefined) {
    issues.push({
      field: "agent",
      rule: "exclusive",
      message: "cannot be combined with dispatcher: the agent is for node:http, the dispatcher replaces it",
    });
  }
  if (logger !== undefined && typeof logger !== "function") {
    issues.push({ field: "logger", rule: "type", message: "must be a function" });
  }
  issues.push(...telemetryOptionIssues(options.telemetry));
  if (options.recorder !== undefined && options.recorder !== false && !isRecorder(options.recorder)) {
    issues.push({ field: "recorder", rule: "type", message: "must be false or a recorder (createRecorder)" });
  }
  return issues;
}

/** Per-call options checked when the call is made: the same rules, and an AbortSignal that is one. */
export function callOptionIssues(options: unknown): ValidationIssue[] {
  if (options === undefined) return [];
  if (options === null || typeof options !== "object") {
    return [{ field: "options", rule: "type", message: "must be an object ({ signal, timeoutMs })" }];
  }
  const { signal, timeoutMs } = options as Record<string, unknown>;
  const issues = transportOptionIssues({ timeoutMs });
  if (signal !== undefined && !isAbortSignal(signal)) {
    issues.push({ field: "signal", rule: "type", message: "must be an AbortSignal" });
  }
  return issues;
}

/** An AbortSignal, also one from another realm or polyfill: what the transport uses of it is there. */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (value instanceof AbortSignal) return true;
  if (value === null || typeof value !== "object") return false;
  const signal = value as Record<string, unknown>;
  return (
    typeof signal.aborted === "boolean" &&
    typeof signal.addEventListener === "function" &&
    typeof signal.removeEventListener === "function"
  );
}
