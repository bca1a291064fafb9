/**
 * A `pattern` in words, for the message of a string that does not match it: "contain only digits", "be
 * exactly 6 digits", "have the form ####-##-## ##:##:## (# is a digit)". Only the simple shapes the contracts
 * use are put in words: anchored, one character class with a quantifier, or a fixed sequence of literal
 * characters and digit runs, optionally as a whole optional group (then "or be empty" is added). Anything
 * else (alternatives, nested groups, negated classes, ...) returns undefined and the message quotes the
 * pattern itself: a wrong paraphrase would be worse than none.
 */

interface CharRange {
  readonly from: number;
  readonly to: number;
}

interface Atom {
  /** The characters one position accepts. */
  readonly ranges: readonly CharRange[];
  readonly min: number;
  /** Infinity for `*` and `+`. */
  readonly max: number;
}

const DIGITS: CharRange = { from: 0x30, to: 0x39 };
const UPPER: CharRange = { from: 0x41, to: 0x5a };
const LOWER: CharRange = { from: 0x61, to: 0x7a };
const LATIN1: CharRange = { from: 0x20, to: 0xff };

const ESCAPES: Readonly<Record<string, number>> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c, v: 0x0b, 0: 0x00 };
const SYNTAX = new Set([..."\\^$.|?*+()[]{}/-"]);

/** The pattern in words (to follow "must"), or undefined when it is not one of the simple shapes. */
export function patternWords(pattern: string): string | undefined {
  if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) return undefined;
  let body = pattern.slice(1, -1);
  body = unwrap(body, "(?:", ")") ?? body;
  let optional = false;
  const opt = unwrap(body, "(?:", ")?") ?? unwrap(body, "(", ")?");
  if (opt !== undefined) {
    optional = true;
    body = opt;
  }
  const atoms = parseAtoms(body);
  if (atoms === undefined || atoms.length === 0) return undefined;
  const words = atoms.length === 1 ? oneAtom(atoms[0]!, optional) : sequence(atoms);
  if (words === undefined) return undefined;
  return optional && atoms.length > 1 ? `${words}, or be empty` : words;
}

/** `body` without `open`…`close` when that pair is one group spanning all of it. */
function unwrap(body: string, open: string, close: string): string | undefined {
  if (!body.startsWith(open) || !body.endsWith(close)) return undefined;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") i++;
    else if (c === "[") {
      const end = classEnd(body, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) {
      return i === body.length - close.length ? body.slice(open.length, i) : undefined;
    }
  }
  return undefined;
}

function parseAtoms(body: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    let ranges: CharRange[] | undefined;
    const c = body[i]!;
    if (c === "[") {
      const end = classEnd(body, i + 1);
      if (end < 0) return undefined;
      ranges = parseClass(body.slice(i + 1, end));
      i = end + 1;
    } else if (c === "\\") {
      const escaped = escapeAt(body, i);
      if (escaped === undefined) return undefined;
      ranges = escaped.ranges;
      i += escaped.length;
    } else if (SYNTAX.has(c) && c !== "-" && c !== "/") {
      return undefined;
    } else {
      const cp = body.codePointAt(i)!;
      ranges = [{ from: cp, to: cp }];
      i += String.fromCodePoint(cp).length;
    }
    if (ranges === undefined) return undefined;
    const quantifier = /^(?:\*|\+|\?|\{(\d+)\}|\{(\d+),(\d*)\})/.exec(body.slice(i));
    let min = 1;
    let max = 1;
    if (quantifier) {
      const [q, exact, low, high] = quantifier;
      if (q === "*") [min, max] = [0, Number.POSITIVE_INFINITY];
      else if (q === "+") [min, max] = [1, Number.POSITIVE_INFINITY];
      else if (q === "?") [min, max] = [0, 1];
      else if (exact !== undefined) min = max = Number(exact);
      else [min, max] = [Number(low), high === "" ? Number.POSITIVE_INFINITY : Number(high)];
      i += q.length;
      if (body[i] === "?" || body[i] === "+") return undefined; // lazy / possessive: not worth the words
    }
    atoms.push({ ranges, min, max });
  }
  return atoms;
}

function classEnd(body: string, from: number): number {
  for (let i = from; i < body.length; i++) {
    if (body[i] === "\\") i++;
    else if (body[i] === "]") return i;
  }
  return -1;
}

function escapeAt(body: string, i: number): { ranges: CharRange[]; length: number } | undefined {
  const e = body[i + 1];
  if (e === undefined) return undefined;
  if (e === "d") return { ranges: [DIGITS], length: 2 };
  if (Object.hasOwn(ESCAPES, e)) return { ranges: [{ from: ESCAPES[e]!, to: ESCAPES[e]! }], length: 2 };
  if (SYNTAX.has(e)) return { ranges: [{ from: e.codePointAt(0)!, to: e.codePointAt(0)! }], length: 2 };
  return undefined; // \w, \s, \b, \u…, \p{…}: not put in words
}

function parseClass(inner: string): CharRange[] | undefined {
  if (inner.startsWith("^") || inner === "") return undefined;
  const ranges: CharRange[] = [];
  let i = 0;
  const single = (): number | undefined => {
    if (inner[i] === "\\") {
      const escaped = escapeAt(inner, i);
      if (escaped === undefined || escaped.ranges.length !== 1) return undefined;
      const r = escaped.ranges[0]!;
      if (r.from !== r.to) return undefined;
      i += escaped.length;
      return r.from;
    }
    const cp = inner.codePointAt(i)!;
    i += String.fromCodePoint(cp).length;
    return cp;
  };
  while (i < inner.length) {
    if (inner.startsWith("\\d", i)) {
      ranges.push(DIGITS);
      i += 2;
      continue;
    }
    const from = single();
    if (from === undefined) return undefined;
    if (inner[i] === "-" && i + 1 < inner.length) {
      i++;
      const to = single();
      if (to === undefined || to < from) return undefined;
      ranges.push({ from, to });
    } else {
      ranges.push({ from, to: from });
    }
  }
  return ranges;
}

const same = (a: CharRange, b: CharRange) => a.from === b.from && a.to === b.to;

function isDigits(ranges: readonly CharRange[]): boolean {
  return ranges.length === 1 && same(ranges[0]!, DIGITS);
}

/** "letters, digits and '-'" */
function classWords(ranges: readonly CharRange[]): string {
  const rest = [...ranges];
  const take = (r: CharRange) => {
    const at = rest.findIndex((x) => same(x, r));
    if (at < 0) return false;
    rest.splice(at, 1);
    return true;
  };
  const names: string[] = [];
  const upper = take(UPPER);
  const lower = take(LOWER);
  if (upper && lower) names.push("letters");
  else if (upper) names.push("capital letters");
  else if (lower) names.push("small letters");
  if (take(DIGITS)) names.push("digits");
  for (const r of rest) names.push(rangeWords(r));
  return listAnd(names);
}

function rangeWords(r: CharRange): string {
  if (same(r, LATIN1)) return "Latin-1 characters (U+0020 to U+00FF)";
  if (r.from === r.to) return charName(r.from);
  return `characters ${codePoint(r.from)} to ${codePoint(r.to)}`;
}

function charName(cp: number): string {
  if (cp === 0x09) return "tab";
  if (cp === 0x0a) return "line feed";
  if (cp === 0x0d) return "carriage return";
  if (cp === 0x20) return "space";
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return codePoint(cp);
  return `'${String.fromCodePoint(cp)}'`;
}

function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function oneAtom(atom: Atom, optional: boolean): string | undefined {
  const { min, max } = atom;
  const what = classWords(atom.ranges);
  if (max === Number.POSITIVE_INFINITY) {
    if (min === 0 || (min === 1 && optional)) return `contain only ${what}`;
    return min === 1 ? `contain only ${what}, and not be empty` : undefined;
  }
  const single = atom.ranges.length === 1 && atom.ranges[0]!.from === atom.ranges[0]!.to;
  if (single) return undefined;
  const count = min === max ? `exactly ${max}` : `${min} to ${max}`;
  const chars = isDigits(atom.ranges)
    ? max === 1 && min === max
      ? "digit"
      : "digits"
    : `characters, each one of ${what}`;
  return `be ${count} ${chars}${optional ? ", or be empty" : ""}`;
}

/** A fixed-length sequence of literal characters and digit runs: "have the form ####-##-##". */
function sequence(atoms: readonly Atom[]): string | undefined {
  let form = "";
  for (const atom of atoms) {
    if (atom.min !== atom.max) return undefined;
    if (isDigits(atom.ranges)) form += "#".repeat(atom.min);
    else if (
      atom.ranges.length === 1 &&
      atom.ranges[0]!.from === atom.ranges[0]!.to &&
      atom.ranges[0]!.from !== 0x23
    ) {
      form += String.fromCodePoint(atom.ranges[0]!.from).repeat(atom.min);
    } else return undefined;
  }
  return form.includes("#") ? `have the form ${form} (# is a digit)` : undefined;
}
