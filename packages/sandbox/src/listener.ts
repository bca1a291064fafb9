/**
 * The listener setup: one HTTP server per vendor, its timeouts, what happens to malformed HTTP, and
 * starting and stopping it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ListenerOptions {
  /** Handles one request; a rejection is logged and answered with a plain 500. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Called with what went wrong: malformed HTTP, or an unexpected error while handling a request. */
  onError(text: string): void;
}

export function createListener(options: ListenerOptions): Server {
  const server = createServer((req, res) => {
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
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    options.onError(`malformed HTTP from a client (${error.code ?? error.message})`);
    if (socket.writable)
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });
  return server;
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
