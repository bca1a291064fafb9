import { describe, expect, it } from "vitest";
import { MIN_RATE_PER_SECOND, RateLimiter } from "./rate-limiter.js";

function clock() {
  let now = 0;
  const advance = (ms: number) => {
    now += ms;
  };
  return { now: () => now, sleep: async (ms: number) => advance(ms), advance };
}

describe("RateLimiter", () => {
  it("halves on a slow-down (once per burst), grows back towards the ceiling, never below the floor", async () => {
    const c = clock();
    const limiter = new RateLimiter(100, c);
    limiter.slowDown();
    limiter.slowDown();
    expect(limiter.currentRate).toBe(50);
    for (let i = 0; i < 200; i++) limiter.speedUp();
    expect(limiter.currentRate).toBe(100);
    for (let i = 0; i < 20; i++) {
      c.advance(10_000);
      limiter.slowDown();
    }
    expect(limiter.currentRate).toBe(MIN_RATE_PER_SECOND);
  });

  it("an unlimited run is halved from the pace it had, and is unlimited again once back there", async () => {
    const c = clock();
    const limiter = new RateLimiter(undefined, c);
    for (let i = 0; i < 50; i++) {
      await limiter.take();
      c.advance(10);
    }
    limiter.slowDown();
    expect(limiter.currentRate).toBeCloseTo(50, 0);
    for (let i = 0; i < 100; i++) limiter.speedUp();
    expect(limiter.currentRate).toBe(Number.POSITIVE_INFINITY);
  });

  it("pauses for a Retry-After", async () => {
    const c = clock();
    const limiter = new RateLimiter(undefined, c);
    await limiter.take();
    limiter.pauseFor(3_000);
    await limiter.take();
    expect(c.now()).toBe(3_000);
  });
});
