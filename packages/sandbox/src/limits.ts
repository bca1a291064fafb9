/**
 * The sandbox's default limits on what clients can make it hold: body sizes, buffered bytes, connections and
 * how long a client may take to send its request. They are generous for the vendors' real traffic (a call is
 * a few KiB) and bound what an attacker on loopback can cost. The README's "Limits" section lists them all.
 */

/** Largest request body accepted, per request. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Most request-body bytes held in memory at once, over all listeners (an eighth kept for small bodies). */
export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** Most open connections per listener; 200 slow clients on one still leave room for normal ones. */
export const DEFAULT_MAX_CONNECTIONS = 256;
/** Time for a connection to send complete request headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Time for a connection to send a whole request, body included. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
