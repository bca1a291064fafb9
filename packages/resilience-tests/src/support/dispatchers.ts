/**
 * undici interceptors that steer a client's requests without touching the client: send Edu-iX operations
 * other than login somewhere else (a closed port), add a header (the sandbox's `x-sandbox-fault`) to some
 * requests only, or read every answer.
 */
import type { Dispatcher } from "undici";

type Predicate = (opts: Dispatcher.DispatchOptions) => boolean;

/** Requests matching `when` go to `origin` instead of where the client sent them. */
export function reroute(base: Dispatcher, origin: string, when: Predicate): Dispatcher {
  return base.compose(
    (dispatch) => (opts, handler) => dispatch(when(opts) ? { ...opts, origin } : opts, handler),
  );
}

/** Requests matching `when` carry the extra header `name: value`. */
export function addHeader(base: Dispatcher, name: string, value: string, when: Predicate): Dispatcher {
  return base.compose((dispatch) => (opts, handler) => {
    if (!when(opts)) return dispatch(opts, handler);
    const headers = opts.headers;
    let merged: Dispatcher.DispatchOptions["headers"];
    if (Array.isArray(headers)) merged = [...(headers as string[]), name, value];
    else merged = { ...(headers as Record<string, string> | undefined), [name]: value };
    return dispatch({ ...opts, headers: merged }, handler);
  });
}

/**
 * Taps every response body that passes through `base` (undici interceptor), e.g. to learn the sessionIDs
 * the sandbox issues.
 */
export function tapResponses(base: Dispatcher, sink: (body: string) => void): Dispatcher {
  return base.compose((dispatch) => (opts, handler) => {
    const chunks: Buffer[] = [];
    const flush = () => sink(Buffer.concat(chunks).toString("utf8"));
    const tapped = new Proxy(handler, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === "onResponseData") {
          return (controller: unknown, chunk: Buffer) => {
            chunks.push(Buffer.from(chunk));
            return fn.call(target, controller, chunk);
          };
        }
        if (prop === "onData") {
          return (chunk: Buffer) => {
            chunks.push(Buffer.from(chunk));
            return fn.call(target, chunk);
          };
        }
        if (prop === "onResponseEnd" || prop === "onComplete") {
          return (...args: unknown[]) => {
            flush();
            return fn.apply(target, args);
          };
        }
        return fn.bind(target);
      },
    });
    return dispatch(opts, tapped);
  });
}
