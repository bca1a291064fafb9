/**
 * Scrubbing an exchange before it is recorded, and before a recorded one is compared with a live one (replay):
 * every value the contract marks secret is replaced by a stable placeholder, and anything else the client
 * knows to be secret by `[REDACTED]`. One function, so that the rules at record time and at replay time are
 * the same.
 *
 * The values are found structurally, at the descriptor's `secrets` paths (operation.ts: request fields as they
 * are, SOAP header fields under `header.`, response fields under `response.`; `[]` marks an array's items). A
 * JSON path starts at the document; an XML path at the first element inside the SOAP Header (`header.`) or Body.
 * Each value found is then replaced wherever it stands as a whole JSON string or XML text in either body, and
 * (the request's values, and a few of the response's: bounded work for a long list) in every form the runtime's
 * redactor knows (escaped for XML or JSON, percent-encoded, cut short …), so an echo in a fault text goes too.
 *
 * A placeholder is the same for a field in every recording (`REDACTED-<field>`), so recordings diff cleanly and a
 * replayed request matches; a vendor gives a field whose facets that would break its own (a digest, a card
 * number) through {@link ScrubRules}.
 */
import { createRedactor, REDACTED } from "../redact.js";
import { childElements, parseXml, type XmlElement } from "../xml/parse.js";

export type WireFormat = "json" | "xml";

/** A body as it went over the wire. */
export interface WireText {
  readonly format: WireFormat;
  readonly text: string;
}

export interface PlaceholderContext {
  /** The request body parsed (JSON), or undefined (XML, or not parseable). */
  readonly request: unknown;
  /** The placeholder of another secret path of the same operation. */
  placeholderOf(path: string): string;
}

/** A vendor's hooks: the placeholder of a field whose facets the default one would break. */
export interface ScrubRules {
  /** Undefined: the default placeholder. */
  placeholder?(path: string, context: PlaceholderContext): string | undefined;
}

export interface ScrubInput {
  /** The operation's secret paths (its descriptor's `secrets`). */
  readonly secrets: readonly string[];
  readonly request?: WireText | undefined;
  readonly response?: WireText | undefined;
  readonly rules?: ScrubRules | undefined;
  /** The client's redactor: run after the placeholders, for any other secret it knows (an old sessionID). */
  readonly redact?: ((text: string) => string) | undefined;
}

export interface ScrubbedExchange {
  readonly request?: WireText | undefined;
  readonly response?: WireText | undefined;
  /** The secret paths a value was found at, in the descriptor's order. */
  readonly scrubbed: readonly string[];
  /** The same replacement for any other text of the exchange (a URL, an error message). */
  scrubText(text: string): string;
}

/**
 * The values searched for in every form (escaped, encoded, cut short, inside other text): all of the request's
 * (credentials, a handful) and at most this many of the response's, within this many characters together.
 * A long list (a customer list, each with a password) would otherwise make one pattern of thousands of secrets,
 * slow to build and to run. Every value, however many, is still replaced wherever it stands as a whole JSON
 * string or XML text (whole values, below): that pass is linear in the body.
 */
const MAX_EVERY_FORM_RESPONSE_VALUES = 8;
const MAX_EVERY_FORM_CHARS = 16 * 1024;

/** The default placeholder of a secret path: `REDACTED-` and its last field name. */
export function defaultPlaceholder(path: string): string {
  const leaf = path.slice(path.lastIndexOf(".") + 1).replace(/\[\]$/, "");
  return `REDACTED-${leaf}`;
}

/** The placeholder of every secret path, the vendor's rule first. */
export function placeholders(
  secrets: readonly string[],
  request: unknown,
  rules?: ScrubRules,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const resolving = new Set<string>();
  const placeholderOf = (path: string): string => {
    const known = out.get(path);
    if (known !== undefined) return known;
    // A rule that asks for its own placeholder (directly or in a cycle) gets the default one.
    if (resolving.has(path)) return defaultPlaceholder(path);
    resolving.add(path);
    const chosen = rules?.placeholder?.(path, { request, placeholderOf }) ?? defaultPlaceholder(path);
    resolving.delete(path);
    out.set(path, chosen);
    return chosen;
  };
  for (const path of secrets) placeholderOf(path);
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function jsonValues(node: unknown, segments: readonly string[], out: string[]): void {
  if (segments.length === 0) {
    if (typeof node === "string" && node !== "") out.push(node);
    return;
  }
  if (node === null || typeof node !== "object" || Array.isArray(node)) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const list = head.endsWith("[]");
  const child = (node as Record<string, unknown>)[list ? head.slice(0, -2) : head];
  if (!list) jsonValues(child, rest, out);
  else if (Array.isArray(child)) for (const item of child) jsonValues(item, rest, out);
}

function xmlValues(node: XmlElement, segments: readonly string[], out: string[]): void {
  if (segments.length === 0) {
    if (node.children.length === 0 && node.text !== "") out.push(node.text);
    return;
  }
  const [head, ...rest] = segments as [string, ...string[]];
  for (const child of childElements(node, head.replace(/\[\]$/, ""))) xmlValues(child, rest, out);
}

function parseEnvelope(text: string): XmlElement | undefined {
  try {
    return parseXml(text);
  } catch {
    return undefined;
  }
}

/** The first element inside the envelope's Header or Body. */
function envelopeRoot(envelope: XmlElement | undefined, part: "Header" | "Body"): XmlElement | undefined {
  if (envelope === undefined) return undefined;
  const [section] = childElements(envelope, part);
  return section === undefined ? undefined : childElements(section)[0];
}

/** The secret values of one side of the exchange, by path. */
function valuesOf(side: "request" | "response", body: WireText, paths: readonly string[], parsed: unknown) {
  const out = new Map<string, string[]>();
  const envelope = body.format === "xml" ? parseEnvelope(body.text) : undefined;
  for (const path of paths) {
    const isResponse = path.startsWith("response.");
    if (isResponse !== (side === "response")) continue;
    const relative = isResponse ? path.slice("response.".length) : path;
    const values: string[] = [];
    if (body.format === "json") {
      if (!relative.startsWith("header.")) jsonValues(parsed, relative.split("."), values);
    } else if (relative.startsWith("header.")) {
      const root = envelopeRoot(envelope, "Header");
      if (root) xmlValues(root, relative.slice("header.".length).split("."), values);
    } else {
      const root = envelopeRoot(envelope, "Body");
      if (root) xmlValues(root, relative.split("."), values);
    }
    if (values.length > 0) out.set(path, values);
  }
  return out;
}

/**
 * Marks of the placeholders while the redactors run: private-use characters (neither letters nor digits, so a
 * short secret's whole-token rule still holds next to them) that no exchange carries, so a placeholder that
 * looks like something a redactor removes (a test card number) is put in only at the end.
 */
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";
/** Stands for a `[REDACTED]` that was in the text before: only the redactors' own become marks. */
const MARK_REDACTED = "\uE002";
const MARK_INDEX_BASE = 0xe100;
const MARK = /\uE000([\uE100-\uE7FF])\uE001/g;
const ANY_MARK = /[\uE000-\uE002]/g;

/** A JSON string token (a key or a value), escapes included: one pass, no backtracking. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
/** The text between two tags. */
const XML_TEXT = />([^<]+)</g;
const XML_REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const XML_NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function xmlText(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(
    XML_REFERENCE,
    (whole, name: string | undefined, dec: string | undefined, hex?: string) => {
      if (name !== undefined) return XML_NAMED[name] ?? whole;
      const cp = Number.parseInt(dec ?? hex ?? "", dec === undefined ? 16 : 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    },
  );
}

function jsonString(token: string): string | undefined {
  if (!token.includes("\\")) return token.slice(1, -1);
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/**
 * Whole values: every JSON string or XML text that is a secret, whatever its escaping, becomes its mark. Linear
 * in the body however many secrets there are (a set lookup per token).
 */
function markWholeValues(text: string, format: WireFormat, marks: ReadonlyMap<string, string>): string {
  if (marks.size === 0) return text;
  if (format === "json") {
    return text.replace(JSON_STRING, (token) => {
      const value = jsonString(token);
      const mark = value === undefined ? undefined : marks.get(value);
      return mark === undefined ? token : `"${mark}"`;
    });
  }
  return text.replace(XML_TEXT, (whole, raw: string) => {
    const mark = marks.get(xmlText(raw));
    return mark === undefined ? whole : `>${mark}<`;
  });
}

/** The values searched for in every form: the request's, then a bounded few of the response's. */
function everyFormValues(
  found: ReadonlyMap<string, string>,
  requestValues: ReadonlySet<string>,
): Set<string> {
  const ordered = [...found.keys()].sort(
    (a, b) => Number(requestValues.has(b)) - Number(requestValues.has(a)),
  );
  const chosen = new Set<string>();
  let chars = 0;
  let fromResponse = 0;
  for (const value of ordered) {
    const isRequest = requestValues.has(value);
    if (
      !isRequest &&
      (fromResponse >= MAX_EVERY_FORM_RESPONSE_VALUES || chars + value.length > MAX_EVERY_FORM_CHARS)
    ) {
      continue;
    }
    chosen.add(value);
    chars += value.length;
    if (!isRequest) fromResponse++;
  }
  return chosen;
}

/**
 * Replaces every value by its path's placeholder: wherever it stands as a whole JSON string or XML text, and (for
 * a bounded set, the request's first) in every form the runtime's redactor finds (redact.ts), inside other text
 * too. Anything else the client's redactor knows becomes `[REDACTED]`. The redactor is used, not a copy of its
 * patterns: one redactor per placeholder (the values of longer secrets first, so a secret holding another goes
 * whole); each `[REDACTED]` it writes becomes that placeholder's mark.
 */
function replacer(
  found: ReadonlyMap<string, string>,
  requestValues: ReadonlySet<string>,
  redact: ((text: string) => string) | undefined,
): (text: string, format?: WireFormat) => string {
  const groups = new Map<string, string[]>();
  for (const [value, placeholder] of found) {
    const values = groups.get(placeholder) ?? [];
    values.push(value);
    groups.set(placeholder, values);
  }
  const longest = (values: readonly string[]) => Math.max(...values.map((v) => v.length));
  const ordered = [...groups].sort(([, a], [, b]) => longest(b) - longest(a));
  const replacements = ordered.map(([placeholder]) => placeholder);
  const markOf = (i: number) => `${MARK_OPEN}${String.fromCharCode(MARK_INDEX_BASE + i)}${MARK_CLOSE}`;
  const marks = new Map<string, string>();
  ordered.forEach(([, values], i) => {
    for (const value of values) marks.set(value, markOf(i));
  });
  const searched = everyFormValues(found, requestValues);
  const passes = ordered.map(([, values]) => {
    const some = values.filter((value) => searched.has(value));
    return some.length === 0 ? undefined : createRedactor(some);
  });
  // Whatever a pass left of a value (a longer secret cut by a shorter one's pass) goes as `[REDACTED]`; with one
  // pass there is nothing such.
  const rest = passes.filter(Boolean).length > 1 ? createRedactor(searched) : undefined;
  return (text, format) => {
    let out = text.replace(ANY_MARK, "").replaceAll(REDACTED, MARK_REDACTED);
    if (format !== undefined) out = markWholeValues(out, format, marks);
    passes.forEach((pass, i) => {
      if (pass !== undefined) out = pass(out).replaceAll(REDACTED, markOf(i));
    });
    if (rest) out = rest(out);
    if (redact) out = redact(out);
    return out
      .replace(MARK, (_, index: string) => replacements[index.charCodeAt(0) - MARK_INDEX_BASE] ?? REDACTED)
      .replaceAll(MARK_REDACTED, REDACTED);
  };
}

/**
 * Scrubs one exchange: the request and response bodies (JSON or XML) with every secret value found at the
 * operation's secret paths replaced by its placeholder, wherever and however it is written, and the list of
 * the paths a value was found at. Deterministic: the same exchange with other secrets scrubs to the same text.
 */
export function scrubExchange(input: ScrubInput): ScrubbedExchange {
  const { request, response, secrets, rules, redact } = input;
  const parsedRequest = request?.format === "json" ? parseJson(request.text) : undefined;
  const parsedResponse = response?.format === "json" ? parseJson(response.text) : undefined;
  const names = placeholders(secrets, parsedRequest, rules);
  const byPath = new Map<string, string[]>();
  if (request) for (const [p, v] of valuesOf("request", request, secrets, parsedRequest)) byPath.set(p, v);
  if (response)
    for (const [p, v] of valuesOf("response", response, secrets, parsedResponse)) byPath.set(p, v);
  // value → placeholder; a value found at two paths keeps the first path's placeholder.
  const found = new Map<string, string>();
  for (const path of secrets) {
    for (const value of byPath.get(path) ?? []) if (!found.has(value)) found.set(value, names.get(path)!);
  }
  const requestValues = new Set<string>();
  for (const [path, values] of byPath) {
    if (!path.startsWith("response.")) for (const value of values) requestValues.add(value);
  }
  const scrub = replacer(found, requestValues, redact);
  return {
    request: request && { format: request.format, text: scrub(request.text, request.format) },
    response: response && { format: response.format, text: scrub(response.text, response.format) },
    scrubbed: secrets.filter((path) => byPath.has(path)),
    scrubText: (text) => scrub(text),
  };
}
