/**
 * A WSDL without what is ours: the `urn:integrations:contract-extensions` elements and attributes (result-code
 * catalogs, rules, secret and idempotency markings, client options), documentation and annotations (ours are
 * far longer than any vendor's), comments, and the endpoint in `soap:address` (the environment's, not the
 * contract's). What is left is the structure a vendor publishes: types, messages, parts and their order, port
 * types, bindings. Comparing two such texts compares what the vendor can change.
 */
import { CONTRACT_EXT_NS } from "@integrations/contract-model";

/** The prefixes a document binds to `uri` (any number, any name). */
function prefixesOf(text: string, uri: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])(.*?)\2/g)) {
    if (m[3] === uri) out.push(m[1]!);
  }
  return [...new Set(out)];
}

const regexLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Removes every element named `prefix:local` (any local name when `local` is undefined), nested ones too. */
function withoutElements(text: string, prefix: string | undefined, local: string): string {
  const name = `${prefix === undefined ? "(?:[A-Za-z_][\\w.-]*:)?" : `${regexLiteral(prefix)}:`}${local}`;
  const selfClosing = new RegExp(`<(${name})\\b[^>]*/>`, "g");
  // Innermost first: an element whose content holds no other element of the same name; repeated until none.
  const paired = new RegExp(`<(${name})\\b[^>]*>(?:(?!<\\1\\b)[\\s\\S])*?</\\1\\s*>`, "g");
  let out = text.replace(selfClosing, "");
  for (;;) {
    const next = out.replace(paired, "");
    if (next === out) return out;
    out = next;
  }
}

export function withoutOwnExtensions(wsdl: string): string {
  let out = wsdl.replace(/<!--[\s\S]*?-->/g, "");
  for (const prefix of prefixesOf(out, CONTRACT_EXT_NS)) {
    out = withoutElements(out, prefix, "[A-Za-z_][\\w.-]*");
    out = out.replace(new RegExp(`\\s${regexLiteral(prefix)}:[\\w.-]+\\s*=\\s*("[^"]*"|'[^']*')`, "g"), "");
  }
  out = withoutElements(out, undefined, "documentation");
  out = withoutElements(out, undefined, "annotation");
  // The endpoint is the environment's: any soap:address location reads the same.
  out = out.replace(
    /(<(?:[A-Za-z_][\w.-]*:)?address\b[^>]*\slocation\s*=\s*)("[^"]*"|'[^']*')/g,
    '$1"endpoint"',
  );
  return out;
}
