/**
 * How many calls each operation got that the vendor ran, by the vendor's outcome (a result code, a fault
 * number, `ok`): `{"eduix createKey": {"ok": 9990, "fault 12": 4}}`. A call the sandbox dropped before the
 * vendor ran is not counted; one dropped after (`drop-after`) is. This is what proves, on the server, that a
 * bulk run applied each row once and repeated no write. The request log keeps only the latest requests;
 * these counts cover the whole run (until a reset), in memory bounded by operations × outcomes.
 */
export interface CallCounts {
  add(vendor: string, operation: string, outcome: string): void;
  snapshot(): Record<string, Record<string, number>>;
  reset(): void;
}

/** Distinct outcomes kept per operation; more (a hostile stream of distinct texts) are counted as `other`. */
const MAX_OUTCOMES = 64;

export function createCallCounts(): CallCounts {
  let counts = new Map<string, Map<string, number>>();
  return {
    add(vendor, operation, outcome) {
      const key = `${vendor} ${operation}`;
      let byOutcome = counts.get(key);
      if (byOutcome === undefined) {
        byOutcome = new Map();
        counts.set(key, byOutcome);
      }
      const name = byOutcome.has(outcome) || byOutcome.size < MAX_OUTCOMES ? outcome : "other";
      byOutcome.set(name, (byOutcome.get(name) ?? 0) + 1);
    },
    snapshot() {
      const out: Record<string, Record<string, number>> = {};
      for (const [key, byOutcome] of counts) out[key] = Object.fromEntries(byOutcome);
      return out;
    },
    reset() {
      counts = new Map();
    },
  };
}
