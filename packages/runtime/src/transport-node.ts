/**
 * The default transport path: node:http / node:https with a keep-alive Agent, so a client imports no
 * third-party package at all. The module objects are looked up on every call (`http.request`, not a named
 * import), so tools that patch them (nock) keep intercepting; node:https (and with it TLS) is loaded on the
 * first https call only.
 */
import type * as http from "node:http";
import type * as https from "node:https";
import type { CallAbort } from "./call-abort.js";
import { MalformedResponseError } from "./errors.js";
import type { HttpTarget } from "./http-target.js";
import type { ExchangeLimits, RawResponse } from "./raw-response.js";

/** A node:http(s) Agent: `http.Agent` for http URLs, `https.Agent` (its subclass) for https ones. */
export type HttpAgent = http.Agent;

// The modules themselves (what `require` returns), whose properties a patch replaces; an ESM import's bindings
// would keep the originals.
const httpApi: typeof http = process.getBuiltinModule("node:http");

let httpAgent: http.Agent | undefined;
let httpsAgent: https.Agent | undefined;
let httpsModule: typeof https | undefined;

function httpsApi(): typeof https {
  httpsModule ??= process.getBuiltinModule("node:https");
  return httpsModule;
}

/**
 * Idle sockets are closed after this, or sooner when the server's `Keep-Alive: timeout=` says so (Node's
 * Agent reads the hint): undici's default too, so a socket the server is about to close is not reused.
 */
const IDLE_SOCKET_MS = 4_000;

/** The shared keep-alive Agent of the scheme: idle sockets are reused, none is closed after a call. */
function defaultAgent(secure: boolean): http.Agent {
  if (secure) {
    httpsAgent ??= new (httpsApi().Agent)({ keepAlive: true, timeout: IDLE_SOCKET_MS });
    return httpsAgent;
  }
  httpAgent ??= new httpApi.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  return httpAgent;
}

/** A node:http(s) Agent, or one derived from it (a proxy agent, agentkeepalive …). */
export function isHttpAgent(value: unknown): value is http.Agent {
  return value instanceof httpApi.Agent;
}

const EMPTY = Buffer.alloc(0);

/** Stands for a connection that closed before the response was complete (Node reports it as ECONNRESET). */
function closedEarly(): Error {
  return Object.assign(new Error("the connection closed before the response was complete"), {
    code: "ECONNRESET",
  });
}

/**
 * The state of one exchange, and its steps as methods: the listeners attached per call are anonymous arrows
 * that call them. (A named closure per call would cost more: the bundle keeps function names, which adds a
 * `defineProperty` to every named function created at run time.) The call's abort handle calls `handleEvent`.
 */
class NodeExchange {
  private settled = false;
  private incoming: http.IncomingMessage | undefined = undefined;
  private status = 0;
  private first: Buffer | undefined = undefined;
  private chunks: Buffer[] | undefined = undefined;
  private received = 0;

  constructor(
    private readonly outgoing: http.ClientRequest,
    private readonly abort: CallAbort,
    private readonly limits: ExchangeLimits,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /** The call was aborted (time limit or caller). */
  handleEvent(): void {
    this.fail(new Error("aborted"));
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.abort.removeEventListener("abort", this);
    this.reject(error);
    this.incoming?.destroy();
    this.outgoing.destroy();
  }

  respond(res: http.IncomingMessage): void {
    this.incoming = res;
    res.on("error", (error) => this.fail(error));
    const status = res.statusCode ?? 0;
    this.status = status;
    const { maxBytes, operation } = this.limits;
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      this.fail(
        new MalformedResponseError("too-large", `declared ${declared} bytes, limit ${maxBytes}`, {
          operation,
          status,
        }),
      );
      return;
    }
    res.on("data", (chunk: Buffer) => this.data(chunk));
    res.on("end", () => this.end(res));
    res.on("close", () => {
      if (!res.complete) this.fail(closedEarly());
    });
  }

  private data(chunk: Buffer): void {
    this.received += chunk.length;
    const { maxBytes, operation } = this.limits;
    if (this.received > maxBytes) {
      this.fail(
        new MalformedResponseError("too-large", `more than ${maxBytes} bytes`, {
          operation,
          status: this.status,
        }),
      );
      return;
    }
    if (this.first === undefined) this.first = chunk;
    else if (this.chunks === undefined) this.chunks = [this.first, chunk];
    else this.chunks.push(chunk);
  }

  private end(res: http.IncomingMessage): void {
    if (this.settled) return;
    this.settled = true;
    this.abort.removeEventListener("abort", this);
    const { chunks, first, received } = this;
    const body = chunks !== undefined ? Buffer.concat(chunks, received) : (first ?? EMPTY);
    this.resolve({ status: this.status, headers: res.headers, body });
  }
}

/**
 * One request and its whole response, within the size cap (declared or discovered while streaming). Rejects
 * with MalformedResponseError `too-large`, with whatever Node reported for a failed connection, or with an
 * unnamed error when `abort` fires (the caller tells timeout from abort by the handle's state).
 */
export function exchangeOverNode(
  target: HttpTarget,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  abort: CallAbort,
  limits: ExchangeLimits,
  agent: http.Agent | undefined,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const options: http.RequestOptions = {
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      method,
      headers,
      agent: agent ?? defaultAgent(target.https),
    };
    if (target.auth !== undefined) options.auth = target.auth;
    const outgoing = target.https ? httpsApi().request(options) : httpApi.request(options);
    const exchange = new NodeExchange(outgoing, abort, limits, resolve, reject);
    // The error listeners stay attached after the call settles, so that destroying the request or a late
    // socket error never surfaces as an unhandled 'error' event.
    outgoing.on("error", (error) => exchange.fail(error));
    outgoing.on("response", (res: http.IncomingMessage) => exchange.respond(res));
    abort.addEventListener("abort", exchange);
    outgoing.end(body);
  });
}
