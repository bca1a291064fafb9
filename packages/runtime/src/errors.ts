/**
 * The error hierarchy shared by every vendor client.
 *
 * Modelled on AWS SDK v3: one base class, one subclass per failure kind, and a service-error base that each
 * vendor extends with its own typed `code`. `kind` is a literal discriminant so callers can `switch` on it
 * without `instanceof` (which breaks across duplicated package copies).
 *
 * No error ever carries request bodies, credentials or session identifiers: messages are built from
 * operation names, field paths, rule names and vendor-supplied text that has been through a redactor.
 */

export type ErrorKind =
  | "validation"
  | "network"
  | "timeout"
  | "abort"
  | "http-status"
  | "malformed-response"
  | "soap-fault"
  | "service";

export interface IntegrationErrorOptions {
  operation?: string | undefined;
  retryable?: boolean;
  status?: number | undefined;
  cause?: unknown;
}

export abstract class IntegrationError extends Error {
  abstract readonly kind: ErrorKind;
  /** The contract operation name, e.g. `GetCardList`, `Esws.syncMOCA`, `getKey`. */
  readonly operation: string | undefined;
  /** Whether repeating the same call may succeed (transient failure). */
  readonly retryable: boolean;
  /** The HTTP status of the response, where there was one. */
  readonly status: number | undefined;

  constructor(message: string, options: IntegrationErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }

  /** A serializable view with no `cause` chain, so logging an error never drags transport internals along. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    if (this.operation !== undefined) out.operation = this.operation;
    out.retryable = this.retryable;
    if (this.status !== undefined) out.status = this.status;
    return out;
  }
}

/** One broken rule of one field. `field` is a dotted path (`DealerCustomerRequest.CustomerCode`). */
export interface ValidationIssue {
  field: string;
  rule: string;
  message: string;
}

/**
 * One issue as text: "p_Admin must be 0 or 1 [enum]". A message about the value itself stands alone, and an
 * instruction about an object's members follows its path after a colon ("Request: give at least one of …").
 */
export function validationIssueText(issue: ValidationIssue): string {
  const { field, message, rule } = issue;
  const text =
    field === "" ? message : message.startsWith("give ") ? `${field}: ${message}` : `${field} ${message}`;
  return `${text} [${rule}]`;
}

/** Bad input, rejected before anything was sent. Names every offending field and the rule it broke. */
export class ValidationError extends IntegrationError {
  readonly kind = "validation" as const;
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], options: IntegrationErrorOptions = {}) {
    const where = options.operation ? `${options.operation}: ` : "";
    const list = issues.map(validationIssueText).join("; ");
    super(`${where}invalid request: ${list}`, { ...options, retryable: false });
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** The connection failed: refused, reset, DNS, TLS, or closed before the response was complete. */
export class NetworkError extends IntegrationError {
  readonly kind = "network" as const;
  /** The system or undici error code, e.g. `ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`. */
  readonly code: string | undefined;

  constructor(message: string, options: IntegrationErrorOptions & { code?: string | undefined } = {}) {
    super(message, { retryable: true, ...options });
    this.code = options.code;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code };
  }
}

/** The call did not complete within its time limit (connect, headers, or a body that drips past it). */
export class TimeoutError extends IntegrationError {
  readonly kind = "timeout" as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options: IntegrationErrorOptions = {}) {
    const where = options.operation ? `${options.operation}: ` : "";
    super(`${where}no complete response within ${timeoutMs} ms`, { retryable: true, ...options });
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the call through its `AbortSignal`. */
export class AbortError extends IntegrationError {
  readonly kind = "abort" as const;

  constructor(options: IntegrationErrorOptions = {}) {
    const where = options.operation ? `${options.operation}: ` : "";
    super(`${where}aborted by the caller`, { ...options, retryable: false });
  }
}

export interface HttpStatusErrorOptions extends IntegrationErrorOptions {
  /** The delay the response's `Retry-After` asks for, in ms. */
  retryAfterMs?: number | undefined;
  /** The time limit of the attempt that got the response: a `Retry-After` beyond it is not waited for. */
  timeLimitMs?: number | undefined;
}

/** The server answered with a status the protocol does not use for results (e.g. a 502 HTML page). */
export class HttpStatusError extends IntegrationError {
  readonly kind = "http-status" as const;
  readonly contentType: string;
  /**
   * What the server's `Retry-After` asked for (on a 5xx, 429 or 408), in ms. A retry waits at least this
   * long; when it is longer than the call's time limit, the error is not retryable and its message says why.
   */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, contentType: string, options: HttpStatusErrorOptions = {}) {
    const where = options.operation ? `${options.operation}: ` : "";
    const transient = status >= 500 || status === 429 || status === 408;
    const asked = transient ? options.retryAfterMs : undefined;
    const limit = options.timeLimitMs;
    const beyond = asked !== undefined && limit !== undefined && asked > limit;
    const note =
      asked === undefined
        ? ""
        : beyond
          ? `; the server asks to retry after ${seconds(asked)}, beyond the call's time limit of ${limit} ms, so it is not retried`
          : `; the server asks to retry after ${seconds(asked)}`;
    super(`${where}unexpected HTTP status ${status} (${contentType || "no content type"})${note}`, {
      retryable: transient && !beyond,
      ...options,
      status,
    });
    this.contentType = contentType;
    this.retryAfterMs = asked;
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    return out;
  }
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

export type MalformedReason =
  | "too-large"
  | "content-type"
  /** A Content-Encoding we cannot decode, or a compressed body that is corrupt. */
  | "content-encoding"
  /** Bytes that are not valid in the body's encoding, or an encoding we cannot decode (see charset.ts). */
  | "charset"
  | "not-json"
  /** A JSON number JavaScript cannot hold exactly: an integer beyond ±(2^53 − 1), or one beyond ±1.8e308. */
  | "number"
  /**
   * A JSON object with the same key twice, or a `__proto__` key: readers disagree on what such a document
   * says (the first or the last value; an own property or the object's prototype). See json-body.ts.
   */
  | "ambiguous-json"
  | "not-xml"
  | "truncated"
  | "dtd-forbidden"
  | "too-deep"
  | "envelope"
  | "schema";

/** The body could not be trusted: too large, wrong type, unparseable, or not the documented shape. */
export class MalformedResponseError extends IntegrationError {
  readonly kind = "malformed-response" as const;
  readonly reason: MalformedReason;

  constructor(reason: MalformedReason, detail: string, options: IntegrationErrorOptions = {}) {
    const where = options.operation ? `${options.operation}: ` : "";
    super(`${where}malformed response (${reason}): ${detail}`, { retryable: false, ...options });
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/** A SOAP Fault that no vendor catalog claimed (vendor clients map known faults to their own error). */
export class SoapFaultError extends IntegrationError {
  readonly kind = "soap-fault" as const;
  readonly faultcode: string;
  readonly faultstring: string;

  constructor(faultcode: string, faultstring: string, options: IntegrationErrorOptions = {}) {
    const where = options.operation ? `${options.operation}: ` : "";
    super(`${where}SOAP fault ${faultcode}: ${faultstring}`, options);
    this.faultcode = faultcode;
    this.faultstring = faultstring;
  }
}

/** What a vendor catalog says about one documented result code. */
export interface ResultCodeInfo<C extends string | number = string | number> {
  readonly code: C;
  readonly meaning: string;
  readonly retryable: boolean;
}

export interface ServiceErrorOptions<C extends string | number> extends IntegrationErrorOptions {
  code: C;
  meaning: string;
  /** Vendor-supplied text beyond the code (already redacted). */
  detail?: string | undefined;
}

/**
 * Base of every vendor's service error: the vendor answered, and the answer is a documented (or unknown)
 * non-success code. Subclasses narrow `code` to the vendor's literal union.
 */
export abstract class ServiceError<C extends string | number = string | number> extends IntegrationError {
  readonly kind = "service" as const;
  abstract readonly vendor: string;
  readonly code: C;
  /** The documented meaning of `code`, from the contract's catalog. */
  readonly meaning: string;
  readonly detail: string | undefined;

  constructor(options: ServiceErrorOptions<C>) {
    const where = options.operation ? `${options.operation}: ` : "";
    const detail = options.detail ? ` (${options.detail})` : "";
    super(`${where}${String(options.code)}: ${options.meaning}${detail}`, options);
    this.code = options.code;
    this.meaning = options.meaning;
    this.detail = options.detail;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      vendor: this.vendor,
      code: this.code,
      meaning: this.meaning,
      detail: this.detail,
    };
  }
}

export function isIntegrationError(value: unknown): value is IntegrationError {
  return value instanceof IntegrationError;
}
