/**
 * The JSON Schema walker of the OpenAPI diff: component schemas compared once each, under the directions
 * they are used in; inline and re-pointed schemas where they are used. Types, facets, properties (added,
 * removed, renamed, required ↔ optional), additionalProperties and compositions are compared; the policy
 * (diff/policy.ts) classifies what is found.
 */
import { componentSchemaName, type OpenApiModel } from "@integrations/contract-model";
import { type ChangeLog, show } from "../diff/change.js";
import { compareFacets } from "../diff/facets.js";
import { matchMembers } from "../diff/members.js";
import { BOTH, type Directions } from "../diff/policy.js";
import { compareTypes, referenceChanged, typeRelation } from "../diff/types.js";
import type { Usage } from "../diff/usage.js";
import { DOC_KEYS, docChanges, equal, isObj, type Obj } from "./json.js";
import { coversTypes, facets, normalize, SCHEMA_KEYS, types } from "./schema-keywords.js";

export class JsonSchemaDiff {
  private readonly seen = new Set<string>();

  constructor(
    private readonly log: ChangeLog,
    private readonly a: OpenApiModel,
    private readonly b: OpenApiModel,
    private readonly usage: Usage,
  ) {}

  /** Every component schema, once, under the directions it is used in (sorted by name). */
  compareComponents(): void {
    const sa = this.a.document.components;
    const sb = this.b.document.components;
    const schemasA = isObj(sa) && isObj(sa.schemas) ? sa.schemas : {};
    const schemasB = isObj(sb) && isObj(sb.schemas) ? sb.schemas : {};
    for (const name of Object.keys(schemasA).sort()) {
      const at = `schema ${name}`;
      if (!(name in schemasB)) {
        this.log.record(
          "schema-removed",
          at,
          BOTH,
          "the component schema was removed: references to it and the types generated from it break",
        );
      } else this.schema(schemasA[name], schemasB[name], at, this.usage.of(name), true);
    }
    for (const name of Object.keys(schemasB).sort()) {
      if (!(name in schemasA))
        this.log.record("schema-added", `schema ${name}`, BOTH, "a new component schema");
    }
    if (!equal(isObj(sa) ? sa.securitySchemes : undefined, isObj(sb) ? sb.securitySchemes : undefined)) {
      this.log.record("security-changed", "components › securitySchemes", BOTH, "security schemes changed");
    }
  }

  /** Two schemas at one location; a `$ref` to the same component stops here (it is compared once, as a component). */
  schema(rawA: unknown, rawB: unknown, loc: string, dirs: Directions, top = false): void {
    const refA = isObj(rawA) ? rawA.$ref : undefined;
    const refB = isObj(rawB) ? rawB.$ref : undefined;
    const isRefA = typeof refA === "string";
    const isRefB = typeof refB === "string";
    if (!top && isRefA && isRefB) {
      const na = componentSchemaName(refA);
      if (na !== undefined && na === componentSchemaName(refB)) return;
      if (refA !== refB) referenceChanged(this.log, loc, dirs, `$ref ${refA}`, `$ref ${refB}`);
    } else if (!top && isRefA !== isRefB) {
      const label = (ref: unknown) => (typeof ref === "string" ? `$ref ${ref}` : "inline schema");
      referenceChanged(this.log, loc, dirs, label(refA), label(refB));
    }
    if (isRefA || isRefB) {
      const pair = `${loc}|${String(refA)}|${String(refB)}`;
      if (this.seen.has(pair)) return;
      this.seen.add(pair);
    }
    const na = normalize(this.a.deref(rawA));
    const nb = normalize(this.b.deref(rawB));
    if (na.merged !== nb.merged) {
      this.log.record(
        "schema-restructured",
        loc,
        dirs,
        "a one-member allOf was added or removed around the same subschema: validation is identical (the generated types may differ; the API surface check shows how)",
      );
    }
    this.compareSchema(na.s, nb.s, loc, dirs);
  }

  private compareSchema(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    docChanges(this.log, loc, a, b);
    const ta = types(a);
    const tb = types(b);
    if (ta || tb) {
      const values = `type ${show(ta?.length === 1 ? ta[0] : ta)} → ${show(tb?.length === 1 ? tb[0] : tb)}`;
      compareTypes(this.log, `${loc} › type`, dirs, typeRelation(ta, tb, coversTypes), values);
    }
    compareFacets(this.log, loc, dirs, facets(a), facets(b));
    this.compareObject(a, b, loc, dirs);

    if (a.items !== undefined || b.items !== undefined) this.schema(a.items, b.items, `${loc}[]`, dirs);
    const pa = Array.isArray(a.prefixItems) ? a.prefixItems : [];
    const pb = Array.isArray(b.prefixItems) ? b.prefixItems : [];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) this.schema(pa[i], pb[i], `${loc}[${i}]`, dirs);

    this.compareCompositions(a, b, loc, dirs);

    if (!equal(a.not, b.not))
      this.log.record("not-changed", `${loc} › not`, dirs, "the excluded schema (not) changed");
    if (!equal(a.default, b.default)) {
      this.log.record(
        "default-changed",
        `${loc} › default`,
        dirs,
        `default ${show(a.default)} → ${show(b.default)}`,
      );
    }
    if (a.deprecated !== b.deprecated) {
      this.log.record(
        "deprecated-changed",
        loc,
        dirs,
        `deprecated ${show(a.deprecated)} → ${show(b.deprecated)}`,
      );
    }
    for (const k of ["readOnly", "writeOnly", "discriminator"]) {
      if (!equal(a[k], b[k])) {
        this.log.record(
          `${k}-changed`,
          `${loc} › ${k}`,
          dirs,
          `${k} ${show(a[k])} → ${show(b[k])}: the generated types change`,
        );
      }
    }
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (SCHEMA_KEYS.has(k) || DOC_KEYS.has(k) || k.startsWith("x-") || equal(a[k], b[k])) continue;
      this.log.record(
        "keyword-changed",
        `${loc} › ${k}`,
        dirs,
        `${k} ${show(a[k])} → ${show(b[k])}; not analysed, so treated as breaking`,
      );
    }
  }

  private compareObject(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    const propsA = isObj(a.properties) ? a.properties : {};
    const propsB = isObj(b.properties) ? b.properties : {};
    const reqA = new Set(Array.isArray(a.required) ? a.required.map(String) : []);
    const reqB = new Set(Array.isArray(b.required) ? b.required.map(String) : []);
    const namesA = Object.keys(propsA);
    const namesB = Object.keys(propsB);
    const match = matchMembers(namesA, namesB, (n) => n, {
      by: "shape",
      same: (r, n) => reqA.has(r) === reqB.has(n) && equal(propsA[r], propsB[n]),
    });
    for (const r of namesA.filter((n) => !(n in propsB))) {
      const to = match.renamed.get(r);
      if (to !== undefined) {
        this.log.record(
          "field-renamed",
          `${loc}.${r}`,
          dirs,
          `field ${show(r)} → ${show(to)}: senders and readers of ${show(r)} break`,
        );
      } else {
        this.log.record(
          "field-removed",
          `${loc}.${r}`,
          dirs,
          `field ${show(r)} was removed: senders of it are rejected (closed objects) and readers of it get nothing`,
        );
      }
    }
    for (const n of match.added) {
      if (reqB.has(n)) {
        this.log.record(
          "field-added-required",
          `${loc}.${n}`,
          dirs,
          `new required field ${show(n)}: requests without it are rejected`,
        );
      } else this.log.record("field-added-optional", `${loc}.${n}`, dirs, `new optional field ${show(n)}`);
    }
    // Required-ness of the members both versions have (a required name without a property included).
    const names = [...new Set([...reqA, ...reqB, ...namesA.filter((n) => n in propsB)])].filter(
      (n) => n in propsA === n in propsB,
    );
    for (const n of names.sort()) {
      if (!reqA.has(n) && reqB.has(n)) {
        this.log.record(
          "field-became-required",
          `${loc}.${n}`,
          dirs,
          `field ${show(n)} is now required: requests without it are rejected`,
        );
      } else if (reqA.has(n) && !reqB.has(n)) {
        this.log.record(
          "field-became-optional",
          `${loc}.${n}`,
          dirs,
          `field ${show(n)} is no longer required: readers may not get it`,
        );
      }
    }
    for (const [n, to] of match.common) this.schema(propsA[n], propsB[to], `${loc}.${to}`, dirs);

    const apA = a.additionalProperties;
    const apB = b.additionalProperties;
    const at = `${loc} › additionalProperties`;
    if (apA !== false && apB === false) {
      this.log.record(
        "additional-properties-narrowed",
        at,
        dirs,
        "the object is now closed: unknown fields are rejected",
      );
    } else if (apA === false && apB !== false) {
      this.log.record(
        "additional-properties-widened",
        at,
        dirs,
        "the object is now open: unknown fields are accepted",
      );
    } else if (isObj(apA) || isObj(apB)) {
      this.schema(apA, apB, `${loc}.*`, dirs);
    }
  }

  /** anyOf / oneOf alternatives and allOf constraints: equal members pair up first, the rest in order. */
  private compareCompositions(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    for (const k of ["anyOf", "oneOf"] as const) {
      const other = k === "anyOf" ? "oneOf" : "anyOf";
      if (Array.isArray(a[k]) && !Array.isArray(b[k]) && Array.isArray(b[other])) {
        this.log.record(
          "composition-changed",
          `${loc} › ${k}`,
          dirs,
          `${k} → ${other}: a different combination rule`,
        );
      }
    }
    for (const k of ["anyOf", "oneOf", "allOf"] as const) {
      const la = Array.isArray(a[k]) ? (a[k] as unknown[]) : [];
      const lb = Array.isArray(b[k]) ? (b[k] as unknown[]) : [];
      if (la.length === 0 && lb.length === 0) continue;
      const usedB = new Set<number>();
      const unmatchedA: number[] = [];
      la.forEach((m, i) => {
        const j = lb.findIndex((n, jj) => !usedB.has(jj) && equal(m, n));
        if (j >= 0) usedB.add(j);
        else unmatchedA.push(i);
      });
      const unmatchedB = lb.map((_, j) => j).filter((j) => !usedB.has(j));
      for (let p = 0; p < Math.max(unmatchedA.length, unmatchedB.length); p++) {
        const i = unmatchedA[p];
        const j = unmatchedB[p];
        const at = `${loc}.${k}[${j ?? i}]`;
        if (i !== undefined && j !== undefined) this.schema(la[i], lb[j], at, dirs);
        else if (i !== undefined && k === "allOf") {
          this.log.record(
            "all-of-member-removed",
            at,
            dirs,
            "a constraint (allOf member) was removed: more values are valid",
          );
        } else if (i !== undefined) {
          this.log.record(
            "union-member-removed",
            at,
            dirs,
            `a ${k} alternative was removed: values matching only it are rejected`,
          );
        } else if (k === "allOf") {
          this.log.record(
            "all-of-member-added",
            at,
            dirs,
            "a constraint (allOf member) was added: fewer values are valid",
          );
        } else {
          this.log.record(
            "union-member-added",
            at,
            dirs,
            `a ${k} alternative was added: readers may get a shape they do not know`,
          );
        }
      }
    }
  }
}
