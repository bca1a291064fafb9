/**
 * Which direction(s) each named definition (an OpenAPI component schema, an XSD global type or element) is
 * used in: reachable from a request, a response, or both. A definition is compared once, under the rules of
 * every direction it is used in (policy.ts), so one used in both gets the stricter verdict.
 */
import { BOTH, type Direction, type Directions } from "./policy.js";

export class Usage {
  private readonly dirs = new Map<string, Set<Direction>>();

  /**
   * Marks each root in its direction, then, transitively, everything a marked definition references, in the
   * same direction. `recordAs` maps a key before it is recorded (the WSDL diff records the old version's
   * definitions under the new version's namespaces).
   */
  mark(
    roots: Iterable<readonly [string, Direction]>,
    references: (key: string) => Iterable<string>,
    recordAs: (key: string) => string = (key) => key,
  ): void {
    const queue = [...roots];
    const done = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const [key, dir] = queue[i]!;
      const recorded = recordAs(key);
      const set = this.dirs.get(recorded) ?? new Set<Direction>();
      set.add(dir);
      this.dirs.set(recorded, set);
      if (done.has(`${dir} ${key}`)) continue;
      done.add(`${dir} ${key}`);
      for (const k of references(key)) queue.push([k, dir]);
    }
  }

  /** The directions a definition is used in; both when it is used in none (conservatively). */
  of(key: string): Directions {
    const set = this.dirs.get(key);
    return set && set.size > 0 ? set : BOTH;
  }
}
