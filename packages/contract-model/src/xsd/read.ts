/**
 * Reads the `xsd:schema` elements of a contract into one `XsdSchemaSet`: every global definition indexed,
 * every global type and element read eagerly, once (anonymous types with them); content models are read by
 * content-read.ts.
 */
import { foreignAttributes } from "../extensions.js";
import { CONTRACT_EXT_NS, XSD_NS } from "../namespaces.js";
import { type QName, type QNameRef, qnameKey } from "../qname.js";
import { attr, children, resolveQName, type XmlNode } from "../xml.js";
import { isBuiltinName } from "./builtins.js";
import { ContentReader, type TypeReader } from "./content-read.js";
import type {
  ComplexType,
  ElementDecl,
  Facet,
  GlobalDefinition,
  GlobalKind,
  SchemaDocument,
  SimpleType,
  TypeRef,
  XsdSchemaSet,
  XsdType,
} from "./model.js";
import {
  ANY_SIMPLE_TYPE,
  ANY_TYPE,
  annotation,
  facetsOf,
  firstXsd,
  globalKey,
  globalKind,
  plain,
} from "./nodes.js";

class SchemaReader implements TypeReader {
  readonly schemas: SchemaDocument[];
  readonly globals: GlobalDefinition[] = [];
  readonly duplicates: GlobalDefinition[] = [];
  readonly types = new Map<string, XsdType>();
  readonly elements = new Map<string, ElementDecl>();

  private readonly byKey = new Map<string, GlobalDefinition>();
  private readonly typeCache = new Map<XmlNode, XsdType>();
  private readonly content = new ContentReader(this);

  constructor(schemaElements: readonly XmlNode[]) {
    this.schemas = schemaElements.map((source, index) => ({
      index,
      targetNamespace: attr(source, "targetNamespace") || undefined,
      elementFormDefault: attr(source, "elementFormDefault") ?? "unqualified",
      attributeFormDefault: attr(source, "attributeFormDefault") ?? "unqualified",
      source,
    }));
    for (const schema of this.schemas) {
      for (const source of schema.source.children) {
        if (source.ns !== XSD_NS) continue;
        const kind = globalKind(source.name);
        const local = attr(source, "name");
        if (kind === undefined || local === undefined) continue;
        const def: GlobalDefinition = {
          kind,
          name: { ns: schema.targetNamespace ?? "", local },
          schema,
          source,
        };
        const key = globalKey(kind, def.name);
        if (this.byKey.has(key)) {
          this.duplicates.push(def);
        } else {
          this.byKey.set(key, def);
          this.globals.push(def);
        }
      }
    }
    for (const def of this.globals) {
      if (def.kind === "type")
        this.types.set(qnameKey(def.name), this.typeDef(def.source, def.schema, def.name));
      else if (def.kind === "element") this.elements.set(qnameKey(def.name), this.globalElement(def));
    }
    this.content.resolveReferences((name) => this.elements.get(qnameKey(name)));
  }

  global(kind: GlobalKind, name: QName): GlobalDefinition | undefined {
    return this.byKey.get(globalKey(kind, name));
  }

  typeRef(name: QNameRef | undefined, raw: string): TypeRef {
    if (!name) return { kind: "unresolved", raw, name: undefined };
    if (name.ns === XSD_NS && isBuiltinName(name.local)) return { kind: "builtin", name: plain(name) };
    if (this.byKey.has(globalKey("type", name))) return { kind: "named", name: plain(name) };
    return { kind: "unresolved", raw, name: plain(name) };
  }

  typeRefAt(el: XmlNode, value: string): TypeRef {
    return this.typeRef(resolveQName(el, value), value);
  }

  private typeDef(el: XmlNode, schema: SchemaDocument, name: QName | undefined): XsdType {
    let def = this.typeCache.get(el);
    if (!def) {
      def = el.name === "simpleType" ? this.simpleType(el, schema, name) : this.complexType(el, schema, name);
      this.typeCache.set(el, def);
    }
    return def;
  }

  anonymous(el: XmlNode, schema: SchemaDocument): TypeRef {
    return { kind: "anonymous", type: this.typeDef(el, schema, undefined) };
  }

  private simpleType(el: XmlNode, schema: SchemaDocument, name: QName | undefined): SimpleType {
    const common = {
      kind: "simple" as const,
      name,
      documentation: annotation(el),
      foreignAttributes: foreignAttributes(el),
      source: el,
    };
    const list = firstXsd(el, "list");
    if (list) {
      const itemType = attr(list, "itemType");
      const inline = firstXsd(list, "simpleType");
      return {
        ...common,
        variety: "list",
        base: undefined,
        facets: [],
        itemType:
          itemType !== undefined
            ? this.typeRefAt(list, itemType)
            : inline
              ? this.anonymous(inline, schema)
              : undefined,
        memberTypes: [],
      };
    }
    const union = firstXsd(el, "union");
    if (union) {
      const named = (attr(union, "memberTypes") ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .map((m) => this.typeRefAt(union, m));
      const inline = children(union, XSD_NS, "simpleType").map((s) => this.anonymous(s, schema));
      return {
        ...common,
        variety: "union",
        base: undefined,
        facets: [],
        itemType: undefined,
        memberTypes: [...named, ...inline],
      };
    }
    const restriction = firstXsd(el, "restriction");
    if (!restriction) {
      return {
        ...common,
        variety: "atomic",
        base: ANY_SIMPLE_TYPE,
        facets: [],
        itemType: undefined,
        memberTypes: [],
      };
    }
    const base = attr(restriction, "base");
    const inline = firstXsd(restriction, "simpleType");
    return {
      ...common,
      variety: "atomic",
      base:
        base !== undefined
          ? this.typeRefAt(restriction, base)
          : inline
            ? this.anonymous(inline, schema)
            : ANY_SIMPLE_TYPE,
      facets: facetsOf(restriction),
      itemType: undefined,
      memberTypes: [],
    };
  }

  private complexType(el: XmlNode, schema: SchemaDocument, name: QName | undefined): ComplexType {
    const simpleContent = firstXsd(el, "simpleContent");
    const complexContent = firstXsd(el, "complexContent");
    const content = simpleContent ?? complexContent;
    let holder = el;
    let derivation: ComplexType["derivation"];
    let base: TypeRef | undefined;
    let facets: Facet[] = [];
    const step = content && firstXsd(content, new Set(["extension", "restriction"]));
    if (step) {
      holder = step;
      derivation = step.name as "extension" | "restriction";
      const baseAttr = attr(step, "base");
      base = baseAttr !== undefined ? this.typeRefAt(step, baseAttr) : undefined;
      if (simpleContent && derivation === "restriction") facets = facetsOf(step);
    }
    return {
      kind: "complex",
      name,
      mixed: attr(el, "mixed") === "true" || (complexContent && attr(complexContent, "mixed")) === "true",
      simpleContent: simpleContent !== undefined,
      derivation,
      base,
      particle: this.content.particleOf(holder, schema),
      attributes: this.content.attributesOf(holder, schema, new Set()),
      anyAttribute: children(holder, XSD_NS, "anyAttribute").length > 0,
      facets,
      documentation: annotation(el),
      foreignAttributes: foreignAttributes(el),
      source: el,
    };
  }

  elementType(el: XmlNode, schema: SchemaDocument): TypeRef {
    const type = attr(el, "type");
    if (type !== undefined) return this.typeRefAt(el, type);
    const inline = firstXsd(el, new Set(["simpleType", "complexType"]));
    return inline ? this.anonymous(inline, schema) : ANY_TYPE;
  }

  private globalElement(def: GlobalDefinition): ElementDecl {
    const el = def.source;
    return {
      kind: "element",
      global: true,
      name: def.name.local,
      ns: def.name.ns,
      refAttr: undefined,
      ref: undefined,
      typeAttr: attr(el, "type"),
      type: this.elementType(el, def.schema),
      minOccurs: 1,
      maxOccurs: 1,
      nillable: attr(el, "nillable") === "true",
      abstract: attr(el, "abstract") === "true",
      substitutionGroup: attr(el, "substitutionGroup"),
      fixed: attr(el, "fixed"),
      default: attr(el, "default"),
      form: attr(el, "form"),
      documentation: annotation(el),
      secret: attr(el, "secret", CONTRACT_EXT_NS) === "true",
      foreignAttributes: foreignAttributes(el),
      source: el,
    };
  }
}

/** Reads every `xsd:schema` of a contract (in `wsdl:types`, or a standalone schema) into one schema set. */
export function readSchemas(schemaElements: readonly XmlNode[]): XsdSchemaSet {
  const reader = new SchemaReader(schemaElements);
  const { schemas, globals, duplicates, types, elements } = reader;
  return {
    schemas,
    globals,
    duplicates,
    types,
    elements,
    type: (name) => types.get(qnameKey(name)),
    element: (name) => elements.get(qnameKey(name)),
    global: (kind, name) => reader.global(kind, name),
    typeRef: (name, raw) => reader.typeRef(name, raw),
    resolve(ref) {
      switch (ref.kind) {
        case "anonymous":
          return ref.type;
        case "named":
          return types.get(qnameKey(ref.name));
        case "builtin":
          return {
            kind: "simple",
            name: undefined,
            variety: "atomic",
            base: ref,
            facets: [],
            itemType: undefined,
            memberTypes: [],
            documentation: undefined,
            foreignAttributes: [],
            source: undefined,
          };
        default:
          return undefined;
      }
    },
  };
}
