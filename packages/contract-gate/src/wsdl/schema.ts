/**
 * The XSD inside a WSDL: an index of the global definitions of every embedded xsd:schema, QName resolution
 * against it (xsd built-ins included), and a normalized model of type definitions and content models
 * (sequence/choice/all members with their occurrence, simple-type facets) for the diff.
 */
import { emptyFacets, type FacetSet } from "../diff/facets.js";
import { childrenOf, deepText, type QName, qnameKey, resolveQName, type XmlElement } from "../xml/tree.js";
import { displayName, XSD_NS } from "./model.js";

/** XSD 1.0 built-in datatypes, each with the type it is derived from (undefined: a root). */
export const XSD_BUILTINS: ReadonlyMap<string, string | undefined> = new Map<string, string | undefined>([
  ["anyType", undefined],
  ["anySimpleType", "anyType"],
  ["string", "anySimpleType"],
  ["normalizedString", "string"],
  ["token", "normalizedString"],
  ["language", "token"],
  ["Name", "token"],
  ["NCName", "Name"],
  ["ID", "NCName"],
  ["IDREF", "NCName"],
  ["IDREFS", "anySimpleType"],
  ["ENTITY", "NCName"],
  ["ENTITIES", "anySimpleType"],
  ["NMTOKEN", "token"],
  ["NMTOKENS", "anySimpleType"],
  ["boolean", "anySimpleType"],
  ["base64Binary", "anySimpleType"],
  ["hexBinary", "anySimpleType"],
  ["float", "anySimpleType"],
  ["double", "anySimpleType"],
  ["decimal", "anySimpleType"],
  ["integer", "decimal"],
  ["nonPositiveInteger", "integer"],
  ["negativeInteger", "nonPositiveInteger"],
  ["long", "integer"],
  ["int", "long"],
  ["short", "int"],
  ["byte", "short"],
  ["nonNegativeInteger", "integer"],
  ["unsignedLong", "nonNegativeInteger"],
  ["unsignedInt", "unsignedLong"],
  ["unsignedShort", "unsignedInt"],
  ["unsignedByte", "unsignedShort"],
  ["positiveInteger", "nonNegativeInteger"],
  ["duration", "anySimpleType"],
  ["dateTime", "anySimpleType"],
  ["time", "anySimpleType"],
  ["date", "anySimpleType"],
  ["gYearMonth", "anySimpleType"],
  ["gYear", "anySimpleType"],
  ["gMonthDay", "anySimpleType"],
  ["gDay", "anySimpleType"],
  ["gMonth", "anySimpleType"],
  ["anyURI", "anySimpleType"],
  ["QName", "anySimpleType"],
  ["NOTATION", "anySimpleType"],
]);

/** True if built-in `a` is `b` or derived from it. */
export function builtinDerivesFrom(a: string, b: string): boolean {
  for (let t: string | undefined = a; t !== undefined; t = XSD_BUILTINS.get(t)) if (t === b) return true;
  return false;
}

export type DefKind = "type" | "element" | "group" | "attributeGroup" | "attribute";

export interface SchemaInfo {
  readonly el: XmlElement;
  readonly index: number;
  readonly targetNamespace: string | undefined;
  readonly elementFormDefault: string;
  readonly attributeFormDefault: string;
}

export interface GlobalDef {
  readonly kind: DefKind;
  /** `${kind}:{ns}local`. */
  readonly key: string;
  readonly name: string;
  readonly ns: string | undefined;
  readonly el: XmlElement;
  readonly schema: SchemaInfo;
}

export type TypeRef =
  | { readonly kind: "builtin"; readonly name: string }
  | { readonly kind: "named"; readonly key: string; readonly display: string }
  | { readonly kind: "anonymous"; readonly def: TypeDef }
  | { readonly kind: "unresolved"; readonly display: string };

export interface SimpleDef {
  readonly kind: "simple";
  readonly variety: "atomic" | "list" | "union";
  readonly base: TypeRef | undefined;
  readonly facets: FacetSet;
  readonly itemType: TypeRef | undefined;
  readonly memberTypes: readonly TypeRef[];
  readonly documentation: string;
}

export interface ElementDecl {
  readonly kind: "element";
  readonly name: string;
  /** Key of the global element when declared with ref=. */
  readonly ref: string | undefined;
  readonly type: TypeRef;
  readonly min: number;
  readonly max: number;
  readonly nillable: boolean;
  readonly fixed: string | undefined;
  readonly default: string | undefined;
  readonly documentation: string;
}

export interface AnyTerm {
  readonly kind: "any";
  readonly namespace: string;
  readonly processContents: string;
  readonly min: number;
  readonly max: number;
}

export interface Particle {
  readonly kind: "sequence" | "choice" | "all";
  readonly min: number;
  readonly max: number;
  readonly terms: readonly Term[];
}

export type Term = ElementDecl | Particle | AnyTerm;

export interface AttributeDecl {
  readonly name: string;
  readonly type: TypeRef;
  readonly use: string;
  readonly fixed: string | undefined;
  readonly default: string | undefined;
}

export interface ComplexDef {
  readonly kind: "complex";
  readonly mixed: boolean;
  readonly derivation: "extension" | "restriction" | undefined;
  readonly base: TypeRef | undefined;
  readonly simpleContent: boolean;
  readonly particle: Particle | undefined;
  readonly attributes: readonly AttributeDecl[];
  readonly anyAttribute: boolean;
  /** Facets of a simpleContent restriction. */
  readonly facets: FacetSet;
  readonly documentation: string;
}

export type TypeDef = SimpleDef | ComplexDef;

export interface ElementDef {
  readonly kind: "element-def";
  readonly type: TypeRef;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly substitutionGroup: string | undefined;
  readonly documentation: string;
}

const FACET_NAMES = new Set([
  "length",
  "minLength",
  "maxLength",
  "minInclusive",
  "maxInclusive",
  "minExclusive",
  "maxExclusive",
  "totalDigits",
  "fractionDigits",
]);

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value.trim() === "unbounded") return Number.POSITIVE_INFINITY;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : fallback;
}

function annotationText(el: XmlElement): string {
  return childrenOf(el, XSD_NS, "annotation")
    .flatMap((a) => childrenOf(a, XSD_NS, "documentation"))
    .map(deepText)
    .join(" ");
}

/** The global definitions of every schema of a WSDL, with resolution and normalization. */
export class XsdIndex {
  readonly schemas: readonly SchemaInfo[];
  readonly defs = new Map<string, GlobalDef>();
  /** Definitions that are declared more than once (same kind and QName). */
  readonly duplicates: GlobalDef[] = [];
  private readonly typeCache = new Map<XmlElement, TypeDef>();

  constructor(
    schemaElements: readonly XmlElement[],
    private readonly root: XmlElement,
  ) {
    this.schemas = schemaElements.map((el, index) => ({
      el,
      index,
      targetNamespace: el.attrs.targetNamespace || undefined,
      elementFormDefault: el.attrs.elementFormDefault ?? "unqualified",
      attributeFormDefault: el.attrs.attributeFormDefault ?? "unqualified",
    }));
    for (const schema of this.schemas) {
      for (const child of schema.el.children) {
        if (child.ns !== XSD_NS) continue;
        const kind = defKind(child.local);
        if (kind === undefined || child.attrs.name === undefined) continue;
        const key = defKey(kind, schema.targetNamespace, child.attrs.name);
        const def: GlobalDef = {
          kind,
          key,
          name: child.attrs.name,
          ns: schema.targetNamespace,
          el: child,
          schema,
        };
        if (this.defs.has(key)) this.duplicates.push(def);
        else this.defs.set(key, def);
      }
    }
  }

  display(ns: string | undefined, local: string): string {
    return displayName(this.root, ns, local);
  }

  displayKey(key: string): string {
    const def = this.defs.get(key);
    if (def) return this.display(def.ns, def.name);
    return key;
  }

  /** Resolves a type QName: a built-in, a global type of a schema here, or undefined. */
  lookupType(q: QName): TypeRef | undefined {
    if (q.ns === XSD_NS) return XSD_BUILTINS.has(q.local) ? { kind: "builtin", name: q.local } : undefined;
    const key = defKey("type", q.ns, q.local);
    return this.defs.has(key) ? { kind: "named", key, display: this.display(q.ns, q.local) } : undefined;
  }

  lookup(kind: DefKind, q: QName): GlobalDef | undefined {
    return this.defs.get(defKey(kind, q.ns, q.local));
  }

  /** A TypeRef for a QName-valued attribute of `el` (unresolved if it does not resolve). */
  typeRefAt(el: XmlElement, value: string): TypeRef {
    const q = resolveQName(el, value);
    return (q && this.lookupType(q)) ?? { kind: "unresolved", display: value };
  }

  typeDef(el: XmlElement): TypeDef {
    let def = this.typeCache.get(el);
    if (!def) {
      def = el.local === "simpleType" ? this.simpleDef(el) : this.complexDef(el);
      this.typeCache.set(el, def);
    }
    return def;
  }

  /** The definition a TypeRef stands for (built-ins are simple types with no facets). */
  resolve(ref: TypeRef): TypeDef | undefined {
    switch (ref.kind) {
      case "anonymous":
        return ref.def;
      case "named": {
        const def = this.defs.get(ref.key);
        return def ? this.typeDef(def.el) : undefined;
      }
      case "builtin":
        return {
          kind: "simple",
          variety: "atomic",
          base: ref,
          facets: emptyFacets(),
          itemType: undefined,
          memberTypes: [],
          documentation: "",
        };
      default:
        return undefined;
    }
  }

  elementDef(el: XmlElement): ElementDef {
    return {
      kind: "element-def",
      type: this.elementType(el),
      nillable: el.attrs.nillable === "true",
      abstract: el.attrs.abstract === "true",
      substitutionGroup: el.attrs.substitutionGroup,
      documentation: annotationText(el),
    };
  }

  private elementType(el: XmlElement): TypeRef {
    if (el.attrs.type !== undefined) return this.typeRefAt(el, el.attrs.type);
    const inline = el.children.find(
      (c) => c.ns === XSD_NS && (c.local === "simpleType" || c.local === "complexType"),
    );
    if (inline) return { kind: "anonymous", def: this.typeDef(inline) };
    return { kind: "builtin", name: "anyType" };
  }

  private simpleDef(el: XmlElement): SimpleDef {
    const restriction = childrenOf(el, XSD_NS, "restriction")[0];
    const list = childrenOf(el, XSD_NS, "list")[0];
    const union = childrenOf(el, XSD_NS, "union")[0];
    const documentation = annotationText(el);
    if (list) {
      const inline = childrenOf(list, XSD_NS, "simpleType")[0];
      const itemType = list.attrs.itemType
        ? this.typeRefAt(list, list.attrs.itemType)
        : inline
          ? ({ kind: "anonymous", def: this.typeDef(inline) } as const)
          : undefined;
      return {
        kind: "simple",
        variety: "list",
        base: undefined,
        facets: emptyFacets(),
        itemType,
        memberTypes: [],
        documentation,
      };
    }
    if (union) {
      const named = (union.attrs.memberTypes ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .map((m) => this.typeRefAt(union, m));
      const inline = childrenOf(union, XSD_NS, "simpleType").map(
        (s) => ({ kind: "anonymous", def: this.typeDef(s) }) as const,
      );
      return {
        kind: "simple",
        variety: "union",
        base: undefined,
        facets: emptyFacets(),
        itemType: undefined,
        memberTypes: [...named, ...inline],
        documentation,
      };
    }
    if (!restriction) {
      return {
        kind: "simple",
        variety: "atomic",
        base: { kind: "builtin", name: "anySimpleType" },
        facets: emptyFacets(),
        itemType: undefined,
        memberTypes: [],
        documentation,
      };
    }
    return {
      kind: "simple",
      variety: "atomic",
      base: this.restrictionBase(restriction),
      facets: facetsOf(restriction),
      itemType: undefined,
      memberTypes: [],
      documentation,
    };
  }

  private restrictionBase(restriction: XmlElement): TypeRef {
    if (restriction.attrs.base !== undefined) return this.typeRefAt(restriction, restriction.attrs.base);
    const inline = childrenOf(restriction, XSD_NS, "simpleType")[0];
    return inline
      ? { kind: "anonymous", def: this.typeDef(inline) }
      : { kind: "builtin", name: "anySimpleType" };
  }

  private complexDef(el: XmlElement): ComplexDef {
    const documentation = annotationText(el);
    const simpleContent = childrenOf(el, XSD_NS, "simpleContent")[0];
    const complexContent = childrenOf(el, XSD_NS, "complexContent")[0];
    const content = simpleContent ?? complexContent;
    let holder = el;
    let derivation: ComplexDef["derivation"];
    let base: TypeRef | undefined;
    let facets = emptyFacets();
    if (content) {
      const step = content.children.find(
        (c) => c.ns === XSD_NS && (c.local === "extension" || c.local === "restriction"),
      );
      if (step) {
        holder = step;
        derivation = step.local as "extension" | "restriction";
        base = step.attrs.base !== undefined ? this.typeRefAt(step, step.attrs.base) : undefined;
        if (simpleContent && derivation === "restriction") facets = facetsOf(step);
      }
    }
    return {
      kind: "complex",
      mixed: el.attrs.mixed === "true" || complexContent?.attrs.mixed === "true",
      derivation,
      base,
      simpleContent: simpleContent !== undefined,
      particle: this.particleOf(holder),
      attributes: this.attributesOf(holder),
      anyAttribute: childrenOf(holder, XSD_NS, "anyAttribute").length > 0,
      facets,
      documentation,
    };
  }

  private particleOf(holder: XmlElement): Particle | undefined {
    for (const c of holder.children) {
      if (c.ns !== XSD_NS) continue;
      if (c.local === "sequence" || c.local === "choice" || c.local === "all") return this.particle(c);
      if (c.local === "group") return this.groupParticle(c, new Set());
    }
    return undefined;
  }

  private groupParticle(ref: XmlElement, seen: Set<string>): Particle | undefined {
    const q = ref.attrs.ref === undefined ? undefined : resolveQName(ref, ref.attrs.ref);
    const def = q && this.lookup("group", q);
    if (!def || seen.has(def.key)) return undefined;
    seen.add(def.key);
    const inner = def.el.children.find(
      (c) => c.ns === XSD_NS && (c.local === "sequence" || c.local === "choice" || c.local === "all"),
    );
    if (!inner) return undefined;
    const p = this.particle(inner, seen);
    return { ...p, min: occurs(ref.attrs.minOccurs, 1), max: occurs(ref.attrs.maxOccurs, 1) };
  }

  private particle(el: XmlElement, seen: Set<string> = new Set()): Particle {
    const terms: Term[] = [];
    for (const c of el.children) {
      if (c.ns !== XSD_NS) continue;
      if (c.local === "element") terms.push(this.localElement(c));
      else if (c.local === "sequence" || c.local === "choice" || c.local === "all")
        terms.push(this.particle(c, seen));
      else if (c.local === "group") {
        const g = this.groupParticle(c, new Set(seen));
        if (g) terms.push(g);
      } else if (c.local === "any") {
        terms.push({
          kind: "any",
          namespace: c.attrs.namespace ?? "##any",
          processContents: c.attrs.processContents ?? "strict",
          min: occurs(c.attrs.minOccurs, 1),
          max: occurs(c.attrs.maxOccurs, 1),
        });
      }
    }
    return {
      kind: el.local as Particle["kind"],
      min: occurs(el.attrs.minOccurs, 1),
      max: occurs(el.attrs.maxOccurs, 1),
      terms,
    };
  }

  private localElement(el: XmlElement): ElementDecl {
    const min = occurs(el.attrs.minOccurs, 1);
    const max = occurs(el.attrs.maxOccurs, 1);
    if (el.attrs.ref !== undefined) {
      const q = resolveQName(el, el.attrs.ref);
      const def = q && this.lookup("element", q);
      const gdef = def ? this.elementDef(def.el) : undefined;
      return {
        kind: "element",
        name: q?.local ?? el.attrs.ref,
        ref: def?.key,
        type: gdef?.type ?? { kind: "unresolved", display: el.attrs.ref },
        min,
        max,
        nillable: gdef?.nillable ?? false,
        fixed: def?.el.attrs.fixed,
        default: def?.el.attrs.default,
        documentation: annotationText(el),
      };
    }
    return {
      kind: "element",
      name: el.attrs.name ?? "",
      ref: undefined,
      type: this.elementType(el),
      min,
      max,
      nillable: el.attrs.nillable === "true",
      fixed: el.attrs.fixed,
      default: el.attrs.default,
      documentation: annotationText(el),
    };
  }

  private attributesOf(holder: XmlElement, seen = new Set<string>()): AttributeDecl[] {
    const out: AttributeDecl[] = [];
    for (const c of holder.children) {
      if (c.ns !== XSD_NS) continue;
      if (c.local === "attribute") {
        const q = c.attrs.ref === undefined ? undefined : resolveQName(c, c.attrs.ref);
        const ref = q && this.lookup("attribute", q);
        const decl = ref?.el ?? c;
        const inline = childrenOf(decl, XSD_NS, "simpleType")[0];
        out.push({
          name: q?.local ?? c.attrs.name ?? "",
          type: decl.attrs.type
            ? this.typeRefAt(decl, decl.attrs.type)
            : inline
              ? { kind: "anonymous", def: this.typeDef(inline) }
              : { kind: "builtin", name: "anySimpleType" },
          use: c.attrs.use ?? "optional",
          fixed: c.attrs.fixed ?? decl.attrs.fixed,
          default: c.attrs.default ?? decl.attrs.default,
        });
      } else if (c.local === "attributeGroup" && c.attrs.ref !== undefined) {
        const q = resolveQName(c, c.attrs.ref);
        const def = q && this.lookup("attributeGroup", q);
        if (def && !seen.has(def.key)) {
          seen.add(def.key);
          out.push(...this.attributesOf(def.el, seen));
        }
      }
    }
    return out;
  }

  /** Keys of the global definitions a type references directly (base, members, element refs, attributes). */
  referencedKeys(ref: TypeRef | undefined, out = new Set<string>()): Set<string> {
    if (!ref) return out;
    if (ref.kind === "named") out.add(ref.key);
    else if (ref.kind === "anonymous") this.defReferences(ref.def, out);
    return out;
  }

  defReferences(def: TypeDef | ElementDef, out = new Set<string>()): Set<string> {
    if (def.kind === "element-def") return this.referencedKeys(def.type, out);
    if (def.kind === "simple") {
      this.referencedKeys(def.base, out);
      this.referencedKeys(def.itemType, out);
      for (const m of def.memberTypes) this.referencedKeys(m, out);
      return out;
    }
    this.referencedKeys(def.base, out);
    for (const a of def.attributes) this.referencedKeys(a.type, out);
    const walk = (p: Particle | undefined): void => {
      for (const t of p?.terms ?? []) {
        if (t.kind === "element") {
          if (t.ref) out.add(t.ref);
          else this.referencedKeys(t.type, out);
        } else if (t.kind !== "any") walk(t);
      }
    };
    walk(def.particle);
    return out;
  }

  /** The normalized definition behind a global key. */
  globalDef(key: string): TypeDef | ElementDef | undefined {
    const def = this.defs.get(key);
    if (!def) return undefined;
    if (def.kind === "type") return this.typeDef(def.el);
    if (def.kind === "element") return this.elementDef(def.el);
    return undefined;
  }
}

export function defKind(local: string): DefKind | undefined {
  switch (local) {
    case "simpleType":
    case "complexType":
      return "type";
    case "element":
      return "element";
    case "group":
      return "group";
    case "attributeGroup":
      return "attributeGroup";
    case "attribute":
      return "attribute";
    default:
      return undefined;
  }
}

export function defKey(kind: DefKind, ns: string | undefined, local: string): string {
  return `${kind}:${qnameKey({ ns, local })}`;
}

/** The facets of one restriction step. */
export function facetsOf(restriction: XmlElement): FacetSet {
  const limits: Record<string, number> = {};
  const patterns: string[] = [];
  let enumeration: string[] | undefined;
  const other: Record<string, string> = {};
  for (const f of restriction.children) {
    if (f.ns !== XSD_NS) continue;
    const value = f.attrs.value ?? "";
    if (FACET_NAMES.has(f.local)) {
      const n = Number(value.trim());
      if (Number.isFinite(n)) limits[f.local] = n;
      else other[f.local] = value;
    } else if (f.local === "pattern") patterns.push(value);
    else if (f.local === "enumeration") enumeration = [...(enumeration ?? []), JSON.stringify(value)];
    else if (f.local === "whiteSpace") other.whiteSpace = value;
  }
  // The patterns of one restriction step are alternatives (XSD 1.0 §4.3.4.3): one entry.
  return { limits, patterns: patterns.length > 0 ? [patterns.join(" | ")] : [], enumeration, other };
}
