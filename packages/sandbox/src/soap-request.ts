/**
 * Reading a SOAP request: the hardened XML parser of the runtime (no DTD, no entities, linear, nesting capped
 * at MAX_XML_DEPTH), then the shape limits on the parsed tree (MAX_XML_CHILDREN per element), then the SOAP
 * 1.1 envelope. Every failure is a SandboxRequestError.
 */
import {
  isIntegrationError,
  MalformedResponseError,
  parseXml,
  type SoapEnvelope,
  soapEnvelopeOf,
  type XmlElement,
} from "@integrations/runtime";
import { type RequestProblem, SandboxRequestError } from "./request-error.js";
import { MAX_XML_CHILDREN, MAX_XML_DEPTH } from "./request-limits.js";

const PARSER_PROBLEMS: ReadonlySet<string> = new Set<RequestProblem>([
  "not-xml",
  "dtd-forbidden",
  "truncated",
  "too-deep",
  "envelope",
]);

/** The parser's error as a request error: its reason and its detail (which never quotes the input). */
function requestErrorOf(error: unknown): SandboxRequestError {
  if (error instanceof MalformedResponseError) {
    const problem = (PARSER_PROBLEMS.has(error.reason) ? error.reason : "not-xml") as RequestProblem;
    const detail = error.message.slice(
      error.message.indexOf(`(${error.reason}): `) + error.reason.length + 4,
    );
    return new SandboxRequestError(problem, detail);
  }
  return new SandboxRequestError("not-xml", isIntegrationError(error) ? error.message : "unreadable");
}

/**
 * Checks MAX_XML_CHILDREN on every element, iteratively (the depth is already capped by the parser), so the
 * work is one step per element.
 *
 * @throws SandboxRequestError `too-many-children`.
 */
export function checkXmlShape(root: XmlElement): void {
  const pending: XmlElement[] = [root];
  for (let el = pending.pop(); el !== undefined; el = pending.pop()) {
    if (el.children.length > MAX_XML_CHILDREN) {
      throw new SandboxRequestError(
        "too-many-children",
        `an element has ${el.children.length} child elements, more than the ${MAX_XML_CHILDREN} accepted`,
      );
    }
    for (const child of el.children) if (child.children.length > 0) pending.push(child);
  }
}

/** @throws SandboxRequestError when `text` is not a SOAP 1.1 envelope within the shape limits. */
export function readSoapRequest(text: string): SoapEnvelope {
  let root: XmlElement;
  try {
    root = parseXml(text, { maxDepth: MAX_XML_DEPTH });
  } catch (error) {
    throw requestErrorOf(error);
  }
  checkXmlShape(root);
  try {
    return soapEnvelopeOf(root);
  } catch (error) {
    throw requestErrorOf(error);
  }
}
