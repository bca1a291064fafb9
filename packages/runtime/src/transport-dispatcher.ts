/**
 * The transport path for a caller-supplied undici dispatcher (Agent, Pool, ProxyAgent, MockAgent …), driven
 * through its public `dispatch(options, handler)` with undici 7's handler API: no undici import, no stream
 * per response, and the size cap applied as the chunks arrive.
 */
import type { CallAbort } from "./call-abort.js";
import { MalformedResponseError } from "./errors.js";
import type { HttpTarget } from "./http-target.js";
import type { ExchangeLimits, RawResponse } from "./raw-response.js";
import type {
  DispatchController,
  Dispatcher,
  DispatchHandler,
  DispatchHeaders,
} from "./undici-dispatcher.js";

const EMPTY = Buffer.alloc(0);

/** Collects one response; the call's abort handle (`handleEvent`) stops it, before or after the headers. */
class ResponseCollector implements DispatchHandler {
  private controller: DispatchController | undefined;
  private settled = false;
  private status = 0;
  private headers: DispatchHeaders = {};
  private first: Buffer | undefined;
  private chunks: Buffer[] | undefined;
  private received = 0;

  constructor(
    private readonly abort: CallAbort,
    private readonly limits: ExchangeLimits,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /** The call was aborted (time limit or caller): settle now, even while the request waits for a connection. */
  handleEvent(): void {
    const error = new Error("aborted");
    this.fail(error);
    this.controller?.abort(error);
  }

  onRequestStart(controller: DispatchController): void {
    this.controller = controller;
    // Started after the call gave up (it waited for a connection): stop it before it is sent.
    if (this.settled) controller.abort(new Error("aborted"));
  }

  onResponseStart(controller: DispatchController, statusCode: number, headers: DispatchHeaders): void {
    this.controller = controller;
    this.status = statusCode;
    this.headers = headers;
    const { maxBytes, operation } = this.limits;
    const declared = Number(headerValue(headers["content-length"]));
    if (Number.isFinite(declared) && declared > maxBytes) {
      this.stop(
        controller,
        new MalformedResponseError("too-large", `declared ${declared} bytes, limit ${maxBytes}`, {
          operation,
          status: statusCode,
        }),
      );
    }
  }

  onResponseData(controller: DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.received += chunk.length;
    const { maxBytes, operation } = this.limits;
    if (this.received > maxBytes) {
      this.stop(
        controller,
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

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    this.abort.removeEventListener("abort", this);
    const { chunks, first, received } = this;
    this.resolve({
      status: this.status,
      headers: this.headers,
      body: chunks !== undefined ? Buffer.concat(chunks, received) : (first ?? EMPTY),
    });
  }

  onResponseError(_controller: DispatchController, error: Error): void {
    this.fail(error);
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.abort.removeEventListener("abort", this);
    this.reject(error);
  }

  private stop(controller: DispatchController, error: Error): void {
    this.fail(error);
    controller.abort(error);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** One request through `dispatcher`, with the same contract as the node:http path (transport-node.ts). */
export function exchangeOverDispatcher(
  dispatcher: Dispatcher,
  target: HttpTarget,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  abort: CallAbort,
  limits: ExchangeLimits,
  timeoutMs: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const collector = new ResponseCollector(abort, limits, resolve, reject);
    abort.addEventListener("abort", collector);
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method,
          headers,
          body,
          signal: abort,
          // The call-level timer governs; undici's own timers would otherwise fire first with other errors.
          headersTimeout: timeoutMs + 1_000,
          bodyTimeout: timeoutMs + 1_000,
        },
        collector,
      );
    } catch (error) {
      collector.fail(error);
    }
  });
}
