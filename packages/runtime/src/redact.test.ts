import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED, scrubError } from "./redact.js";

describe("redactor", () => {
  it("replaces every occurrence of every secret", () => {
    const redact = createRedactor(["hunter22", "abc123def"]);
    expect(redact("pw hunter22 and hunter22, key abc123def")).toBe(
      `pw ${REDACTED} and ${REDACTED}, key ${REDACTED}`,
    );
  });

  it("learns secrets at run time, ignores empty ones, and redacts short ones too", () => {
    const redact = createRedactor([undefined, ""]);
    redact.add("session-0001");
    expect(redact("session-0001 x")).toBe(`${REDACTED} x`);
    redact.add("k9");
    expect(redact("code k9!")).toBe(`code ${REDACTED}!`);
  });

  it("replaces a secret that contains another one whole", () => {
    const redact = createRedactor(["abc", "xxabcxx"]);
    expect(redact("xxabcxx abc")).toBe(`${REDACTED} ${REDACTED}`);
  });

  it("also redacts the JSON-escaped form of a secret", () => {
    const redact = createRedactor(['pa"ss\\word']);
    expect(redact(JSON.stringify({ p: 'pa"ss\\word' }))).toBe(`{"p":"${REDACTED}"}`);
  });

  it("scrubs an error's message, stack, string properties and cause", () => {
    const secret = "S3CRET-value-42";
    const redact = createRedactor([secret]);
    const cause = new Error(`inner ${secret}`);
    const error = Object.assign(new Error(`outer ${secret}`, { cause }), {
      detail: `d ${secret}`,
      code: secret,
    });
    scrubError(error, redact);
    const everything = [
      error.message,
      error.stack,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
    ].join("\n");
    expect(everything).not.toContain(secret);
    expect(error.detail).toBe(`d ${REDACTED}`);
  });
});

/** Secrets with the characters XML, JSON and URLs escape, long ones, one with non-ASCII and an astral char. */
const SPECIAL_SECRETS = [
  "S3cret&<Code-01",
  `pa"ss'w>rd&&<<x9`,
  "Pässwort&Über<Grenze>2024\"'",
  "a\\b/c\td\ne&f<g>h",
  "emoji\u{1F511}&key<1",
  `Lng-${"x&y<".repeat(20)}end`,
];

/** The forms a server can echo a secret in, each applied to the whole secret. */
const ECHO_FORMS: Record<string, (s: string) => string> = {
  "XML text escaping": (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  "XML attribute escaping": (s) =>
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      .replace(/\t/g, "&#9;")
      .replace(/\n/g, "&#10;"),
  "XML escaped twice": (s) =>
    s.replace(/&/g, "&amp;amp;").replace(/</g, "&amp;lt;").replace(/>/g, "&amp;gt;"),
  "decimal character references": (s) => s.replace(/[^A-Za-z0-9]/gu, (c) => `&#${c.codePointAt(0)};`),
  "hex character references, upper case": (s) =>
    s.replace(/[^A-Za-z0-9]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`),
  "hex character references with leading zeros": (s) =>
    s.replace(/[&<>]/g, (c) => `&#x00${c.codePointAt(0)!.toString(16)};`),
  "JSON.stringify": (s) => JSON.stringify(s).slice(1, -1),
  ".NET JavaScriptEncoder (\\u0026, \\u003C, upper case)": (s) =>
    s.replace(/[^A-Za-z0-9 -]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`),
  "\\u escapes, lower case": (s) =>
    s.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  "JSON inside JSON (escaped twice)": (s) => JSON.stringify(JSON.stringify(s)).slice(3, -3),
  "URL encoding": (s) => encodeURIComponent(s),
  "URL form encoding": (s) => encodeURIComponent(s).replace(/%20/g, "+"),
  "mixed: one character per form": (s) =>
    [...s]
      .map((c, i) =>
        /[A-Za-z0-9]/.test(c) ? c : i % 2 === 0 ? `&#${c.codePointAt(0)};` : JSON.stringify(c).slice(1, -1),
      )
      .join(""),
};

describe("redactor: the forms a secret takes when echoed", () => {
  for (const [name, encode] of Object.entries(ECHO_FORMS)) {
    it(`redacts secrets in ${name}`, () => {
      const redact = createRedactor(SPECIAL_SECRETS);
      for (const secret of SPECIAL_SECRETS) {
        const form = encode(secret);
        const out = redact(`fault: bad code ${form} (was ${form}).`);
        expect(out, `${name} of ${JSON.stringify(secret)}`).toBe(
          `fault: bad code ${REDACTED} (was ${REDACTED}).`,
        );
      }
    });
  }

  it("redacts a hex digest (the CheckKey) in any letter case", () => {
    const digests = [
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "00ab",
    ];
    const redact = createRedactor(digests);
    for (const d of digests.slice(0, 2)) {
      const mixed = [...d].map((c, i) => (i % 3 === 0 ? c.toUpperCase() : c)).join("");
      for (const form of [d, d.toUpperCase(), mixed, `\\u00${d.charCodeAt(0).toString(16)}${d.slice(1)}`]) {
        expect(redact(`CheckKey=${form};`)).toBe(`CheckKey=${REDACTED};`);
      }
    }
    // A short value is not a digest: only its exact form is a secret.
    expect(redact("00AB 00ab")).toBe(`00AB ${REDACTED}`);
  });

  it("redacts a secret cut short (its first 16 characters or more), however the text goes on", () => {
    const password = "AValidXmlNamePassword_0123456789abcdefghijklmnopqrstu"; // 52 characters
    const redact = createRedactor([password]);
    for (const cut of [16, 17, 30, 40, 51]) {
      const out = redact(`end tag </${password.slice(0, cut)}…> does not match`);
      expect(out, `cut at ${cut}`).toBe(`end tag </${REDACTED}…> does not match`);
    }
    // Fewer than 16 characters of it is not the secret.
    expect(redact(password.slice(0, 15))).toBe(password.slice(0, 15));
  });

  it("keeps text intact around very short secrets: they are redacted only as whole tokens", () => {
    const redact = createRedactor(["c", "k9", "x&y"]);
    expect(redact("code")).toBe("code");
    expect(redact("the code is c.")).toBe(`the code is ${REDACTED}.`);
    expect(redact("k9!")).toBe(`${REDACTED}!`);
    expect(redact("k99 ak9")).toBe("k99 ak9");
    expect(redact("x&amp;y and x&y")).toBe(`${REDACTED} and ${REDACTED}`);
    expect(redact("ax&yb")).toBe("ax&yb");
  });

  it("does not grow without bound: a slot keeps only the latest values", () => {
    const redact = createRedactor(["permanent-secret-1"]);
    for (let i = 0; i < 1_000; i++) redact.add(`session-${String(i).padStart(8, "0")}-abcdef`, "sessionID");
    expect(redact.size).toBe(1 + 2);
    expect(redact("session-00000999-abcdef")).toBe(REDACTED);
    expect(redact("session-00000998-abcdef")).toBe(REDACTED);
    expect(redact("permanent-secret-1")).toBe(REDACTED);
    // The same value twice counts once.
    redact.add("permanent-secret-1");
    redact.add("session-00000999-abcdef", "sessionID");
    expect(redact.size).toBe(3);
  });

  it("scrubs strings held in an error's arrays and records, and a string cause", () => {
    const secret = "S3cret&<Code-01";
    const redact = createRedactor([secret]);
    const escaped = "S3cret&amp;&lt;Code-01";
    const error = Object.assign(new Error("x", { cause: `cause ${escaped}` }), {
      issues: [{ field: "a", rule: "r", message: `m ${escaped}` }],
      detail: { text: `t \\u0026 ${JSON.stringify(secret)}` },
    });
    scrubError(error, redact);
    const everything = [JSON.stringify(error), inspect(error, { depth: 10 }), String(error.cause)].join("\n");
    expect(everything).not.toContain("S3cret");
  });
});
