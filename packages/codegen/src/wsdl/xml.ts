/**
 * A small namespace-aware XML tree on top of fast-xml-parser (which only keeps prefixed names): every element
 * and attribute carries its namespace URI, resolved through the `xmlns` declarations in scope, and QName-valued
 * attributes (`type="tns:foo"`) are resolved the same way. Comments, the XML declaration and processing
 * instructions are dropped; document order of children is kept (fast-xml-parser `preserveOrder`).
 */
import { XMLParser } from "fast-xml-parser";

/** A namespace-qualified name. `ns` is "" for no namespace. */
export interface QName {
  readonly ns: string;
  readonly local: string;
}

export interface XmlAttribute {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export interface XmlElement {
  readonly ns: string;
  readonly local: string;
  /** The name as written, for messages. */
  readonly rawName: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The concatenated text children (entities decoded, not trimmed). */
  readonly text: string;
  /** Prefix → namespace URI in scope at this element ("" is the default namespace). */
  readonly scope: ReadonlyMap<string, string>;
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

type RawNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
});

/** Parses a whole document and returns its root element. */
export function parseXml(xml: string, where = "document"): XmlElement {
  const nodes = parser.parse(xml) as RawNode[];
  const roots = nodes.filter((n) => !("#text" in n));
  if (roots.length !== 1) throw new Error(`${where}: expected one root element, found ${roots.length}`);
  return toElement(roots[0]!, new Map([["xml", XML_NS]]), where);
}

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function toElement(node: RawNode, parentScope: ReadonlyMap<string, string>, where: string): XmlElement {
  const rawName = Object.keys(node).find((k) => k !== ":@");
  if (rawName === undefined) throw new Error(`${where}: malformed node`);
  const rawAttributes = (node[":@"] ?? {}) as Record<string, string>;

  const scope = new Map(parentScope);
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === "xmlns") scope.set("", value);
    else if (name.startsWith("xmlns:")) scope.set(name.slice("xmlns:".length), value);
  }

  const resolve = (prefix: string, isAttribute: boolean, name: string): string => {
    if (prefix === "" && isAttribute) return "";
    const uri = scope.get(prefix);
    if (uri === undefined) {
      if (prefix === "") return "";
      throw new Error(`${where}: undeclared namespace prefix "${prefix}" in ${name}`);
    }
    return uri;
  };

  const attributes: XmlAttribute[] = [];
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      attributes.push({ ns: XMLNS_NS, local: name === "xmlns" ? "" : name.slice(6), value });
      continue;
    }
    const [prefix, local] = splitName(name);
    attributes.push({ ns: resolve(prefix, true, name), local, value });
  }

  const [prefix, local] = splitName(rawName);
  const children: XmlElement[] = [];
  let text = "";
  for (const child of (node[rawName] ?? []) as RawNode[]) {
    if ("#text" in child) text += String(child["#text"]);
    else children.push(toElement(child, scope, where));
  }
  return { ns: resolve(prefix, false, rawName), local, rawName, attributes, children, text, scope };
}

/** An unqualified attribute's value (`ns` "" = no namespace). */
export function attr(el: XmlElement, local: string, ns = ""): string | undefined {
  return el.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

export function requiredAttr(el: XmlElement, local: string, ns = ""): string {
  const value = attr(el, local, ns);
  if (value === undefined) throw new Error(`<${el.rawName}> has no ${local} attribute`);
  return value;
}

/** Resolves a QName-valued attribute (`tns:foo`, or `foo` in the default namespace) in the element's scope. */
export function resolveQName(el: XmlElement, value: string): QName {
  const [prefix, local] = splitName(value.trim());
  const ns = el.scope.get(prefix);
  if (ns === undefined) {
    if (prefix === "") return { ns: "", local };
    throw new Error(`<${el.rawName}>: undeclared namespace prefix "${prefix}" in QName "${value}"`);
  }
  return { ns, local };
}

export function children(el: XmlElement, ns: string, local?: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && (local === undefined || c.local === local));
}

export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.local === local);
}

export function qnameKey(name: QName): string {
  return `{${name.ns}}${name.local}`;
}

/** Whitespace-normalised text: runs of XML whitespace become one space, ends trimmed. */
export function normalizeSpace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, " ").trim();
}
