/**
 * Turning an HTTP response of the Edu-iX Account service into the operation's response element, or into a
 * typed error.
 *
 * SOAP 1.1 (section 6.2) sends a Fault with HTTP 500, so a fault is recognised at any status: a readable
 * Fault is the vendor's answer (EduixError), not a transport failure. Any other non-200 answer (a proxy's
 * HTML 502, a 500 page from the web server) is an HttpStatusError, which reads retry on 5xx.
 */
import {
  firstChild,
  type HttpResponse,
  httpStatusErrorOf,
  MalformedResponseError,
  type Redactor,
  readSoapEnvelope,
  type SoapFault,
  soapFaultToError,
  type XmlElement,
} from "@integrations/runtime";
import { type EduixOperation, faultCatalog } from "./catalog.js";
import { EduixError } from "./eduix-error.js";
import { faultCodeOf, faultMessageOf } from "./fault-code.js";

/** Media types a SOAP 1.1 server may use; an absent content type is tolerated (some proxies strip it). */
const XML_TYPES = /^(?:text\/xml|application\/xml|application\/soap\+xml)$/;

/** Vendor texts can be whole stack traces; errors keep the start. */
const MAX_TEXT = 1000;

export interface DecodeContext {
  operation: EduixOperation;
  /** Local name of the success element in the Body (`getKeyResponse`, …). */
  responseElement: string;
  redact: Redactor;
}

/**
 * The operation's response element, found by local name: prefixes vary (`urn:`, PHP's `ns1:`, a default
 * namespace) and the namespace itself is an assumption of the contract (account.wsdl header), so a strict
 * namespace match would turn a working server into "malformed" answers.
 *
 * @throws EduixError for a Fault with a numeric code; SoapFaultError for a Fault without one;
 *   HttpStatusError for any other non-200; MalformedResponseError for a body that is not the expected SOAP.
 */
export function readResponseElement(response: HttpResponse, ctx: DecodeContext): XmlElement {
  const { operation } = ctx;
  const { status, contentType } = response;
  if (status !== 200) {
    const fault = faultOf(response, operation);
    if (fault !== undefined) throw faultError(fault, status, ctx);
    throw httpStatusErrorOf(response, operation);
  }
  if (contentType !== "" && !XML_TYPES.test(contentType)) {
    throw new MalformedResponseError("content-type", `expected XML, got ${contentType.slice(0, 60)}`, {
      operation,
      status,
    });
  }
  const envelope = readSoapEnvelope(response.body, { operation, redact: ctx.redact });
  // Some PHP servers answer a Fault with 200; it is still the vendor's answer.
  if (envelope.fault !== undefined) throw faultError(envelope.fault, status, ctx);
  const element = firstChild(envelope.body, ctx.responseElement);
  if (element === undefined) {
    const found = envelope.body.children[0];
    const what = found === undefined ? "an empty Body" : `<${found.name.slice(0, 60)}>`;
    throw new MalformedResponseError("envelope", `no <${ctx.responseElement}> in the Body (found ${what})`, {
      operation,
      status,
    });
  }
  return element;
}

/** The Fault of a non-200 answer, if the body is a readable SOAP envelope with one. */
function faultOf(response: HttpResponse, operation: string): SoapFault | undefined {
  if (response.contentType !== "" && !XML_TYPES.test(response.contentType)) return undefined;
  try {
    return readSoapEnvelope(response.body, { operation }).fault;
  } catch {
    return undefined;
  }
}

function cap(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/**
 * EduixError for a Fault with a numeric code (documented or not); the runtime's generic SoapFaultError for
 * one without any, since no catalog entry can claim it. Every vendor text is redacted before capping.
 */
function faultError(fault: SoapFault, status: number, ctx: DecodeContext): Error {
  const { operation, redact } = ctx;
  const code = faultCodeOf(fault);
  if (code === undefined) return soapFaultToError(fault, operation, redact);
  const info = faultCatalog(operation).get(code);
  const meaning = info?.meaning ?? "Undocumented fault code";
  const message = faultMessageOf(fault);
  const detail = message === undefined || message === meaning ? undefined : cap(redact(message));
  return new EduixError({
    code,
    meaning,
    detail,
    operation,
    status,
    retryable: info?.retryable ?? false,
    sessionExpired: info?.recovery === "login",
    faultcode: cap(redact(fault.faultcode)),
    faultstring: cap(redact(fault.faultstring)),
  });
}
