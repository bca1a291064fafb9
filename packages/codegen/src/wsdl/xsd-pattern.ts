/**
 * XSD regular expressions → JavaScript (`u` flag, as ajv compiles `pattern`). XSD patterns are implicitly
 * anchored and `^` / `$` are ordinary characters in them, so the translation is wrapped as `^(?:…)$` and a bare
 * `^` / `$` is escaped. Constructs whose meaning differs between the two languages and that the contracts do
 * not need (`\d`, `\w`, `\s`, `\i`, `\c`, block escapes `\p{Is…}`, class subtraction) are rejected rather than
 * approximated.
 */

/** XSD single-character escapes that mean the same in a JS `u` regex. */
const SAME_ESCAPES = new Set([
  "n",
  "r",
  "t",
  "\\",
  "|",
  ".",
  "?",
  "*",
  "+",
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  "^",
  "$",
]);
const DIFFERENT_ESCAPES: Record<string, string> = {
  d: "XSD \\d is any Unicode decimal digit; write [0-9]",
  D: "XSD \\D is the complement of Unicode digits; write [^0-9]",
  w: "XSD \\w is Unicode-category based; write the class out",
  W: "XSD \\W is Unicode-category based; write the class out",
  s: "XSD \\s is [ \\t\\n\\r] only; write it out",
  S: "XSD \\S is [^ \\t\\n\\r]; write it out",
  i: "XSD \\i (name start character) has no JS equivalent",
  I: "XSD \\I has no JS equivalent",
  c: "XSD \\c (name character) has no JS equivalent",
  C: "XSD \\C has no JS equivalent",
};

/** The JS source of one XSD pattern, not yet anchored. */
export function xsdPatternBody(pattern: string): string {
  const chars = [...pattern];
  let out = "";
  let inClass = false;
  const fail = (why: string): never => {
    throw new Error(`XSD pattern ${JSON.stringify(pattern)}: ${why}`);
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "\\") {
      const next = chars[++i];
      if (next === undefined) fail("ends with a backslash");
      if (SAME_ESCAPES.has(next!)) out += `\\${next}`;
      else if (next === "-")
        out += inClass ? "\\-" : "-"; // `\-` outside a class is a SyntaxError under `u`
      else if (next === "p" || next === "P") {
        const close = chars.indexOf("}", i);
        const name = chars.slice(i + 2, close).join("");
        if (chars[i + 1] !== "{" || close < 0) fail(`malformed \\${next}{…}`);
        if (name.startsWith("Is")) fail(`block escape \\${next}{${name}} has no JS equivalent`);
        out += `\\${next}{${name}}`;
        i = close;
      } else fail(DIFFERENT_ESCAPES[next!] ?? `unknown escape \\${next}`);
      continue;
    }
    if (inClass) {
      if (c === "[") fail(chars[i - 1] === "-" ? "character class subtraction is not supported" : "nested [");
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    switch (c) {
      case "[":
        inClass = true;
        out += c;
        if (chars[i + 1] === "^") out += chars[++i];
        break;
      case "^":
      case "$":
        out += `\\${c}`;
        break;
      case ".":
        out += "[^\\n\\r]"; // XSD `.` excludes only \n and \r
        break;
      case "(":
        if (chars[i + 1] === "?") fail("(? is not XSD syntax");
        out += c;
        break;
      default:
        out += c;
    }
  }
  if (inClass) fail("unterminated [");
  return out;
}

/** One anchored JS pattern for the patterns of one restriction step (XSD ORs them). */
export function xsdPatternsToJs(patterns: readonly string[]): string {
  if (patterns.length === 0) throw new Error("no pattern");
  const bodies = patterns.map(xsdPatternBody);
  const body = bodies.length === 1 ? bodies[0]! : bodies.map((b) => `(?:${b})`).join("|");
  const source = `^(?:${body})$`;
  try {
    new RegExp(source, "u");
  } catch (error) {
    throw new Error(`XSD pattern(s) ${JSON.stringify(patterns)} → ${source}: ${(error as Error).message}`);
  }
  return source;
}
