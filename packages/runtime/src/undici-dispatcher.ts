/**
 * The part of an undici `Dispatcher` (Agent, Pool, ProxyAgent, MockAgent, a `compose()`d one …) the transport
 * uses: its public `dispatch(options, handler)` with undici 7's handler API (`onRequestStart` …
 * `onResponseError`, see https://undici.nodejs.org/#/docs/api/Dispatcher?id=dispatcherdispatchoptions-handler).
 * Declared here, structurally, so that neither the runtime's code nor its types import undici: it is an
 * optional peer dependency, needed only by a caller who passes a dispatcher.
 */

/** What the transport hands `dispatch`. */
export interface DispatchOptions {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  headersTimeout?: number;
  bodyTimeout?: number;
  /**
   * The call's abort handle (`aborted`, `addEventListener("abort", …)`), for interceptors that watch
   * `opts.signal` as undici's `request` would give them one; undici's own dispatch does not read it.
   */
  signal?: unknown;
}

/** What undici hands the handler to stop (or pause) the request. */
export interface DispatchController {
  abort(reason: Error): void;
  readonly aborted: boolean;
}

/** Response headers as undici 7 hands them to `onResponseStart`: lower-case names, repeated ones as a list. */
export type DispatchHeaders = Record<string, string | string[] | undefined>;

export interface DispatchHandler {
  onRequestStart?(controller: DispatchController, context: unknown): void;
  onResponseStart?(
    controller: DispatchController,
    statusCode: number,
    headers: DispatchHeaders,
    statusMessage?: string,
  ): void;
  onResponseData?(controller: DispatchController, chunk: Buffer): void;
  onResponseEnd?(controller: DispatchController, trailers: DispatchHeaders): void;
  onResponseError?(controller: DispatchController, error: Error): void;
}

/** An undici dispatcher, as far as the transport needs one. Any undici 7 dispatcher fits. */
export interface Dispatcher {
  dispatch(options: DispatchOptions, handler: DispatchHandler): boolean;
}
