/**
 * The XML Schema model: the global definitions of every `xsd:schema` of a contract, and their normalised
 * content — simple types with their facets, complex types with their content model (sequence / choice / all
 * particles, element declarations with occurrence, wildcards), attributes, documentation and extension
 * attributes.
 *
 * Like the WSDL model it is faithful, not validating: a QName that does not resolve becomes an `unresolved`
 * TypeRef, facet values stay lexical (`"32"`, `" 9999999999 "`), and each component keeps its source element.
 */
import type { ForeignAttribute } from "../extensions.js";
import type { QName, QNameRef } from "../qname.js";
import type { XmlNode } from "../xml.js";

/** What a `type` / `base` / `itemType` / `memberTypes` reference denotes. */
export type TypeRef =
  /** An XML Schema built-in datatype (`name.ns` is the XSD namespace). */
  | { readonly kind: "builtin"; readonly name: QName }
  /** A global type defined in the schema set. */
  | { readonly kind: "named"; readonly name: QName }
  /** A type declared in place. */
  | { readonly kind: "anonymous"; readonly type: XsdType }
  /** Neither: `name` is undefined when the prefix is not declared, else no such type exists. */
  | { readonly kind: "unresolved"; readonly raw: string; readonly name: QName | undefined };

/** One facet of a restriction step (`<xsd:maxLength value="32"/>`), as written. */
export interface Facet {
  /** The facet's local name: length, minLength, maxLength, pattern, enumeration, whiteSpace, maxInclusive, … */
  readonly name: string;
  readonly value: string | undefined;
  readonly source: XmlNode;
}

export interface SimpleType {
  readonly kind: "simple";
  /** Undefined for an anonymous type. */
  readonly name: QName | undefined;
  readonly variety: "atomic" | "list" | "union";
  /** atomic: the restriction base (`xsd:anySimpleType` when the type has no restriction). */
  readonly base: TypeRef | undefined;
  /** The facets of the restriction step, in contract order. */
  readonly facets: readonly Facet[];
  /** list: the item type. */
  readonly itemType: TypeRef | undefined;
  /** union: the member types (`memberTypes` first, then the anonymous ones). */
  readonly memberTypes: readonly TypeRef[];
  readonly documentation: string | undefined;
  readonly foreignAttributes: readonly ForeignAttribute[];
  /** Undefined only for the stand-in of a built-in type (`XsdSchemaSet.resolve`). */
  readonly source: XmlNode | undefined;
}

export interface ComplexType {
  readonly kind: "complex";
  readonly name: QName | undefined;
  readonly mixed: boolean;
  /** `xsd:simpleContent` (a value with attributes) rather than element content. */
  readonly simpleContent: boolean;
  /** The derivation step of simpleContent / complexContent, if any. */
  readonly derivation: "extension" | "restriction" | undefined;
  readonly base: TypeRef | undefined;
  /** The content model; undefined for no element content. */
  readonly particle: Particle | undefined;
  readonly attributes: readonly AttributeDecl[];
  readonly anyAttribute: boolean;
  /** The facets of a simpleContent restriction. */
  readonly facets: readonly Facet[];
  readonly documentation: string | undefined;
  readonly foreignAttributes: readonly ForeignAttribute[];
  readonly source: XmlNode;
}

export type XsdType = SimpleType | ComplexType;

/** A model group: `xsd:sequence`, `xsd:choice` or `xsd:all`, with its occurrence. */
export interface Particle {
  readonly kind: "sequence" | "choice" | "all";
  readonly minOccurs: number;
  /** `Infinity` for unbounded. */
  readonly maxOccurs: number;
  readonly terms: readonly Term[];
  /** The named group (`<xsd:group ref>`) this particle was read from, if it was. */
  readonly group: QName | undefined;
  readonly source: XmlNode;
}

/** `xsd:any`. */
export interface Wildcard {
  readonly kind: "any";
  readonly namespace: string;
  readonly processContents: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly source: XmlNode;
}

export type Term = ElementDecl | Particle | Wildcard;

export interface ElementDecl {
  readonly kind: "element";
  /** A global element (a child of xsd:schema) rather than a local one or a reference. */
  readonly global: boolean;
  /** The local name; for a reference, the referenced element's. */
  readonly name: string;
  /** The element's namespace on the wire (`""` when unqualified). */
  readonly ns: string;
  /** `ref` as written, and resolved (a reference to a global element). */
  readonly refAttr: string | undefined;
  readonly ref: QNameRef | undefined;
  /** `type` as written (`tns:profileID`); undefined for an anonymous type or a reference. */
  readonly typeAttr: string | undefined;
  /** For a reference: the referenced element's type. No type at all: `xsd:anyType`. */
  readonly type: TypeRef;
  /** Always 1 for a global element. */
  readonly minOccurs: number;
  /** `Infinity` for unbounded; always 1 for a global element. */
  readonly maxOccurs: number;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly substitutionGroup: string | undefined;
  readonly fixed: string | undefined;
  readonly default: string | undefined;
  /** `form` as written (local elements). */
  readonly form: string | undefined;
  readonly documentation: string | undefined;
  /** `x:secret="true"`: the value is a secret (never logged, traced or echoed). */
  readonly secret: boolean;
  readonly foreignAttributes: readonly ForeignAttribute[];
  readonly source: XmlNode;
}

export interface AttributeDecl {
  /** The local name; for a reference, the referenced attribute's. */
  readonly name: string;
  readonly type: TypeRef;
  /** `use` as written, `"optional"` by default. */
  readonly use: string;
  readonly fixed: string | undefined;
  readonly default: string | undefined;
  readonly source: XmlNode;
}

/** One `xsd:schema` element. */
export interface SchemaDocument {
  /** Its position among the contract's schemas (0-based). */
  readonly index: number;
  readonly targetNamespace: string | undefined;
  /** As written; `"unqualified"` by default. */
  readonly elementFormDefault: string;
  readonly attributeFormDefault: string;
  readonly source: XmlNode;
}

export type GlobalKind = "type" | "element" | "group" | "attributeGroup" | "attribute";

/** A named child of an xsd:schema. */
export interface GlobalDefinition {
  readonly kind: GlobalKind;
  readonly name: QName;
  readonly schema: SchemaDocument;
  readonly source: XmlNode;
}

export interface XsdSchemaSet {
  readonly schemas: readonly SchemaDocument[];
  /** Every global definition, in contract order (the first of each kind and name). */
  readonly globals: readonly GlobalDefinition[];
  /** Definitions of a kind and name defined before (not in `globals`). */
  readonly duplicates: readonly GlobalDefinition[];
  /** Global types by `{ns}local`, in contract order. */
  readonly types: ReadonlyMap<string, XsdType>;
  /** Global elements by `{ns}local`, in contract order. */
  readonly elements: ReadonlyMap<string, ElementDecl>;
  type(name: QName): XsdType | undefined;
  element(name: QName): ElementDecl | undefined;
  global(kind: GlobalKind, name: QName): GlobalDefinition | undefined;
  /** What a type QName denotes here: a built-in, a global type of the set, or unresolved. */
  typeRef(name: QNameRef | undefined, raw: string): TypeRef;
  /** The type a reference stands for; a built-in is an atomic simple type without facets. */
  resolve(ref: TypeRef): XsdType | undefined;
}
