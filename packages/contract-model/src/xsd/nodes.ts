/** Reading XML Schema elements: the small lexical rules the schema readers share. */
import { XSD_NS } from "../namespaces.js";
import { type QName, qnameKey } from "../qname.js";
import { attr, children, documentationText, type XmlNode } from "../xml.js";
import type { Facet, GlobalKind, TypeRef } from "./model.js";

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const GROUPS = new Set(["sequence", "choice", "all"]);

export function globalKind(local: string): GlobalKind | undefined {
  switch (local) {
    case "simpleType":
    case "complexType":
      return "type";
    case "element":
    case "group":
    case "attributeGroup":
    case "attribute":
      return local;
    default:
      return undefined;
  }
}

export const globalKey = (kind: GlobalKind, name: QName): string => `${kind}:${qnameKey(name)}`;
export const plain = (name: QName): QName => ({ ns: name.ns, local: name.local });

/** `minOccurs` / `maxOccurs`: a number, `unbounded`, or the default when absent or unreadable. */
export function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value.trim() === "unbounded") return Number.POSITIVE_INFINITY;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : fallback;
}

export function annotation(el: XmlNode): string | undefined {
  return documentationText(
    children(el, XSD_NS, "annotation").flatMap((a) => children(a, XSD_NS, "documentation")),
  );
}

/** The facets of one restriction step: its XSD children other than annotation and an inline base type. */
export function facetsOf(restriction: XmlNode): Facet[] {
  return restriction.children
    .filter((c) => c.ns === XSD_NS && c.name !== "annotation" && c.name !== "simpleType")
    .map((c) => ({ name: c.name, value: attr(c, "value"), source: c }));
}

export const firstXsd = (el: XmlNode, names: ReadonlySet<string> | string): XmlNode | undefined =>
  el.children.find(
    (c) => c.ns === XSD_NS && (typeof names === "string" ? c.name === names : names.has(c.name)),
  );

export const ANY_TYPE: TypeRef = { kind: "builtin", name: { ns: XSD_NS, local: "anyType" } };
export const ANY_SIMPLE_TYPE: TypeRef = { kind: "builtin", name: { ns: XSD_NS, local: "anySimpleType" } };
