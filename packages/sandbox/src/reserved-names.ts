/**
 * Names that must never become keys of an object built from a request: assigning `__proto__` replaces the
 * object's prototype (a `<__proto__>` wrapper then makes its children look like the object's own members to
 * every `obj.name` read and to `for … in`), and `constructor` / `prototype` shadow what code expects there.
 * Objects decoded from requests are built without a prototype (`Object.create(null)`), and requests that use
 * these names are rejected with the vendor's own error.
 */
import type { XmlElement } from "@integrations/runtime";

export const RESERVED_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** The first element under `root` (itself included) whose local name is reserved; one step per element. */
export function findReservedElementName(root: XmlElement | undefined): string | undefined {
  const pending: XmlElement[] = root === undefined ? [] : [root];
  for (let el = pending.pop(); el !== undefined; el = pending.pop()) {
    if (RESERVED_NAMES.has(el.name)) return el.name;
    for (const child of el.children) pending.push(child);
  }
  return undefined;
}

/** A record without a prototype, for values decoded from a request. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
