/**
 * HTTP transport on undici: keep-alive (undici's pooled dispatchers), a whole-call time limit, caller
 * `AbortSignal`s, an injectable dispatcher, and a hard cap on response size. Every failure comes out as one
 * of the typed errors in `errors.ts`; nothing else escapes.
 */
import { type Dispatcher, getGlobalDispatcher, request } from "undici";
import {
  AbortError,
  IntegrationError,
  MalformedResponseError,
  NetworkError,
  TimeoutError,
} from "./errors.js";

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
  /** The body, decoded with the charset the response declares (UTF-8 when it declares none). */
  body: string;
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

export async function sendHttp(req: HttpRequest, options: TransportOptions = {}): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { operation } = req;

  if (req.signal?.aborted) throw new AbortError({ operation });

  // One controller aborts the undici call for all three reasons; `timedOut` and the caller's signal tell
  // them apart afterwards, so a timeout never masquerades as an abort or a network error.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  req.signal?.addEventListener("abort", onCallerAbort, { once: true });

  try {
    const res = await request(req.url, {
      method: req.method ?? "POST",
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      dispatcher: options.dispatcher ?? getGlobalDispatcher(),
      // The call-level timer governs; undici's own timers would otherwise fire first with other errors.
      headersTimeout: timeoutMs + 1_000,
      bodyTimeout: timeoutMs + 1_000,
    });

    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      discard(res.body);
      throw new MalformedResponseError("too-large", `declared ${declared} bytes, limit ${maxBytes}`, {
        operation,
        status: res.statusCode,
      });
    }

    const chunks: Buffer[] = [];
    let received = 0;
    // Leaving the loop early makes the iterator close the stream; destroying it by hand would emit an
    // 'error' event with no listener.
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > maxBytes) break;
      chunks.push(chunk);
    }
    if (received > maxBytes) {
      throw new MalformedResponseError("too-large", `more than ${maxBytes} bytes`, {
        operation,
        status: res.statusCode,
      });
    }
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const contentType = res.headers["content-type"];
    return {
      status: res.statusCode,
      contentType: mediaType(contentType),
      body: decodeBody(bytes, contentType),
    };
  } catch (error) {
    throw classify(error, { operation, timeoutMs, timedOut, callerAborted: req.signal?.aborted === true });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onCallerAbort);
  }
}

function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

/**
 * Decodes with the declared charset. NuSOAP (ESWS) answers ISO-8859-1 by default, so assuming UTF-8 would garble
 * every accented name. An unknown charset falls back to UTF-8 rather than failing the call.
 */
function decodeBody(bytes: Buffer, header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const charset = value?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i)?.[1]?.toLowerCase();
  if (!charset || charset === "utf-8" || charset === "utf8") return bytes.toString("utf8");
  if (charset === "iso-8859-1" || charset === "latin1" || charset === "us-ascii")
    return bytes.toString("latin1");
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}

function mediaType(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
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
