/**
 * A type replaced by another: narrowed (every value of the new type was valid before, not the reverse),
 * widened (the reverse), or changed (neither). The formats say which (JSON Schema types, XSD built-in
 * derivation); the policy says what each means for requests and responses.
 */
import type { ChangeLog } from "./change.js";
import type { Directions } from "./policy.js";

export type TypeRelation = "same" | "narrowed" | "widened" | "changed";

/** How `after` relates to `before` when `covers(x, y)` says type x accepts every value of type y. */
export function typeRelation<T>(before: T, after: T, covers: (wide: T, narrow: T) => boolean): TypeRelation {
  const widened = covers(after, before);
  const narrowed = covers(before, after);
  if (widened && narrowed) return "same";
  if (narrowed) return "narrowed";
  if (widened) return "widened";
  return "changed";
}

/** Records a type change; `values` says what changed (`type "integer" → "number"`, `xsd:int → xsd:short`). */
export function compareTypes(
  log: ChangeLog,
  at: string,
  dirs: Directions,
  relation: TypeRelation,
  values: string,
): void {
  if (relation === "narrowed") {
    log.record("type-narrowed", at, dirs, `${values}: values that were valid are now rejected`);
  } else if (relation === "widened") {
    log.record("type-widened", at, dirs, `${values}: readers may get values of a type they do not handle`);
  } else if (relation === "changed") {
    log.record("type-changed", at, dirs, `${values}: incompatible types`);
  }
}

/** A reference now names another definition, or an inline one: the value-level differences follow it. */
export function referenceChanged(
  log: ChangeLog,
  at: string,
  dirs: Directions,
  from: string,
  to: string,
): void {
  log.record(
    "type-reference-changed",
    at,
    dirs,
    `${from} → ${to}; what that changes for the values is listed separately`,
  );
}
