/**
 * Value restrictions shared by JSON Schema (OpenAPI) and XSD simple types: length and range limits, patterns,
 * enumerations, formats. This finds what narrowed, widened, was added, removed or changed; the policy
 * (policy.ts) classifies it, the same on both sides of the wire.
 */
import { type ChangeLog, show } from "./change.js";
import type { Directions } from "./policy.js";

/** How a limit constrains: an upper bound narrows when it decreases, a lower bound when it increases. */
type LimitKind = "upper" | "lower" | "exact";

const LIMITS: Record<string, LimitKind> = {
  // JSON Schema
  maxLength: "upper",
  minLength: "lower",
  maximum: "upper",
  minimum: "lower",
  exclusiveMaximum: "upper",
  exclusiveMinimum: "lower",
  maxItems: "upper",
  minItems: "lower",
  maxProperties: "upper",
  minProperties: "lower",
  multipleOf: "exact",
  // XSD facets (maxLength/minLength shared)
  length: "exact",
  maxInclusive: "upper",
  minInclusive: "lower",
  maxExclusive: "upper",
  minExclusive: "lower",
  totalDigits: "upper",
  fractionDigits: "upper",
};

export interface FacetSet {
  /** Numeric limits by their name in the contract (maxLength, maximum, maxInclusive, ...). */
  readonly limits: Readonly<Record<string, number>>;
  /** Patterns, each one restriction step (XSD patterns of one step are alternatives, joined by " | "). */
  readonly patterns: readonly string[];
  /** Enumerated values, canonical text (JSON for JSON Schema, the lexical value for XSD); undefined: no enum. */
  readonly enumeration: readonly string[] | undefined;
  /** Other single-valued restrictions: format, whiteSpace, uniqueItems, ... */
  readonly other: Readonly<Record<string, string>>;
}

export function emptyFacets(): FacetSet {
  return { limits: {}, patterns: [], enumeration: undefined, other: {} };
}

/** The restriction kinds where an added value narrows what is accepted. */
const OTHER_NARROW_WHEN_ADDED = new Set(["format", "uniqueItems", "whiteSpace"]);

export function compareFacets(log: ChangeLog, loc: string, dirs: Directions, a: FacetSet, b: FacetSet): void {
  const names = [...new Set([...Object.keys(a.limits), ...Object.keys(b.limits)])].sort();
  for (const name of names) {
    const before = a.limits[name];
    const after = b.limits[name];
    if (before === after) continue;
    const kind = LIMITS[name] ?? "exact";
    const at = `${loc} › ${name}`;
    const values = `${name} ${before ?? "(none)"} → ${after ?? "(none)"}`;
    if (after === undefined) {
      log.record(
        `${name}-widened`,
        at,
        dirs,
        `${values}: the limit was removed, so every value accepted before still is`,
      );
    } else if (before === undefined) {
      log.record(
        `${name}-narrowed`,
        at,
        dirs,
        `${values}: a new limit rejects values that were accepted before`,
      );
    } else if (kind === "exact") {
      log.record(
        `${name}-changed`,
        at,
        dirs,
        `${values}: values that met the old restriction may fail the new one`,
      );
    } else if ((kind === "upper" && after < before) || (kind === "lower" && after > before)) {
      log.record(`${name}-narrowed`, at, dirs, `${values}: values that were valid are now rejected`);
    } else {
      log.record(`${name}-widened`, at, dirs, `${values}: every value accepted before still is`);
    }
  }

  comparePatterns(log, loc, dirs, a.patterns, b.patterns);
  compareEnumeration(log, loc, dirs, a.enumeration, b.enumeration);

  const others = [...new Set([...Object.keys(a.other), ...Object.keys(b.other)])].sort();
  for (const name of others) {
    const before = a.other[name];
    const after = b.other[name];
    if (before === after) continue;
    const at = `${loc} › ${name}`;
    const values = `${name} ${show(before)} → ${show(after)}`;
    if (after === undefined || (name === "uniqueItems" && after === "false")) {
      log.record(`${name}-removed`, at, dirs, `${values}: the restriction was lifted`);
    } else if (before === undefined && OTHER_NARROW_WHEN_ADDED.has(name)) {
      log.record(
        `${name}-added`,
        at,
        dirs,
        `${values}: a new restriction may reject values that were accepted`,
      );
    } else {
      log.record(
        `${name}-changed`,
        at,
        dirs,
        `${values}: values that met the old restriction may fail the new one`,
      );
    }
  }
}

function comparePatterns(
  log: ChangeLog,
  loc: string,
  dirs: Directions,
  a: readonly string[],
  b: readonly string[],
): void {
  const before = [...a].sort();
  const after = [...b].sort();
  if (before.length === after.length && before.every((p, i) => p === after[i])) return;
  const at = `${loc} › pattern`;
  const values = `pattern ${show(before.length <= 1 ? before[0] : before)} → ${show(after.length <= 1 ? after[0] : after)}`;
  if (after.length === 0) {
    log.record("pattern-removed", at, dirs, `${values}: no pattern restricts the value any more`);
  } else if (before.length === 0) {
    log.record(
      "pattern-added",
      at,
      dirs,
      `${values}: a new pattern rejects values that were accepted before`,
    );
  } else if (after.every((p) => before.includes(p))) {
    // Every remaining pattern was already required: fewer steps, same or fewer restrictions.
    log.record(
      "pattern-removed",
      at,
      dirs,
      `${values}: a pattern step was dropped, the others are unchanged`,
    );
  } else {
    log.record(
      "pattern-changed",
      at,
      dirs,
      `${values}: a changed pattern cannot be proven to accept the same values, so it is treated as narrowed`,
    );
  }
}

function compareEnumeration(
  log: ChangeLog,
  loc: string,
  dirs: Directions,
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): void {
  if (a === undefined && b === undefined) return;
  const at = `${loc} › enum`;
  if (b === undefined) {
    log.record(
      "enum-removed",
      at,
      dirs,
      `the enumeration ${show(a)} was removed: any value of the type is accepted`,
    );
    return;
  }
  if (a === undefined) {
    log.record("enum-added", at, dirs, `values are now restricted to ${show(b)}`);
    return;
  }
  for (const v of a) {
    if (!b.includes(v))
      log.record("enum-value-removed", at, dirs, `enum value ${v} was removed: it is no longer valid`);
  }
  for (const v of b) {
    if (!a.includes(v)) log.record("enum-value-added", at, dirs, `enum value ${v} was added`);
  }
}
