/**
 * The secret scan: every surface through which an error or a log line can reach a person or a log store.
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
  excerpt: string;
}

/** Every (surface, secret) pair where the secret appears verbatim. */
export function findLeaks(texts: Record<string, string>, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [surface, text] of Object.entries(texts)) {
    for (const secret of secrets) {
      const at = text.indexOf(secret);
      if (at >= 0) {
        const excerpt = text.slice(Math.max(0, at - 60), at + secret.length + 20).replace(/\s+/g, " ");
        leaks.push({ surface, secret, excerpt });
      }
    }
  }
  return leaks;
}

export function expectNoLeak(texts: Record<string, string>, secrets: readonly string[]): void {
  const leaks = findLeaks(texts, secrets);
  expect(
    leaks.map((l) => `${l.surface} contains ${l.secret}: …${l.excerpt}…`),
    "secrets found",
  ).toEqual([]);
}
