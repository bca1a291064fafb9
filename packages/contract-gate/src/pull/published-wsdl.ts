/**
 * Reading a vendor's published WSDL from a URL (http or https, as its service publishes it at `?wsdl` or
 * `/wsdl/`) or a file: with a time limit for the whole answer, a size cap, and an error that says which went
 * wrong. Redirects are not followed: a WSDL that moved is worth knowing about, and the report names the status.
 */
import { readFileSync, statSync } from "node:fs";
import { type HttpResponse, MalformedResponseError, sendHttp } from "@integrations/runtime";

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

/** The kind of the runtime's typed transport errors, as the reason of a PullError. */
const REASON_OF_KIND: Readonly<Record<string, PullErrorReason>> = {
  timeout: "timeout",
  network: "network",
  abort: "network",
};

/**
 * A GET through the runtime's transport (the clients' own): its time limit for the whole answer, its size cap
 * applied as bytes arrive, and its strict decoding of XML by its declared encoding.
 */
async function fromUrl(url: string, timeoutMs: number, maxBytes: number): Promise<string> {
  let response: HttpResponse;
  try {
    response = await sendHttp(
      {
        url,
        method: "GET",
        headers: { accept: "text/xml, application/xml, */*" },
        operation: "published WSDL",
      },
      { timeoutMs, maxResponseBytes: maxBytes },
    );
  } catch (error) {
    if (error instanceof MalformedResponseError && error.reason === "too-large") {
      throw new PullError("too-large", `the WSDL is more than ${maxBytes} bytes`);
    }
    const kind = (error as { kind?: string }).kind ?? "network";
    throw new PullError(REASON_OF_KIND[kind] ?? "network", (error as Error).message);
  }
  if (response.status !== 200) {
    throw new PullError(
      "http-status",
      `${new URL(url).origin}${new URL(url).pathname} answered HTTP ${response.status}`,
    );
  }
  try {
    return response.body;
  } catch (error) {
    throw new PullError("not-a-wsdl", (error as Error).message);
  }
}

/** The published WSDL's text; a PullError for anything that is not one. */
export async function readPublishedWsdl(from: string, options: ReadOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const text = isUrl(from) ? await fromUrl(from, timeoutMs, maxBytes) : fromFile(from, maxBytes);
  if (!/<([A-Za-z_][\w.-]*:)?definitions\b/.test(text.slice(0, 64 * 1024))) {
    throw new PullError("not-a-wsdl", `${from} is not a WSDL: no wsdl:definitions element near its start`);
  }
  return text;
}
