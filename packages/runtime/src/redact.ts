/**
 * Secret redaction. Dependency-free, and exported on its own as `@integrations/runtime/redact` so that tools
 * (the CLI's output guard) can use it without loading the transport.
 * Every client registers its secrets (passwords, company security codes, CheckKeys,
 * session IDs) and passes any vendor-supplied text through the redactor before it reaches an error or a log.
 *
 * A secret is found in every form it can take on the way back to us, not only as written:
 * - XML: the five predefined entities and decimal or hexadecimal character references, also when the `&`
 *   itself was escaped again (`&amp;lt;`, a server escaping an already escaped text or a CDATA section);
 * - JSON: the short escapes (`\"`, `\\`, `\/`, `\n` …) and `\uXXXX` for any character (.NET escapes `&`, `<`,
 *   `>` and `'` as `\u0026`, `\u003C`, `\u003E`, `\u0027`), in either case of hex digits;
 * - URLs: `%XX` of each UTF-8 byte, and `+` for a space;
 * - a secret that is a hex digest (the Moka CheckKey) in any letter case;
 * - a secret cut short: its first {@link PREFIX_LENGTH} characters or more, however the text goes on;
 * and any mix of these within one secret.
 *
 * Rule for short secrets: a secret of fewer than {@link SHORT_SECRET_LENGTH} characters is redacted only where
 * it stands alone, not inside a longer run of letters and digits (a one-character company code `c` must not
 * turn `code` into `[REDACTED]ode`, and a three-letter one cannot be told from a word anyway): the whole value
 * of a field (a faultcode, a return, a code) is still a token and is redacted. Where the field is known, the
 * value is registered for what it is: the sessionID of a loginResponse in its slot (the moment it is read, and
 * replaced at the next login), and the CheckKey, a hex digest, matched in any letter case.
 */
export const REDACTED = "[REDACTED]";

/** Below this length a secret is matched only as a whole token (see the rule above). */
export const SHORT_SECRET_LENGTH = 8;
/** A secret longer than this is also redacted when only its first this-many (or more) characters appear. */
export const PREFIX_LENGTH = 16;
/** How many values of one slot (e.g. the sessionID, replaced at every re-login) the redactor keeps. */
export const SLOT_HISTORY = 2;

export interface Redactor {
  (text: string): string;
  /**
   * Registers a secret learned at run time. Empty strings are ignored. With a `slot` (e.g. `"sessionID"`),
   * the value replaces that slot's oldest one once {@link SLOT_HISTORY} are held: a value that is re-issued
   * (a new session per login) is covered, its predecessor too (a late answer may still quote it), and the
   * redactor does not grow with every re-login.
   */
  add(secret: string | undefined, slot?: string): void;
  /** How many distinct secrets the redactor currently holds. */
  readonly size: number;
}

/** Characters that are special in a regular expression with the `u` flag. */
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const HEX_DIGEST = /^[0-9a-fA-F]+$/;
/** Letters and digits: a short secret glued to one of them is part of a longer word, not the secret. */
const WORD = "[\\p{L}\\p{N}]";
/** An `&` as written, as `\u0026`, and escaped again any number of times (`&amp;amp;`). */
const AMPERSAND = "(?:&|\\\\[uU]0026)(?:amp;)*";
/** Text that may hold an escaped form; without any of these only the literal forms need to be searched. */
const ESCAPE_MARK = /[\\&%+]/;

const NAMED_ENTITY: Readonly<Record<string, string>> = {
  "&": "amp",
  "<": "lt",
  ">": "gt",
  '"': "quot",
  "'": "apos",
};
/** What follows the backslash of JSON's short escapes. */
const JSON_SHORT_ESCAPE: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  "\b": "b",
  "\f": "f",
  "\n": "n",
  "\r": "r",
  "\t": "t",
};
/** One backslash, or several: a JSON escape escaped again. */
const BACKSLASHES = "\\\\+";

function literal(s: string): string {
  return s.replace(REGEX_SYNTAX, "\\$&");
}

/** `[aA]`-style classes for the letters of a hex number, so that it matches in either case. */
function anyCase(hex: string): string {
  return hex.replace(/[a-fA-F]/g, (d) => `[${d.toLowerCase()}${d.toUpperCase()}]`);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/**
 * Every way one character (a code point, or a lone surrogate) of a secret may be written. The escaped forms
 * come first and the literal last: the rest of a cut-short secret is optional, so the first form that fits is
 * the one kept, and the literal `&` must not win over `&amp;`.
 */
function characterForms(ch: string, caseless: boolean, escaped: boolean): string {
  const forms: string[] = [];
  if (escaped) {
    const cp = ch.codePointAt(0)!;
    // XML: a predefined entity, or a decimal or hexadecimal character reference.
    const entity = NAMED_ENTITY[ch];
    if (entity !== undefined) forms.push(`${AMPERSAND}${entity};`);
    forms.push(`${AMPERSAND}#0*${cp};`, `${AMPERSAND}#x0*${anyCase(cp.toString(16))};`);
    // JSON: `\uXXXX` per UTF-16 unit and the short escapes, with the backslash itself escaped any number of
    // times (JSON quoted inside JSON, as in a .NET exception text that holds a serialised request).
    let units = "";
    for (let i = 0; i < ch.length; i++) units += `${BACKSLASHES}u${anyCase(hex(ch.charCodeAt(i), 4))}`;
    forms.push(units);
    const short = JSON_SHORT_ESCAPE[ch];
    if (short !== undefined) forms.push(ch === "\\" ? BACKSLASHES : `${BACKSLASHES}${literal(short)}`);
    // URLs: the UTF-8 bytes, percent-encoded (a lone surrogate has no UTF-8 form), and `+` for a space.
    if (cp < 0xd800 || cp > 0xdfff) {
      let bytes = "";
      for (const byte of Buffer.from(ch, "utf8")) bytes += `%${anyCase(hex(byte, 2))}`;
      forms.push(bytes);
    }
    if (ch === " ") forms.push("\\+");
  }
  forms.push(caseless && /[a-fA-F]/.test(ch) ? anyCase(ch) : literal(ch));
  return forms.length === 1 ? forms[0]! : `(?:${forms.join("|")})`;
}

/** The pattern of one secret, under the rules in this file's header. */
function secretPattern(secret: string, escaped: boolean): string {
  const chars = [...secret];
  const caseless = chars.length >= SHORT_SECRET_LENGTH && HEX_DIGEST.test(secret);
  const forms = chars.map((ch) => characterForms(ch, caseless, escaped));
  if (chars.length < SHORT_SECRET_LENGTH) return `(?<!${WORD})${forms.join("")}(?!${WORD})`;
  if (chars.length <= PREFIX_LENGTH) return forms.join("");
  // The first PREFIX_LENGTH characters, then as many of the rest as are there: (?:c16(?:c17(?:…)?)?)?
  let rest = "";
  for (let i = forms.length - 1; i >= PREFIX_LENGTH; i--) rest = `(?:${forms[i]}${rest})?`;
  return forms.slice(0, PREFIX_LENGTH).join("") + rest;
}

function compile(secrets: readonly string[], escaped: boolean): RegExp | undefined {
  if (secrets.length === 0) return undefined;
  // Longest first: at one position, a secret that contains another one is replaced whole.
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((s) => secretPattern(s, escaped)).join("|"), "gu");
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const permanent = new Set<string>();
  const slots = new Map<string, string[]>();
  // Compiled on first use after a change: a client adds its secrets once, and a sessionID once per login.
  let dirty = true;
  let plain: RegExp | undefined;
  let full: RegExp | undefined;

  function all(): string[] {
    const out = new Set(permanent);
    for (const values of slots.values()) for (const v of values) out.add(v);
    return [...out];
  }

  const redact = ((text: string): string => {
    if (dirty) {
      const known = all();
      plain = compile(known, false);
      full = compile(known, true);
      dirty = false;
    }
    const pattern = ESCAPE_MARK.test(text) ? full : plain;
    return pattern === undefined ? text : text.replace(pattern, REDACTED);
  }) as Redactor;

  redact.add = (secret, slot) => {
    if (typeof secret !== "string" || secret === "") return;
    if (slot === undefined) {
      if (permanent.has(secret)) return;
      permanent.add(secret);
    } else {
      const values = slots.get(slot) ?? [];
      if (values.includes(secret)) return;
      values.push(secret);
      if (values.length > SLOT_HISTORY) values.shift();
      slots.set(slot, values);
    }
    dirty = true;
  };
  Object.defineProperty(redact, "size", { get: () => all().length });

  for (const s of secrets) redact.add(s);
  return redact;
}

/** Nesting followed inside an error: its `cause` chain, and arrays and records among its properties. */
const MAX_SCRUB_DEPTH = 4;
/** Elements of one array (e.g. `issues`) that are scrubbed; a longer array is cut to this many. */
const MAX_SCRUB_ITEMS = 1_000;

/**
 * Redacts an error in place: its message, its stack (which repeats the message), every own property that is
 * a string (vendor texts, content types, codes) or holds strings (an `issues` list), and the same for its
 * `cause` chain. Clients run every error they throw through this, so a secret echoed anywhere in a response
 * cannot reach `String(error)`, `JSON.stringify(error)` or `util.inspect(error)`.
 */
export function scrubError(error: unknown, redact: (text: string) => string, depth = 0): void {
  if (!(error instanceof Error) || depth > MAX_SCRUB_DEPTH) return;
  const target = error as unknown as Record<string, unknown>;
  // Own names, not keys: `cause`, `message` and `stack` are not enumerable.
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = target[key];
    if (value instanceof Error) continue;
    const clean = scrubValue(value, redact, depth + 1);
    if (clean !== value)
      Object.defineProperty(error, key, { value: clean, writable: true, configurable: true });
  }
  scrubError(error.cause, redact, depth + 1);
}

/** A redacted copy of a string, or of an array or plain record holding strings; anything else as it is. */
function scrubValue(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > MAX_SCRUB_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let changed = value.length > MAX_SCRUB_ITEMS;
    const out = value.slice(0, MAX_SCRUB_ITEMS).map((item: unknown) => {
      const clean = scrubValue(item, redact, depth + 1);
      if (clean !== item) changed = true;
      return clean;
    });
    return changed ? out : value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = scrubValue(item, redact, depth + 1);
    if (clean !== item) {
      out ??= { ...(value as Record<string, unknown>) };
      Object.defineProperty(out, key, { value: clean, writable: true, enumerable: true, configurable: true });
    }
  }
  return out ?? value;
}
