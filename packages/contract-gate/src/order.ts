/** A sort order that is the same on every machine (a fixed collation, then code units as a tie-breaker). */
const collator = new Intl.Collator("en-US", { sensitivity: "base" });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
