import { describe, expect, it } from "vitest";
import { createBodyBudget, SMALL_BODY_BYTES } from "./body-budget.js";

describe("body budget", () => {
  it("caps the bytes held at once, and counts what it refuses", () => {
    const budget = createBodyBudget(1000, 0);
    expect(budget.take(600, SMALL_BODY_BYTES)).toBe(true);
    expect(budget.take(401, SMALL_BODY_BYTES)).toBe(false);
    expect(budget.take(400, SMALL_BODY_BYTES)).toBe(true);
    expect(budget.used).toBe(1000);
    budget.give(600);
    expect(budget.used).toBe(400);
    expect(budget.peak).toBe(1000);
    expect(budget.refused).toBe(1);
  });

  it.each([
    [8 * 1024 * 1024, undefined],
    [64 * 1024 * 1024, 8 * 1024 * 1024],
    [1024 * 1024, 512 * 1024],
  ])("keeps the reserve of a %i-byte budget for the first bytes of each body", (total, reserve) => {
    const budget = createBodyBudget(total, reserve);
    const kept = reserve ?? total / 8;
    // Large bodies fill everything but the reserve, 32 KiB at a time.
    let held = SMALL_BODY_BYTES;
    while (budget.take(32 * 1024, held)) held += 32 * 1024;
    expect(budget.used).toBeGreaterThan(total - kept - 32 * 1024);
    expect(budget.used).toBeLessThanOrEqual(total - kept);
    // Small bodies still get in, up to the whole budget.
    let small = 0;
    while (budget.take(4096, 0)) small++;
    expect(budget.used).toBeLessThanOrEqual(total);
    expect(small).toBeGreaterThanOrEqual(Math.floor(kept / 4096));
  });
});
