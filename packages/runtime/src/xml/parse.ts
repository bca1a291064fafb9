/**
 * A small, hardened, namespace-aware XML 1.0 parser for SOAP traffic (vendor responses, and requests in the
 * sandbox server).
 *
 * Why not a general-purpose parser: SOAP needs namespaces resolved (prefixes are arbitrary: `SOAP-ENV`,
 * `soapenv`, `s`, `ns1`), never needs a DTD, and is parsed on the hot path of every call. So this parser
 * - is iterative: nesting lives in explicit arrays, so 100k-deep input costs one array slot per level up to
 *   `maxDepth`, then fails; it never recurses and never overflows the call stack;
 * - is linear: every search (`indexOf`) is bounded by the segment it belongs to or advances the cursor past
 *   what it scanned, and duplicate-attribute and prefix lookups are O(1) per attribute;
 * - refuses every `<!` construct except comments and CDATA, so there is no DTD, no entity declaration and
 *   therefore no entity expansion (billion laughs) and no external entity (XXE) by construction;
 * - allocates one object per element and per attribute, plus the strings it returns; childless and
 *   attribute-less elements share frozen empty arrays.
 *
 * Error messages say what went wrong and where (line and column), quoting at most a short, capped name,
 * never a chunk of the input (which may carry credentials or personal data).
 */
import { isSupportedEncoding } from "../charset.js";
import { type MalformedReason, MalformedResponseError } from "../errors.js";
import { findInvalidXmlChar, formatCodePoint, isXmlChar } from "./escape.js";
import { NamespaceScope, type XmlNamespaceScope } from "./namespace-scope.js";

export interface XmlAttribute {
  /** Local name (the part after the prefix). */
  readonly name: string;
  /** Namespace URI, `""` for an unprefixed attribute (attributes do not take the default namespace). */
  readonly ns: string;
  readonly prefix: string;
  /** Entity-decoded, normalised value. */
  readonly value: string;
}

export interface XmlElement {
  /** Local name (the part after the prefix). */
  readonly name: string;
  /** Namespace URI, or `""` when the element is in no namespace. */
  readonly ns: string;
  readonly prefix: string;
  /** Attributes in document order, without `xmlns` / `xmlns:*` declarations. */
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** All direct character data concatenated: entities decoded, CDATA included, whitespace kept. */
  readonly text: string;
}

export interface ParseXmlOptions {
  /** Deepest element nesting accepted; the root is depth 1. Default 256. */
  maxDepth?: number;
  /** Longest input accepted, in UTF-16 code units. Default 16 Mi. */
  maxLength?: number;
  /** Contract operation name, carried into errors. */
  operation?: string | undefined;
  /**
   * Keep the namespace bindings in scope on every element (`ScopedXmlElement.scope`), for readers that resolve
   * QNames inside attribute values (`type="tns:foo"`). Off by default: SOAP traffic never needs it.
   */
  namespaceScope?: boolean | undefined;
  /**
   * The client's redactor. A name quoted in an error (an element, attribute, prefix or entity name) goes
   * through it before it is cut short, so a secret the server wrote as a name cannot leak its first part.
   */
  redact?: ((text: string) => string) | undefined;
}

/** An element parsed with `namespaceScope: true`. */
export interface ScopedXmlElement extends XmlElement {
  readonly scope: XmlNamespaceScope;
  readonly children: readonly ScopedXmlElement[];
}

export const XML_DEFAULT_MAX_DEPTH = 256;
export const XML_DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

interface MutableElement {
  name: string;
  ns: string;
  prefix: string;
  attributes: XmlAttribute[];
  children: MutableElement[];
  text: string;
  scope?: NamespaceScope;
}

// Shared by every element that has none; frozen so a consumer that casts away `readonly` fails loudly.
const NO_ATTRIBUTES = Object.freeze([]) as unknown as XmlAttribute[];
const NO_CHILDREN = Object.freeze([]) as unknown as MutableElement[];

const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** ASCII name-character classes: 1 = may continue a name, 2 = may also start one. */
const NAME_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_CLASS[c] = 2;
  else if (/[0-9.-]/.test(ch)) NAME_CLASS[c] = 1;
}

/**
 * XML 1.0 (5th ed.) NameStartChar above ASCII. Surrogates pass here (pairs are checked document-wide), except
 * the high surrogates U+DB80–U+DBFF, which start U+F0000–U+10FFFF: the production stops at U+EFFFF.
 */
function isNonAsciiNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdb7f) ||
    (c >= 0xdc00 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function isNonAsciiNameChar(c: number): boolean {
  return isNonAsciiNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

const XML_DECLARATION =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*$/;
const ENCODING_NAME = /[ \t\r\n]encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']/;
/** Longer than any sensible declaration; bounds the regex above. */
const MAX_DECLARATION_LENGTH = 256;

/**
 * Every character this class misses is one XML 1.0 allows (tab, line ends, U+0020–U+D7FF): a cheap non-Unicode
 * scan that clears almost every document, so the exact (and slower, `u`-flag) scan runs only when it finds
 * something to look at (a control character, a surrogate or anything from U+E000 up).
 */
const MAYBE_INVALID_XML_CHAR = /[^\t\n\r\x20-\uD7FF]/;

const ATTR_WHITESPACE = /[\t\n\r]/;
const ATTR_WHITESPACE_ALL = /\r\n|[\t\n\r]/g;
const LINE_ENDS_ALL = /\r\n?/g;
const DECIMAL_REF = /^#[0-9]+$/;
const HEX_REF = /^#x[0-9A-Fa-f]+$/;

/** Above this many attributes on one tag, duplicate checks switch from pairwise to a Set. */
const PAIRWISE_LIMIT = 8;

/**
 * The redactor of the parse in progress (parsing is synchronous, so one at a time), set by `parseXml` for the
 * duration of one parse: `capName` is called from everywhere in the parser, and this keeps it a plain function.
 */
let activeRedact: ((text: string) => string) | undefined;

/**
 * Names in messages are redacted, then capped so an attacker-sized name cannot bloat an error or a log line.
 * Redacting after the cut would miss a secret whose first 40 characters alone were quoted.
 */
function capName(name: string): string {
  const shown = activeRedact === undefined ? name : activeRedact(name);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

class XmlParser {
  private readonly src: string;
  private readonly maxDepth: number;
  private readonly operation: string | undefined;

  // Open elements, as parallel arrays (no frame objects): the element, its qualified name as written (for
  // the end-tag check), the prefixes it declared (to unbind on close), and where it opened (for messages).
  private readonly open: MutableElement[] = [];
  private readonly openNames: string[] = [];
  private readonly openDeclared: (string[] | undefined)[] = [];
  private readonly openAt: number[] = [];

  /** Prefix → stack of URIs in scope; "" is the default namespace. */
  private readonly bindings = new Map<string, string[]>();
  /** The last prefix `resolve` looked up and its URI; cleared whenever a binding changes. */
  private lastPrefix: string | undefined = undefined;
  private lastUri = "";

  private root: MutableElement | undefined;
  /** The scope above the root (only `xml` bound) when `namespaceScope` is on; undefined when it is off. */
  private readonly implicitScope: NamespaceScope | undefined;

  // Scratch space reused by every start tag, so reading attributes allocates only what is returned.
  private attrNames: string[] = [];
  private attrValues: string[] = [];
  private attrAt: number[] = [];

  constructor(src: string, maxDepth: number, operation: string | undefined, namespaceScope: boolean) {
    this.bindings.set("", [""]);
    this.bindings.set("xml", [XML_NS]);
    this.src = src;
    this.maxDepth = maxDepth;
    this.operation = operation;
    this.implicitScope = namespaceScope
      ? new NamespaceScope(undefined, new Map([["xml", XML_NS]]))
      : undefined;
  }

  parse(): XmlElement {
    const src = this.src;
    const len = src.length;

    // One linear regex pass up front replaces a per-character check in every text, attribute and name.
    const bad = MAYBE_INVALID_XML_CHAR.test(src) ? findInvalidXmlChar(src) : undefined;
    if (bad !== undefined) {
      this.fail("not-xml", `${formatCodePoint(bad.codePoint)}, which XML 1.0 forbids`, bad.index);
    }

    // Leading whitespace before the XML declaration is not well-formed, but PHP servers emit it whenever a
    // stray newline precedes `<?php`; accepting it opens nothing and saves a spurious "not-xml".
    let pos = this.skipWhitespace(src.charCodeAt(0) === 0xfeff ? 1 : 0);
    pos = this.declaration(pos);

    for (;;) {
      const lt = src.indexOf("<", pos);
      if (lt < 0) {
        if (this.open.length > 0) this.truncated(len);
        if (len > pos) this.charData(pos, len);
        break;
      }
      if (lt > pos) this.charData(pos, lt);
      const c = src.charCodeAt(lt + 1);
      if (c === SLASH) pos = this.endTag(lt);
      else if (c === QUESTION) pos = this.processingInstruction(lt);
      else if (c === BANG) pos = this.markupDeclaration(lt);
      else pos = this.startTag(lt);
    }

    if (this.root === undefined) this.fail("not-xml", "no root element", len);
    return this.root;
  }

  private declaration(pos: number): number {
    const src = this.src;
    if (!src.startsWith("<?xml", pos) || !isWhitespace(src.charCodeAt(pos + 5))) return pos;
    const end = src.indexOf("?>", pos + 5);
    if (end < 0) {
      if (src.length - pos > MAX_DECLARATION_LENGTH) this.fail("not-xml", "malformed XML declaration", pos);
      this.truncated(src.length);
    }
    const declaration = src.slice(pos + 5, end);
    if (end - pos > MAX_DECLARATION_LENGTH || !XML_DECLARATION.test(declaration)) {
      this.fail("not-xml", "malformed XML declaration", pos);
    }
    // A well-formed name is not enough: libxml2 refuses an encoding it does not know, and so do we (the
    // text was decoded before it got here, by charset.ts, which knows the same names).
    const encoding = ENCODING_NAME.exec(declaration)?.[1];
    if (encoding !== undefined && !isSupportedEncoding(encoding)) {
      this.fail("not-xml", `unsupported encoding ${capName(encoding)} in the XML declaration`, pos);
    }
    return end + 2;
  }

  /** Character data from `start` to `end` (exclusive), which holds no `<`. */
  private charData(start: number, end: number): void {
    const src = this.src;
    const depth = this.open.length;
    if (depth === 0) {
      for (let i = start; i < end; i++) {
        if (!isWhitespace(src.charCodeAt(i))) {
          this.fail("not-xml", `text ${this.root === undefined ? "before" : "after"} the root element`, i);
        }
      }
      return;
    }
    const raw = src.slice(start, end);
    const gtgt = raw.indexOf("]]>");
    if (gtgt >= 0) this.fail("not-xml", "']]>' in character data", start + gtgt);
    const text = raw.indexOf("&") >= 0 ? this.decode(raw, start, false) : normaliseLineEnds(raw);
    const el = this.open[depth - 1]!;
    el.text = el.text === "" ? text : el.text + text;
  }

  private endTag(lt: number): number {
    const src = this.src;
    const nameStart = lt + 2;
    const nameEnd = this.scanName(nameStart);
    const p = this.skipWhitespace(nameEnd);
    if (p >= src.length) this.truncated(src.length);
    if (nameEnd === nameStart || src.charCodeAt(p) !== GT) this.fail("not-xml", "malformed end tag", lt);

    const depth = this.open.length;
    if (depth === 0) {
      this.fail("not-xml", `end tag </${capName(src.slice(nameStart, nameEnd))}> with no open element`, lt);
    }
    const expected = this.openNames[depth - 1]!;
    if (!this.sameName(nameStart, nameEnd, this.openAt[depth - 1]! + 1, expected.length)) {
      const found = capName(src.slice(nameStart, nameEnd));
      const opened = this.locate(this.openAt[depth - 1]!);
      this.fail(
        "not-xml",
        `end tag </${found}> does not match <${capName(expected)}> (opened at ${opened})`,
        lt,
      );
    }

    this.open.pop();
    this.openNames.pop();
    this.openAt.pop();
    const declared = this.openDeclared.pop();
    if (declared !== undefined) this.unbind(declared);
    return p + 1;
  }

  /** Whether `src[start, end)` equals the `length` characters at `openStart` (an open element's name). */
  private sameName(start: number, end: number, openStart: number, length: number): boolean {
    if (end - start !== length) return false;
    const src = this.src;
    for (let i = 0; i < length; i++) {
      if (src.charCodeAt(start + i) !== src.charCodeAt(openStart + i)) return false;
    }
    return true;
  }

  private processingInstruction(lt: number): number {
    const src = this.src;
    const targetEnd = this.scanName(lt + 2);
    const end = src.indexOf("?>", lt + 2);
    if (end < 0) this.truncated(src.length);
    if (targetEnd === lt + 2 || (targetEnd < end && !isWhitespace(src.charCodeAt(targetEnd)))) {
      this.fail("not-xml", "malformed processing instruction", lt);
    }
    if (targetEnd - (lt + 2) === 3 && src.slice(lt + 2, targetEnd).toLowerCase() === "xml") {
      this.fail("not-xml", "XML declaration not at the start of the document", lt);
    }
    return end + 2;
  }

  /** `<!`: only comments and CDATA sections exist here; anything else is a DTD construct and is refused. */
  private markupDeclaration(lt: number): number {
    const src = this.src;
    if (src.startsWith("<!--", lt)) {
      const end = src.indexOf("--", lt + 4);
      if (end < 0 || end + 2 >= src.length) this.truncated(src.length);
      if (src.charCodeAt(end + 2) !== GT) this.fail("not-xml", "'--' inside a comment", end);
      return end + 3;
    }
    if (src.startsWith("<![CDATA[", lt)) {
      const end = src.indexOf("]]>", lt + 9);
      if (end < 0) this.truncated(src.length);
      const depth = this.open.length;
      if (depth === 0) this.fail("not-xml", "CDATA section outside the root element", lt);
      const text = normaliseLineEnds(src.slice(lt + 9, end));
      const el = this.open[depth - 1]!;
      el.text = el.text === "" ? text : el.text + text;
      return end + 3;
    }
    const rest = src.length - lt;
    if (
      (rest < 4 && src.endsWith("<!--".slice(0, rest))) ||
      (rest < 9 && src.endsWith("<![CDATA[".slice(0, rest)))
    ) {
      this.truncated(src.length);
    }
    const what = src.startsWith("<!DOCTYPE", lt) ? "a DOCTYPE" : "a '<!' markup declaration";
    this.fail("dtd-forbidden", `${what} (DTDs and entity declarations are not accepted)`, lt);
  }

  private startTag(lt: number): number {
    const src = this.src;
    const len = src.length;
    const nameStart = lt + 1;
    const nameEnd = this.scanName(nameStart);
    if (nameEnd === nameStart) {
      if (nameStart >= len) this.truncated(len);
      this.fail("not-xml", "'<' not followed by a name", lt);
    }
    const qname = src.slice(nameStart, nameEnd);

    const names = this.attrNames;
    const values = this.attrValues;
    const at = this.attrAt;
    let count = 0;
    let selfClosing = false;
    let p = nameEnd;
    for (;;) {
      const afterName = p;
      p = this.skipWhitespace(p);
      if (p >= len) this.truncated(len);
      const c = src.charCodeAt(p);
      if (c === GT) {
        p += 1;
        break;
      }
      if (c === SLASH) {
        if (p + 1 >= len) this.truncated(len);
        if (src.charCodeAt(p + 1) !== GT) this.fail("not-xml", "'/' not followed by '>' in a tag", p);
        selfClosing = true;
        p += 2;
        break;
      }
      if (p === afterName) this.fail("not-xml", "missing whitespace before an attribute", p);

      const attrEnd = this.scanName(p);
      if (attrEnd === p) this.fail("not-xml", "unexpected character in a tag", p);
      const attrName = src.slice(p, attrEnd);
      let q = this.skipWhitespace(attrEnd);
      if (q >= len) this.truncated(len);
      if (src.charCodeAt(q) !== EQUALS) this.fail("not-xml", `attribute ${capName(attrName)} has no '='`, q);
      q = this.skipWhitespace(q + 1);
      if (q >= len) this.truncated(len);
      const quote = src.charCodeAt(q);
      if (quote !== DQUOTE && quote !== SQUOTE) {
        this.fail("not-xml", `attribute ${capName(attrName)} value is not quoted`, q);
      }
      const valueEnd = src.indexOf(quote === DQUOTE ? '"' : "'", q + 1);
      if (valueEnd < 0) this.truncated(len);
      const raw = src.slice(q + 1, valueEnd);
      const ltInValue = raw.indexOf("<");
      if (ltInValue >= 0) this.fail("not-xml", "'<' in an attribute value", q + 1 + ltInValue);
      const value =
        raw.indexOf("&") >= 0
          ? this.decode(raw, q + 1, true)
          : ATTR_WHITESPACE.test(raw)
            ? raw.replace(ATTR_WHITESPACE_ALL, " ")
            : raw;
      names[count] = attrName;
      values[count] = value;
      at[count] = p;
      count++;
      p = valueEnd + 1;
    }

    const depth = this.open.length;
    if (depth >= this.maxDepth) this.fail("too-deep", `elements nested deeper than ${this.maxDepth}`, lt);
    if (depth === 0 && this.root !== undefined) this.fail("not-xml", "a second root element", lt);

    let declared: string[] | undefined;
    let plain = 0;
    if (count > 0) {
      this.checkDuplicateNames(count);
      for (let i = 0; i < count; i++) {
        const name = names[i]!;
        if (name.charCodeAt(0) === 0x78 /* x */ && (name === "xmlns" || name.startsWith("xmlns:"))) {
          if (name.length > 5) this.checkQName(name, 5, at[i]!);
          const prefix = name.length === 5 ? "" : name.slice(6);
          this.bind(prefix, values[i]!, at[i]!);
          if (declared === undefined) declared = [prefix];
          else declared.push(prefix);
        } else {
          plain++;
        }
      }
    }

    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    this.checkQName(qname, colon, lt);
    if (prefix === "xmlns") this.fail("not-xml", "an element may not use the 'xmlns' prefix", lt);
    const ns = this.resolve(prefix, lt);

    let attributes = NO_ATTRIBUTES;
    if (plain > 0) {
      attributes = new Array<XmlAttribute>(plain);
      let k = 0;
      for (let i = 0; i < count; i++) {
        const name = names[i]!;
        // Declarations were bound above; only a tag that had one needs to skip them.
        if (declared !== undefined && (name === "xmlns" || name.startsWith("xmlns:"))) continue;
        const aColon = name.indexOf(":");
        this.checkQName(name, aColon, at[i]!);
        if (aColon < 0) {
          attributes[k++] = { name, ns: "", prefix: "", value: values[i]! };
        } else {
          const aPrefix = name.slice(0, aColon);
          attributes[k++] = {
            name: name.slice(aColon + 1),
            ns: this.resolve(aPrefix, at[i]!),
            prefix: aPrefix,
            value: values[i]!,
          };
        }
      }
      if (plain > 1) this.checkDuplicateExpandedNames(attributes, lt);
    }

    const el: MutableElement =
      this.implicitScope === undefined
        ? { name: local, ns, prefix, attributes, children: NO_CHILDREN, text: "" }
        : {
            name: local,
            ns,
            prefix,
            attributes,
            children: NO_CHILDREN,
            text: "",
            scope: this.scopeOf(declared),
          };
    if (depth === 0) {
      this.root = el;
    } else {
      const parent = this.open[depth - 1]!;
      if (parent.children === NO_CHILDREN) parent.children = [el];
      else parent.children.push(el);
    }

    if (selfClosing) {
      if (declared !== undefined) this.unbind(declared);
    } else {
      this.open.push(el);
      this.openNames.push(qname);
      this.openDeclared.push(declared);
      this.openAt.push(lt);
    }
    return p;
  }

  /** The scope of the element being opened: its parent's, or a new node when it declared something. */
  private scopeOf(declared: readonly string[] | undefined): NamespaceScope {
    const depth = this.open.length;
    const parent = depth === 0 ? this.implicitScope! : this.open[depth - 1]!.scope!;
    if (declared === undefined) return parent;
    const own = new Map<string, string>();
    for (const prefix of declared) {
      const stack = this.bindings.get(prefix)!;
      own.set(prefix, stack[stack.length - 1]!);
    }
    return new NamespaceScope(parent, own);
  }

  /** Duplicate attributes as written (`a="1" a="2"`). */
  private checkDuplicateNames(count: number): void {
    const names = this.attrNames;
    if (count === 1) return;
    if (count <= PAIRWISE_LIMIT) {
      for (let i = 1; i < count; i++) {
        for (let j = 0; j < i; j++) {
          if (names[i] === names[j])
            this.fail("not-xml", `duplicate attribute ${capName(names[i]!)}`, this.attrAt[i]!);
        }
      }
      return;
    }
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      if (seen.has(name)) this.fail("not-xml", `duplicate attribute ${capName(name)}`, this.attrAt[i]!);
      seen.add(name);
    }
  }

  /** Duplicates after namespace resolution (`a:x` and `b:x` with `a` and `b` bound to the same URI). */
  private checkDuplicateExpandedNames(attributes: readonly XmlAttribute[], lt: number): void {
    const n = attributes.length;
    if (n <= PAIRWISE_LIMIT) {
      for (let i = 1; i < n; i++) {
        const a = attributes[i]!;
        if (a.ns === "") continue;
        for (let j = 0; j < i; j++) {
          const b = attributes[j]!;
          if (a.name === b.name && a.ns === b.ns)
            this.fail("not-xml", `duplicate attribute ${capName(a.name)}`, lt);
        }
      }
      return;
    }
    const seen = new Set<string>();
    for (const a of attributes) {
      // NUL cannot occur in XML, so it separates URI and name unambiguously.
      const key = `${a.ns}\u0000${a.name}`;
      if (seen.has(key)) this.fail("not-xml", `duplicate attribute ${capName(a.name)}`, lt);
      seen.add(key);
    }
  }

  private bind(prefix: string, uri: string, at: number): void {
    if (prefix !== "") {
      if (uri === "") this.fail("not-xml", `prefix ${capName(prefix)} bound to an empty namespace`, at);
      if (prefix === "xmlns") this.fail("not-xml", "the 'xmlns' prefix cannot be declared", at);
    }
    if ((prefix === "xml") !== (uri === XML_NS) || uri === XMLNS_NS) {
      this.fail("not-xml", "the reserved 'xml'/'xmlns' namespaces cannot be rebound", at);
    }
    this.lastPrefix = undefined;
    const stack = this.bindings.get(prefix);
    if (stack === undefined) this.bindings.set(prefix, [uri]);
    else stack.push(uri);
  }

  private unbind(prefixes: readonly string[]): void {
    this.lastPrefix = undefined;
    for (const prefix of prefixes) this.bindings.get(prefix)!.pop();
  }

  private resolve(prefix: string, at: number): string {
    if (prefix === this.lastPrefix) return this.lastUri;
    const stack = this.bindings.get(prefix);
    const uri = stack === undefined ? undefined : stack[stack.length - 1];
    if (uri === undefined) this.fail("not-xml", `undeclared namespace prefix ${capName(prefix)}`, at);
    this.lastPrefix = prefix;
    this.lastUri = uri;
    return uri;
  }

  /** A qualified name has at most one colon, with a non-empty prefix and a local name that starts a name. */
  private checkQName(qname: string, colon: number, at: number): void {
    if (colon < 0) return;
    const local = qname.charCodeAt(colon + 1);
    if (
      colon === 0 ||
      qname.indexOf(":", colon + 1) >= 0 ||
      Number.isNaN(local) ||
      (local < 128 ? NAME_CLASS[local] !== 2 : !isNonAsciiNameStart(local))
    ) {
      this.fail("not-xml", `${capName(qname)} is not a valid qualified name`, at);
    }
  }

  /** End of the name starting at `start`, or `start` itself when no name starts there. */
  private scanName(start: number): number {
    const src = this.src;
    const len = src.length;
    if (start >= len) return start;
    const first = src.charCodeAt(start);
    if (first < 128 ? NAME_CLASS[first] !== 2 : !isNonAsciiNameStart(first)) return start;
    let i = start + 1;
    while (i < len) {
      const c = src.charCodeAt(i);
      if (c < 128 ? NAME_CLASS[c] === 0 : !isNonAsciiNameChar(c)) break;
      i++;
    }
    return i;
  }

  private skipWhitespace(p: number): number {
    const src = this.src;
    while (p < src.length && isWhitespace(src.charCodeAt(p))) p++;
    return p;
  }

  /**
   * Replaces references in `raw` (text or attribute value starting at `base`): the five predefined entities
   * and decimal/hex character references. Literal line ends and (in attributes) whitespace are normalised
   * first, on the literal parts only, so `&#13;` and `&#10;` survive as written.
   */
  private decode(raw: string, base: number, attr: boolean): string {
    let out = "";
    let last = 0;
    let amp = raw.indexOf("&");
    while (amp >= 0) {
      out += attr ? normaliseAttrWhitespace(raw.slice(last, amp)) : normaliseLineEnds(raw.slice(last, amp));
      const semi = raw.indexOf(";", amp + 1);
      if (semi < 0) this.fail("not-xml", "'&' without a terminating ';'", base + amp);
      const ref = raw.slice(amp + 1, semi);
      switch (ref) {
        case "lt":
          out += "<";
          break;
        case "gt":
          out += ">";
          break;
        case "amp":
          out += "&";
          break;
        case "quot":
          out += '"';
          break;
        case "apos":
          out += "'";
          break;
        default:
          out += this.characterReference(ref, base + amp);
      }
      last = semi + 1;
      amp = raw.indexOf("&", last);
    }
    out += attr ? normaliseAttrWhitespace(raw.slice(last)) : normaliseLineEnds(raw.slice(last));
    return out;
  }

  private characterReference(ref: string, at: number): string {
    let cp: number;
    if (DECIMAL_REF.test(ref)) cp = Number.parseInt(ref.slice(1), 10);
    else if (HEX_REF.test(ref)) cp = Number.parseInt(ref.slice(2), 16);
    else if (ref.charCodeAt(0) === 0x23 /* # */)
      return this.fail("not-xml", "malformed character reference", at);
    else
      return this.fail(
        "not-xml",
        `unknown entity &${capName(ref)}; (only the five predefined ones exist)`,
        at,
      );
    if (!isXmlChar(cp)) {
      const what = cp > 0x10ffff ? "beyond U+10FFFF" : formatCodePoint(cp);
      this.fail("not-xml", `character reference to ${what}, which XML 1.0 forbids`, at);
    }
    return String.fromCodePoint(cp);
  }

  private truncated(at: number): never {
    const depth = this.open.length;
    const what =
      depth > 0
        ? `input ends with ${depth} element(s) still open (innermost <${capName(this.openNames[depth - 1]!)}>)`
        : "input ends inside markup";
    return this.fail("truncated", what, at);
  }

  private fail(reason: MalformedReason, what: string, at: number): never {
    throw new MalformedResponseError(reason, `${what} at ${this.locate(at)}`, { operation: this.operation });
  }

  /** `line L, column C` of a UTF-16 offset; only computed on the error path. */
  private locate(offset: number): string {
    const src = this.src;
    let line = 1;
    let lineStart = 0;
    for (let nl = src.indexOf("\n"); nl >= 0 && nl < offset; nl = src.indexOf("\n", nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    return `line ${line}, column ${offset - lineStart + 1}`;
  }
}

function normaliseLineEnds(s: string): string {
  return s.indexOf("\r") >= 0 ? s.replace(LINE_ENDS_ALL, "\n") : s;
}

function normaliseAttrWhitespace(s: string): string {
  return ATTR_WHITESPACE.test(s) ? s.replace(ATTR_WHITESPACE_ALL, " ") : s;
}

/**
 * Parses a complete XML document and returns its root element.
 *
 * @throws MalformedResponseError with reason `too-large`, `not-xml`, `truncated`, `dtd-forbidden` or
 *   `too-deep`.
 */
export function parseXml(text: string, options: ParseXmlOptions & { namespaceScope: true }): ScopedXmlElement;
export function parseXml(text: string, options?: ParseXmlOptions): XmlElement;
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxLength = options.maxLength ?? XML_DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new MalformedResponseError(
      "too-large",
      `document is ${text.length} characters, limit ${maxLength}`,
      {
        operation: options.operation,
      },
    );
  }
  const parser = new XmlParser(
    text,
    options.maxDepth ?? XML_DEFAULT_MAX_DEPTH,
    options.operation,
    options.namespaceScope === true,
  );
  activeRedact = options.redact;
  try {
    return parser.parse();
  } finally {
    activeRedact = undefined;
  }
}

function matches(el: XmlElement, localName: string | undefined, ns: string | undefined): boolean {
  return (localName === undefined || el.name === localName) && (ns === undefined || el.ns === ns);
}

/** Child elements, optionally filtered by local name and namespace (an omitted namespace matches any). */
export function childElements(el: XmlElement, localName?: string, ns?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) if (matches(child, localName, ns)) out.push(child);
  return out;
}

/** The first child element with this local name (and namespace, if given). */
export function firstChild(el: XmlElement, localName: string, ns?: string): XmlElement | undefined {
  for (const child of el.children) if (matches(child, localName, ns)) return child;
  return undefined;
}

/** The text of the first matching child element, or `undefined` when there is none. */
export function childText(el: XmlElement, localName: string, ns?: string): string | undefined {
  return firstChild(el, localName, ns)?.text;
}

/** An attribute's value by local name; `ns` omitted matches any namespace, `""` only unprefixed ones. */
export function attribute(el: XmlElement, localName: string, ns?: string): string | undefined {
  for (const a of el.attributes)
    if (a.name === localName && (ns === undefined || a.ns === ns)) return a.value;
  return undefined;
}
