import { describe, expect, it } from "vitest";
import { describeChar, nonLatin1Chars, TRANSLITERATION_TABLE, transliterateToLatin1 } from "./latin1.js";

describe("transliterateToLatin1", () => {
  it("never touches Latin-1 text (é, ü, ß, Ø, «», nbsp stay)", () => {
    const text = "José Müller, Straße 5, Ørsted «x»\u00a0ÿ";
    expect(transliterateToLatin1(text)).toBe(text);
  });

  it("uses the table for letters NFKD cannot reduce, and for quotes and dashes", () => {
    expect(transliterateToLatin1("Łukasz Żółć")).toBe("Lukasz Zólc");
    expect(transliterateToLatin1("Œuvre, cœur, Đorđe, ħ, ı, ŀ, Ŧ")).toBe("OEuvre, coeur, Dorde, h, i, l, T");
    expect(transliterateToLatin1("D’Angelo ‘x’ “quoted” „low“ ′ ″")).toBe(`D'Angelo 'x' "quoted" "low" ' "`);
    expect(transliterateToLatin1("2020–2024 — a ‐ b ‑ c ‒ − ―")).toBe("2020-2024 - a - b - c - - -");
    expect(transliterateToLatin1("GROẞ")).toBe("GROSS");
    for (const [from, to] of Object.entries(TRANSLITERATION_TABLE)) {
      expect(from.codePointAt(0)).toBeGreaterThan(0xff);
      expect(nonLatin1Chars(to)).toEqual([]);
    }
  });

  it("decomposes the rest with NFKD and strips combining marks", () => {
    expect(transliterateToLatin1("Erdős Ñandú Čapek ǅemal ﬁle …")).toBe("Erdos Ñandú Capek Dzemal file ...");
  });

  it("composes first (NFC), so a decomposed Latin-1 letter keeps its accent", () => {
    expect(transliterateToLatin1("Jose\u0301")).toBe("José");
    expect(transliterateToLatin1("q\u0301")).toBe("q");
  });

  it("leaves characters with no Latin-1 form in place, for validation to reject by name", () => {
    expect(transliterateToLatin1("Ω 日本 😀")).toBe("Ω 日本 😀");
    expect(nonLatin1Chars(transliterateToLatin1("a😀bΩ😀"))).toEqual(["😀", "Ω"]);
  });
});

describe("nonLatin1Chars / describeChar", () => {
  it("lists distinct characters above U+00FF in order", () => {
    expect(nonLatin1Chars("abc ÿ")).toEqual([]);
    expect(nonLatin1Chars("Łódź Ł")).toEqual(["Ł", "ź"]);
  });

  it("names printable characters and shows marks and lone surrogates by code point", () => {
    expect(describeChar("Ł")).toBe('"Ł" (U+0141)');
    expect(describeChar("😀")).toBe('"😀" (U+1F600)');
    expect(describeChar("\u0301")).toBe("U+0301");
    expect(describeChar("\ud800")).toBe("U+D800");
  });
});
