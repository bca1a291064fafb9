/**
 * `Retry-After` (RFC 9110, 10.2.3): how long a server that answered 503 or 429 asks us to wait. It is honoured
 * up to the call's time limit; a wait beyond that is not attempted, and the error says so.
 */
import { HttpStatusError } from "./errors.js";
import type { HttpResponse } from "./transport.js";

/** Longest delay representable by a Node timer (2^31 − 1 ms, about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The delay a `Retry-After` value asks for, in ms: delay-seconds or an HTTP-date (a date in the past is 0);
 * `undefined` for an absent or unreadable value.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Math.min(Number(text) * 1000, MAX_DELAY_MS);
  // An IMF-fixdate or one of the obsolete forms; Date.parse reads all three.
  if (!/^[A-Za-z]{3,9}, /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_DELAY_MS);
}

/**
 * The HttpStatusError for a response the client cannot use, carrying the response's `Retry-After` and the
 * attempt's time limit, so that a retry waits as long as the server asked, or does not happen when that is
 * beyond the limit.
 */
export function httpStatusErrorOf(response: HttpResponse, operation: string): HttpStatusError {
  return new HttpStatusError(response.status, response.contentType, {
    operation,
    retryAfterMs: response.retryAfterMs,
    timeLimitMs: response.timeLimitMs,
  });
}
