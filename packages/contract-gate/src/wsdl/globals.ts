/**
 * The global definitions of a contract's schemas as the WSDL diff tracks them: one key per global type or
 * element (`type:{ns}local`, `element:{ns}local`), the readable name of each (with the prefix the contract
 * declares for its namespace), the keys a definition refers to, and facets in the diff's terms.
 */
import type {
  ElementDecl,
  Facet,
  GlobalDefinition,
  GlobalKind,
  Term,
  TypeRef,
  WsdlModel,
  XsdType,
} from "@integrations/contract-model";
import { emptyFacets, type FacetSet } from "../diff/facets.js";

/** `${kind}:{ns}local`; `ns` undefined or "" is no namespace. */
export function defKey(kind: GlobalKind, ns: string | undefined, local: string): string {
  return `${kind}:{${ns ?? ""}}${local}`;
}

/** The key of the global type a reference names, if it names one. */
export function typeKeyOf(ref: TypeRef): string | undefined {
  return ref.kind === "named" ? defKey("type", ref.name.ns, ref.name.local) : undefined;
}

/** The global types and elements of a WSDL by key, in contract order, and how to show them. */
export class GlobalIndex {
  readonly defs = new Map<string, GlobalDefinition>();
  private readonly bindings: ReadonlyMap<string, string>;

  constructor(readonly wsdl: WsdlModel) {
    for (const def of wsdl.schema.globals) {
      if (def.kind === "type" || def.kind === "element")
        this.defs.set(defKey(def.kind, def.name.ns, def.name.local), def);
    }
    this.bindings = wsdl.source.scope.bindings();
  }

  /** `tns:foo` with a prefix the definitions declare for the namespace, else `{ns}foo`. */
  display(ns: string | undefined, local: string): string {
    if (!ns) return local;
    for (const [prefix, uri] of this.bindings) {
      if (uri === ns && prefix !== "" && prefix !== "xml") return `${prefix}:${local}`;
    }
    return `{${ns}}${local}`;
  }

  displayKey(key: string): string {
    const def = this.defs.get(key);
    return def ? this.display(def.name.ns, def.name.local) : key;
  }

  /** The type or global element behind a key. */
  definition(key: string): XsdType | ElementDecl | undefined {
    const def = this.defs.get(key);
    if (!def) return undefined;
    return def.kind === "type" ? this.wsdl.schema.type(def.name) : this.wsdl.schema.element(def.name);
  }

  /** The key of the global element a local element refers to, when that element exists. */
  refKey(decl: ElementDecl): string | undefined {
    return decl.ref && this.wsdl.schema.element(decl.ref)
      ? defKey("element", decl.ref.ns, decl.ref.local)
      : undefined;
  }

  /** Keys of the global definitions a definition references directly (base, members, element refs, attributes). */
  references(def: XsdType | ElementDecl, out = new Set<string>()): Set<string> {
    const ref = (r: TypeRef | undefined): void => {
      if (!r) return;
      const key = typeKeyOf(r);
      if (key) out.add(key);
      else if (r.kind === "anonymous") this.references(r.type, out);
    };
    if (def.kind === "element") {
      ref(def.type);
    } else if (def.kind === "simple") {
      ref(def.base);
      ref(def.itemType);
      for (const m of def.memberTypes) ref(m);
    } else {
      ref(def.base);
      for (const a of def.attributes) ref(a.type);
      const walk = (terms: readonly Term[]): void => {
        for (const t of terms) {
          if (t.kind === "element") {
            const key = this.refKey(t);
            if (key) out.add(key);
            else ref(t.type);
          } else if (t.kind !== "any") walk(t.terms);
        }
      };
      walk(def.particle?.terms ?? []);
    }
    return out;
  }
}

const LIMIT_FACETS = new Set([
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

/** The facets of one XSD restriction step as the diff compares them. */
export function xsdFacetSet(facets: readonly Facet[]): FacetSet {
  if (facets.length === 0) return emptyFacets();
  const limits: Record<string, number> = {};
  const patterns: string[] = [];
  let enumeration: string[] | undefined;
  const other: Record<string, string> = {};
  for (const f of facets) {
    const value = f.value ?? "";
    if (LIMIT_FACETS.has(f.name)) {
      const n = Number(value.trim());
      if (Number.isFinite(n)) limits[f.name] = n;
      else other[f.name] = value;
    } else if (f.name === "pattern") patterns.push(value);
    else if (f.name === "enumeration") enumeration = [...(enumeration ?? []), JSON.stringify(value)];
    else if (f.name === "whiteSpace") other.whiteSpace = value;
  }
  // The patterns of one restriction step are alternatives (XSD 1.0 §4.3.4.3): one entry.
  return { limits, patterns: patterns.length > 0 ? [patterns.join(" | ")] : [], enumeration, other };
}

/**
 * A structural signature of an anonymous type, for "are these the same type" (a renamed element keeps its
 * type): source elements and attributes as written are left out, and a definition that contains itself is
 * cut where it recurs.
 */
export function typeSignature(value: unknown): string {
  const ancestors: unknown[] = [];
  const visit = (v: unknown): string => {
    if (typeof v !== "object" || v === null) return JSON.stringify(v) ?? "undefined";
    if (ancestors.includes(v)) return '"<recursive>"';
    ancestors.push(v);
    const out = Array.isArray(v)
      ? `[${v.map(visit).join(",")}]`
      : `{${Object.entries(v)
          .filter(([k, x]) => !SIGNATURE_SKIPS.has(k) && x !== undefined)
          .map(([k, x]) => `${JSON.stringify(k)}:${visit(x)}`)
          .join(",")}}`;
    ancestors.pop();
    return out;
  };
  return visit(value);
}

const SIGNATURE_SKIPS = new Set(["source", "typeAttr", "refAttr", "foreignAttributes"]);
