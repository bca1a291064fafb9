/**
 * Reading a vendor's published WSDL from a URL (http or https, as its service publishes it at `?wsdl` or
 * `/wsdl/`) or a file: with a time limit for the whole answer, a size cap, and an error that says which went
 * wrong. Redirects are not followed: a WSDL that moved is worth knowing about, and the report names the status.
 */
import { readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any real WSDL (ESWS's is a few KiB, Edu-iX's tens): a larger answer is not one. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export type PullErrorReason =
  | "usage"
  | "not-found"
  | "network"
  | "timeout"
  | "too-large"
  | "http-status"
  | "not-a-wsdl";

export class PullError extends Error {
  override readonly name = "PullError";
  constructor(
    readonly reason: PullErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

function isUrl(from: string): boolean {
  return /^https?:\/\//i.test(from);
}

function fromFile(path: string, maxBytes: number): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new PullError("not-found", `no file ${path}`);
  }
  if (size > maxBytes) throw new PullError("too-large", `${path} is ${size} bytes, more than ${maxBytes}`);
  return readFileSync(path, "utf8");
}

function fromUrl(url: URL, timeoutMs: number, maxBytes: number): Promise<string> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const fail = (error: PullError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new PullError("timeout", `no complete answer from ${url.origin} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const req = send(url, { method: "GET", headers: { accept: "text/xml, application/xml, */*" } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        const where = res.headers.location ? ` (to ${res.headers.location})` : "";
        return fail(
          new PullError("http-status", `${url.origin}${url.pathname} answered HTTP ${status}${where}`),
        );
      }
      const declared = Number(res.headers["content-length"]);
      if (declared > maxBytes)
        return fail(new PullError("too-large", `the WSDL is ${declared} bytes, more than ${maxBytes}`));
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes)
          return fail(new PullError("too-large", `the WSDL is more than ${maxBytes} bytes`));
        chunks.push(chunk);
      });
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(Buffer.concat(chunks).toString("utf8"));
      });
      res.on("error", (e) => fail(new PullError("network", `reading from ${url.origin}: ${e.message}`)));
    });
    req.on("error", (e) => fail(new PullError("network", `${url.origin}: ${e.message}`)));
    req.end();
  });
}

/** The published WSDL's text; a PullError for anything that is not one. */
export async function readPublishedWsdl(from: string, options: ReadOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const text = isUrl(from) ? await fromUrl(new URL(from), timeoutMs, maxBytes) : fromFile(from, maxBytes);
  if (!/<([A-Za-z_][\w.-]*:)?definitions\b/.test(text.slice(0, 64 * 1024))) {
    throw new PullError("not-a-wsdl", `${from} is not a WSDL: no wsdl:definitions element near its start`);
  }
  return text;
}
