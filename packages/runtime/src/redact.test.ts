import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact.js";

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
});
