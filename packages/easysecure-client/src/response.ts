/**
 * Reading ESWS's answer. Business outcomes always come as HTTP 200 with one `<return xsi:type="xsd:string">`
 * (contract header comment); NuSOAP answers a request it cannot handle (unknown operation, broken XML) with a
 * SOAP Fault, usually on HTTP 500. Anything else is a transport or gateway problem, or a body that cannot be
 * trusted, and gets its own typed error.
 */
import {
  attribute,
  firstChild,
  type HttpResponse,
  httpStatusErrorOf,
  MalformedResponseError,
  type Redactor,
  readRpcEncodedReturn,
  readSoapEnvelope,
  type SoapEnvelope,
  soapFaultToError,
  type XmlElement,
  XSI_NS,
} from "@integrations/runtime";
import { EasySecureError } from "./easysecure-error.js";
import type { ReturnResolver } from "./resolve-return.js";

/** XML media types a SOAP 1.1 server may declare; an absent content type is tolerated (proxies strip it). */
const XML_TYPES = /^(?:text\/xml|application\/xml|application\/soap\+xml|application\/[a-z0-9.+-]+\+xml)$/;

/** Vendor text can be long (stack traces); errors keep the start. */
const MAX_CODE_LENGTH = 200;
const MAX_TEXT_LENGTH = 1000;

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface DecodeContext {
  /** The contract operation name, e.g. `Esws.syncMOCA`. */
  readonly operation: string;
  readonly resolve: ReturnResolver;
  /** Every vendor text goes through it before reaching an error (the company security code is secret). */
  readonly redact: Redactor;
}

/**
 * The success code of the call (`OK`, `INSERTED`, `UPDATED`).
 * @throws SoapFaultError, HttpStatusError, MalformedResponseError, or EasySecureError for any other return.
 */
export function decodeEswsResponse(response: HttpResponse, ctx: DecodeContext): string {
  const { operation, redact } = ctx;
  const { status, contentType } = response;
  const isXml = contentType === "" || XML_TYPES.test(contentType);

  if (status !== 200) {
    // A fault explains the failure better than its status; any other non-200 body (an HTML error page from
    // a gateway, or one that cannot even be decoded) says nothing the status does not.
    const envelope = isXml ? tryReadEnvelope(response, ctx) : undefined;
    if (envelope?.fault !== undefined) throw soapFaultToError(envelope.fault, operation, redact);
    throw httpStatusErrorOf(response, operation);
  }
  if (!isXml) {
    throw new MalformedResponseError("content-type", `expected XML, got ${contentType}`, {
      operation,
      status,
    });
  }

  // Hardened parser: no DTD or entity (billion laughs, XXE), bounded depth and size, truncation detected.
  // The body is decoded as XML determines its encoding (NuSOAP may declare ISO-8859-1 only in the XML
  // declaration); names quoted in a parse error are redacted before they are cut short.
  const envelope = readSoapEnvelope(response.body, { operation, redact });
  if (envelope.fault !== undefined) throw soapFaultToError(envelope.fault, operation, redact);
  const raw = returnText(envelope.body, ctx, status).trim();
  if (raw === "") {
    throw new MalformedResponseError("envelope", "the return value is empty, which is no documented code", {
      operation,
      status,
    });
  }

  const resolution = ctx.resolve(raw);
  const rawReturn = cap(redact(raw), MAX_TEXT_LENGTH);
  if (!resolution.documented) {
    throw new EasySecureError({
      code: cap(redact(resolution.code), MAX_CODE_LENGTH),
      meaning: "Undocumented return value",
      retryable: false,
      operation,
      status,
      rawReturn,
      documented: false,
    });
  }
  const { entry, detail } = resolution;
  if (entry.outcome === "success") return entry.code;
  throw new EasySecureError({
    code: entry.code,
    meaning: entry.meaning,
    retryable: entry.retryable,
    detail: detail === undefined || detail === "" ? undefined : cap(redact(detail), MAX_TEXT_LENGTH),
    operation,
    status,
    rawReturn,
    documented: true,
  });
}

function tryReadEnvelope(response: HttpResponse, ctx: DecodeContext): SoapEnvelope | undefined {
  try {
    return readSoapEnvelope(response.body, { operation: ctx.operation, redact: ctx.redact });
  } catch {
    return undefined;
  }
}

/** References followed at most from the return to its value (a chain of multiRefs is legal, a long one is not). */
const MAX_REFERENCE_HOPS = 8;
/** Elements of the Body searched for a reference's target. */
const MAX_REFERENCE_SEARCH = 10_000;

/**
 * The text of the return part. SOAP 1.1 encoding (section 5.4.1) lets a server write a value once, as an
 * independent element in the Body, and refer to it: `<return href="#id1"/>` … `<multiRef id="id1">OK</multiRef>`
 * (Axis writes every value so). Such a reference is followed; one to a missing element, outside the document,
 * or in a loop is a malformed envelope that says which. `xsi:nil="true"` is a nil return, not an empty one.
 */
function returnText(body: XmlElement, ctx: DecodeContext, status: number): string {
  const { operation, redact } = ctx;
  const fail = (detail: string): never => {
    throw new MalformedResponseError("envelope", detail, { operation, status });
  };
  // The runtime's reader finds the part, or says what is missing instead.
  readRpcEncodedReturn(body, operation);
  let part = firstChild(body, `${operation}Response`)!.children[0]!;
  const seen = new Set<XmlElement>();
  for (let hops = 0; ; hops++) {
    if (attribute(part, "nil", XSI_NS) === "true" || attribute(part, "nil", XSI_NS) === "1") {
      return fail("the return value is nil, which is no documented code");
    }
    const href = attribute(part, "href", "");
    if (href === undefined) return part.text;
    const shown = cap(redact(href), 60);
    if (!href.startsWith("#"))
      return fail(`the return refers to ${shown}, outside the document, which is not followed`);
    if (hops >= MAX_REFERENCE_HOPS)
      return fail(`the return is a chain of more than ${MAX_REFERENCE_HOPS} references`);
    seen.add(part);
    const target = elementWithId(body, href.slice(1));
    if (target === undefined) return fail(`the return refers to ${shown}, which is not in the Body`);
    if (seen.has(target)) return fail(`the return's references form a loop (at ${shown})`);
    part = target;
  }
}

/** The element of the Body (at any depth, breadth first, bounded) whose unqualified `id` is `id`. */
function elementWithId(body: XmlElement, id: string): XmlElement | undefined {
  const queue: XmlElement[] = [...body.children];
  for (let i = 0; i < queue.length && i < MAX_REFERENCE_SEARCH; i++) {
    const el = queue[i]!;
    if (attribute(el, "id", "") === id) return el;
    if (queue.length < MAX_REFERENCE_SEARCH) for (const child of el.children) queue.push(child);
  }
  return undefined;
}
