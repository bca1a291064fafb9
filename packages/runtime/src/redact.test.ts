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
