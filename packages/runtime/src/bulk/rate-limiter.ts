/**
 * The pace of a bulk run: a start every 1/rate seconds, a rate that halves when the vendor says "slow down" and
 * grows back while calls succeed (additive increase, multiplicative decrease, as TCP does), and a pause for as
 * long as a `Retry-After` asks (RFC 9110, 10.2.3).
 */
import { abortableSleep } from "../retry.js";

/** The clock and timer the limiter uses; tests pass their own so that nothing waits for real time. */
export interface BulkClock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: BulkClock = {
  now: () => performance.now(),
  sleep: abortableSleep,
};

/** The lowest rate a slow-down reaches: one start every two seconds still makes progress. */
export const MIN_RATE_PER_SECOND = 0.5;
/** Each success adds this share of the current rate (and at least 0.5 rows/s) until the ceiling. */
const GROWTH = 0.02;

export class RateLimiter {
  /** The starts per second allowed now; `Infinity` while no limit was given and none was needed. */
  private rate: number;
  private nextAt = 0;
  private pausedUntil = 0;
  /** No second halving before the starts paced at the halved rate have been seen (one halving per signal burst). */
  private calmUntil = 0;
  /** Smoothed gap between starts, for halving an unlimited run from the pace it actually had. */
  private gapMs: number | undefined;
  private lastStart: number | undefined;
  /** The pace an unlimited run was halved from: back there, it is unlimited again. */
  private unlimitedFrom = 0;

  constructor(
    /** The most starts per second (`undefined`: as fast as concurrency allows). */
    private readonly ceiling: number | undefined,
    private readonly clock: BulkClock = REAL_CLOCK,
  ) {
    this.rate = ceiling ?? Number.POSITIVE_INFINITY;
  }

  /** The current rate, in starts per second (`Infinity`: unlimited). */
  get currentRate(): number {
    return this.rate;
  }

  /** Waits for the next start slot; resolves early (and takes no slot) when `signal` fires. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      const now = this.clock.now();
      const at = Math.max(this.nextAt, this.pausedUntil);
      if (at <= now) break;
      await this.clock.sleep(at - now, signal);
    }
    const now = this.clock.now();
    if (this.lastStart !== undefined) {
      const gap = now - this.lastStart;
      this.gapMs = this.gapMs === undefined ? gap : this.gapMs * 0.9 + gap * 0.1;
    }
    this.lastStart = now;
    const spacing = Number.isFinite(this.rate) ? 1000 / this.rate : 0;
    this.nextAt = Math.max(now, this.nextAt) + spacing;
  }

  /** The vendor asked us to slow down (a 5xx, a time-out, a transient vendor code): halve the rate. */
  slowDown(): void {
    const now = this.clock.now();
    if (now < this.calmUntil) return;
    if (!Number.isFinite(this.rate)) this.unlimitedFrom = this.observedRate() || 4 * MIN_RATE_PER_SECOND;
    const from = Number.isFinite(this.rate) ? this.rate : this.unlimitedFrom;
    this.rate = Math.max(MIN_RATE_PER_SECOND, from / 2);
    this.calmUntil = now + 1000 / this.rate;
  }

  /** A call succeeded: grow back towards the ceiling. */
  speedUp(): void {
    if (!Number.isFinite(this.rate)) return;
    const grown = this.rate + Math.max(0.5, this.rate * GROWTH);
    if (this.ceiling === undefined) {
      // An unlimited run is unlimited again once it is back at the pace it was halved from.
      this.rate = grown >= this.unlimitedFrom ? Number.POSITIVE_INFINITY : grown;
    } else {
      this.rate = Math.min(this.ceiling, grown);
    }
  }

  /** `Retry-After`: no start before `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Starts per second over the recent starts (0 before two starts were seen). */
  private observedRate(): number {
    if (this.gapMs === undefined) return 0;
    return 1000 / Math.max(this.gapMs, 0.01);
  }
}
