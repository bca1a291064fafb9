/**
 * The HTTP transport: node:http(s) with a keep-alive Agent by default (no third-party package at run time), or
 * a caller's undici dispatcher. Either way: a whole-call time limit, caller `AbortSignal`s, a hard cap on
 * response size, `Content-Encoding` and charset handling, and every failure as one of the typed errors in
 * `errors.ts`; nothing else escapes. The two paths (transport-node.ts, transport-dispatcher.ts) only move
 * bytes; everything else is here, once.
 */
import { CallAbort, onCallTimeout } from "./call-abort.js";
import { decodeTextBody, decodeXmlBody } from "./charset.js";
import { isAbortSignal, transportOptionIssues } from "./client-options.js";
import { decodeContentEncoding } from "./content-encoding.js";
import { AbortError, IntegrationError, NetworkError, TimeoutError, ValidationError } from "./errors.js";
import { httpTarget } from "./http-target.js";
import { parseRetryAfter } from "./retry-after.js";
import { exchangeOverDispatcher } from "./transport-dispatcher.js";
import { exchangeOverNode, type HttpAgent } from "./transport-node.js";
import type { Dispatcher } from "./undici-dispatcher.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** 16 MiB: far above any documented response, far below what would hurt the process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface TransportOptions {
  /**
   * An undici dispatcher (Agent, Pool, MockAgent, ProxyAgent …): the call goes through its `dispatch`.
   * When absent, the call goes through node:http(s).
   */
  dispatcher?: Dispatcher | undefined;
  /**
   * The node:http(s) Agent of the default transport (an `https.Agent` for https URLs): for TLS settings such
   * as a private CA or a client certificate, or socket limits. Default: one shared keep-alive Agent per scheme.
   * Not used with a `dispatcher`.
   */
  agent?: HttpAgent | undefined;
  /** Time limit for the whole call, from sending to the last byte of the body. */
  timeoutMs?: number | undefined;
  /** Responses larger than this are abandoned with `MalformedResponseError("too-large")`. */
  maxResponseBytes?: number | undefined;
}

export interface HttpRequest {
  url: string;
  method?: "POST" | "GET";
  headers: Record<string, string>;
  body?: string;
  /** The contract operation, for error messages. */
  operation: string;
  signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased media type without parameters (`application/json`, `text/xml`), or "". */
  contentType: string;
  /**
   * The body as text. From `sendHttp`, decoded on first read, strictly (charset.ts): an XML body (or one with no
   * content type) the way XML determines its encoding (charset, BOM, declaration), any other body by its
   * charset or BOM, else as UTF-8. Reading it throws `MalformedResponseError("charset")` for bytes that are not
   * valid in that encoding: nothing is ever turned into U+FFFD.
   */
  body: string;
  /** What the response's `Retry-After` header asks for, in ms (see retry-after.ts). */
  readonly retryAfterMs?: number | undefined;
  /** The time limit of the attempt that got this response, in ms. */
  readonly timeLimitMs?: number | undefined;
}

/**
 * A response whose body is decoded when, and only if, it is read (an error page's often is not), then kept.
 * The getter is an own, enumerable property, so spreading or comparing the response reads the text.
 */
function receivedResponse(
  status: number,
  contentType: string,
  contentTypeHeader: string | undefined,
  bytes: Buffer,
  retryAfterMs: number | undefined,
  timeLimitMs: number,
  operation: string,
): HttpResponse {
  let text: string | undefined;
  const response: HttpResponse = {
    status,
    contentType,
    get body(): string {
      if (text === undefined) {
        const decode = isXmlMediaType(contentType) ? decodeXmlBody : decodeTextBody;
        text = decode(bytes, contentTypeHeader, { operation, status });
      }
      return text;
    },
    retryAfterMs,
    timeLimitMs,
  };
  return response;
}

/** XML media types, and no media type at all (proxies strip it; XML's rules degrade to UTF-8 for non-XML). */
function isXmlMediaType(mediaType: string): boolean {
  return (
    mediaType === "" ||
    mediaType === "text/xml" ||
    mediaType === "application/xml" ||
    mediaType.endsWith("+xml")
  );
}

/** Codes Node and undici use for a connection that failed or broke mid-way. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH",
]);

export async function sendHttp(req: HttpRequest, options: TransportOptions = {}): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { operation, signal } = req;
  // A per-call `timeoutMs` reaches the transport unchecked by the client: a bad one is the caller's error,
  // not a retryable network failure (NaN) or an immediate timeout (2^31, which Node's timers clamp to 1 ms).
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new ValidationError([{ field: "signal", rule: "type", message: "must be an AbortSignal" }], {
      operation,
    });
  }
  if (options.timeoutMs !== undefined || options.maxResponseBytes !== undefined) {
    const issues = transportOptionIssues({
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
    if (issues.length > 0) throw new ValidationError(issues, { operation });
  }

  if (signal?.aborted) throw new AbortError({ operation });

  // One abort handle stops the exchange for all three reasons; `timedOut` and the caller's signal tell them
  // apart afterwards, so a timeout never masquerades as an abort or a network error.
  const abort = new CallAbort();
  const timer = setTimeout(onCallTimeout, timeoutMs, abort);
  signal?.addEventListener("abort", abort, { once: true });

  try {
    const target = httpTarget(req.url);
    const method = req.method ?? "POST";
    const limits = { maxBytes, operation };
    const { dispatcher } = options;
    const res =
      dispatcher === undefined
        ? await exchangeOverNode(target, method, req.headers, req.body, abort, limits, options.agent)
        : await exchangeOverDispatcher(
            dispatcher,
            target,
            method,
            req.headers,
            req.body,
            abort,
            limits,
            timeoutMs,
          );
    const headers = res.headers;
    const encoding = headers["content-encoding"];
    const bytes =
      encoding === undefined
        ? res.body
        : await decodeContentEncoding(res.body, headerValue(encoding), maxBytes, operation, res.status);
    const value = headerValue(headers["content-type"]);
    if (value !== lastContentType) parseContentType(value);
    const retryAfter = headers["retry-after"];
    return receivedResponse(
      res.status,
      lastMediaType,
      value,
      bytes,
      retryAfter === undefined ? undefined : parseRetryAfter(headerValue(retryAfter)),
      timeoutMs,
      operation,
    );
  } catch (error) {
    throw classify(error, {
      operation,
      timeoutMs,
      timedOut: abort.timedOut,
      callerAborted: signal?.aborted === true,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
  }
}

/** The first value of a header that may come as a list. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// The last content-type header seen and the media type it parses to: a service answers the same header every
// time, so the split runs once per distinct header rather than once per call. Set synchronously.
let lastContentType: string | undefined;
let lastMediaType = "";

function parseContentType(value: string | undefined): void {
  lastMediaType = mediaType(value);
  lastContentType = value;
}

function mediaType(value: string | undefined): string {
  if (!value) return "";
  return value.split(";")[0]!.trim().toLowerCase();
}

interface ClassifyContext {
  operation: string;
  timeoutMs: number;
  timedOut: boolean;
  callerAborted: boolean;
}

function classify(error: unknown, ctx: ClassifyContext): IntegrationError {
  const { operation } = ctx;
  if (error instanceof IntegrationError) return error;
  if (ctx.timedOut) return new TimeoutError(ctx.timeoutMs, { operation });
  if (ctx.callerAborted) return new AbortError({ operation });
  const code = errorCode(error);
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new TimeoutError(ctx.timeoutMs, { operation });
  }
  const text = error instanceof Error ? error.message : String(error);
  if (code === undefined || NETWORK_CODES.has(code) || code.startsWith("UND_ERR")) {
    return new NetworkError(`${operation}: connection failed (${code ?? "unknown"}): ${text}`, {
      operation,
      code,
    });
  }
  return new NetworkError(`${operation}: connection failed (${code}): ${text}`, { operation, code });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // Node wraps socket errors: the useful code may sit on `cause`.
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
