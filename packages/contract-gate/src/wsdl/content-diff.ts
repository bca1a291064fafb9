/**
 * Content models of the WSDL diff: sequence / choice / all particles, their element declarations (added,
 * removed, renamed, reordered, occurrence changed), nested groups, wildcards and attributes.
 */
import type { AttributeDecl, ElementDecl, Particle } from "@integrations/contract-model";
import { type ChangeLog, compareDocumentation, show } from "../diff/change.js";
import { matchMembers, orderChange } from "../diff/members.js";
import {
  BREAKING,
  BREAKING_IN_REQUEST,
  BREAKING_IN_RESPONSE,
  type Directions,
  NON_BREAKING,
} from "../diff/policy.js";
import type { XsdDiff } from "./xsd-diff.js";

/** The occurrence and terms of a model group (an absent one reads as an empty sequence). */
type Group = Pick<Particle, "kind" | "minOccurs" | "maxOccurs" | "terms">;
type Occurs = Pick<Particle, "minOccurs" | "maxOccurs">;

const EMPTY: Group = { kind: "sequence", minOccurs: 1, maxOccurs: 1, terms: [] };
const isGroup = (t: Group["terms"][number]): t is Particle => t.kind !== "element" && t.kind !== "any";

export function nillableChanged(log: ChangeLog, at: string, nowNillable: boolean, dirs: Directions): void {
  if (nowNillable) log.record("nillable-added", at, dirs, "nillable false → true: readers may get xsi:nil");
  else log.record("nillable-removed", at, dirs, "nillable true → false: xsi:nil is rejected");
}

export function compareParticle(
  x: XsdDiff,
  at: string,
  a: Group | undefined,
  b: Group | undefined,
  dirs: Directions,
): void {
  if (!a && !b) return;
  const { log } = x;
  const pa = a ?? EMPTY;
  const pb = b ?? EMPTY;
  const choice = pb.kind === "choice";
  if (a && b && pa.kind !== pb.kind) {
    log.record("compositor-changed", at, dirs, `xsd:${pa.kind} → xsd:${pb.kind}: a different content model`);
  }
  if (a && b) compareOccurs(log, `${at} › ${pb.kind}`, pa, pb, dirs, choice);

  const elementsA = pa.terms.filter((t): t is ElementDecl => t.kind === "element");
  const elementsB = pb.terms.filter((t): t is ElementDecl => t.kind === "element");
  const match = matchMembers(elementsA, elementsB, (e) => e.name, {
    by: "position",
    same: (ea, eb) =>
      ea.minOccurs === eb.minOccurs && ea.maxOccurs === eb.maxOccurs && x.sameTypeRef(ea.type, eb.type),
  });
  for (const [from, to] of match.renamed) {
    log.record(
      "field-renamed",
      `${at} › ${from}`,
      dirs,
      `element ${show(from)} → ${show(to)}: a different element name on the wire`,
    );
  }
  for (const ea of match.removed) {
    if (choice) {
      log.record(
        "choice-member-removed",
        `${at} › ${ea.name}`,
        dirs,
        `choice alternative ${show(ea.name)} was removed: messages using it are rejected`,
      );
    } else {
      log.record(
        "field-removed",
        `${at} › ${ea.name}`,
        dirs,
        `element ${show(ea.name)} was removed: senders of it are rejected, readers of it get nothing`,
      );
    }
  }
  for (const eb of match.added) {
    const loc = `${at} › ${eb.name}`;
    if (choice) {
      log.record(
        "choice-member-added",
        loc,
        dirs,
        `new choice alternative ${show(eb.name)}: readers may receive a shape they do not know`,
      );
    } else if (eb.minOccurs >= 1 && pb.minOccurs >= 1) {
      log.record(
        "field-added-required",
        loc,
        dirs,
        `new required element ${show(eb.name)} (minOccurs ${eb.minOccurs}): messages without it are rejected`,
      );
    } else {
      log.record("field-added-optional", loc, dirs, `new optional element ${show(eb.name)} (minOccurs 0)`);
    }
  }
  if (pb.kind === "sequence" && (pa.kind === "sequence" || !a)) {
    const order = orderChange(
      elementsA.map((e) => e.name),
      elementsB.map((e) => e.name),
      match.renamed,
    );
    if (order) {
      log.record(
        "member-order-changed",
        `${at} › sequence`,
        dirs,
        `element order ${order[0].join(", ")} → ${order[1].join(", ")}: xsd:sequence order is validated`,
      );
    }
  }
  for (const [ea, eb] of match.common) compareElementDecl(x, `${at} › ${eb.name}`, ea, eb, dirs, choice);

  const nestedA = pa.terms.filter(isGroup);
  const nestedB = pb.terms.filter(isGroup);
  for (let i = 0; i < Math.max(nestedA.length, nestedB.length); i++) {
    const na = nestedA[i];
    const nb = nestedB[i];
    const loc = `${at} › ${(nb ?? na)!.kind}[${i + 1}]`;
    if (na && nb) compareParticle(x, loc, na, nb, dirs);
    else if (na) log.record("group-removed", loc, dirs, "a nested model group was removed");
    else if (nb) {
      // A required group must now be sent; an optional one may be left out.
      log.add(
        "group-added",
        loc,
        nb.minOccurs >= 1 ? BREAKING_IN_REQUEST : NON_BREAKING,
        dirs,
        "a nested model group was added",
      );
    }
  }
  const anyA = pa.terms.filter((t) => t.kind === "any").length;
  const anyB = pb.terms.filter((t) => t.kind === "any").length;
  if (anyA !== anyB) {
    // Fewer wildcards reject elements a sender may add; more reject nothing.
    log.add(
      "wildcard-changed",
      at,
      anyB < anyA ? BREAKING_IN_REQUEST : NON_BREAKING,
      dirs,
      `xsd:any wildcards ${anyA} → ${anyB}`,
    );
  }
}

/** minOccurs / maxOccurs of an element or a group. In a choice, a member's minOccurs is not its required-ness. */
export function compareOccurs(
  log: ChangeLog,
  at: string,
  a: Occurs,
  b: Occurs,
  dirs: Directions,
  inChoice: boolean,
): void {
  const minA = a.minOccurs;
  const minB = b.minOccurs;
  if (minA !== minB) {
    if (minA === 0 && minB >= 1 && !inChoice) {
      log.record(
        "field-became-required",
        at,
        dirs,
        `minOccurs 0 → ${minB}: messages without it are rejected`,
      );
    } else if (minA >= 1 && minB === 0 && !inChoice) {
      log.record("field-became-optional", at, dirs, `minOccurs ${minA} → 0: readers may not get it`);
    } else if (minB > minA) {
      log.record(
        "minOccurs-increased",
        at,
        dirs,
        `minOccurs ${minA} → ${minB}: fewer occurrences are rejected`,
      );
    } else {
      log.record(
        "minOccurs-decreased",
        at,
        dirs,
        `minOccurs ${minA} → ${minB}: fewer occurrences are accepted`,
      );
    }
  }
  if (a.maxOccurs !== b.maxOccurs) {
    const fmt = (n: number): string => (Number.isFinite(n) ? String(n) : "unbounded");
    const values = `maxOccurs ${fmt(a.maxOccurs)} → ${fmt(b.maxOccurs)}`;
    if (a.maxOccurs <= 1 !== b.maxOccurs <= 1) {
      log.record(
        "cardinality-changed",
        at,
        dirs,
        `${values}: a single value became a list or the reverse (the generated type changes shape)`,
      );
    } else if (b.maxOccurs < a.maxOccurs) {
      log.record(
        "maxOccurs-narrowed",
        at,
        dirs,
        `${values}: more occurrences than the new limit are rejected`,
      );
    } else {
      log.record("maxOccurs-widened", at, dirs, `${values}: every count accepted before still is`);
    }
  }
}

function compareElementDecl(
  x: XsdDiff,
  at: string,
  a: ElementDecl,
  b: ElementDecl,
  dirs: Directions,
  inChoice: boolean,
): void {
  const { log } = x;
  compareDocumentation(log, at, a.documentation, b.documentation);
  compareOccurs(log, at, a, b, dirs, inChoice);
  if (a.nillable !== b.nillable) nillableChanged(log, at, b.nillable, dirs);
  if (a.fixed !== b.fixed) log.record("fixed-changed", at, dirs, `fixed ${show(a.fixed)} → ${show(b.fixed)}`);
  if (a.default !== b.default)
    log.record("default-changed", at, dirs, `default ${show(a.default)} → ${show(b.default)}`);
  const refA = x.a.index.refKey(a);
  const refB = x.b.index.refKey(b);
  if (refA !== undefined && refB !== undefined && x.names.key(refA) === refB) return; // the global element is compared once
  x.compareTypeRef(at, a.type, b.type, dirs);
}

/** Attributes by name: removed, added (required or not), use, fixed value and type. */
export function compareAttributes(
  x: XsdDiff,
  at: string,
  a: readonly AttributeDecl[],
  b: readonly AttributeDecl[],
  dirs: Directions,
): void {
  for (const xa of a) {
    const xb = b.find((d) => d.name === xa.name);
    const loc = `${at} › @${xa.name}`;
    if (!xb) {
      x.log.record("attribute-removed", loc, dirs, `attribute ${show(xa.name)} was removed`);
      continue;
    }
    if (xa.use !== xb.use) {
      // Now required: senders must add it; no longer required: readers may miss it; otherwise both.
      const rule =
        xb.use === "required" ? BREAKING_IN_REQUEST : xa.use === "required" ? BREAKING_IN_RESPONSE : BREAKING;
      x.log.add("attribute-use-changed", loc, rule, dirs, `use ${show(xa.use)} → ${show(xb.use)}`);
    }
    if (xa.fixed !== xb.fixed)
      x.log.record("fixed-changed", loc, dirs, `fixed ${show(xa.fixed)} → ${show(xb.fixed)}`);
    x.compareTypeRef(loc, xa.type, xb.type, dirs);
  }
  for (const xb of b) {
    if (a.some((d) => d.name === xb.name)) continue;
    const loc = `${at} › @${xb.name}`;
    if (xb.use === "required") {
      x.log.record("attribute-added-required", loc, dirs, `new required attribute ${show(xb.name)}`);
    } else x.log.record("attribute-added-optional", loc, dirs, `new optional attribute ${show(xb.name)}`);
  }
}
