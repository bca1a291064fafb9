/**
 * The XSD model: the subset of XML Schema the WSDL contracts use, read from the `xsd:schema` elements in
 * `wsdl:types`. Anything outside the subset is rejected with a message naming it, so a contract change that
 * needs more is noticed at codegen time instead of being silently mistranslated.
 *
 * Supported: named and anonymous simpleTypes that are ONE restriction step of a built-in type (facets
 * pattern, length, minLength, maxLength, enumeration, min/maxInclusive, min/maxExclusive, totalDigits,
 * fractionDigits 0); complexTypes whose content is one `sequence` or one `choice` (occurring once) of local
 * elements, directly or inside `complexContent/restriction`; global elements with a named or anonymous type.
 */
import { CONTRACT_EXT_NS, XSD_NS } from "./namespaces.js";
import {
  attr,
  children,
  normalizeSpace,
  type QName,
  qnameKey,
  requiredAttr,
  resolveQName,
  type XmlElement,
} from "./xml.js";

export interface Facets {
  /** Every `pattern` of the step (XSD ORs the patterns of one step). */
  patterns?: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  /** Lexical values, in contract order. */
  enumeration?: string[];
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
}

export interface SimpleType {
  readonly kind: "simple";
  /** Undefined for an anonymous type. */
  readonly name: QName | undefined;
  /** A built-in XSD type (namespace XSD_NS). */
  readonly base: QName;
  readonly facets: Facets;
  readonly documentation: string | undefined;
}

export interface ElementDecl {
  readonly name: string;
  /** The element's namespace on the wire ("" when unqualified). */
  readonly ns: string;
  readonly type: TypeRef;
  /** The type as written in the contract (`tns:profileID`), or undefined for an anonymous type. */
  readonly rawType: string | undefined;
  readonly minOccurs: number;
  /** `Infinity` for unbounded. */
  readonly maxOccurs: number;
  readonly documentation: string | undefined;
  /** `x:secret="true"`: the value never appears in an error, a log event or a recording. */
  readonly secret: boolean;
}

export interface ComplexType {
  readonly kind: "complex";
  readonly name: QName | undefined;
  /** The base of a `complexContent/restriction` (the content below restates the whole content). */
  readonly restrictionBase: QName | undefined;
  /** `sequence`: every element in order; `choice`: exactly one of the elements. */
  readonly group: "sequence" | "choice";
  readonly elements: readonly ElementDecl[];
  readonly documentation: string | undefined;
}

export type XsdType = SimpleType | ComplexType;

/** A reference to a named type (built-in or declared), or an anonymous type declared in place. */
export type TypeRef = { readonly ref: QName } | { readonly inline: XsdType };

export interface XsdSchemaSet {
  /** Named types by `{ns}local`, in document order. */
  readonly types: ReadonlyMap<string, XsdType>;
  /** Global elements by `{ns}local`, in document order. */
  readonly elements: ReadonlyMap<string, ElementDecl>;
}

export function isBuiltin(name: QName): boolean {
  return name.ns === XSD_NS;
}

export function lookupType(set: XsdSchemaSet, name: QName): XsdType {
  const type = set.types.get(qnameKey(name));
  if (!type) throw new Error(`unknown XSD type {${name.ns}}${name.local}`);
  return type;
}

export function lookupElement(set: XsdSchemaSet, name: QName): ElementDecl {
  const element = set.elements.get(qnameKey(name));
  if (!element) throw new Error(`unknown global element {${name.ns}}${name.local}`);
  return element;
}

/** The type an element reference denotes: a declared type, an anonymous one, or undefined for a built-in. */
export function resolveTypeRef(set: XsdSchemaSet, ref: TypeRef): XsdType | undefined {
  if ("inline" in ref) return ref.inline;
  return isBuiltin(ref.ref) ? undefined : lookupType(set, ref.ref);
}

/** Reads every `xsd:schema` child of `wsdl:types` into one schema set. */
export function parseSchemas(schemaElements: readonly XmlElement[]): XsdSchemaSet {
  const types = new Map<string, XsdType>();
  const elements = new Map<string, ElementDecl>();
  for (const schema of schemaElements) {
    const targetNamespace = attr(schema, "targetNamespace") ?? "";
    const qualified = attr(schema, "elementFormDefault") === "qualified";
    const ctx: SchemaContext = { targetNamespace, qualified };
    for (const el of schema.children) {
      if (el.ns !== XSD_NS) throw new Error(`xsd:schema ${targetNamespace}: unexpected <${el.rawName}>`);
      switch (el.local) {
        case "annotation":
        case "import":
          break;
        case "simpleType":
        case "complexType": {
          const name = { ns: targetNamespace, local: requiredAttr(el, "name") };
          const key = qnameKey(name);
          if (types.has(key)) throw new Error(`duplicate XSD type ${key}`);
          types.set(
            key,
            el.local === "simpleType" ? parseSimpleType(el, name) : parseComplexType(el, name, ctx),
          );
          break;
        }
        case "element": {
          const decl = parseElement(el, ctx, true);
          const key = qnameKey({ ns: targetNamespace, local: decl.name });
          if (elements.has(key)) throw new Error(`duplicate global element ${key}`);
          elements.set(key, decl);
          break;
        }
        default:
          throw new Error(
            `xsd:schema ${targetNamespace}: <${el.rawName}> is not supported by the WSDL codegen`,
          );
      }
    }
  }
  return { types, elements };
}

interface SchemaContext {
  readonly targetNamespace: string;
  readonly qualified: boolean;
}

export function documentationOf(el: XmlElement): string | undefined {
  const texts: string[] = [];
  for (const annotation of children(el, XSD_NS, "annotation")) {
    for (const doc of children(annotation, XSD_NS, "documentation")) texts.push(normalizeSpace(doc.text));
  }
  const text = texts.filter((t) => t !== "").join(" ");
  return text === "" ? undefined : text;
}

/** Children other than annotations. */
function content(el: XmlElement): XmlElement[] {
  return el.children.filter((c) => !(c.ns === XSD_NS && c.local === "annotation"));
}

function only(el: XmlElement, what: string): XmlElement {
  const items = content(el);
  if (items.length !== 1 || items[0]!.ns !== XSD_NS) {
    throw new Error(
      `<${el.rawName}>: expected exactly one ${what}, found ${items.map((i) => i.rawName).join(", ")}`,
    );
  }
  return items[0]!;
}

const INTEGER_FACETS = ["length", "minLength", "maxLength", "totalDigits", "fractionDigits"] as const;

function parseSimpleType(el: XmlElement, name: QName | undefined): SimpleType {
  const label = name ? name.local : "anonymous simpleType";
  const restriction = only(el, "xsd:restriction");
  if (restriction.local !== "restriction") {
    throw new Error(`simpleType ${label}: only xsd:restriction is supported, not <${restriction.rawName}>`);
  }
  const base = resolveQName(restriction, requiredAttr(restriction, "base"));
  if (!isBuiltin(base)) {
    throw new Error(
      `simpleType ${label}: base ${base.local} is not a built-in XSD type (one restriction step of a built-in type is supported)`,
    );
  }
  const facets: Facets = {};
  for (const facet of content(restriction)) {
    if (facet.ns !== XSD_NS) throw new Error(`simpleType ${label}: unexpected <${facet.rawName}>`);
    const value = requiredAttr(facet, "value");
    switch (facet.local) {
      case "pattern":
        facets.patterns = [...(facets.patterns ?? []), value];
        break;
      case "enumeration":
        facets.enumeration = [...(facets.enumeration ?? []), value];
        break;
      case "minInclusive":
      case "maxInclusive":
      case "minExclusive":
      case "maxExclusive":
        facets[facet.local] = value.trim();
        break;
      default: {
        const key = INTEGER_FACETS.find((f) => f === facet.local);
        if (key === undefined) throw new Error(`simpleType ${label}: facet ${facet.local} is not supported`);
        if (!/^\s*[0-9]+\s*$/.test(value))
          throw new Error(`simpleType ${label}: ${key}="${value}" is not a number`);
        facets[key] = Number(value);
      }
    }
  }
  if (facets.fractionDigits !== undefined && facets.fractionDigits !== 0) {
    throw new Error(`simpleType ${label}: fractionDigits other than 0 is not supported`);
  }
  return { kind: "simple", name, base, facets, documentation: documentationOf(el) };
}

function parseComplexType(el: XmlElement, name: QName | undefined, ctx: SchemaContext): ComplexType {
  const label = name ? name.local : "anonymous complexType";
  if (attr(el, "mixed") === "true") throw new Error(`complexType ${label}: mixed content is not supported`);
  let holder = el;
  let restrictionBase: QName | undefined;
  const first = content(el)[0];
  if (first?.ns === XSD_NS && first.local === "complexContent") {
    const derivation = only(first, "xsd:restriction");
    if (derivation.local !== "restriction") {
      throw new Error(
        `complexType ${label}: complexContent/${derivation.local} is not supported (restriction is)`,
      );
    }
    restrictionBase = resolveQName(derivation, requiredAttr(derivation, "base"));
    holder = derivation;
  }
  const items = content(holder);
  if (items.length !== 1) {
    throw new Error(
      `complexType ${label}: expected one xsd:sequence or xsd:choice, found ${items.map((i) => i.rawName).join(", ") || "nothing"}`,
    );
  }
  const group = items[0]!;
  if (group.ns !== XSD_NS || (group.local !== "sequence" && group.local !== "choice")) {
    throw new Error(`complexType ${label}: <${group.rawName}> is not supported (sequence or choice is)`);
  }
  if (occurs(group, "minOccurs") !== 1 || occurs(group, "maxOccurs") !== 1) {
    throw new Error(`complexType ${label}: a ${group.local} must occur exactly once`);
  }
  const elements = content(group).map((item) => {
    if (item.ns !== XSD_NS || item.local !== "element") {
      throw new Error(`complexType ${label}: <${item.rawName}> inside ${group.local} is not supported`);
    }
    return parseElement(item, ctx, false);
  });
  const names = new Set<string>();
  for (const e of elements) {
    if (names.has(e.name)) throw new Error(`complexType ${label}: element ${e.name} is declared twice`);
    names.add(e.name);
  }
  if (group.local === "choice") {
    for (const e of elements) {
      if (e.minOccurs === 0) {
        throw new Error(`complexType ${label}: choice member ${e.name} with minOccurs="0" is not supported`);
      }
    }
  }
  return {
    kind: "complex",
    name,
    restrictionBase,
    group: group.local,
    elements,
    documentation: documentationOf(el),
  };
}

function occurs(el: XmlElement, which: "minOccurs" | "maxOccurs"): number {
  const value = attr(el, which);
  if (value === undefined) return 1;
  if (which === "maxOccurs" && value === "unbounded") return Number.POSITIVE_INFINITY;
  if (!/^[0-9]+$/.test(value)) throw new Error(`<${el.rawName}>: ${which}="${value}" is not a number`);
  return Number(value);
}

function parseElement(el: XmlElement, ctx: SchemaContext, global: boolean): ElementDecl {
  if (attr(el, "ref") !== undefined)
    throw new Error(`<${el.rawName} ref=…>: element references are not supported`);
  const name = requiredAttr(el, "name");
  const rawType = attr(el, "type");
  const inner = content(el);
  let type: TypeRef;
  if (rawType !== undefined) {
    if (inner.length > 0) throw new Error(`element ${name}: both a type attribute and an anonymous type`);
    type = { ref: resolveQName(el, rawType) };
  } else {
    const anonymous = only(el, "anonymous type");
    if (anonymous.local === "complexType") type = { inline: parseComplexType(anonymous, undefined, ctx) };
    else if (anonymous.local === "simpleType") type = { inline: parseSimpleType(anonymous, undefined) };
    else throw new Error(`element ${name}: <${anonymous.rawName}> is not supported`);
  }
  if (attr(el, "nillable") === "true") throw new Error(`element ${name}: nillable is not supported`);
  const form = attr(el, "form");
  const qualified = global || (form === undefined ? ctx.qualified : form === "qualified");
  const minOccurs = global ? 1 : occurs(el, "minOccurs");
  const maxOccurs = global ? 1 : occurs(el, "maxOccurs");
  if (maxOccurs < minOccurs || maxOccurs === 0) {
    throw new Error(`element ${name}: minOccurs/maxOccurs ${minOccurs}/${maxOccurs} make no sense`);
  }
  return {
    name,
    ns: qualified ? ctx.targetNamespace : "",
    type,
    rawType,
    minOccurs,
    maxOccurs,
    documentation: documentationOf(el),
    secret: secretOf(el, name),
  };
}

/** `x:secret="true"` (contract extension): the element's value never appears in an error, log or recording. */
function secretOf(el: XmlElement, name: string): boolean {
  const value = attr(el, "secret", CONTRACT_EXT_NS);
  if (value !== undefined && value !== "true" && value !== "false") {
    throw new Error(`element ${name}: x:secret="${value}" must be true or false`);
  }
  return value === "true";
}
