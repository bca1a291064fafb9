/**
 * Reading contract XML with the runtime's own hardened parser (no DTD, no entity expansion, bounded depth),
 * keeping the namespace bindings in scope on every element so that QName-valued attributes resolve the way a
 * schema processor resolves them. Comments, processing instructions and the XML declaration are dropped.
 */
import { MalformedResponseError, parseXml, type ScopedXmlElement } from "@integrations/runtime";
import type { QNameRef } from "./qname.js";

/** An element of a contract document: name, namespace URI, attributes, children, text and bindings in scope. */
export type XmlNode = ScopedXmlElement;

/** The document is not well-formed XML (or not namespace-well-formed), with where when the parser knows. */
export class ContractXmlError extends Error {
  constructor(
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? detail : `line ${line}, column ${column}: ${detail}`);
    this.name = "ContractXmlError";
  }
}

/** The runtime's messages end with "at line L, column C"; a contract reader leads with it instead. */
const RUNTIME_MESSAGE = /^malformed response \([a-z-]+\): ([\s\S]*?)(?: at line (\d+), column (\d+))?$/;

/**
 * Parses a contract document.
 *
 * @throws ContractXmlError when it is not well-formed, uses an undeclared prefix, or is beyond the parser's
 *   limits (16 Mi characters, 256 levels).
 */
export function readXml(text: string): XmlNode {
  try {
    return parseXml(text, { namespaceScope: true });
  } catch (error) {
    if (!(error instanceof MalformedResponseError)) throw error;
    const m = RUNTIME_MESSAGE.exec(error.message);
    if (!m) throw new ContractXmlError(error.message);
    throw m[2] === undefined
      ? new ContractXmlError(m[1]!)
      : new ContractXmlError(m[1]!, Number(m[2]), Number(m[3]));
  }
}

/** The name as written (`wsdl:part`), for messages and serialisation. */
export function qualifiedName(el: { readonly name: string; readonly prefix: string }): string {
  return el.prefix === "" ? el.name : `${el.prefix}:${el.name}`;
}

/** An attribute's value by local name and namespace (`""`, the default: an unprefixed attribute). */
export function attr(el: XmlNode, local: string, ns = ""): string | undefined {
  for (const a of el.attributes) if (a.name === local && a.ns === ns) return a.value;
  return undefined;
}

/** Child elements in namespace `ns`, named `local` (any name when omitted). */
export function children(el: XmlNode, ns: string, local?: string): XmlNode[] {
  return el.children.filter((c) => c.ns === ns && (local === undefined || c.name === local));
}

export function child(el: XmlNode, ns: string, local: string): XmlNode | undefined {
  return el.children.find((c) => c.ns === ns && c.name === local);
}

/**
 * Resolves a QName written in an attribute value against the bindings in scope at `el`: `tns:foo`, or `foo` in
 * the default namespace (none when no default is declared). Undefined when its prefix is not declared.
 */
export function resolveQName(el: XmlNode, value: string): QNameRef | undefined {
  const raw = value.trim();
  const colon = raw.indexOf(":");
  const prefix = colon < 0 ? "" : raw.slice(0, colon);
  const local = colon < 0 ? raw : raw.slice(colon + 1);
  const ns = el.scope.lookup(prefix);
  if (ns === undefined && prefix !== "") return undefined;
  return { ns: ns ?? "", local, raw };
}

/** Runs of XML whitespace become one space; the ends are trimmed. */
export function normalizeSpace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, " ").trim();
}

/** All text below an element, whitespace-normalised: its own character data, then each child's, space-separated. */
export function deepText(el: XmlNode): string {
  const parts: string[] = [el.text];
  for (const c of el.children) parts.push(deepText(c));
  return normalizeSpace(parts.join(" "));
}

/** The text of documentation elements (`wsdl:documentation`, `xsd:documentation`), or undefined when empty. */
export function documentationText(elements: readonly XmlNode[]): string | undefined {
  const text = elements
    .map(deepText)
    .filter((t) => t !== "")
    .join(" ");
  return text === "" ? undefined : text;
}
