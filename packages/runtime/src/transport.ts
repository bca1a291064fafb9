/**
 * HTTP transport on undici: keep-alive (undici's pooled dispatchers), a whole-call time limit, caller
 * `AbortSignal`s, an injectable dispatcher, and a hard cap on response size. Every failure comes out as one
 * of the typed errors in `errors.ts`; nothing else escapes.
 */
import { Dispatcher, getGlobalDispatcher, request } from "undici";
import { decodeTextBody, decodeXmlBody } from "./charset.js";
import { isAbortSignal, transportOptionIssues } from "./client-options.js";
import { decodeContentEncoding } from "./content-encoding.js";
import {
  AbortError,
  IntegrationError,
  MalformedResponseError,
  NetworkError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
import { parseRetryAfter } from "./retry-after.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** 16 MiB: far above any documented response, far below what would hurt the process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface TransportOptions {
  /**
   * An undici dispatcher (Agent, Pool, MockAgent, ProxyAgent …). When absent, undici's global dispatcher is
   * used, resolved on every call, so `setGlobalDispatcher` and nock interception keep working.
   */
  dispatcher?: Dispatcher | undefined;
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

/** Codes undici and Node use for a connection that failed or broke mid-way. */
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

/**
 * Stands in for an `AbortController` on the one call it guards: undici only needs `aborted`, `reason` and
 * `addEventListener`/`removeEventListener`, and a plain object costs a fraction of an `AbortSignal` (an
 * EventTarget) per call. It is also the listener on the caller's signal (`handleEvent`) and the argument of
 * the call timer, so a call allocates no closures for either. undici's request handler is normally the only
 * listener; others (a dispatcher or interceptor that watches `opts.signal`) are kept too, as an EventTarget
 * would keep them.
 */
class CallAbort {
  aborted = false;
  readonly reason = undefined;
  timedOut = false;
  private listener: (() => void) | undefined = undefined;
  private others: (() => void)[] | undefined = undefined;

  addEventListener(_type: "abort", listener: () => void): void {
    if (this.aborted || listener === this.listener) return;
    if (this.listener === undefined) this.listener = listener;
    else if (this.others === undefined) this.others = [listener];
    else if (!this.others.includes(listener)) this.others.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
    else if (this.others !== undefined) {
      const i = this.others.indexOf(listener);
      if (i >= 0) this.others.splice(i, 1);
    }
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.abort();
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const { listener, others } = this;
    this.listener = undefined;
    this.others = undefined;
    // undici's listener aborts the request before headers, or destroys the body stream after them.
    listener?.();
    if (others !== undefined) for (const other of others) other();
  }
}

function onCallTimeout(abort: CallAbort): void {
  abort.timedOut = true;
  abort.abort();
}

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

  // One abort handle stops the undici call for all three reasons; `timedOut` and the caller's signal tell
  // them apart afterwards, so a timeout never masquerades as an abort or a network error.
  const abort = new CallAbort();
  const timer = setTimeout(onCallTimeout, timeoutMs, abort);
  signal?.addEventListener("abort", abort, { once: true });

  try {
    const dispatcher = options.dispatcher ?? getGlobalDispatcher();
    const target = targets.get(req.url);
    const opts: Parameters<typeof request>[1] & { origin?: string; path?: string } = {
      method: req.method ?? "POST",
      headers: req.headers,
      body: req.body,
      signal: abort as unknown as AbortSignal,
      dispatcher,
      // The call-level timer governs; undici's own timers would otherwise fire first with other errors.
      headersTimeout: timeoutMs + 1_000,
      bodyTimeout: timeoutMs + 1_000,
    };
    let res: Dispatcher.ResponseData<unknown>;
    if (target === undefined) {
      res = await request(req.url, opts);
      // undici accepted the URL, so it parses; remember what `request` derived from it.
      rememberTarget(req.url);
    } else {
      // Exactly what `request(url, opts)` hands the dispatcher, minus parsing the URL again.
      opts.origin = target.origin;
      opts.path = target.path;
      res = await dispatchRequest.call(dispatcher, opts as Dispatcher.RequestOptions);
    }

    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      discard(res.body);
      throw new MalformedResponseError("too-large", `declared ${declared} bytes, limit ${maxBytes}`, {
        operation,
        status: res.statusCode,
      });
    }

    const received = await readBody(res.body, maxBytes);
    if (received === undefined) {
      throw new MalformedResponseError("too-large", `more than ${maxBytes} bytes`, {
        operation,
        status: res.statusCode,
      });
    }
    const headers = res.headers;
    const encoding = headers["content-encoding"];
    const bytes =
      encoding === undefined
        ? received
        : await decodeContentEncoding(received, headerValue(encoding), maxBytes, operation, res.statusCode);
    const value = headerValue(headers["content-type"]);
    if (value !== lastContentType) parseContentType(value);
    const retryAfter = headers["retry-after"];
    return receivedResponse(
      res.statusCode,
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

/** undici's `request` before its URL handling: what `request(url, opts)` calls on the dispatcher. */
const dispatchRequest = Dispatcher.prototype.request as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

/**
 * URL → the origin and path `request(url, …)` derives from it, the way undici derives them (`new URL`,
 * pathname plus search). A client calls one or two endpoints, so this stays tiny; it is bounded anyway.
 */
const targets = new Map<string, { origin: string; path: string }>();
const MAX_TARGETS = 64;

function rememberTarget(url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return;
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(url, {
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
  });
}

function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

const EMPTY = Buffer.alloc(0);

/**
 * The whole body, or `undefined` once it passes `maxBytes` (the stream is then destroyed). The 'error'
 * listener stays attached for the stream's life, so destroying it (which makes undici's body emit an
 * abort error) or a late socket error never surfaces as an unhandled 'error' event.
 */
function readBody(body: Dispatcher.ResponseData["body"], maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        body.off("data", onData);
        body.off("end", onEnd);
        resolve(undefined);
        body.destroy();
        return;
      }
      if (first === undefined) first = chunk;
      else if (chunks === undefined) chunks = [first, chunk];
      else chunks.push(chunk);
    };
    const onEnd = () => {
      resolve(chunks !== undefined ? Buffer.concat(chunks, received) : (first ?? EMPTY));
    };
    body.on("error", reject);
    body.on("end", onEnd);
    body.on("data", onData);
  });
}

/** The first value of a header undici may hand over as a list. */
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
