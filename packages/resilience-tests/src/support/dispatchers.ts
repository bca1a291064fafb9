/**
 * undici dispatchers that steer a client's requests without touching the client: send Edu-iX operations
 * other than login somewhere else (a closed port), or add a header (the sandbox's `x-sandbox-fault`) to
 * some requests only.
 */
import type { Dispatcher } from "undici";

type Predicate = (opts: Dispatcher.DispatchOptions) => boolean;

/** True for an Edu-iX login request (its body is the only one with a loginRequest element). */
export const isLoginRequest: Predicate = (opts) =>
  typeof opts.body === "string" && opts.body.includes("loginRequest");

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
