import { describe, expect, it } from "vitest";
import { decodeTextBody, decodeXmlBody, isSupportedEncoding } from "./charset.js";
import { MalformedResponseError } from "./errors.js";

/** Names NuSOAP writes in ISO-8859-1: every one has a character whose Latin-1 byte is not valid UTF-8. */
const NAMES = ["Jérôme Müller", "Ærøskøbing", "Ñandú ÿ", "François d'Été", "ß Ö Ä Ü", "¡¿«»±°©®"];

const latin1 = (s: string) => Buffer.from(s, "latin1");
const utf16le = (s: string) => Buffer.from(s, "utf16le");
const utf16be = (s: string) => {
  const b = Buffer.from(s, "utf16le");
  for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
  return b;
};
const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);

const doc = (text: string, encoding?: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ""}?><return>${text}</return>`;

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof MalformedResponseError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return "decoded";
}

describe("decodeXmlBody: the encoding as XML determines it", () => {
  it("reads ISO-8859-1 declared only in the XML declaration (NuSOAP)", () => {
    for (const name of NAMES) {
      for (const label of ["ISO-8859-1", "iso-8859-1", "latin1", "ISO_8859-1"]) {
        const xml = doc(name, label);
        expect(decodeXmlBody(latin1(xml), "text/xml")).toBe(xml);
        expect(decodeXmlBody(latin1(xml), undefined)).toBe(xml);
      }
    }
  });

  it("prefers the transport's charset over the declaration, and says so when that fails", () => {
    for (const name of NAMES) {
      const xml = doc(name, "ISO-8859-1");
      // Declared Latin-1, labelled Latin-1 by the transport: fine.
      expect(decodeXmlBody(latin1(xml), "text/xml; charset=ISO-8859-1")).toBe(xml);
      // Labelled UTF-8 by the transport: UTF-8 bytes decode, Latin-1 bytes are rejected (no U+FFFD).
      expect(decodeXmlBody(Buffer.from(xml, "utf8"), 'text/xml; charset="utf-8"')).toBe(xml);
      const reason = reasonOf(() => decodeXmlBody(latin1(xml), "text/xml; charset=utf-8"));
      expect(reason).toMatch(/^charset: .*invalid UTF-8 at byte \d+ .*takes precedence/);
    }
  });

  it("decodes ISO-8859-1 byte for byte (not as windows-1252), C1 range included", () => {
    const bytes = Buffer.from([
      ...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'),
      0x80,
      0x9f,
      0xa4,
    ]);
    expect(decodeXmlBody(bytes)).toContain("\u0080\u009f\u00a4");
  });

  it("follows a byte order mark: UTF-8, UTF-16LE and UTF-16BE, with or without a declaration", () => {
    for (const name of [...NAMES, "emoji \u{1F600} 中文"]) {
      for (const declared of [undefined, "UTF-16"]) {
        const xml = doc(name, declared);
        expect(decodeXmlBody(Buffer.concat([BOM_LE, utf16le(xml)]))).toBe(xml);
        expect(decodeXmlBody(Buffer.concat([BOM_BE, utf16be(xml)]), "application/soap+xml")).toBe(xml);
        expect(decodeXmlBody(Buffer.concat([BOM_LE, utf16le(xml)]), "text/xml; charset=UTF-16")).toBe(xml);
      }
      const xml = doc(name, "UTF-8");
      expect(decodeXmlBody(Buffer.concat([BOM8, Buffer.from(xml)]))).toBe(xml);
    }
  });

  it("reads UTF-16 without a BOM from its first characters (XML 1.0, appendix F)", () => {
    const xml = doc("Jérôme", "UTF-16");
    expect(decodeXmlBody(utf16le(xml))).toBe(xml);
    expect(decodeXmlBody(utf16be(xml))).toBe(xml);
  });

  it("decodes other declared encodings (windows-1252, ISO-8859-15), never dropping a byte", () => {
    const c1 = Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const cp1252 = decodeXmlBody(
      Buffer.from([...Buffer.from("<a>"), ...c1, ...Buffer.from("</a>")]),
      "text/xml; charset=windows-1252",
    );
    expect(cp1252).toBe("<a>€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ</a>");
    expect(decodeXmlBody(Buffer.from([...Buffer.from(doc("", "ISO-8859-15")), 0xa4]))).toContain("€");
    expect(decodeXmlBody(Buffer.from([...Buffer.from(doc("", "ISO-8859-2")), 0xb1]))).toContain("ą");
    expect(decodeXmlBody(Buffer.from([...Buffer.from(doc("", "ISO-8859-2")), 0x80]))).toContain("\u0080");
  });

  it("rejects invalid UTF-8 as malformed instead of producing U+FFFD", () => {
    const cases = [
      [0xc3, 0x28], // bad continuation
      [0xe2, 0x82], // cut short
      [0xed, 0xa0, 0x80], // an encoded surrogate
      [0xc0, 0xaf], // overlong "/"
      [0xf8, 0x88, 0x80, 0x80, 0x80], // a 5-byte form
      [0xff],
    ];
    for (const bad of cases) {
      const bytes = Buffer.concat([Buffer.from("<a>ok "), Buffer.from(bad), Buffer.from("</a>")]);
      for (const contentType of [undefined, "text/xml", "text/xml; charset=utf-8"]) {
        expect(reasonOf(() => decodeXmlBody(bytes, contentType))).toMatch(
          /^charset: .*invalid UTF-8 at byte 6/,
        );
      }
      expect(reasonOf(() => decodeTextBody(bytes, "application/json"))).toMatch(/^charset: .*invalid UTF-8/);
    }
  });

  it("rejects what cannot be decoded or contradicts itself, naming it", () => {
    const cases: [Buffer, string | undefined, RegExp][] = [
      [Buffer.from(doc("x", "x-made-up")), undefined, /unsupported encoding x-made-up/],
      [Buffer.from(doc("x")), "text/xml; charset=klingon", /unsupported charset "klingon"/],
      [Buffer.from(doc("x", "UTF-16")), undefined, /says UTF-16, but the document is not UTF-16/],
      [
        Buffer.concat([BOM8, Buffer.from(doc("x", "ISO-8859-1"))]),
        undefined,
        /says ISO-8859-1, but .* UTF-8/,
      ],
      [Buffer.concat([BOM_LE, utf16le(doc("x", "UTF-8"))]), undefined, /says UTF-8, but .* UTF-16LE/],
      [Buffer.concat([BOM_LE, utf16le(doc("x"))]), "text/xml; charset=utf-8", /UTF-16LE byte order mark/],
      [Buffer.concat([BOM8, Buffer.from(doc("x"))]), "text/xml; charset=iso-8859-1", /UTF-8 byte order mark/],
      [Buffer.concat([BOM_LE, utf16le("<a>x</a>"), Buffer.from([0x41])]), undefined, /not valid utf-16le/],
      [Buffer.concat([BOM_LE, Buffer.from([0x00, 0xd8, 0x41, 0x00])]), undefined, /not valid utf-16le/],
      [Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0]), undefined, /UTF-32/],
      [
        Buffer.from([...Buffer.from(doc("", "US-ASCII")), 0xe9]),
        undefined,
        /0xe9 at byte \d+ is not US-ASCII/,
      ],
    ];
    for (const [bytes, contentType, expected] of cases) {
      const reason = reasonOf(() => decodeXmlBody(bytes, contentType, { operation: "op", status: 200 }));
      expect(reason, String(expected)).toMatch(/^charset: op: malformed response \(charset\): /);
      expect(reason, String(expected)).toMatch(expected);
    }
  });

  it("knows which encoding names it supports", () => {
    for (const name of ["UTF-8", "utf8", "ISO-8859-1", "US-ASCII", "UTF-16", "utf-16le", "windows-1252"])
      expect(isSupportedEncoding(name), name).toBe(true);
    for (const name of ["UTF-32", "EBCDIC-US", "x-made-up", "ISO-8859-99"])
      expect(isSupportedEncoding(name), name).toBe(false);
  });
});

describe("decodeTextBody (JSON and other text)", () => {
  it("uses the transport's charset, then a BOM, then UTF-8; a UTF-8 BOM is kept for the parser", () => {
    const json = '{"Name":"Jérôme Müller"}';
    expect(decodeTextBody(Buffer.from(json), "application/json")).toBe(json);
    expect(decodeTextBody(latin1(json), "application/json; charset=iso-8859-1")).toBe(json);
    expect(decodeTextBody(Buffer.concat([BOM8, Buffer.from(json)]))).toBe(`\uFEFF${json}`);
    expect(decodeTextBody(Buffer.concat([BOM_LE, utf16le(json)]))).toBe(json);
    expect(decodeTextBody(Buffer.concat([BOM_BE, utf16be(json)]), "application/json; charset=utf-16")).toBe(
      json,
    );
    expect(reasonOf(() => decodeTextBody(latin1(json), "application/json"))).toMatch(/invalid UTF-8/);
  });
});
