/**
 * The vocabulary of the breaking-change detector: one `Change` per difference found between two versions of a
 * contract, classified as breaking or not, with where it is and why it is classified that way.
 */

export type Classification = "breaking" | "non-breaking";

/** Which side of the wire a schema node is on. A node reachable from both is checked under both rule sets. */
export type Direction = "request" | "response";

export interface Change {
  /** A stable, kebab-case name of the kind of change (e.g. `maxLength-narrowed`, `part-order-changed`). */
  readonly kind: string;
  /** Where the change is, readable (operation › message › field). */
  readonly location: string;
  readonly classification: Classification;
  /** Why it is classified that way, with the old and new values where they help. */
  readonly why: string;
}

/** A classification per direction: what the change means for a request (the client writes) or a response. */
export interface DirectionalRule {
  readonly request: Classification;
  readonly response: Classification;
}

export const BREAKING: DirectionalRule = { request: "breaking", response: "breaking" };
export const NON_BREAKING: DirectionalRule = { request: "non-breaking", response: "non-breaking" };
/** Breaking when the client sends it (it may now be rejected), harmless when the client reads it. */
export const BREAKING_IN_REQUEST: DirectionalRule = { request: "breaking", response: "non-breaking" };
/** Breaking when the client reads it (it may now get what it was not prepared for), harmless when it sends it. */
export const BREAKING_IN_RESPONSE: DirectionalRule = { request: "non-breaking", response: "breaking" };

export type Directions = ReadonlySet<Direction>;
export const REQUEST: Directions = new Set<Direction>(["request"]);
export const RESPONSE: Directions = new Set<Direction>(["response"]);
export const BOTH: Directions = new Set<Direction>(["request", "response"]);

/** Breaking if breaking in any direction the node is used in (no directions known: both, conservatively). */
export function classify(rule: DirectionalRule | Classification, dirs: Directions): Classification {
  if (typeof rule === "string") return rule;
  const used = dirs.size === 0 ? BOTH : dirs;
  for (const d of used) if (rule[d] === "breaking") return "breaking";
  return "non-breaking";
}

export function describeDirections(dirs: Directions): string {
  if (dirs.size === 0 || dirs.size === 2) return "requests and responses";
  return `${[...dirs][0] ?? ""}s`;
}

/** Collects changes; `add` classifies a directional rule against the directions in use. */
export class ChangeLog {
  readonly changes: Change[] = [];

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

  breaking(kind: string, location: string, why: string): void {
    this.changes.push({ kind, location, classification: "breaking", why });
  }

  nonBreaking(kind: string, location: string, why: string): void {
    this.changes.push({ kind, location, classification: "non-breaking", why });
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
