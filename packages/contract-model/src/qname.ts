/** Namespace-qualified names, as the contract readers resolve them. */

/** A namespace-qualified name. `ns` is `""` for no namespace. */
export interface QName {
  readonly ns: string;
  readonly local: string;
}

/** A QName-valued attribute (`type="tns:foo"`): resolved, and as written (for messages). */
export interface QNameRef extends QName {
  readonly raw: string;
}

/** `{ns}local`: a map key that two prefixes for the same URI cannot tell apart. */
export function qnameKey(name: QName): string {
  return `{${name.ns}}${name.local}`;
}

export function sameQName(a: QName | undefined, b: QName | undefined): boolean {
  return a !== undefined && b !== undefined && a.ns === b.ns && a.local === b.local;
}
