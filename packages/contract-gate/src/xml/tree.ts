/**
 * A small namespace-aware XML tree on top of fast-xml-parser: every element knows its namespace URI and the
 * xmlns declarations in scope, so that QName-valued attributes (type="tns:foo") resolve like a schema processor
 * resolves them.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

export interface XmlElement {
  /** The name as written (`wsdl:part`). */
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  /** The namespace URI of the element; undefined if unqualified without a default namespace. */
  readonly ns: string | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated direct text content (not trimmed). */
  readonly text: string;
  /** xmlns declarations in scope: prefix ("" for the default namespace) → URI. */
  readonly scope: ReadonlyMap<string, string>;
  readonly parent: XmlElement | undefined;
}

export interface QName {
  readonly ns: string | undefined;
  readonly local: string;
  /** As written in the document. */
  readonly raw: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(
      line === undefined ? message : `line ${line}${column === undefined ? "" : `:${column}`}: ${message}`,
    );
    this.name = "XmlError";
  }
}

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
  processEntities: true,
  htmlEntities: false,
});

/** Checks well-formedness; returns the problem, or undefined if the text is well-formed XML. */
export function wellFormednessError(text: string): XmlError | undefined {
  const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (result === true) return undefined;
  return new XmlError(result.err.msg, result.err.line, result.err.col);
}

/**
 * Parses `text` into a namespace-aware tree. Throws XmlError if the text is not well-formed or uses an
 * undeclared prefix on an element or attribute name.
 */
export function parseXml(text: string): XmlElement {
  const problem = wellFormednessError(text);
  if (problem) throw problem;
  const nodes = parser.parse(text) as RawNode[];
  const roots = nodes.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1) throw new XmlError(`expected one root element, found ${roots.length}`);
  const initial = new Map<string, string>([["xml", XML_NS]]);
  return build(roots[0]!, initial, undefined);
}

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((k) => k !== ":@" && k !== "#text" && k !== "#comment" && !k.startsWith("?"));
}

function splitName(name: string): [string, string] {
  const i = name.indexOf(":");
  return i < 0 ? ["", name] : [name.slice(0, i), name.slice(i + 1)];
}

function build(
  node: RawNode,
  inherited: ReadonlyMap<string, string>,
  parent: XmlElement | undefined,
): XmlElement {
  const qname = elementName(node)!;
  const attrs = { ...((node[":@"] as Record<string, string> | undefined) ?? {}) };
  let scope = inherited;
  const declared = Object.keys(attrs).filter((a) => a === "xmlns" || a.startsWith("xmlns:"));
  if (declared.length > 0) {
    const next = new Map(inherited);
    for (const a of declared) next.set(a === "xmlns" ? "" : a.slice(6), attrs[a]!);
    scope = next;
  }
  const [prefix, local] = splitName(qname);
  const ns = scope.get(prefix);
  if (prefix !== "" && ns === undefined)
    throw new XmlError(`element <${qname}>: prefix "${prefix}" is not declared`);
  for (const a of Object.keys(attrs)) {
    const [p] = splitName(a);
    if (p !== "" && p !== "xmlns" && !scope.has(p)) {
      throw new XmlError(`attribute ${a} on <${qname}>: prefix "${p}" is not declared`);
    }
  }
  const children: XmlElement[] = [];
  let text = "";
  const element: XmlElement = {
    qname,
    prefix,
    local,
    ns: ns || undefined,
    attrs,
    children,
    text,
    scope,
    parent,
  };
  for (const child of (node[qname] as RawNode[] | undefined) ?? []) {
    if ("#text" in child) text += String(child["#text"]);
    else if (elementName(child) !== undefined) children.push(build(child, scope, element));
  }
  (element as { text: string }).text = text;
  return element;
}

/** Resolves a QName-valued attribute against the declarations in scope; undefined if its prefix is undeclared. */
export function resolveQName(el: XmlElement, value: string): QName | undefined {
  const raw = value.trim();
  const [prefix, local] = splitName(raw);
  const ns = el.scope.get(prefix);
  if (prefix !== "" && ns === undefined) return undefined;
  return { ns: ns || undefined, local, raw };
}

/** The element's children in namespace `ns` named `local` (any name if omitted). */
export function childrenOf(el: XmlElement, ns: string, local?: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && (local === undefined || c.local === local));
}

export function firstChild(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.local === local);
}

/** The value of an attribute given by namespace and local name (`{urn:x}rule` written as `x:rule`). */
export function nsAttr(el: XmlElement, ns: string, local: string): string | undefined {
  for (const [name, value] of Object.entries(el.attrs)) {
    const [p, l] = splitName(name);
    if (l === local && p !== "" && p !== "xmlns" && el.scope.get(p) === ns) return value;
  }
  return undefined;
}

/** All text below an element (for documentation), whitespace collapsed. */
export function deepText(el: XmlElement): string {
  const parts: string[] = [el.text];
  for (const c of el.children) parts.push(deepText(c));
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

export function qnameKey(q: { ns: string | undefined; local: string }): string {
  return `{${q.ns ?? ""}}${q.local}`;
}

/** Namespace-declaration attributes of an element's start tag (for copying declarations onto a lifted schema). */
export function declarationsOf(el: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(el.attrs)) {
    if (name === "xmlns") out.set("", value);
    else if (name.startsWith("xmlns:")) out.set(name.slice(6), value);
  }
  return out;
}

function escapeXml(text: string, attr: boolean): string {
  const out = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return attr
    ? out.replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;")
    : out;
}

/**
 * Serializes an element (comments are not kept). `extraAttrs` are added to the start tag of the element itself,
 * `rewrite` may replace the attributes of any element below it.
 */
export function serialize(
  el: XmlElement,
  extraAttrs: Readonly<Record<string, string>> = {},
  rewrite?: (el: XmlElement) => Readonly<Record<string, string>> | undefined,
): string {
  const attrs = { ...(rewrite?.(el) ?? el.attrs), ...extraAttrs };
  const start = [el.qname, ...Object.entries(attrs).map(([k, v]) => `${k}="${escapeXml(v, true)}"`)].join(
    " ",
  );
  const inner = escapeXml(el.text, false) + el.children.map((c) => serialize(c, {}, rewrite)).join("");
  return inner === "" ? `<${start}/>` : `<${start}>${inner}</${el.qname}>`;
}
