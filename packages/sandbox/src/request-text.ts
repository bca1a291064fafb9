/**
 * Decoding a request body to text with the runtime's decoders, so that the sandbox reads bytes exactly as the
 * clients read answers: the Content-Type's `charset`, then (for XML) the byte order mark, then the XML
 * declaration's `encoding`, else UTF-8; ISO-8859-1 (NuSOAP's default) as itself, UTF-16 with a BOM. Bytes that
 * are not valid in that charset are an error, never replaced: a replacement character (later stored as `?` by
 * ESWS) would silently change what the client sent. A charset the runtime does not know is an error too.
 */
import { decodeTextBody, decodeXmlBody, isIntegrationError } from "@integrations/runtime";
import { SandboxRequestError } from "./request-error.js";

/** The body as text: `xml` for the SOAP vendors, `text` (JSON) for Moka. */
export function decodeBody(body: Buffer, contentType: string | undefined, kind: "xml" | "text"): string {
  try {
    return kind === "xml" ? decodeXmlBody(body, contentType) : decodeTextBody(body, contentType);
  } catch (error) {
    if (isIntegrationError(error) && error.kind === "malformed-response") {
      throw new SandboxRequestError("charset", error.message.replace(/^[^:]*: /, "").slice(0, 200));
    }
    throw error;
  }
}
