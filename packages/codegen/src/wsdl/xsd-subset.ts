/**
 * The subset of XML Schema the WSDL codegen translates, checked on the contract model. Anything outside it is
 * rejected with a message naming it, so a contract change that needs more is noticed at codegen time instead
 * of being silently mistranslated.
 *
 * Supported: named and anonymous simpleTypes that are ONE restriction step of a built-in type (facets
 * pattern, length, minLength, maxLength, enumeration, min/maxInclusive, min/maxExclusive, totalDigits,
 * fractionDigits 0); complexTypes whose content is one `sequence` or one `choice` (occurring once) of local
 * elements, directly or inside `complexContent/restriction`; global elements with a named or anonymous type.
 * No element references, attributes, wildcards, nillable, mixed or simple content.
 */
import {
  attr,
  type ComplexType,
  type ElementDecl,
  type QName,
  type QNameRef,
  qnameKey,
  qualifiedName,
  type SimpleType,
  type TypeRef,
  type XmlNode,
  XSD_NS,
  type XsdSchemaSet,
  type XsdType,
} from "@integrations/contract-model";

/** The facets of a supported simple type, typed (integer facets as numbers, bounds as trimmed text). */
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

/** The content model of a supported complex type: one sequence or one choice of local elements. */
export interface ModelGroup {
  readonly group: "sequence" | "choice";
  readonly elements: readonly ElementDecl[];
}

const label = (kind: "simpleType" | "complexType", name: QName | undefined) =>
  name ? name.local : `anonymous ${kind}`;

/** Children other than annotations. */
const content = (el: XmlNode): XmlNode[] =>
  el.children.filter((c) => !(c.ns === XSD_NS && c.name === "annotation"));

function names(items: readonly XmlNode[]): string {
  return items.map(qualifiedName).join(", ");
}

/**
 * The built-in type a reference names, or undefined for a declared or anonymous type. A reference that
 * resolves to nothing fails, naming it.
 */
export function builtinName(ref: TypeRef, where: string): QName | undefined {
  if (ref.kind === "builtin") return ref.name;
  if (ref.kind === "unresolved") {
    if (ref.name === undefined) {
      throw new Error(
        `${where}: undeclared namespace prefix "${ref.raw.split(":")[0]}" in QName "${ref.raw}"`,
      );
    }
    // A name in the XSD namespace that is not an XSD 1.0 built-in: xsd-builtins.ts says it is unsupported.
    if (ref.name.ns === XSD_NS) return ref.name;
    throw new Error(`unknown XSD type {${ref.name.ns}}${ref.name.local}`);
  }
  return undefined;
}

/** Whether a QName is in the XML Schema namespace (a built-in type, supported or not: see xsd-builtins.ts). */
export function isXsdName(name: QName): boolean {
  return name.ns === XSD_NS;
}

/** The TypeRef of a QName written in the contract (a part's type or rule). */
export function refTo(set: XsdSchemaSet, name: QNameRef): TypeRef {
  return set.typeRef(name, name.raw);
}

/** The named type a QName denotes; fails when the schema set does not define it. */
export function lookupType(set: XsdSchemaSet, name: QName): XsdType {
  const type = set.type(name);
  if (!type) throw new Error(`unknown XSD type {${name.ns}}${name.local}`);
  return type;
}

/** The type a reference denotes: a declared or anonymous type, or undefined for a built-in. */
export function resolveTypeRef(set: XsdSchemaSet, ref: TypeRef): XsdType | undefined {
  if (ref.kind === "anonymous") return ref.type;
  if (ref.kind === "named") return lookupType(set, ref.name);
  builtinName(ref, "type reference");
  return undefined;
}

/** The built-in base of a supported simple type. */
export function simpleBase(type: SimpleType): QName {
  const where = `simpleType ${label("simpleType", type.name)}`;
  const base = type.base && builtinName(type.base, where);
  if (type.variety !== "atomic" || !base) {
    const baseName = type.base?.kind === "named" ? type.base.name.local : "(anonymous)";
    throw new Error(
      `${where}: base ${baseName} is not a built-in XSD type (one restriction step of a built-in type is supported)`,
    );
  }
  return base;
}

const INTEGER_FACETS = ["length", "minLength", "maxLength", "totalDigits", "fractionDigits"] as const;

/** The facets of a supported simple type, typed. */
export function simpleFacets(type: SimpleType): Facets {
  const where = `simpleType ${label("simpleType", type.name)}`;
  const facets: Facets = {};
  for (const facet of type.facets) {
    const value = facet.value;
    if (value === undefined) throw new Error(`<${qualifiedName(facet.source)}> has no value attribute`);
    switch (facet.name) {
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
        facets[facet.name] = value.trim();
        break;
      default: {
        const key = INTEGER_FACETS.find((f) => f === facet.name);
        if (key === undefined) throw new Error(`${where}: facet ${facet.name} is not supported`);
        if (!/^\s*[0-9]+\s*$/.test(value)) throw new Error(`${where}: ${key}="${value}" is not a number`);
        facets[key] = Number(value);
      }
    }
  }
  if (facets.fractionDigits !== undefined && facets.fractionDigits !== 0) {
    throw new Error(`${where}: fractionDigits other than 0 is not supported`);
  }
  return facets;
}

/** The one sequence or choice of a supported complex type. */
export function modelGroup(type: ComplexType): ModelGroup {
  const particle = type.particle;
  if (!particle || (particle.kind !== "sequence" && particle.kind !== "choice")) {
    throw new Error(`complexType ${label("complexType", type.name)}: not one xsd:sequence or xsd:choice`);
  }
  return { group: particle.kind, elements: particle.terms as ElementDecl[] };
}

/** The base of a `complexContent/restriction`, if the type is one. */
export function restrictionBase(type: ComplexType): QName | undefined {
  const base = type.base;
  if (type.derivation !== "restriction" || !base || base.kind === "anonymous") return undefined;
  return base.name;
}

function checkSimpleType(type: SimpleType): void {
  const where = `simpleType ${label("simpleType", type.name)}`;
  const source = type.source!;
  const items = content(source);
  if (items.length !== 1 || items[0]!.ns !== XSD_NS) {
    throw new Error(
      `<${qualifiedName(source)}>: expected exactly one xsd:restriction, found ${names(items)}`,
    );
  }
  const restriction = items[0]!;
  if (restriction.name !== "restriction") {
    throw new Error(`${where}: only xsd:restriction is supported, not <${qualifiedName(restriction)}>`);
  }
  if (attr(restriction, "base") === undefined) {
    throw new Error(`<${qualifiedName(restriction)}> has no base attribute`);
  }
  for (const facet of content(restriction)) {
    if (facet.ns !== XSD_NS) throw new Error(`${where}: unexpected <${qualifiedName(facet)}>`);
  }
  simpleBase(type);
  simpleFacets(type);
}

function checkComplexType(type: ComplexType): void {
  const where = `complexType ${label("complexType", type.name)}`;
  const source = type.source;
  if (type.mixed) throw new Error(`${where}: mixed content is not supported`);
  let holder = source;
  const first = content(source)[0];
  if (first?.ns === XSD_NS && (first.name === "complexContent" || first.name === "simpleContent")) {
    const derivation = content(first);
    if (first.name === "simpleContent" || derivation.length !== 1 || derivation[0]!.name !== "restriction") {
      throw new Error(
        `${where}: ${first.name}/${derivation.map((d) => d.name).join(", ")} is not supported (complexContent/restriction is)`,
      );
    }
    holder = derivation[0]!;
    if (attr(holder, "base") === undefined)
      throw new Error(`<${qualifiedName(holder)}> has no base attribute`);
    if (type.base?.kind === "unresolved" && type.base.name === undefined) builtinName(type.base, where);
  }
  const items = content(holder);
  if (items.length !== 1) {
    throw new Error(`${where}: expected one xsd:sequence or xsd:choice, found ${names(items) || "nothing"}`);
  }
  const group = items[0]!;
  if (group.ns !== XSD_NS || (group.name !== "sequence" && group.name !== "choice")) {
    throw new Error(`${where}: <${qualifiedName(group)}> is not supported (sequence or choice is)`);
  }
  const particle = type.particle!;
  for (const which of ["minOccurs", "maxOccurs"] as const) {
    const value = attr(group, which);
    if (value !== undefined && value !== "1")
      throw new Error(`${where}: a ${group.name} must occur exactly once`);
  }
  for (const item of content(group)) {
    if (item.ns !== XSD_NS || item.name !== "element") {
      throw new Error(`${where}: <${qualifiedName(item)}> inside ${group.name} is not supported`);
    }
  }
  const seen = new Set<string>();
  for (const term of particle.terms) {
    const e = term as ElementDecl;
    checkElement(e);
    if (seen.has(e.name)) throw new Error(`${where}: element ${e.name} is declared twice`);
    seen.add(e.name);
    if (particle.kind === "choice" && e.minOccurs === 0) {
      throw new Error(`${where}: choice member ${e.name} with minOccurs="0" is not supported`);
    }
  }
}

function occursOf(el: XmlNode, which: "minOccurs" | "maxOccurs"): number {
  const value = attr(el, which);
  if (value === undefined) return 1;
  if (which === "maxOccurs" && value === "unbounded") return Number.POSITIVE_INFINITY;
  if (!/^[0-9]+$/.test(value)) throw new Error(`<${qualifiedName(el)}>: ${which}="${value}" is not a number`);
  return Number(value);
}

function checkElement(e: ElementDecl): void {
  const source = e.source;
  if (e.refAttr !== undefined) {
    throw new Error(`<${qualifiedName(source)} ref=…>: element references are not supported`);
  }
  if (attr(source, "name") === undefined) throw new Error(`<${qualifiedName(source)}> has no name attribute`);
  const inner = content(source);
  if (e.typeAttr !== undefined) {
    if (inner.length > 0) throw new Error(`element ${e.name}: both a type attribute and an anonymous type`);
    if (e.type.kind === "unresolved" && e.type.name === undefined) builtinName(e.type, `element ${e.name}`);
  } else {
    if (inner.length !== 1 || inner[0]!.ns !== XSD_NS) {
      throw new Error(
        `<${qualifiedName(source)}>: expected exactly one anonymous type, found ${names(inner)}`,
      );
    }
    if (e.type.kind !== "anonymous")
      throw new Error(`element ${e.name}: <${qualifiedName(inner[0]!)}> is not supported`);
    checkType(e.type.type);
  }
  if (e.nillable) throw new Error(`element ${e.name}: nillable is not supported`);
  if (!e.global) {
    const min = occursOf(source, "minOccurs");
    const max = occursOf(source, "maxOccurs");
    if (max < min || max === 0)
      throw new Error(`element ${e.name}: minOccurs/maxOccurs ${min}/${max} make no sense`);
  }
}

function checkType(type: XsdType): void {
  if (type.kind === "simple") checkSimpleType(type);
  else checkComplexType(type);
}

/** Fails on the first construct of the schema set outside the supported subset. */
export function checkSupportedSchemas(set: XsdSchemaSet): void {
  for (const schema of set.schemas) {
    const tns = schema.targetNamespace ?? "";
    for (const el of schema.source.children) {
      if (el.ns !== XSD_NS) throw new Error(`xsd:schema ${tns}: unexpected <${qualifiedName(el)}>`);
      switch (el.name) {
        case "annotation":
        case "import":
          break;
        case "simpleType":
        case "complexType":
        case "element":
          if (attr(el, "name") === undefined) throw new Error(`<${qualifiedName(el)}> has no name attribute`);
          break;
        default:
          throw new Error(`xsd:schema ${tns}: <${qualifiedName(el)}> is not supported by the WSDL codegen`);
      }
    }
  }
  for (const d of set.duplicates) {
    if (d.kind === "type") throw new Error(`duplicate XSD type ${qnameKey(d.name)}`);
    if (d.kind === "element") throw new Error(`duplicate global element ${qnameKey(d.name)}`);
  }
  for (const type of set.types.values()) checkType(type);
  for (const element of set.elements.values()) checkElement(element);
}
