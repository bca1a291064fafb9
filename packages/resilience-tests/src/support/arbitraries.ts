/**
 * fast-check arbitraries for the vendors' rules: what is allowed, and what is not.
 */
import fc from "fast-check";

/** The XML special characters, and the whitespace a parser would normalise if it were not escaped. */
export const XML_SPECIALS = ["&", "<", ">", '"', "'", "\r", "\t", "\n"] as const;

const special = fc.constantFrom(...XML_SPECIALS);
const codePoint = (min: number, max: number) =>
  fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));

/**
 * One Latin-1 character ESWS stores as text: tab, LF, CR, U+0020–U+007E and U+00A0–U+00FF; specials and line
 * ends weighted up. DEL and the C1 controls (U+007F–U+009F) are Latin-1 but not text: the client refuses them.
 */
export const latin1Char = fc.oneof(
  { arbitrary: special, weight: 3 },
  { arbitrary: codePoint(0x20, 0x7e), weight: 4 },
  { arbitrary: codePoint(0xa0, 0xff), weight: 3 },
);

/** DEL and the C1 controls, U+007F–U+009F: refused in ESWS free text. */
export const c1Control = codePoint(0x7f, 0x9f);

/** One code point XML 1.0 can carry: specials, ASCII, BMP (no surrogates, no U+FFFE/U+FFFF) and astral. */
export const xmlChar = fc.oneof(
  { arbitrary: special, weight: 2 },
  { arbitrary: codePoint(0x20, 0x7e), weight: 3 },
  { arbitrary: codePoint(0xa0, 0xd7ff), weight: 2 },
  { arbitrary: codePoint(0xe000, 0xfffd), weight: 1 },
  { arbitrary: codePoint(0x10000, 0x10ffff), weight: 2 },
);

/** Code points XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF). */
export const nonXmlChar = fc.oneof(
  codePoint(0x0, 0x8),
  codePoint(0xb, 0xc),
  codePoint(0xe, 0x1f),
  fc.constantFrom("\uFFFE", "\uFFFF"),
);

/** A lone surrogate half (valid in a JS string and in JSON, invalid in XML). */
export const loneSurrogate = codePoint(0xd800, 0xdfff);

/** Any code point, lone surrogates included (Moka is JSON: everything goes). */
export const anyChar = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: special, weight: 2 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.constantFrom("\u2028", "\u2029", "\0", "\\", "\u007f"), weight: 1 },
);

export const WS_ALT_USER_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

/** wsAltUserId: `[A-Za-z0-9-]+`. */
export const wsAltUserId = (maxLength = 64) =>
  fc.string({ unit: fc.constantFrom(...WS_ALT_USER_ID_CHARS), minLength: 1, maxLength });

/** A string with at least one character outside `[A-Za-z0-9-]`. */
export const badWsAltUserId = fc
  .tuple(
    wsAltUserId(10),
    fc.oneof(latin1Char, xmlChar).filter((c) => !WS_ALT_USER_ID_CHARS.includes(c)),
    fc.string({ unit: fc.constantFrom(...WS_ALT_USER_ID_CHARS), maxLength: 10 }),
  )
  .map(([a, bad, b]) => a + bad + b);

/** Inserts `inner` somewhere into a string drawn from `outer`. */
export function withOne(outer: fc.Arbitrary<string>, inner: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(outer, inner, fc.nat()).map(([s, c, at]) => {
    const chars = [...s];
    const i = chars.length === 0 ? 0 : at % (chars.length + 1);
    chars.splice(i, 0, c);
    return chars.join("");
  });
}

/** Number of code points (what XSD and JSON Schema `maxLength` count). */
export const codePoints = (s: string): number => [...s].length;

/** A real `yyyy-mm-dd hh:ii:ss`. */
export const esDateTime = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    i: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ y, m, d, h, i, s }) => {
    const p = (n: number) => String(n).padStart(2, "0");
    return `${y}-${p(m)}-${p(d)} ${p(h)}:${p(i)}:${p(s)}`;
  });

export const INFO_KEYS = [
  "info1",
  "info2",
  "info3",
  "info4",
  "info5",
  "info6",
  "info7",
  "info8",
  "info9",
  "info10",
  "info11",
  "info12",
  "info13",
  "info14",
] as const;

/** Deterministic and modest, as the suites promise. */
export const PROPERTY_OPTIONS = { seed: 20_251_122, numRuns: 100 } as const;
