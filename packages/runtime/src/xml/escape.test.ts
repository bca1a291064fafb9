import { describe, expect, it } from "vitest";
import { escapeXmlAttr, escapeXmlText, findInvalidXmlChar, formatCodePoint, isXmlChar } from "./escape.js";

describe("escapeXmlText", () => {
  it("escapes markup characters and carriage returns, nothing else", () => {
    expect(escapeXmlText(`a&b<c>d"e'f\tg\nh\ri`)).toBe(`a&amp;b&lt;c&gt;d"e'f\tg\nh&#13;i`);
  });

  it("returns the same string when nothing needs escaping", () => {
    const s = "plain ASCII and é and 😀";
    expect(escapeXmlText(s)).toBe(s);
  });

  it("never lets ']]>' through", () => {
    expect(escapeXmlText("]]>")).toBe("]]&gt;");
  });
});

describe("escapeXmlAttr", () => {
  it("also escapes both quotes and the whitespace attribute normalisation would eat", () => {
    expect(escapeXmlAttr(`a&b<c>d"e'f\tg\nh\ri`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i");
  });
});

describe("findInvalidXmlChar", () => {
  it("accepts every character class XML 1.0 allows, including astral pairs", () => {
    expect(findInvalidXmlChar("")).toBeUndefined();
    expect(findInvalidXmlChar("\t\n\r \uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}😀")).toBeUndefined();
  });

  it.each([
    ["NUL", "ab\u0000", 2, 0x0],
    ["a C0 control", "\u0001", 0, 0x1],
    ["vertical tab", "x\u000B", 1, 0xb],
    ["unit separator", "x\u001F", 1, 0x1f],
    ["U+FFFE", "x\uFFFE", 1, 0xfffe],
    ["U+FFFF", "\uFFFF", 0, 0xffff],
    ["a lone high surrogate", "ab\uD800c", 2, 0xd800],
    ["a lone high surrogate at the end", "ab\uDBFF", 2, 0xdbff],
    ["a lone low surrogate", "a\uDC00", 1, 0xdc00],
    ["a reversed pair", "\uDC00\uD800", 0, 0xdc00],
  ])("reports %s with its index and code point", (_what, s, index, codePoint) => {
    expect(findInvalidXmlChar(s)).toEqual({ index, codePoint });
  });

  it("reports the first offender only", () => {
    expect(findInvalidXmlChar("ok\u0002ok\u0003")).toEqual({ index: 2, codePoint: 2 });
  });

  it("agrees with isXmlChar on every BMP code unit", () => {
    const disagreements: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates: covered above
      if ((findInvalidXmlChar(String.fromCharCode(c)) === undefined) !== isXmlChar(c)) {
        disagreements.push(formatCodePoint(c));
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe("isXmlChar", () => {
  it("follows the Char production at its boundaries", () => {
    const allowed = [0x9, 0xa, 0xd, 0x20, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff];
    const forbidden = [0x0, 0x8, 0xb, 0xc, 0xe, 0x1f, 0xd800, 0xdfff, 0xfffe, 0xffff, 0x110000, -1];
    for (const cp of allowed) expect(isXmlChar(cp)).toBe(true);
    for (const cp of forbidden) expect(isXmlChar(cp)).toBe(false);
  });
});

describe("formatCodePoint", () => {
  it("pads to four upper-case hex digits", () => {
    expect(formatCodePoint(1)).toBe("U+0001");
    expect(formatCodePoint(0xfffe)).toBe("U+FFFE");
    expect(formatCodePoint(0x1f600)).toBe("U+1F600");
  });
});
