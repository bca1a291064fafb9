/**
 * The members of a record-like definition — object properties, sequence or choice elements, rpc parts —
 * matched between two versions: which were removed, which added, which renamed (the same member under a new
 * name), and whether the order of the ones both versions have changed.
 */

export interface MemberMatch<T> {
  /** Old name → new name. */
  readonly renamed: ReadonlyMap<string, string>;
  /** In the old version only (renamed ones excluded), in old order. */
  readonly removed: readonly T[];
  /** In the new version only (rename targets excluded), in new order. */
  readonly added: readonly T[];
  /** Old and new member, by old order (renamed ones included). */
  readonly common: readonly (readonly [T, T])[];
}

/** How a removed member and an added one are recognised as one member renamed. */
export type RenameRule<T> =
  /** At the same position, where neither name is in the other version (sequences, rpc parts). */
  | { readonly by: "position"; readonly same: (a: T, b: T) => boolean }
  /** Any removed one with the first unclaimed added one that is the same (object properties). */
  | { readonly by: "shape"; readonly same: (a: T, b: T) => boolean };

export function matchMembers<T>(
  a: readonly T[],
  b: readonly T[],
  name: (member: T) => string,
  rename: RenameRule<T>,
): MemberMatch<T> {
  const namesA = new Set(a.map(name));
  const namesB = new Set(b.map(name));
  const renamed = new Map<string, string>();
  if (rename.by === "position") {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (name(x) !== name(y) && !namesB.has(name(x)) && !namesA.has(name(y)) && rename.same(x, y)) {
        renamed.set(name(x), name(y));
      }
    }
  } else {
    const claimed = new Set<string>();
    for (const x of a.filter((m) => !namesB.has(name(m)))) {
      const y = b.find((m) => !namesA.has(name(m)) && !claimed.has(name(m)) && rename.same(x, m));
      if (y !== undefined) {
        renamed.set(name(x), name(y));
        claimed.add(name(y));
      }
    }
  }
  const targets = new Set(renamed.values());
  const byName = new Map<string, T>();
  for (const m of b) if (!byName.has(name(m))) byName.set(name(m), m);
  const common: (readonly [T, T])[] = [];
  for (const x of a) {
    const y = byName.get(renamed.get(name(x)) ?? name(x));
    if (y !== undefined) common.push([x, y]);
  }
  return {
    renamed,
    removed: a.filter((m) => !namesB.has(name(m)) && !renamed.has(name(m))),
    added: b.filter((m) => !namesA.has(name(m)) && !targets.has(name(m))),
    common,
  };
}

/**
 * The order of the members both versions have (old names renamed), before and after; undefined when it is
 * the same. Order matters where members are positional: xsd:sequence, rpc parts.
 */
export function orderChange(
  namesA: readonly string[],
  namesB: readonly string[],
  renamed: ReadonlyMap<string, string>,
): readonly [string[], string[]] | undefined {
  const before = namesA.map((n) => renamed.get(n) ?? n).filter((n) => namesB.includes(n));
  const after = namesB.filter((n) => before.includes(n));
  return before.join("\u0000") === after.join("\u0000") ? undefined : [before, after];
}
