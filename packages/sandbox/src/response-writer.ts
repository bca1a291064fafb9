/** Writing answers: a vendor's response (whole or truncated), plain text, JSON and HTML pages. */
import type { ServerResponse } from "node:http";
import { htmlPage } from "./html-page.js";
import type { VendorResponse } from "./service.js";

export function writePlain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function writeJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  options: { close?: boolean } = {},
): void {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    ...(options.close === true ? { connection: "close" } : {}),
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * An HTML page as a web server in front of the application writes it; `close` ends the connection after,
 * `retryAfterSeconds` says when to try again (503).
 */
export function writeHtmlPage(
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  options: { close?: boolean; retryAfterSeconds?: number } = {},
): void {
  const page = htmlPage(status, title, text);
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    ...(options.close === true ? { connection: "close" } : {}),
    ...(options.retryAfterSeconds === undefined ? {} : { "retry-after": String(options.retryAfterSeconds) }),
    "content-length": Buffer.byteLength(page),
  });
  res.end(page);
}

/**
 * A vendor's response. `truncate` sends the first half of the body without a Content-Length: the message is
 * chunked and ends cleanly, so the client sees a cut body, not a broken connection.
 */
export function writeVendorResponse(
  res: ServerResponse,
  method: string,
  response: VendorResponse,
  options: { truncate?: boolean } = {},
): void {
  const bytes = Buffer.from(response.body, "utf8");
  const headers: Record<string, string | number> = {
    "content-type": response.contentType,
    ...(response.headers ?? {}),
  };
  const body = options.truncate === true ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  if (options.truncate !== true) headers["content-length"] = bytes.length;
  res.writeHead(response.status, headers);
  res.end(method === "HEAD" ? undefined : body);
}
