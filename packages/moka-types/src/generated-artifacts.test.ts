import { describe, expect, it } from "vitest";
import { operations, servers } from "./index.js";

describe("generated Moka artifacts", () => {
  it("give every operation a catalog with Success, unique codes and a meaning for each", () => {
    for (const op of Object.values(operations)) {
      const codes = op.codes.map((c) => c.code);
      expect(codes).toContain("Success");
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of op.codes) expect(c.meaning.length).toBeGreaterThan(0);
      expect(op.binding.requestSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(op.binding.responseSchema.$id).toMatch(/^https:\/\/integrations\.local\/contracts\/moka\//);
    }
  });

  it("name the test and production servers", () => {
    expect(Object.keys(servers).sort()).toEqual(["production", "test"]);
  });
});
