/**
 * Reads the `xsd:schema` elements of a contract into one `XsdSchemaSet`. Every global type and element is
 * read eagerly, once; a named group is read once however often it is referenced (a group that refers to
 * itself is cut where it recurs), and an element reference is filled in from its global element after all of
 * them are read, so a recursive content model costs no recursion here.
 */
import { foreignAttributes } from "../extensions.js";
import { CONTRACT_EXT_NS, XSD_NS } from "../namespaces.js";
import { type QName, type QNameRef, qnameKey } from "../qname.js";
import { attr, children, documentationText, resolveQName, type XmlNode } from "../xml.js";
import { isBuiltinName } from "./builtins.js";
import type {
  AttributeDecl,
  ComplexType,
  ElementDecl,
  Facet,
  GlobalDefinition,
  GlobalKind,
  Particle,
  SchemaDocument,
  SimpleType,
  Term,
  TypeRef,
  XsdSchemaSet,
  XsdType,
} from "./model.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const GROUPS = new Set(["sequence", "choice", "all"]);

function globalKind(local: string): GlobalKind | undefined {
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

const globalKey = (kind: GlobalKind, name: QName): string => `${kind}:${qnameKey(name)}`;
const plain = (name: QName): QName => ({ ns: name.ns, local: name.local });

/** `minOccurs` / `maxOccurs`: a number, `unbounded`, or the default when absent or unreadable. */
function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value.trim() === "unbounded") return Number.POSITIVE_INFINITY;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : fallback;
}

function annotation(el: XmlNode): string | undefined {
  return documentationText(
    children(el, XSD_NS, "annotation").flatMap((a) => children(a, XSD_NS, "documentation")),
  );
}

/** The facets of one restriction step: its XSD children other than annotation and an inline base type. */
function facetsOf(restriction: XmlNode): Facet[] {
  return restriction.children
    .filter((c) => c.ns === XSD_NS && c.name !== "annotation" && c.name !== "simpleType")
    .map((c) => ({ name: c.name, value: attr(c, "value"), source: c }));
}

const firstXsd = (el: XmlNode, names: ReadonlySet<string> | string): XmlNode | undefined =>
  el.children.find(
    (c) => c.ns === XSD_NS && (typeof names === "string" ? c.name === names : names.has(c.name)),
  );

const ANY_TYPE: TypeRef = { kind: "builtin", name: { ns: XSD_NS, local: "anyType" } };
const ANY_SIMPLE_TYPE: TypeRef = { kind: "builtin", name: { ns: XSD_NS, local: "anySimpleType" } };

class SchemaReader {
  readonly schemas: SchemaDocument[];
  readonly globals: GlobalDefinition[] = [];
  readonly duplicates: GlobalDefinition[] = [];
  readonly types = new Map<string, XsdType>();
  readonly elements = new Map<string, ElementDecl>();

  private readonly byKey = new Map<string, GlobalDefinition>();
  private readonly typeCache = new Map<XmlNode, XsdType>();
  private readonly groupCache = new Map<string, Particle | undefined>();
  private readonly groupsInProgress = new Set<string>();
  private readonly references: { decl: Mutable<ElementDecl>; target: QName | undefined }[] = [];

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
    for (const { decl, target } of this.references) {
      const global = target && this.elements.get(qnameKey(target));
      if (!global) continue;
      decl.ns = global.ns;
      decl.type = global.type;
      decl.nillable = global.nillable;
      decl.fixed = global.fixed;
      decl.default = global.default;
    }
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

  private typeRefAt(el: XmlNode, value: string): TypeRef {
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

  private anonymous(el: XmlNode, schema: SchemaDocument): TypeRef {
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
      particle: this.particleOf(holder, schema),
      attributes: this.attributesOf(holder, schema, new Set()),
      anyAttribute: children(holder, XSD_NS, "anyAttribute").length > 0,
      facets,
      documentation: annotation(el),
      foreignAttributes: foreignAttributes(el),
      source: el,
    };
  }

  private particleOf(holder: XmlNode, schema: SchemaDocument): Particle | undefined {
    for (const c of holder.children) {
      if (c.ns !== XSD_NS) continue;
      if (GROUPS.has(c.name)) return this.particle(c, schema);
      if (c.name === "group") return this.groupParticle(c);
    }
    return undefined;
  }

  /** `<xsd:group ref>`: the group's particle, with the reference's occurrence. */
  private groupParticle(ref: XmlNode): Particle | undefined {
    const refAttr = attr(ref, "ref");
    const name = refAttr === undefined ? undefined : resolveQName(ref, refAttr);
    const def = name && this.global("group", name);
    if (!def) return undefined;
    const key = globalKey("group", def.name);
    let inner = this.groupCache.get(key);
    if (!this.groupCache.has(key)) {
      if (this.groupsInProgress.has(key)) return undefined; // the group contains itself: cut the cycle here
      this.groupsInProgress.add(key);
      const model = firstXsd(def.source, GROUPS);
      inner = model && this.particle(model, def.schema);
      this.groupsInProgress.delete(key);
      this.groupCache.set(key, inner);
    }
    if (!inner) return undefined;
    return {
      ...inner,
      minOccurs: occurs(attr(ref, "minOccurs"), 1),
      maxOccurs: occurs(attr(ref, "maxOccurs"), 1),
      group: def.name,
    };
  }

  private particle(el: XmlNode, schema: SchemaDocument): Particle {
    const terms: Term[] = [];
    for (const c of el.children) {
      if (c.ns !== XSD_NS) continue;
      if (c.name === "element") terms.push(this.localElement(c, schema));
      else if (GROUPS.has(c.name)) terms.push(this.particle(c, schema));
      else if (c.name === "group") {
        const g = this.groupParticle(c);
        if (g) terms.push(g);
      } else if (c.name === "any") {
        terms.push({
          kind: "any",
          namespace: attr(c, "namespace") ?? "##any",
          processContents: attr(c, "processContents") ?? "strict",
          minOccurs: occurs(attr(c, "minOccurs"), 1),
          maxOccurs: occurs(attr(c, "maxOccurs"), 1),
          source: c,
        });
      }
    }
    return {
      kind: el.name as Particle["kind"],
      minOccurs: occurs(attr(el, "minOccurs"), 1),
      maxOccurs: occurs(attr(el, "maxOccurs"), 1),
      terms,
      group: undefined,
      source: el,
    };
  }

  private elementType(el: XmlNode, schema: SchemaDocument): TypeRef {
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

  private localElement(el: XmlNode, schema: SchemaDocument): ElementDecl {
    const refAttr = attr(el, "ref");
    const ref = refAttr === undefined ? undefined : resolveQName(el, refAttr);
    const form = attr(el, "form");
    const qualified = form === undefined ? schema.elementFormDefault === "qualified" : form === "qualified";
    const decl: Mutable<ElementDecl> = {
      kind: "element",
      global: false,
      name: ref?.local ?? refAttr ?? attr(el, "name") ?? "",
      ns: qualified ? (schema.targetNamespace ?? "") : "",
      refAttr,
      ref,
      typeAttr: refAttr === undefined ? attr(el, "type") : undefined,
      type:
        refAttr === undefined
          ? this.elementType(el, schema)
          : { kind: "unresolved", raw: refAttr, name: ref && plain(ref) },
      minOccurs: occurs(attr(el, "minOccurs"), 1),
      maxOccurs: occurs(attr(el, "maxOccurs"), 1),
      nillable: refAttr === undefined && attr(el, "nillable") === "true",
      abstract: false,
      substitutionGroup: undefined,
      fixed: refAttr === undefined ? attr(el, "fixed") : undefined,
      default: refAttr === undefined ? attr(el, "default") : undefined,
      form,
      documentation: annotation(el),
      secret: attr(el, "secret", CONTRACT_EXT_NS) === "true",
      foreignAttributes: foreignAttributes(el),
      source: el,
    };
    if (refAttr !== undefined) this.references.push({ decl, target: ref });
    return decl;
  }

  private attributesOf(holder: XmlNode, schema: SchemaDocument, seen: Set<string>): AttributeDecl[] {
    const out: AttributeDecl[] = [];
    for (const c of holder.children) {
      if (c.ns !== XSD_NS) continue;
      const refAttr = attr(c, "ref");
      if (c.name === "attribute") {
        const name = refAttr === undefined ? undefined : resolveQName(c, refAttr);
        const decl = (name && this.global("attribute", name)?.source) ?? c;
        const type = attr(decl, "type");
        const inline = firstXsd(decl, "simpleType");
        out.push({
          name: name?.local ?? attr(c, "name") ?? "",
          type:
            type !== undefined
              ? this.typeRefAt(decl, type)
              : inline
                ? this.anonymous(inline, schema)
                : ANY_SIMPLE_TYPE,
          use: attr(c, "use") ?? "optional",
          fixed: attr(c, "fixed") ?? attr(decl, "fixed"),
          default: attr(c, "default") ?? attr(decl, "default"),
          source: c,
        });
      } else if (c.name === "attributeGroup" && refAttr !== undefined) {
        const name = resolveQName(c, refAttr);
        const def = name && this.global("attributeGroup", name);
        if (def && !seen.has(globalKey("attributeGroup", def.name))) {
          seen.add(globalKey("attributeGroup", def.name));
          out.push(...this.attributesOf(def.source, def.schema, seen));
        }
      }
    }
    return out;
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
