/** The classification policy: one rule per kind of change, applied by direction. */
import { describe, expect, it } from "vitest";
import { ChangeLog } from "./change.js";
import { BOTH, classify, REQUEST, RESPONSE, ruleFor } from "./policy.js";

const classified = (kind: string, dirs: typeof BOTH) => {
  const log = new ChangeLog();
  log.record(kind, "somewhere", dirs, "because");
  return log.changes[0]!;
};

describe("the classification policy", () => {
  it("a stricter request is breaking, a stricter response is not", () => {
    expect(classified("field-added-required", REQUEST).classification).toBe("breaking");
    expect(classified("field-added-required", RESPONSE).classification).toBe("non-breaking");
    expect(classified("field-became-required", RESPONSE).why).toMatch(
      /not breaking here: only used in responses/,
    );
  });

  it("a wider response is breaking, a wider request is not", () => {
    expect(classified("type-widened", RESPONSE).classification).toBe("breaking");
    expect(classified("type-widened", REQUEST).classification).toBe("non-breaking");
    expect(classified("choice-member-added", RESPONSE).why).toMatch(/\(used in responses\)$/);
  });

  it("a definition used in both directions gets the stricter verdict", () => {
    expect(classified("field-added-required", BOTH).classification).toBe("breaking");
    expect(classified("type-widened", BOTH).why).toMatch(/\(used in requests and responses\)$/);
    expect(classify(ruleFor("type-widened"), new Set())).toBe("breaking");
  });

  it("some kinds break whatever the direction, others never do", () => {
    for (const dirs of [REQUEST, RESPONSE, BOTH]) {
      expect(classified("field-removed", dirs).classification).toBe("breaking");
      expect(classified("operation-added", dirs).classification).toBe("non-breaking");
      expect(classified("description-changed", dirs).why).toBe("because");
    }
  });

  it("value restrictions: narrowed, added or changed breaks on both sides; widened or removed never does", () => {
    for (const dirs of [REQUEST, RESPONSE]) {
      expect(classified("maxLength-narrowed", dirs).classification).toBe("breaking");
      expect(classified("pattern-added", dirs).classification).toBe("breaking");
      expect(classified("totalDigits-changed", dirs).classification).toBe("breaking");
      expect(classified("maxInclusive-widened", dirs).classification).toBe("non-breaking");
      expect(classified("enum-removed", dirs).classification).toBe("non-breaking");
      // An enumeration's values are the exception: one removed narrows it, one added widens it.
      expect(classified("enum-value-removed", dirs).classification).toBe("breaking");
      expect(classified("enum-value-added", dirs).classification).toBe("non-breaking");
    }
  });

  it("a kind without a rule is a bug, not a silent classification", () => {
    expect(() => ruleFor("field-misspelt")).toThrow(
      /no classification policy for change kind field-misspelt/,
    );
  });
});
