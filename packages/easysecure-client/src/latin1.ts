/**
 * ESWS's character limit. The user-update functions store only characters with a code of 255 or less
 * (ISO-8859-1 / Latin-1) and silently turn anything else into `?` (contracts/easysecure/README.md, "Character limit";
 * contract: tns:latin1Text / tns:requiredLatin1Text in contracts/easysecure/esws.wsdl). The client never lets
 * that happen silently: it rejects such characters, or — only when the caller opts in with
 * `transliterate: true` — replaces them with Latin-1 look-alikes first. Whatever is still outside Latin-1 after
 * transliteration is rejected too; nothing is ever turned into `?`.
 */

import { decodeTextBody } from "@integrations/runtime";

/** The highest code point ESWS stores (ÿ, U+00FF). */
export const LATIN1_MAX = 0xff;

/**
 * Letters and punctuation that Unicode decomposition (NFKD) does not reduce to Latin-1, mapped by hand.
 * Kept small on purpose: names (Ł in Polish, Đ in Croatian, Œ in French), typographic quotes and dashes that
 * word processors and phones insert (a common paste artefact). ß (U+00DF) is Latin-1 and is kept as is.
 */
export const TRANSLITERATION_TABLE: Readonly<Record<string, string>> = Object.freeze({
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŀ: "L",
  ŀ: "l",
  Ŧ: "T",
  ŧ: "t",
  Œ: "OE",
  œ: "oe",
  // The capital sharp s has no Latin-1 form; German writes it SS in capitals.
  ẞ: "SS",
  "\u2018": "'", // ‘ left single quotation mark
  "\u2019": "'", // ’ right single quotation mark (the typographic apostrophe: D’Angelo)
  "\u201A": "'", // ‚ single low-9 quotation mark
  "\u201B": "'", // ‛ single high-reversed-9 quotation mark
  "\u2032": "'", // ′ prime
  "\u201C": '"', // “ left double quotation mark
  "\u201D": '"', // ” right double quotation mark
  "\u201E": '"', // „ double low-9 quotation mark
  "\u201F": '"', // ‟ double high-reversed-9 quotation mark
  "\u2033": '"', // ″ double prime
  "\u2010": "-", // ‐ hyphen
  "\u2011": "-", // ‑ non-breaking hyphen
  "\u2012": "-", // ‒ figure dash
  "\u2013": "-", // – en dash
  "\u2014": "-", // — em dash
  "\u2015": "-", // ― horizontal bar
  "\u2212": "-", // − minus sign
});

const COMBINING_MARKS = /\p{Mn}/gu;

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > LATIN1_MAX) return false;
  return true;
}

/**
 * Replaces characters above U+00FF with Latin-1 look-alikes where one exists:
 * 1. NFC first, so a decomposed "e" + U+0301 becomes the Latin-1 "é" rather than losing its accent;
 * 2. characters already in Latin-1 are never touched (é, ü, ß, Ø stay);
 * 3. then the table above; then NFKD with combining marks stripped (ő → o, ǅ → Dž → Dz, ﬁ → fi, … → ...).
 * A character with no Latin-1 form is left in place, so that validation rejects it by name.
 */
export function transliterateToLatin1(text: string): string {
  const composed = text.normalize("NFC");
  if (isLatin1(composed)) return composed;
  let out = "";
  for (const ch of composed) {
    if (ch.codePointAt(0)! <= LATIN1_MAX) {
      out += ch;
      continue;
    }
    const mapped = TRANSLITERATION_TABLE[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const stripped = ch.normalize("NFKD").replace(COMBINING_MARKS, "");
    out += isLatin1(stripped) ? stripped : ch;
  }
  return out;
}

/** The distinct characters of `text` above U+00FF, in order of appearance. */
export function nonLatin1Chars(text: string): string[] {
  if (isLatin1(text)) return [];
  const seen = new Set<string>();
  for (const ch of text) if (ch.codePointAt(0)! > LATIN1_MAX) seen.add(ch);
  return [...seen];
}

/**
 * DEL and the C1 controls, U+007F–U+009F: Latin-1 code points (so ESWS would store them), but not text. Such a
 * character in a name is almost always windows-1252 read as Latin-1 somewhere upstream (0x92, "’", becomes
 * U+0092), so it is refused rather than stored where no screen or card can show it.
 */
const CONTROL = /[\u007F-\u009F]/g;

/** The distinct characters U+007F–U+009F in `text`, in order of appearance. */
export function controlChars(text: string): string[] {
  const found = text.match(CONTROL);
  return found === null ? [] : [...new Set(found)];
}

/** What a C1 control character was meant to be, if it is windows-1252 read as Latin-1 (U+0092 → "’"). */
export function windows1252Intent(ch: string): string | undefined {
  const cp = ch.charCodeAt(0);
  if (cp < 0x80 || cp > 0x9f) return undefined;
  const meant = decodeTextBody(Uint8Array.of(cp), "text/plain; charset=windows-1252");
  return meant === ch ? undefined : meant;
}

/** `"Ł" (U+0141)`; a lone surrogate, combining mark or control character is shown by its code point only. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const printable = !(cp >= 0xd800 && cp <= 0xdfff) && !/[\p{M}\p{Cc}]/u.test(ch);
  return printable ? `"${ch}" (${code})` : code;
}
