/**
 * One budget for the request bytes all listeners hold in memory at once. Each body is capped on its own
 * (`maxBodyBytes`); this caps their sum, so many concurrent large bodies cannot grow the process without
 * bound. The last part of the budget (the reserve) is kept for the first SMALL_BODY_BYTES of each body, so
 * ordinary requests (a few KiB) are still taken while large bodies have used up the rest.
 */

/** The first bytes of every body may draw on the reserve. */
export const SMALL_BODY_BYTES = 64 * 1024;

export interface BodyBudget {
  /** The bytes held now. */
  readonly used: number;
  /** The most bytes held at once since the start. */
  readonly peak: number;
  /** How many times `take` found no room. */
  readonly refused: number;
  /** Takes `n` more bytes for a body that already holds `held`; false when there is no room for them. */
  take(n: number, held: number): boolean;
  /** Gives back bytes that are no longer held. */
  give(n: number): void;
}

/** A budget of `total` bytes, of which `reserve` (default an eighth) is kept for small bodies. */
export function createBodyBudget(total: number, reserve = Math.floor(total / 8)): BodyBudget {
  let used = 0;
  let peak = 0;
  let refused = 0;
  return {
    get used() {
      return used;
    },
    get peak() {
      return peak;
    },
    get refused() {
      return refused;
    },
    take(n, held) {
      const limit = held + n <= SMALL_BODY_BYTES ? total : total - reserve;
      if (used + n > limit) {
        refused++;
        return false;
      }
      used += n;
      if (used > peak) peak = used;
      return true;
    },
    give(n) {
      used = Math.max(0, used - n);
    },
  };
}
