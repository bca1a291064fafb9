/**
 * Extensions as the contracts write them: attributes and elements in a namespace other than the construct's
 * own. WSDL 1.1 allows foreign attributes on every element and foreign elements where its schema says
 * `tExtensibleDocumented`; XML Schema allows foreign attributes on every component. The readers keep them all,
 * generically, next to the typed reading of the known vocabulary (`urn:integrations:contract-extensions`,
 * described in contracts/README.md).
 */
import type { XmlNode } from "./xml.js";

/** A foreign-namespace attribute (`x:rule="tns:PIN"`, `x:secret="true"`). */
export interface ForeignAttribute {
  readonly ns: string;
  readonly local: string;
  /** As written, for messages. */
  readonly prefix: string;
  readonly value: string;
}

/** The attributes of `el` in a namespace: not unprefixed ones, and not ones in the element's own namespace. */
export function foreignAttributes(el: XmlNode): ForeignAttribute[] {
  const out: ForeignAttribute[] = [];
  for (const a of el.attributes) {
    if (a.ns !== "" && a.ns !== el.ns)
      out.push({ ns: a.ns, local: a.name, prefix: a.prefix, value: a.value });
  }
  return out;
}

/** The child elements of `el` in none of the `known` namespaces: its extension elements. */
export function foreignElements(el: XmlNode, known: readonly string[]): XmlNode[] {
  return el.children.filter((c) => !known.includes(c.ns));
}

/** A boolean extension value: `"true"` / `"false"`; anything else (or nothing) is undefined. */
export function booleanValue(value: string | undefined): boolean | undefined {
  return value === "true" ? true : value === "false" ? false : undefined;
}
