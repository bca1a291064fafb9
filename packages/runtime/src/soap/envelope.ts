/** Reading a SOAP 1.1 response (or, in the sandbox, request) envelope: Header, Body, and any Fault. */
import { MalformedResponseError } from "../errors.js";
import { childText, firstChild, type ParseXmlOptions, parseXml, type XmlElement } from "../xml/parse.js";
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from "./namespaces.js";

/** A SOAP 1.1 Fault. `faultcode` is the QName as written (e.g. `SOAP-ENV:Server`); texts are trimmed. */
export interface SoapFault {
  faultcode: string;
  faultstring: string;
  faultactor?: string;
  /** The `detail` element, where vendors put their own codes. */
  detail?: XmlElement;
}

export interface SoapEnvelope {
  header: XmlElement | undefined;
  body: XmlElement;
  fault: SoapFault | undefined;
}

/**
 * Parses `xml` (hardened; see parseXml) and checks it is a SOAP 1.1 envelope with a Body.
 *
 * @throws MalformedResponseError from parseXml, or with reason `envelope` naming what was found instead.
 */
export function readSoapEnvelope(xml: string, options: ParseXmlOptions = {}): SoapEnvelope {
  return soapEnvelopeOf(parseXml(xml, options), options.operation);
}

/** The envelope checks of readSoapEnvelope, for a document that is already parsed. */
export function soapEnvelopeOf(root: XmlElement, operation?: string): SoapEnvelope {
  const fail = (detail: string): never => {
    throw new MalformedResponseError("envelope", detail, { operation });
  };
  if (root.name !== "Envelope" || root.ns !== SOAP11_ENVELOPE_NS) {
    if (root.name === "Envelope" && root.ns === SOAP12_ENVELOPE_NS) {
      return fail("a SOAP 1.2 Envelope where SOAP 1.1 was expected");
    }
    return fail(`expected a SOAP 1.1 Envelope, found ${describe(root)}`);
  }
  const body = firstChild(root, "Body", SOAP11_ENVELOPE_NS);
  if (body === undefined) return fail("the Envelope has no SOAP 1.1 Body");
  const faultElement = firstChild(body, "Fault", SOAP11_ENVELOPE_NS);
  return {
    header: firstChild(root, "Header", SOAP11_ENVELOPE_NS),
    body,
    fault: faultElement === undefined ? undefined : readFault(faultElement),
  };
}

/**
 * SOAP 1.1 puts the fault's children in no namespace, but some servers qualify them, so they are matched by
 * local name only. A missing faultcode or faultstring reads as `""`: the Fault is still the answer.
 */
function readFault(el: XmlElement): SoapFault {
  const fault: SoapFault = {
    faultcode: childText(el, "faultcode")?.trim() ?? "",
    faultstring: childText(el, "faultstring")?.trim() ?? "",
  };
  const actor = childText(el, "faultactor");
  if (actor !== undefined) fault.faultactor = actor.trim();
  const detail = firstChild(el, "detail");
  if (detail !== undefined) fault.detail = detail;
  return fault;
}

/** `<html>` or `<x:Envelope> in namespace …`, capped: the names are attacker-controlled. */
function describe(el: XmlElement): string {
  const name = (el.prefix === "" ? el.name : `${el.prefix}:${el.name}`).slice(0, 60);
  return el.ns === "" ? `<${name}>` : `<${name}> in namespace ${el.ns.slice(0, 100)}`;
}
