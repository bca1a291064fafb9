/**
 * Decoding a request body to text, strictly, in the charset it declares: the Content-Type's `charset`, else
 * (for XML) the XML declaration's `encoding`, else UTF-8. Bytes that are not valid in that charset are an
 * error, never replaced: a replacement character (later stored as `?` by ESWS) would silently change what
 * the client sent. A charset the sandbox does not know is an error too.
 *
 * ISO-8859-1 is what NuSOAP (ESWS) uses by default. The Encoding Standard behind TextDecoder maps that label
 * to windows-1252 (0x80–0x9F become other characters), and Node versions differ in how closely they follow
 * it, so ISO-8859-1 is decoded here as itself: every byte is the code point of the same value. US-ASCII is
 * checked to be 7-bit, for the same reason.
 */
import { TextDecoder } from "node:util";
import { SandboxRequestError } from "./request-error.js";

const LATIN1_LABELS = new Set([
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "iso_8859-1:1987",
  "latin1",
  "l1",
  "cp819",
  "ibm819",
  "iso-ir-100",
  "csisolatin1",
]);
const ASCII_LABELS = new Set([
  "us-ascii",
  "ascii",
  "ansi_x3.4-1968",
  "iso-ir-6",
  "cp367",
  "ibm367",
  "csascii",
]);

/** The charset label a body declares (lowercase), UTF-8 when it declares none. */
export function declaredCharset(body: Buffer, contentType: string | undefined): string {
  const fromType = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1];
  if (fromType !== undefined) return fromType.toLowerCase();
  const head = body.subarray(0, 200).toString("latin1");
  const fromXml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  return (fromXml ?? "utf-8").toLowerCase();
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new SandboxRequestError(
      "charset",
      `the charset "${label.slice(0, 40)}" is not one the server knows`,
    );
  }
}

/** @throws SandboxRequestError `charset` when the bytes are not valid in the declared charset. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const label = declaredCharset(body, contentType);
  const invalid = (): SandboxRequestError =>
    new SandboxRequestError("charset", `the body is not valid ${label.slice(0, 40)} text`);
  if (LATIN1_LABELS.has(label)) return body.toString("latin1");
  if (ASCII_LABELS.has(label)) {
    if (body.some((byte) => byte > 0x7f)) throw invalid();
    return body.toString("latin1");
  }
  const decoder = decoderFor(label);
  try {
    return decoder.decode(body);
  } catch {
    throw invalid();
  }
}
