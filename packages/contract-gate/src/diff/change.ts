/**
 * The vocabulary of the breaking-change detector: one `Change` per difference found between two versions of a
 * contract, classified by the policy (policy.ts), with where it is and why it is classified that way.
 */
import {
  BOTH,
  type Classification,
  classify,
  type DirectionalRule,
  type Directions,
  describeDirections,
  ruleFor,
} from "./policy.js";

export type { Classification, Direction } from "./policy.js";

export interface Change {
  /** A stable, kebab-case name of the kind of change (e.g. `maxLength-narrowed`, `part-order-changed`). */
  readonly kind: string;
  /** Where the change is, readable (operation › message › field). */
  readonly location: string;
  readonly classification: Classification;
  /** Why it is classified that way, with the old and new values where they help. */
  readonly why: string;
}

/** Collects changes, classifying each against the directions its definition is used in. */
export class ChangeLog {
  readonly changes: Change[] = [];

  /** A change of a kind the policy classifies (policy.ts). */
  record(kind: string, location: string, dirs: Directions, why: string): void {
    this.add(kind, location, ruleFor(kind), dirs, why);
  }

  /** A change whose rule depends on the change itself (the caller says which). */
  add(
    kind: string,
    location: string,
    rule: DirectionalRule | Classification,
    dirs: Directions,
    why: string,
  ): void {
    const classification = classify(rule, dirs);
    const directional = typeof rule !== "string" && rule.request !== rule.response;
    let suffix = "";
    if (directional && classification === "breaking") suffix = ` (used in ${describeDirections(dirs)})`;
    else if (directional && dirs.has("request")) {
      suffix =
        " — not breaking here: only used in requests (the client writes them), where nothing it sent before is rejected";
    } else if (directional) {
      suffix =
        " — not breaking here: only used in responses (the client reads them), where it gets nothing it cannot handle";
    }
    this.changes.push({ kind, location, classification, why: `${why}${suffix}` });
  }
}

export function isBreaking(changes: readonly Change[]): boolean {
  return changes.some((c) => c.classification === "breaking");
}

/** Short, single-line rendering of a value for a `why` text. */
export function show(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Collapses whitespace, so that re-wrapping a description is not a change. */
export function normalizeText(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** A documentation text changed (whitespace aside): never on the wire. */
export function compareDocumentation(
  log: ChangeLog,
  location: string,
  a: string | undefined,
  b: string | undefined,
): void {
  if (normalizeText(a) === normalizeText(b)) return;
  log.record(
    "description-changed",
    location,
    BOTH,
    "documentation text changed; nothing on the wire changes",
  );
}
