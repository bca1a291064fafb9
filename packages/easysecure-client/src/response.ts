/**
 * Reading ESWS's answer. Business outcomes always come as HTTP 200 with one `<return xsi:type="xsd:string">`
 * (contract header comment); NuSOAP answers a request it cannot handle (unknown operation, broken XML) with a
 * SOAP Fault, usually on HTTP 500. Anything else is a transport or gateway problem, or a body that cannot be
 * trusted, and gets its own typed error.
 */
import {
  type HttpResponse,
  HttpStatusError,
  MalformedResponseError,
  type Redactor,
  readRpcEncodedReturn,
  readSoapEnvelope,
  type SoapEnvelope,
  soapFaultToError,
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
  const { status, contentType, body } = response;
  const isXml = contentType === "" || XML_TYPES.test(contentType);

  if (status !== 200) {
    // A fault explains the failure better than its status; any other non-200 body (an HTML error page from
    // a gateway) says nothing the status does not.
    const envelope = isXml ? tryReadEnvelope(body, operation) : undefined;
    if (envelope?.fault !== undefined) throw soapFaultToError(envelope.fault, operation, redact);
    throw new HttpStatusError(status, contentType, { operation });
  }
  if (!isXml) {
    throw new MalformedResponseError("content-type", `expected XML, got ${contentType}`, {
      operation,
      status,
    });
  }

  // Hardened parser: no DTD or entity (billion laughs, XXE), bounded depth and size, truncation detected.
  const envelope = readSoapEnvelope(body, { operation });
  if (envelope.fault !== undefined) throw soapFaultToError(envelope.fault, operation, redact);
  const raw = readRpcEncodedReturn(envelope.body, operation).value.trim();
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

function tryReadEnvelope(body: string, operation: string): SoapEnvelope | undefined {
  try {
    return readSoapEnvelope(body, { operation });
  } catch {
    return undefined;
  }
}
