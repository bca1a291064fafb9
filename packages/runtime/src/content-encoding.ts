/**
 * Undoing a `Content-Encoding`. We never ask for one (no `Accept-Encoding`), but servers and proxies compress
 * anyway; without this, a gzip body reaches the XML parser as `not-xml: U+001F`. Decompression runs under the
 * same size cap as the body itself, so a small compressed body cannot expand into gigabytes (a zip bomb).
 */
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate, inflateRaw } from "node:zlib";
import { MalformedResponseError } from "./errors.js";

type Inflate = (buffer: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

const gunzipAsync = promisify(gunzip) as Inflate;
const inflateAsync = promisify(inflate) as Inflate;
const inflateRawAsync = promisify(inflateRaw) as Inflate;
const brotliAsync = promisify(brotliDecompress) as Inflate;

/** Layers of encoding undone at most (`gzip, gzip` is legal; a long list is an attack). */
const MAX_LAYERS = 3;

/**
 * The body with every listed content coding undone, last applied first (RFC 9110, 8.4).
 *
 * @throws MalformedResponseError `too-large` when the decoded body passes `maxBytes`, `content-encoding` for
 *   a coding we do not know (named) or a compressed body that is corrupt or cut short.
 */
export async function decodeContentEncoding(
  body: Buffer,
  header: string | undefined,
  maxBytes: number,
  operation: string,
  status: number,
): Promise<Buffer> {
  if (header === undefined) return body;
  const codings = header
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  if (codings.length === 0) return body;
  const fail = (reason: "too-large" | "content-encoding", detail: string): never => {
    throw new MalformedResponseError(reason, detail, { operation, status });
  };
  if (codings.length > MAX_LAYERS) fail("content-encoding", `${codings.length} layers of Content-Encoding`);
  let out = body;
  for (const coding of codings.reverse()) {
    const inflater = inflaterFor(coding);
    if (inflater === undefined) {
      return fail("content-encoding", `unsupported Content-Encoding ${JSON.stringify(coding.slice(0, 40))}`);
    }
    try {
      out = await inflater(out, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
        return fail("too-large", `more than ${maxBytes} bytes once decompressed (${coding})`);
      }
      return fail("content-encoding", `the ${coding} body is corrupt or cut short`);
    }
  }
  return out;
}

function inflaterFor(coding: string): Inflate | undefined {
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return gunzipAsync;
    case "deflate":
      // RFC 9110 means zlib-wrapped deflate; some servers send raw deflate under the same name.
      return (buffer, options) =>
        inflateAsync(buffer, options).catch((error: unknown) => {
          if ((error as { code?: unknown }).code === "Z_DATA_ERROR") return inflateRawAsync(buffer, options);
          throw error;
        });
    case "br":
      return brotliAsync;
    default:
      return undefined;
  }
}
