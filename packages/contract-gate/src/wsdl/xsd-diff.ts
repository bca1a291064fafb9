/**
 * The XML Schema walker of the WSDL diff: global types and elements compared once each, under the directions
 * they are used in; type references followed where they are used (a reference to the same global stops
 * there). Simple types are compared by their flattened facets and primitive; complex types by derivation,
 * content model and attributes (content-diff.ts). The policy (diff/policy.ts) classifies what is found.
 */
import {
  builtinDerivesFrom,
  type ComplexType,
  type ElementDecl,
  type SimpleType,
  type TypeRef,
  type XsdType,
} from "@integrations/contract-model";
import { type ChangeLog, compareDocumentation, show } from "../diff/change.js";
import { compareFacets, type FacetSet } from "../diff/facets.js";
import { BOTH, BREAKING_IN_REQUEST, type Directions, NON_BREAKING } from "../diff/policy.js";
import { compareTypes, referenceChanged, typeRelation } from "../diff/types.js";
import type { Usage } from "../diff/usage.js";
import { compareText } from "../order.js";
import { compareAttributes, compareParticle, nillableChanged } from "./content-diff.js";
import { typeKeyOf, typeSignature, xsdFacetSet } from "./globals.js";
import type { NamespaceMap, Side } from "./side.js";

interface FlatSimple {
  readonly variety: SimpleType["variety"];
  readonly primitive: string | undefined;
  readonly facets: FacetSet;
  readonly def: SimpleType;
}

const UPPER = new Set(["maxLength", "maxInclusive", "maxExclusive", "totalDigits", "fractionDigits"]);
const LOWER = new Set(["minLength", "minInclusive", "minExclusive"]);

/** The facets in effect after a restriction step: bounds tighten, patterns accumulate (each step is ANDed). */
function mergeFacets(parent: FacetSet, child: FacetSet): FacetSet {
  const limits: Record<string, number> = { ...parent.limits };
  for (const [name, value] of Object.entries(child.limits)) {
    const p = limits[name];
    if (p === undefined) limits[name] = value;
    else if (UPPER.has(name)) limits[name] = Math.min(p, value);
    else if (LOWER.has(name)) limits[name] = Math.max(p, value);
    else limits[name] = value;
  }
  return {
    limits,
    patterns: [...parent.patterns, ...child.patterns],
    enumeration: child.enumeration ?? parent.enumeration,
    other: { ...parent.other, ...child.other },
  };
}

export class XsdDiff {
  private readonly seenPairs = new Set<string>();

  constructor(
    readonly log: ChangeLog,
    readonly a: Side,
    readonly b: Side,
    readonly names: NamespaceMap,
    private readonly usage: Usage,
  ) {}

  /** Every global type and element, once, under the directions it is used in (sorted by key). */
  compareGlobals(): void {
    const keysA = new Map<string, string>();
    for (const key of this.a.index.defs.keys()) keysA.set(this.names.key(key), key);
    const keysB = [...this.b.index.defs.keys()];
    for (const [mapped, original] of [...keysA].sort(([x], [y]) => compareText(x, y))) {
      const def = this.a.index.defs.get(original)!;
      if (!keysB.includes(mapped)) {
        this.log.record(
          `${def.kind}-removed`,
          `${def.kind} ${this.a.index.displayKey(original)}`,
          BOTH,
          `the global ${def.kind} was removed: references to it and the types generated from it break`,
        );
        continue;
      }
      const da = this.a.index.definition(original);
      const db = this.b.index.definition(mapped);
      const at = `${def.kind} ${this.b.index.displayKey(mapped)}`;
      const dirs = this.usage.of(mapped);
      if (da?.kind === "element" && db?.kind === "element") this.compareElementDef(at, da, db, dirs);
      else if (da && db && da.kind !== "element" && db.kind !== "element")
        this.compareTypeDef(at, da, db, dirs);
    }
    for (const key of keysB.sort()) {
      if (keysA.has(key)) continue;
      const def = this.b.index.defs.get(key)!;
      this.log.record(
        `${def.kind}-added`,
        `${def.kind} ${this.b.index.displayKey(key)}`,
        BOTH,
        `a new global ${def.kind}`,
      );
    }
  }

  compareElementDef(at: string, a: ElementDecl, b: ElementDecl, dirs: Directions): void {
    compareDocumentation(this.log, at, a.documentation, b.documentation);
    if (a.nillable !== b.nillable) nillableChanged(this.log, at, b.nillable, dirs);
    if (a.abstract !== b.abstract)
      this.log.record("abstract-changed", at, dirs, `abstract ${a.abstract} → ${b.abstract}`);
    if (a.substitutionGroup !== b.substitutionGroup) {
      this.log.record(
        "substitution-group-changed",
        at,
        dirs,
        `substitutionGroup ${show(a.substitutionGroup)} → ${show(b.substitutionGroup)}`,
      );
    }
    this.compareTypeRef(at, a.type, b.type, dirs);
  }

  private refLabel(s: Side, ref: TypeRef): string {
    switch (ref.kind) {
      case "builtin":
        return `xsd:${ref.name.local}`;
      case "named":
        return s.index.displayKey(typeKeyOf(ref)!);
      case "anonymous":
        return "(anonymous type)";
      default:
        return ref.raw;
    }
  }

  /** Whether two references denote the same type (a renamed element keeps its type). */
  sameTypeRef(a: TypeRef, b: TypeRef): boolean {
    if (a.kind !== b.kind) return false;
    if (a.kind === "builtin" && b.kind === "builtin") return a.name.local === b.name.local;
    if (a.kind === "named" && b.kind === "named") return this.names.key(typeKeyOf(a)!) === typeKeyOf(b);
    if (a.kind === "anonymous" && b.kind === "anonymous")
      return typeSignature(a.type) === typeSignature(b.type);
    return false;
  }

  compareTypeRef(at: string, a: TypeRef, b: TypeRef, dirs: Directions): void {
    if (a.kind === "named" && b.kind === "named" && this.names.key(typeKeyOf(a)!) === typeKeyOf(b)) return; // compared once, globally
    if (a.kind === "builtin" && b.kind === "builtin") {
      this.compareBuiltins(at, a.name.local, b.name.local, dirs);
      return;
    }
    const la = this.refLabel(this.a, a);
    const lb = this.refLabel(this.b, b);
    if ((a.kind !== "anonymous" || b.kind !== "anonymous") && la !== lb) {
      referenceChanged(this.log, at, dirs, `type ${la}`, lb);
    }
    const pair = `${at}|${la}|${lb}`;
    if (this.seenPairs.has(pair)) return;
    this.seenPairs.add(pair);
    const da = this.a.wsdl.schema.resolve(a);
    const db = this.b.wsdl.schema.resolve(b);
    if (!da || !db) {
      if (la !== lb)
        this.log.record("type-changed", at, dirs, `type ${la} → ${lb} (one of them does not resolve)`);
      return;
    }
    this.compareTypeDef(at, da, db, dirs);
  }

  private compareBuiltins(at: string, a: string, b: string, dirs: Directions): void {
    const relation = typeRelation(a, b, (wide, narrow) => builtinDerivesFrom(narrow, wide));
    compareTypes(this.log, at, dirs, relation, `xsd:${a} → xsd:${b}`);
  }

  private compareTypeDef(at: string, a: XsdType, b: XsdType, dirs: Directions): void {
    if (a.kind !== b.kind) {
      this.log.record("type-changed", at, dirs, `a ${a.kind} type became a ${b.kind} type`);
      return;
    }
    compareDocumentation(this.log, at, a.documentation, b.documentation);
    if (a.kind === "simple" && b.kind === "simple") this.compareSimple(at, a, b, dirs);
    else if (a.kind === "complex" && b.kind === "complex") this.compareComplex(at, a, b, dirs);
  }

  /** A simple type's variety, primitive and the facets in effect once its restriction chain is applied. */
  private flatten(s: Side, def: SimpleType, depth = 0): FlatSimple {
    const base = def.base;
    const facets = xsdFacetSet(def.facets);
    if (def.variety !== "atomic" || !base || depth > 20) {
      return { variety: def.variety, primitive: undefined, facets, def };
    }
    if (base.kind === "builtin") return { variety: "atomic", primitive: base.name.local, facets, def };
    const parent = s.wsdl.schema.resolve(base);
    if (parent?.kind !== "simple") return { variety: "atomic", primitive: undefined, facets, def };
    const up = this.flatten(s, parent, depth + 1);
    return {
      variety: up.variety,
      primitive: up.primitive,
      facets: mergeFacets(up.facets, facets),
      def: up.variety === "atomic" ? def : up.def,
    };
  }

  private compareSimple(at: string, a: SimpleType, b: SimpleType, dirs: Directions): void {
    const fa = this.flatten(this.a, a);
    const fb = this.flatten(this.b, b);
    if (fa.variety !== fb.variety) {
      this.log.record(
        "type-changed",
        at,
        dirs,
        `${fa.variety} simple type became a ${fb.variety} simple type`,
      );
      return;
    }
    if (fa.variety === "atomic") {
      if (fa.primitive && fb.primitive) this.compareBuiltins(at, fa.primitive, fb.primitive, dirs);
      compareFacets(this.log, at, dirs, fa.facets, fb.facets);
      return;
    }
    if (fa.variety === "list") {
      if (fa.def.itemType && fb.def.itemType)
        this.compareTypeRef(`${at} › item`, fa.def.itemType, fb.def.itemType, dirs);
      compareFacets(this.log, at, dirs, fa.facets, fb.facets);
      return;
    }
    const ma = fa.def.memberTypes;
    const mb = fb.def.memberTypes;
    for (let i = 0; i < Math.min(ma.length, mb.length); i++) {
      this.compareTypeRef(`${at} › member ${i + 1}`, ma[i]!, mb[i]!, dirs);
    }
    // Fewer members accept fewer values: a narrowing; more, a widening.
    const relation = mb.length < ma.length ? "narrowed" : mb.length > ma.length ? "widened" : "same";
    compareTypes(this.log, at, dirs, relation, `union members ${ma.length} → ${mb.length}`);
  }

  private compareComplex(at: string, a: ComplexType, b: ComplexType, dirs: Directions): void {
    if (a.mixed !== b.mixed) this.log.record("mixed-changed", at, dirs, `mixed ${a.mixed} → ${b.mixed}`);
    if (a.simpleContent !== b.simpleContent) {
      const content = (simple: boolean) => (simple ? "simple content" : "complex content");
      this.log.record(
        "content-changed",
        at,
        dirs,
        `${content(a.simpleContent)} → ${content(b.simpleContent)}`,
      );
    }
    if (a.derivation !== b.derivation) {
      this.log.record(
        "derivation-changed",
        at,
        dirs,
        `derivation ${show(a.derivation)} → ${show(b.derivation)}`,
      );
    }
    if (a.base && b.base) this.compareTypeRef(`${at} › base`, a.base, b.base, dirs);
    else if (a.base || b.base) {
      const label = (s: Side, ref: TypeRef | undefined) => (ref ? this.refLabel(s, ref) : "(none)");
      this.log.record(
        "base-type-changed",
        `${at} › base`,
        dirs,
        `base ${label(this.a, a.base)} → ${label(this.b, b.base)}`,
      );
    }
    compareFacets(this.log, at, dirs, xsdFacetSet(a.facets), xsdFacetSet(b.facets));
    compareParticle(this, at, a.particle, b.particle, dirs);
    compareAttributes(this, at, a.attributes, b.attributes, dirs);
    if (a.anyAttribute !== b.anyAttribute) {
      // Dropping the wildcard rejects attributes a sender may add; adding it rejects nothing.
      this.log.add(
        "any-attribute-changed",
        at,
        a.anyAttribute ? BREAKING_IN_REQUEST : NON_BREAKING,
        dirs,
        `anyAttribute ${a.anyAttribute ? "removed" : "added"}`,
      );
    }
  }
}
