/**
 * From the bytes of a body to its text, the way XML determines a document's encoding (XML 1.0, section 4.3.3
 * and appendix F; RFC 7303, section 3): the transport's `charset` first, then a byte order mark, then the
 * encoding declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`), then UTF-8. NuSOAP, the likely ESWS
 * server, answers ISO-8859-1 and may say so only in the declaration.
 *
 * Nothing is ever replaced with U+FFFD: bytes that are not valid in the encoding (invalid UTF-8, an odd byte
 * of UTF-16, a byte above 0x7F in US-ASCII), an encoding we cannot decode, and a byte order mark or a
 * declaration that contradicts the encoding in use are all `MalformedResponseError("charset")`.
 *
 * The clients (through the transport) and the sandbox decode with these same functions.
 */
import { isUtf8 } from "node:buffer";
import { MalformedResponseError } from "./errors.js";

/** How a body is decoded: Node's own decoders for the common cases, a strict TextDecoder for the rest. */
type Decoder =
  | { readonly kind: "utf-8" }
  | { readonly kind: "iso-8859-1" }
  | { readonly kind: "us-ascii" }
  | { readonly kind: "windows-1252" }
  | { readonly kind: "utf-16"; readonly endian: "le" | "be" | undefined }
  | { readonly kind: "other"; readonly label: string };

const UTF8: Decoder = { kind: "utf-8" };

/**
 * The labels whose WHATWG meaning (windows-1252) differs from what they mean in XML and MIME: ISO-8859-1 maps
 * every byte to the code point of the same value, and US-ASCII has no bytes above 0x7F.
 */
const LATIN1_LABELS = new Set([
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "iso_8859-1:1987",
  "iso-ir-100",
  "latin1",
  "l1",
  "ibm819",
  "cp819",
  "csisolatin1",
]);
const ASCII_LABELS = new Set(["us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "csascii", "us"]);
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);

/**
 * windows-1252 (what PHP applications often really send) at 0x80–0x9F, as WHATWG defines it. Node 20's own
 * decoder reads these bytes as ISO-8859-1 (0x80 as U+0080, not €), so this one is ours; the rest of the range
 * is ISO-8859-1.
 */
const WINDOWS_1252_C1 =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
const C1_RANGE = /[\u0080-\u009F]/g;

/**
 * The WHATWG single-byte encodings: one byte, one BMP character. A decoded text of another length than the
 * bytes (a decoder that skipped or merged bytes, as Node's windows-1252 one mis-decodes them) is refused.
 */
const SINGLE_BYTE = new Set([
  "ibm866",
  "iso-8859-2",
  "iso-8859-3",
  "iso-8859-4",
  "iso-8859-5",
  "iso-8859-6",
  "iso-8859-7",
  "iso-8859-8",
  "iso-8859-8-i",
  "iso-8859-10",
  "iso-8859-13",
  "iso-8859-14",
  "iso-8859-15",
  "iso-8859-16",
  "koi8-r",
  "koi8-u",
  "macintosh",
  "windows-874",
  "windows-1250",
  "windows-1251",
  "windows-1253",
  "windows-1254",
  "windows-1255",
  "windows-1256",
  "windows-1257",
  "windows-1258",
  "x-mac-cyrillic",
]);

/** The decoder for an encoding name, or `undefined` when we cannot decode it (UTF-32, EBCDIC, a made-up name). */
function decoderFor(name: string): Decoder | undefined {
  const label = name.trim().toLowerCase();
  if (UTF8_LABELS.has(label)) return UTF8;
  if (LATIN1_LABELS.has(label)) return { kind: "iso-8859-1" };
  if (ASCII_LABELS.has(label)) return { kind: "us-ascii" };
  if (label === "utf-16" || label === "utf16" || label === "ucs-2" || label === "iso-10646-ucs-2")
    return { kind: "utf-16", endian: undefined };
  if (label === "utf-16le") return { kind: "utf-16", endian: "le" };
  if (label === "utf-16be") return { kind: "utf-16", endian: "be" };
  try {
    const encoding = new TextDecoder(label).encoding;
    // Any other label of UTF-8 or UTF-16 is handled above; what is left is windows-1252 under one of its
    // names, or another of the single- or multi-byte WHATWG encodings (iso-8859-15, shift_jis …).
    if (encoding === "utf-8") return UTF8;
    if (encoding === "windows-1252") return { kind: "windows-1252" };
    if (encoding.startsWith("utf-16"))
      return { kind: "utf-16", endian: encoding === "utf-16be" ? "be" : "le" };
    return { kind: "other", label: encoding };
  } catch {
    return undefined;
  }
}

/** Whether an encoding name (from a `charset` or a declaration) is one these decoders can decode. */
export function isSupportedEncoding(name: string): boolean {
  return decoderFor(name) !== undefined;
}

/** The `charset` parameter of a Content-Type header value, without quotes, or `undefined`. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  return contentType.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i)?.[1];
}

type Bom = "utf-8" | "utf-16le" | "utf-16be" | "utf-32";

function bomOf(b: Uint8Array): Bom | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return b[2] === 0 && b[3] === 0 ? "utf-32" : "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return "utf-32";
  return undefined;
}

/** Whether a byte order mark is the one of `decoder`'s encoding. */
function bomAgrees(bom: Bom, decoder: Decoder): boolean {
  if (bom === "utf-8") return decoder.kind === "utf-8";
  if (bom === "utf-32") return false;
  return decoder.kind === "utf-16" && (decoder.endian === undefined || `utf-16${decoder.endian}` === bom);
}

/**
 * The encoding name in an XML declaration at the start of `text` (read as ASCII: the declaration is ASCII in
 * every encoding this sniffing applies to), or `undefined`. Leading whitespace is skipped as the parser does.
 */
const DECLARED_ENCODING =
  /^[ \t\r\n]*<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])[^"']*\1[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2/;

export function declaredEncoding(text: string): string | undefined {
  return DECLARED_ENCODING.exec(text)?.[3];
}

/** Longest prefix in which a declaration is looked for (a declaration is far shorter). */
const DECLARATION_WINDOW = 512;

/** Why a body cannot be decoded; turned into a MalformedResponseError at the public functions. */
class Undecodable extends Error {}

function fail(detail: string): never {
  throw new Undecodable(detail);
}

/** Carried into the errors: the contract operation, and the HTTP status of the response being decoded. */
export interface BodyDecodeContext {
  readonly operation?: string | undefined;
  readonly status?: number | undefined;
}

/** Runs `decode`, turning an Undecodable into `MalformedResponseError("charset")`. */
function guarded(decode: () => string, context: BodyDecodeContext): string {
  try {
    return decode();
  } catch (error) {
    if (error instanceof Undecodable) {
      throw new MalformedResponseError("charset", error.message, {
        operation: context.operation,
        status: context.status,
      });
    }
    throw error;
  }
}

/**
 * Decodes `bytes` with `decoder`, rejecting anything invalid in that encoding. `skip` bytes (a BOM) are
 * dropped first; a UTF-16 decoder without an endianness reads big-endian (RFC 2781) unless the text starts
 * with a little-endian `<`.
 */
function decodeStrict(bytes: Uint8Array, decoder: Decoder, skip: number): string {
  const body = skip === 0 ? bytes : bytes.subarray(skip);
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  switch (decoder.kind) {
    case "utf-8":
      if (!isUtf8(buffer)) fail(`invalid UTF-8 at byte ${skip + firstInvalidUtf8(buffer)}`);
      return buffer.toString("utf8");
    case "iso-8859-1":
      return buffer.toString("latin1");
    case "windows-1252":
      return buffer.toString("latin1").replace(C1_RANGE, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
    case "us-ascii": {
      const at = buffer.findIndex((b) => b > 0x7f);
      if (at >= 0) fail(`byte 0x${buffer[at]!.toString(16)} at byte ${skip + at} is not US-ASCII`);
      return buffer.toString("latin1");
    }
    case "utf-16": {
      const endian = decoder.endian ?? (buffer[0] === 0x3c && buffer[1] === 0 ? "le" : "be");
      return textDecode(`utf-16${endian}`, buffer);
    }
    case "other":
      return textDecode(decoder.label, buffer);
  }
}

function textDecode(label: string, buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return fail(`bytes that are not valid ${label}`);
  }
  if (SINGLE_BYTE.has(label) && text.length !== buffer.length) fail(`bytes that are not valid ${label}`);
  return text;
}

/** Offset of the first byte that breaks UTF-8 (only computed on the error path). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (n < 0) return i;
    if (n > 0) {
      if (!isUtf8(b.subarray(i, i + n + 1))) return i;
    }
    i += n + 1;
  }
  return i;
}

function describe(decoder: Decoder): string {
  return decoder.kind === "utf-16"
    ? `UTF-16${decoder.endian ? decoder.endian.toUpperCase() : ""}`
    : decoder.kind === "other"
      ? decoder.label
      : decoder.kind.toUpperCase();
}

/** The decoder for a transport charset, or a "charset" error naming it. */
function transportDecoder(charset: string): Decoder {
  const decoder = decoderFor(charset);
  if (decoder === undefined) fail(`unsupported charset ${JSON.stringify(charset.slice(0, 40))}`);
  return decoder;
}

/**
 * The decoder of the transport's charset. The transport is authoritative (XML 1.0, 4.3.3; RFC 7303, 3.2); a
 * BOM of another encoding means the header is wrong, and guessing which of the two is right would be a silent
 * rewrite either way.
 */
function transportDecoderFor(
  charset: string,
  bom: ReturnType<typeof bomOf>,
): ReturnType<typeof transportDecoder> {
  const decoder = transportDecoder(charset);
  if (bom !== undefined && !bomAgrees(bom, decoder)) {
    fail(`the body starts with a ${bom.toUpperCase()} byte order mark, but its charset is ${charset}`);
  }
  return decoder;
}

/**
 * The text of an XML body. `contentType` is the Content-Type header value as received (its `charset`
 * parameter, if any, is the transport's word on the encoding).
 *
 * @throws MalformedResponseError("charset") for bytes the encoding cannot decode, an encoding we cannot decode,
 *   or a byte order mark or declaration that contradicts the encoding in use.
 */
export function decodeXmlBody(
  bytes: Uint8Array,
  contentType?: string,
  context: BodyDecodeContext = {},
): string {
  return guarded(() => xmlText(bytes, charsetOf(contentType)), context);
}

function xmlText(bytes: Uint8Array, charset: string | undefined): string {
  const bom = bomOf(bytes);
  if (bom === "utf-32") fail("UTF-32 is not supported");

  if (charset !== undefined) {
    const decoder = transportDecoderFor(charset, bom);
    try {
      return decodeStrict(bytes, decoder, bom === undefined ? 0 : bom === "utf-8" ? 3 : 2);
    } catch (error) {
      // Say why the declaration, which may well be right, was not used.
      const head = Buffer.from(
        bytes.buffer,
        bytes.byteOffset,
        Math.min(bytes.byteLength, DECLARATION_WINDOW),
      );
      const declared = declaredEncoding(head.toString("latin1"));
      if (!(error instanceof Undecodable) || declared === undefined) throw error;
      return fail(
        `${error.message} (the XML declaration says ${declared}, but the Content-Type's charset, ${charset}, takes precedence)`,
      );
    }
  }

  let decoder: Decoder;
  let skip = 0;
  if (bom !== undefined) {
    decoder = bom === "utf-8" ? UTF8 : { kind: "utf-16", endian: bom === "utf-16le" ? "le" : "be" };
    skip = bom === "utf-8" ? 3 : 2;
  } else if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) {
    // `<?` in UTF-16 without a BOM (XML 1.0, appendix F).
    decoder = { kind: "utf-16", endian: "le" };
  } else if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) {
    decoder = { kind: "utf-16", endian: "be" };
  } else {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_WINDOW));
    const declared = declaredEncoding(head.toString("latin1"));
    if (declared === undefined) return decodeStrict(bytes, UTF8, 0);
    const byName = decoderFor(declared);
    if (byName === undefined) fail(`unsupported encoding ${declared} in the XML declaration`);
    if (byName.kind === "utf-16") {
      // The declaration was readable as ASCII, so the bytes are not UTF-16 whatever it says.
      fail(`the XML declaration says ${declared}, but the document is not UTF-16`);
    }
    return decodeStrict(bytes, byName, 0);
  }

  const text = decodeStrict(bytes, decoder, skip);
  // With a BOM or UTF-16 sniffed, a declaration may still name an encoding; it must be the one in use.
  const declared = declaredEncoding(text.slice(0, DECLARATION_WINDOW));
  if (declared !== undefined) {
    const byName = decoderFor(declared);
    if (byName === undefined) fail(`unsupported encoding ${declared} in the XML declaration`);
    if (byName.kind !== decoder.kind || (byName.kind === "utf-16" && !bomAgreesEndian(byName, decoder))) {
      fail(`the XML declaration says ${declared}, but the document is ${describe(decoder)}`);
    }
  }
  return text;
}

function bomAgreesEndian(declared: Decoder, used: Decoder): boolean {
  return (
    declared.kind === "utf-16" &&
    used.kind === "utf-16" &&
    (declared.endian === undefined || declared.endian === used.endian)
  );
}

/**
 * The text of a non-XML body (JSON, HTML, plain text): the transport's charset, then a byte order mark, then
 * UTF-8 (RFC 8259, section 8.1). A UTF-8 BOM is kept as U+FEFF for the format's parser to judge.
 *
 * @throws MalformedResponseError("charset") as decodeXmlBody.
 */
export function decodeTextBody(
  bytes: Uint8Array,
  contentType?: string,
  context: BodyDecodeContext = {},
): string {
  return guarded(() => plainText(bytes, charsetOf(contentType)), context);
}

function plainText(bytes: Uint8Array, charset: string | undefined): string {
  const bom = bomOf(bytes);
  if (bom === "utf-32") fail("UTF-32 is not supported");
  if (charset !== undefined) {
    const decoder = transportDecoderFor(charset, bom);
    return decodeStrict(bytes, decoder, bom === "utf-16le" || bom === "utf-16be" ? 2 : 0);
  }
  if (bom === "utf-16le" || bom === "utf-16be") {
    return decodeStrict(bytes, { kind: "utf-16", endian: bom === "utf-16le" ? "le" : "be" }, 2);
  }
  return decodeStrict(bytes, UTF8, 0);
}
