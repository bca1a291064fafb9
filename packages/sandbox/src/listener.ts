/**
 * The listener setup: one HTTP server per vendor, its timeouts and connection cap, what happens to malformed
 * HTTP and to slow clients, and starting and stopping it.
 *
 * A connection that has not sent complete headers within `headersTimeoutMs`, or a whole request within
 * `requestTimeoutMs`, gets a 408; malformed HTTP gets a 400. Either way the socket is then destroyed, not
 * just ended: an ended socket stays half-open for as long as the client keeps its side open, and a client
 * that never does would hold a file descriptor for good. Past `maxConnections` open connections, a new one
 * is closed at once (Node's `server.maxConnections`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ListenerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
}

export interface ListenerOptions {
  limits: ListenerLimits;
  /** Handles one request; a rejection is logged and answered with a plain 500. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Called with what went wrong: malformed HTTP, a timeout, a refused connection, an unexpected error. */
  onError(text: string): void;
}

/** Counts of one listener, for the admin API and the tests. */
export interface ListenerStats {
  /** Connections open now. */
  open: number;
  /** Connections closed at once because `maxConnections` were open. */
  refused: number;
  /** Connections closed for a 400 (malformed HTTP) or a 408 (too slow). */
  closedForClientErrors: number;
}

/** How long a socket that was answered 400/408 may take to flush that answer before it is destroyed anyway. */
const FLUSH_GRACE_MS = 1000;

/**
 * One line per second at most for events an attacker can repeat at will (slow or malformed connections),
 * with the count of the lines left out.
 */
function throttled(log: (text: string) => void): (text: string) => void {
  let last = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (text) => {
    const now = performance.now();
    if (now - last < 1000) {
      skipped++;
      return;
    }
    log(skipped > 0 ? `${text} (and ${skipped} more such events before it)` : text);
    last = now;
    skipped = 0;
  };
}

export function createListener(options: ListenerOptions): { server: Server; stats: ListenerStats } {
  const { limits } = options;
  const stats: ListenerStats = { open: 0, refused: 0, closedForClientErrors: 0 };
  const timedOut = throttled(options.onError);
  const malformed = throttled(options.onError);
  const refused = throttled(options.onError);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node checks the two timeouts above; its default (30 s) would let a slow client stay
      // three times longer than headersTimeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (req, res) => {
      req.on("error", () => {});
      res.on("error", () => {});
      options.handle(req, res).catch((error: unknown) => {
        options.onError(`unexpected error: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" });
          res.end("internal error\n");
        } else {
          res.destroy();
        }
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on("connection", (socket: Socket) => {
    stats.open++;
    socket.once("close", () => stats.open--);
  });
  server.on("drop", () => {
    stats.refused++;
    refused(`connection refused: ${limits.maxConnections} connections are open`);
  });
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    stats.closedForClientErrors++;
    const timeout = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
    if (timeout) timedOut("a client too slow to send its request (408), connection closed");
    else malformed(`malformed HTTP from a client (${error.code ?? error.message}), connection closed`);
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    const status = timeout ? "408 Request Timeout" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () =>
      socket.destroy(),
    );
    setTimeout(() => socket.destroy(), FLUSH_GRACE_MS).unref();
  });
  return { server, stats };
}

/** Starts listening; resolves with the port (the one picked when `port` is 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and closes every connection, idle or not. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
