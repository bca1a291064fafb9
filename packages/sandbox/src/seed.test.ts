import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSeed, DEFAULT_SEED_PATH, SeedError } from "./seed.js";

const seed = () => JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8")) as Record<string, unknown>;

describe("seed checks (generated from the seed's JSON Schema)", () => {
  it("accept the default seed", () => {
    expect(() => checkSeed(seed())).not.toThrow();
  });

  it("list every broken rule in words, one per field, without the values", () => {
    const bad = seed() as {
      easysecure: { companies: Record<string, unknown>[] };
      eduix?: unknown;
      extra?: unknown;
    };
    bad.easysecure.companies[0]!.securityHash = "s".repeat(33);
    bad.easysecure.companies[0]!.type = "Plus";
    delete bad.eduix;
    bad.extra = "secret-extra";
    let error: unknown;
    try {
      checkSeed(bad, "test seed");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toBe(
      [
        "test seed is not a valid sandbox seed:",
        "  eduix: is required [required]",
        "  easysecure.companies.0.securityHash: must be at most 32 characters (got 33) [maxLength]",
        '  easysecure.companies.0.type: must be "Standard" or "Branches" [enum]',
        "  extra: is not allowed here [additionalProperties]",
      ].join("\n"),
    );
    expect((error as Error).message).not.toContain("secret-extra");
  });
});
