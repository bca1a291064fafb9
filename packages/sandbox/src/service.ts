/** What the HTTP layer hands a vendor simulation, and what it gets back. */
import type { IncomingHttpHeaders } from "node:http";
import type { Vendor } from "./vendors.js";

export interface SandboxRequest {
  readonly vendor: Vendor;
  readonly method: string;
  /** The path, without the query and without a `/__fault/<list>` prefix. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** How clients reach this listener, e.g. `http://127.0.0.1:7401` (for soap:address). */
  readonly origin: string;
  /** Faults asked for this request that the simulation itself acts on (Edu-iX session expiry). */
  readonly expireSession: boolean;
}

export interface VendorResponse {
  status: number;
  contentType: string;
  body: string;
  /** The operation, when one was recognised (for the log). */
  operation?: string | undefined;
  /** The result code / fault code / short outcome, for the log. */
  outcome?: string | undefined;
  headers?: Record<string, string>;
}

export interface VendorService {
  readonly vendor: Vendor;
  handle(request: SandboxRequest): VendorResponse;
  /** The vendor's own kind of answer to an unexpected failure of the simulation itself. */
  internalError(request: SandboxRequest): VendorResponse;
  /** Back to the seed state. */
  reset(): void;
  /** A JSON-able view of the state, for `GET /__sandbox/state`. */
  snapshot(): unknown;
}

/** Decodes a request body: the charset of the Content-Type, else the XML declaration's encoding, else UTF-8. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  let latin1 = charset === "iso-8859-1" || charset === "latin1" || charset === "us-ascii";
  if (charset === undefined) {
    const head = body.subarray(0, 200).toString("latin1");
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
    latin1 = declared === "iso-8859-1" || declared === "latin1";
  }
  return body.toString(latin1 ? "latin1" : "utf8");
}

/** A small HTML page, the way a web server in front of the application answers. */
export function htmlPage(status: number, title: string, text: string): string {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<!DOCTYPE html>\n<html><head><title>${status} ${esc(title)}</title></head><body><h1>${esc(
    title,
  )}</h1><p>${esc(text)}</p><hr><address>integrations sandbox</address></body></html>\n`;
}
