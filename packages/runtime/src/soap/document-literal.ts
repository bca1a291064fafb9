/**
 * SOAP 1.1 document/literal, as Edu-iX expects it: header blocks in `soapenv:Header`, one body element, and
 * every element qualified in the service namespace (elementFormDefault="qualified").
 */
import { ValidationError, type ValidationIssue } from "../errors.js";
import { escapeXmlAttr } from "../xml/escape.js";
import { SOAP11_ENVELOPE_NS } from "./namespaces.js";
import { assertNamespace, assertNcName, textContent } from "./write-value.js";

/** One element to write: a leaf with `text`, a container with `children`, or an empty element. */
export interface XmlNodeSpec {
  readonly name: string;
  readonly children?: ReadonlyArray<XmlNodeSpec>;
  /** Written before any children. */
  readonly text?: string | number;
}

export interface DocumentLiteralMessage {
  /** The service namespace every header and body element is qualified in. */
  readonly namespace: string;
  /** Prefix bound to `namespace`; default `urn`. */
  readonly prefix?: string;
  /** Header blocks; no `soapenv:Header` is written when there are none. */
  readonly headers?: ReadonlyArray<XmlNodeSpec>;
  readonly body: XmlNodeSpec;
  /** The contract operation name, carried into a ValidationError. */
  readonly operation?: string;
}

/** Deeper than any message we send; reaching it means a cyclic spec, which would otherwise overflow. */
const MAX_SPEC_DEPTH = 64;

const ENVELOPE_OPEN = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP11_ENVELOPE_NS}" xmlns:`;

/**
 * Writes a complete document/literal request envelope.
 *
 * @throws ValidationError listing every text XML 1.0 cannot carry, by dotted element path
 *   (`getKeyRequest.userID`, `authHeader.sessionIDHeader.sessionID`).
 * @throws TypeError for an unusable prefix or element name, or a cyclic spec (a contract bug).
 */
export function writeDocumentLiteralEnvelope(msg: DocumentLiteralMessage): string {
  const prefix = msg.prefix ?? "urn";
  assertNcName(prefix, "prefix");
  assertNamespace(msg.namespace);
  if (prefix === "soapenv" || prefix.toLowerCase().startsWith("xml")) {
    throw new TypeError(`prefix ${prefix} is reserved`);
  }
  const issues: ValidationIssue[] = [];
  let out = `${ENVELOPE_OPEN}${prefix}="${escapeXmlAttr(msg.namespace)}">`;
  const headers = msg.headers;
  if (headers !== undefined && headers.length > 0) {
    out += "<soapenv:Header>";
    for (const header of headers) out += writeNode(header, prefix, "", 0, issues);
    out += "</soapenv:Header>";
  }
  out += `<soapenv:Body>${writeNode(msg.body, prefix, "", 0, issues)}</soapenv:Body></soapenv:Envelope>`;
  if (issues.length > 0) throw new ValidationError(issues, { operation: msg.operation });
  return out;
}

function writeNode(
  node: XmlNodeSpec,
  prefix: string,
  parentPath: string,
  depth: number,
  issues: ValidationIssue[],
): string {
  if (depth >= MAX_SPEC_DEPTH) throw new TypeError(`element spec nested deeper than ${MAX_SPEC_DEPTH}`);
  assertNcName(node.name, "element name");
  const path = parentPath === "" ? node.name : `${parentPath}.${node.name}`;
  const qname = `${prefix}:${node.name}`;
  const children = node.children;
  const hasChildren = children !== undefined && children.length > 0;
  if (node.text === undefined && !hasChildren) return `<${qname}/>`;
  let out = `<${qname}>`;
  if (node.text !== undefined) out += textContent(node.text, path, issues);
  if (hasChildren) for (const child of children) out += writeNode(child, prefix, path, depth + 1, issues);
  return `${out}</${qname}>`;
}
