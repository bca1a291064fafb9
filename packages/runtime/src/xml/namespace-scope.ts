/**
 * The namespace bindings in scope at an element, kept only when `parseXml` is asked to (`namespaceScope`):
 * readers of contracts resolve QNames written inside attribute values (`type="tns:foo"`), which the element
 * and attribute names alone cannot tell them.
 *
 * Each element that declares something gets one node holding its own declarations and a link to the scope it
 * is nested in; an element that declares nothing shares its parent's node. So memory is linear in the number
 * of declarations, and a lookup walks at most one node per declaring ancestor (bounded by the parser's
 * `maxDepth`).
 */

export interface XmlNamespaceScope {
  /** The URI bound to `prefix` (`""`: the default namespace), or undefined when nothing binds it. */
  lookup(prefix: string): string | undefined;
  /**
   * Every binding in scope, prefix → URI, in declaration order from the outermost element in (a prefix
   * declared again keeps its first position with the innermost URI). `xml` is always bound. A new map.
   */
  bindings(): Map<string, string>;
  /** The bindings the element itself declares (`xmlns` / `xmlns:p` attributes); empty for the implicit scope. */
  readonly declared: ReadonlyMap<string, string>;
}

export class NamespaceScope implements XmlNamespaceScope {
  constructor(
    private readonly parent: NamespaceScope | undefined,
    readonly declared: ReadonlyMap<string, string>,
  ) {}

  lookup(prefix: string): string | undefined {
    for (let s: NamespaceScope | undefined = this; s !== undefined; s = s.parent) {
      const uri = s.declared.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  }

  bindings(): Map<string, string> {
    const chain: NamespaceScope[] = [];
    for (let s: NamespaceScope | undefined = this; s !== undefined; s = s.parent) chain.push(s);
    const out = new Map<string, string>();
    for (let i = chain.length - 1; i >= 0; i--)
      for (const [prefix, uri] of chain[i]!.declared) out.set(prefix, uri);
    return out;
  }
}
