/**
 * The secret scan: every surface through which an error or a log line can reach a person or a log store, and
 * every form in which a secret on it would still be readable.
 */
import { inspect } from "node:util";
import { expect } from "vitest";

/** The texts of an error a caller could print, serialize or log. */
export function errorSurfaces(error: unknown): Record<string, string> {
  const e = error as { message?: unknown; stack?: unknown };
  let json: string;
  try {
    json = JSON.stringify(error) ?? "";
  } catch (cause) {
    json = `JSON.stringify threw: ${String(cause)}`;
  }
  return {
    message: String(e?.message ?? ""),
    "String(error)": String(error),
    "JSON.stringify(error)": json,
    stack: String(e?.stack ?? ""),
    "util.inspect(error, { depth: 10 })": inspect(error, { depth: 10 }),
  };
}

export interface Leak {
  surface: string;
  secret: string;
  /** Which form of the secret was found (see secretForms). */
  form: string;
  excerpt: string;
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unicodeEscapes = (s: string, upper: boolean) =>
  s.replace(/[^A-Za-z0-9 ]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, "0");
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });

/**
 * Every form in which a secret would still be readable: as written, XML-escaped (text, attribute, and escaped
 * twice), JSON-escaped, with .NET's `\uXXXX` escapes in either case, URL-encoded, a hex digest in the other
 * letter case, and cut short to its first 16 characters (a capped quote).
 */
export function secretForms(secret: string): Map<string, string> {
  const forms = new Map<string, string>([
    ["as written", secret],
    ["XML-escaped", xmlText(secret)],
    ["XML attribute-escaped", xmlText(secret).replace(/"/g, "&quot;").replace(/'/g, "&apos;")],
    ["XML-escaped twice", xmlText(xmlText(secret))],
    ["JSON-escaped", JSON.stringify(secret).slice(1, -1)],
    ["\\u-escaped (upper case)", unicodeEscapes(secret, true)],
    ["\\u-escaped (lower case)", unicodeEscapes(secret, false)],
    ["URL-encoded", encodeURIComponent(secret)],
  ]);
  if (/^[0-9a-f]+$/i.test(secret)) {
    forms.set("upper case", secret.toUpperCase());
    forms.set("lower case", secret.toLowerCase());
  }
  if (secret.length > 16) forms.set("cut short (first 16 characters)", secret.slice(0, 16));
  return forms;
}

/** Every (surface, secret) pair where the secret appears in any of its forms (the first form found). */
export function findLeaks(texts: Record<string, string>, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [surface, text] of Object.entries(texts)) {
    for (const secret of secrets) {
      for (const [form, written] of secretForms(secret)) {
        const at = text.indexOf(written);
        if (at < 0) continue;
        const excerpt = text.slice(Math.max(0, at - 60), at + written.length + 20).replace(/\s+/g, " ");
        leaks.push({ surface, secret, form, excerpt });
        break;
      }
    }
  }
  return leaks;
}

export function expectNoLeak(texts: Record<string, string>, secrets: readonly string[]): void {
  const leaks = findLeaks(texts, secrets);
  expect(
    leaks.map((l) => `${l.surface} contains ${l.secret} (${l.form}): …${l.excerpt}…`),
    "secrets found",
  ).toEqual([]);
}
