/**
 * A raw HTTP/1.1 server on 127.0.0.1 (node:net, ephemeral port) for what an HTTP framework will not do on
 * purpose: reset a connection in the middle of a body, drip a body byte by byte, stream 64 MiB, or never
 * answer. It parses one request per connection (every answer says `connection: close`), records every
 * request, and counts connections, so a test can assert that nothing reached it.
 */
import { once } from "node:events";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Exchange {
  readonly req: RawRequest;
  readonly socket: Socket;
  /** 0-based index of this request among all requests the server received. */
  readonly index: number;
}

export type RawHandler = (exchange: Exchange) => void | Promise<void>;

export interface RawServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly requests: RawRequest[];
  /** Every TCP connection accepted, whether or not a request followed. */
  readonly connections: () => number;
  /** Request timestamps (performance.now()), parallel to `requests`. */
  readonly times: number[];
  handler: RawHandler;
  close(): Promise<void>;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** Parses one request from `buffer`, or returns undefined when it is not complete yet. */
function parseRequest(buffer: Buffer): RawRequest | undefined {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const lines = buffer.subarray(0, end).toString("latin1").split("\r\n");
  const [method = "", path = ""] = (lines[0] ?? "").split(" ");
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = buffer.subarray(end + HEADER_END.length);
  if (headers["transfer-encoding"]?.toLowerCase().includes("chunked")) {
    const body = decodeChunked(rest);
    return body === undefined ? undefined : { method, path, headers, body: body.toString("utf8") };
  }
  const length = Number(headers["content-length"] ?? "0");
  if (rest.length < length) return undefined;
  return { method, path, headers, body: rest.subarray(0, length).toString("utf8") };
}

function decodeChunked(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", pos);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.subarray(pos, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    pos = start + size + 2;
  }
}

export async function startRawServer(handler: RawHandler = () => {}): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const requests: RawRequest[] = [];
  const times: number[] = [];
  let connections = 0;

  const state = {
    handler,
  };

  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // The client may reset or abandon the connection at any point; that is the point of these tests.
    socket.on("error", () => {});
    let buffer = Buffer.alloc(0);
    let handled = false;
    socket.on("data", (chunk: Buffer) => {
      if (handled) return;
      buffer = Buffer.concat([buffer, chunk]);
      const req = parseRequest(buffer);
      if (req === undefined) return;
      handled = true;
      const index = requests.length;
      requests.push(req);
      times.push(performance.now());
      Promise.resolve()
        .then(() => state.handler({ req, socket, index }))
        .catch(() => socket.destroy());
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    times,
    connections: () => connections,
    get handler() {
      return state.handler;
    },
    set handler(h: RawHandler) {
      state.handler = h;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ------------------------------------------------------------------------------------------ answers

export interface Answer {
  status?: number;
  /** `""` sends no content-type header. */
  contentType?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const REASONS: Record<number, string> = { 200: "OK", 400: "Bad Request", 500: "Internal Server Error" };

function head(status: number, headers: Record<string, string>): string {
  let out = `HTTP/1.1 ${status} ${REASONS[status] ?? "Status"}\r\n`;
  for (const [name, value] of Object.entries(headers)) out += `${name}: ${value}\r\n`;
  return `${out}\r\n`;
}

function headersOf(answer: Answer, length: number | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const contentType = answer.contentType ?? "text/xml; charset=utf-8";
  if (contentType !== "") headers["content-type"] = contentType;
  if (length !== undefined) headers["content-length"] = String(length);
  else headers["transfer-encoding"] = "chunked";
  headers.connection = "close";
  return { ...headers, ...answer.headers };
}

function bytesOf(body: string | Buffer): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : body;
}

/** A complete answer, then the connection is closed. */
export function respond(socket: Socket, answer: Answer): void {
  const bytes = bytesOf(answer.body);
  socket.end(
    Buffer.concat([Buffer.from(head(answer.status ?? 200, headersOf(answer, bytes.length))), bytes]),
  );
}

/**
 * Headers, half of the body, then a TCP reset (RST). With `chunked`, the body has no declared length, so
 * the client can only learn of the break from the socket itself.
 */
export function resetMidBody(socket: Socket, answer: Answer, chunked = false): void {
  const bytes = bytesOf(answer.body);
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  socket.write(head(answer.status ?? 200, headersOf(answer, chunked ? undefined : bytes.length)));
  socket.write(chunked ? frame(half) : half, () => {
    setTimeout(() => socket.resetAndDestroy(), 5);
  });
}

/** Closes the connection without a byte of answer. */
export function drop(socket: Socket): void {
  socket.destroy();
}

/** Headers at once, then the body one byte every `intervalMs` (never finishing within any sane timeout). */
export function drip(socket: Socket, answer: Answer, intervalMs: number): void {
  const bytes = bytesOf(answer.body);
  socket.write(head(answer.status ?? 200, headersOf(answer, bytes.length)));
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) {
      clearInterval(timer);
      if (!socket.destroyed) socket.end();
      return;
    }
    socket.write(bytes.subarray(i, i + 1));
    i++;
  }, intervalMs);
  socket.on("close", () => clearInterval(timer));
}

/**
 * Streams `total` bytes of `fill` (after an optional `prefix`), with or without a declared content-length,
 * honouring backpressure and stopping as soon as the client goes away. Resolves to the bytes written.
 */
export async function streamHuge(
  socket: Socket,
  options: { total: number; declared: boolean; contentType: string; prefix?: string; fill?: number },
): Promise<number> {
  const { total, declared } = options;
  socket.write(
    head(200, headersOf({ contentType: options.contentType, body: "" }, declared ? total : undefined)),
  );
  const chunkSize = 64 * 1024;
  const chunk = Buffer.alloc(chunkSize, options.fill ?? 0x20);
  let sent = 0;
  const closed = eventOf(socket, "close", "closed" as const);
  if (options.prefix !== undefined) {
    const prefix = Buffer.from(options.prefix);
    socket.write(declared ? prefix : frame(prefix));
    sent += prefix.length;
  }
  while (sent < total && !socket.destroyed) {
    const size = Math.min(chunkSize, total - sent);
    const piece = size === chunkSize ? chunk : chunk.subarray(0, size);
    const ok = socket.write(declared ? piece : frame(piece));
    sent += size;
    if (!ok) {
      const outcome = await Promise.race([eventOf(socket, "drain", "drain" as const), closed]);
      if (outcome === "closed") break;
    }
  }
  if (!socket.destroyed) {
    if (declared) socket.end();
    else socket.end("0\r\n\r\n");
  }
  return sent;
}

/** Resolves with `value` on the event; never rejects (node:events `once` would, on a socket 'error'). */
function eventOf<T>(socket: Socket, event: string, value: T): Promise<T> {
  return new Promise((resolve) => {
    if (event === "close" && socket.destroyed) resolve(value);
    else socket.once(event, () => resolve(value));
  });
}

function frame(piece: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
}
