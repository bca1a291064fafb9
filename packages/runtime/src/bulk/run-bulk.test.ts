import { describe, expect, it } from "vitest";
import { HttpStatusError, NetworkError, ServiceError, TimeoutError, ValidationError } from "../errors.js";
import type { BulkJournal, BulkRowState } from "./journal.js";
import type { BulkOutcome, BulkRow } from "./outcome.js";
import type { BulkClock } from "./rate-limiter.js";
import { type BulkOperation, runBulk } from "./run-bulk.js";

class TestServiceError extends ServiceError<string> {
  readonly vendor = "test";
}

const write: BulkOperation = {
  operationId: "createThing",
  wireName: "createThing",
  idempotent: false,
  codes: [
    { code: "Busy", meaning: "try later", retryable: true },
    { code: "Expired", meaning: "log in", retryable: true, recovery: "login" },
    { code: "Taken", meaning: "already there", retryable: false },
  ],
};
const read: BulkOperation = { ...write, operationId: "getThing", wireName: "getThing", idempotent: true };

/** A clock whose sleeps resolve at once and move time on: rate limiting is observed, never waited for. */
function fakeClock(): BulkClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

function* rowsOf(n: number): Generator<BulkRow<{ id: number }>> {
  for (let i = 1; i <= n; i++) yield { row: i, input: { id: i } };
}

class MemoryJournal implements BulkJournal {
  readonly events: string[] = [];
  constructor(private readonly earlier: Record<number, BulkRowState> = {}) {}
  stateOf(row: number): BulkRowState {
    return this.earlier[row] ?? "new";
  }
  async started(row: number): Promise<void> {
    this.events.push(`started ${row}`);
  }
  async finished(outcome: BulkOutcome): Promise<void> {
    this.events.push(`${outcome.status} ${outcome.row}`);
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("runBulk", () => {
  it("runs every row through the client's method, at most `concurrency` at once, and yields each outcome", async () => {
    let inFlight = 0;
    let most = 0;
    const client = {
      async createThing(input: { id: number }) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        if (input.id % 10 === 0) throw new TestServiceError({ code: "Taken", meaning: "already there" });
        return { made: input.id };
      },
    };
    const outcomes = await collect(runBulk({ client, operation: write, rows: rowsOf(100), concurrency: 4 }));
    expect(outcomes).toHaveLength(100);
    expect(most).toBe(4);
    expect(new Set(outcomes.map((o) => o.row)).size).toBe(100);
    const failed = outcomes.filter((o) => o.status === "failed");
    expect(failed).toHaveLength(10);
    expect(failed[0]).toMatchObject({ status: "failed", code: "Taken" });
    expect(outcomes.find((o) => o.row === 7)).toMatchObject({ status: "ok", result: { made: 7 } });
  });

  it("pulls rows only when there is room: the rows held stay bounded however many there are", async () => {
    let pulled = 0;
    let settled = 0;
    let mostAhead = 0;
    async function* rows(): AsyncGenerator<BulkRow> {
      for (let i = 1; i <= 2_000; i++) {
        pulled++;
        mostAhead = Math.max(mostAhead, pulled - settled);
        yield { row: i, input: i };
      }
    }
    const client = { createThing: async (n: unknown) => n };
    for await (const _ of runBulk({ client, operation: write, rows: rows(), concurrency: 5 })) settled++;
    expect(settled).toBe(2_000);
    expect(mostAhead).toBeLessThanOrEqual(6);
  });

  it("a write that got no answer has an unknown outcome; a read is a plain failure; a refused connection was not sent", async () => {
    const errors: Record<number, Error> = {
      1: new NetworkError("other side closed", { code: "UND_ERR_SOCKET" }),
      2: new TimeoutError(1000),
      3: new NetworkError("refused", { code: "ECONNREFUSED" }),
      4: new ValidationError([{ field: "id", rule: "type", message: "must be an integer" }]),
    };
    const fail = async (input: { id: number }) => {
      throw errors[input.id];
    };
    const w = await collect(runBulk({ client: { createThing: fail }, operation: write, rows: rowsOf(4) }));
    const byRow = (list: BulkOutcome[], row: number) => list.find((o) => o.row === row)?.status;
    expect([1, 2, 3, 4].map((r) => byRow(w, r))).toEqual(["unknown", "unknown", "failed", "failed"]);
    const r = await collect(runBulk({ client: { getThing: fail }, operation: read, rows: rowsOf(4) }));
    expect([1, 2, 3, 4].map((n) => byRow(r, n))).toEqual(["failed", "failed", "failed", "failed"]);
  });

  it("journals each row before it is sent and its outcome before it is yielded", async () => {
    const journal = new MemoryJournal();
    const sent: number[] = [];
    const client = {
      createThing: async (input: { id: number }) => {
        expect(journal.events).toContain(`started ${input.id}`);
        sent.push(input.id);
        return input.id;
      },
    };
    for await (const outcome of runBulk({ client, operation: write, rows: rowsOf(20), journal })) {
      expect(journal.events).toContain(`ok ${outcome.row}`);
    }
    expect(sent.sort((a, b) => a - b)).toEqual([...rowsOf(20)].map((r) => r.row));
  });

  it("resumes: skips finished rows, reports an interrupted write as unknown without sending it, re-sends an interrupted read", async () => {
    const earlier: Record<number, BulkRowState> = { 1: "finished", 2: "started", 3: "finished" };
    const sent: number[] = [];
    const call = async (input: { id: number }) => {
      sent.push(input.id);
      return input.id;
    };
    const w = await collect(
      runBulk({
        client: { createThing: call },
        operation: write,
        rows: rowsOf(4),
        journal: new MemoryJournal(earlier),
      }),
    );
    expect(sent).toEqual([4]);
    expect(w.map((o) => [o.row, o.status])).toEqual(
      expect.arrayContaining([
        [2, "unknown"],
        [4, "ok"],
      ]),
    );
    expect(w.find((o) => o.row === 2)).toMatchObject({ reason: "interrupted" });
    sent.length = 0;
    const r = await collect(
      runBulk({
        client: { getThing: call },
        operation: read,
        rows: rowsOf(4),
        journal: new MemoryJournal(earlier),
      }),
    );
    expect(sent.sort()).toEqual([2, 4]);
    expect(r).toHaveLength(2);
  });

  it("stops on its signal: no new row starts, the calls in flight are awaited and their outcomes yielded", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const client = {
      createThing: async (input: { id: number }) => {
        started.push(input.id);
        if (input.id === 3) controller.abort();
        await new Promise((r) => setImmediate(r));
        return input.id;
      },
    };
    const outcomes = await collect(
      runBulk({ client, operation: write, rows: rowsOf(100), concurrency: 2, signal: controller.signal }),
    );
    expect(started.length).toBeLessThan(100);
    expect(outcomes.map((o) => o.row).sort((a, b) => a - b)).toEqual(started.sort((a, b) => a - b));
    expect(outcomes.every((o) => o.status === "ok")).toBe(true);
  });

  it("keeps to the rate, halves it on a slow-down code or a 5xx, and waits as long as Retry-After asks", async () => {
    const clock = fakeClock();
    const client = {
      createThing: async (input: { id: number }) => {
        if (input.id === 5) throw new TestServiceError({ code: "Busy", meaning: "try later" });
        if (input.id === 10) throw new HttpStatusError(503, "text/html", { retryAfterMs: 7_000 });
        return input.id;
      },
    };
    const outcomes = await collect(
      runBulk({ client, operation: write, rows: rowsOf(12), concurrency: 1, ratePerSecond: 10, clock }),
    );
    expect(outcomes).toHaveLength(12);
    // 100 ms apart at 10/s; after the Busy code, 200 ms (5/s, growing back); the 503 asks for 7 s.
    expect(clock.slept.slice(0, 4)).toEqual([100, 100, 100, 100]);
    expect(clock.slept[5]).toBeGreaterThan(180);
    expect(Math.max(...clock.slept)).toBeGreaterThanOrEqual(7_000);
  });

  it("does not slow down for a session-expiry code (the client logs in again) or a code that is not transient", async () => {
    const clock = fakeClock();
    const client = {
      createThing: async (input: { id: number }) => {
        if (input.id % 2 === 0) throw new TestServiceError({ code: "Expired", meaning: "log in" });
        throw new TestServiceError({ code: "Taken", meaning: "already there" });
      },
    };
    await collect(
      runBulk({ client, operation: write, rows: rowsOf(6), concurrency: 1, ratePerSecond: 10, clock }),
    );
    expect(new Set(clock.slept)).toEqual(new Set([100]));
  });

  it("rejects a bad concurrency or rate before anything is sent, naming the option", async () => {
    const client = { createThing: async () => 1 };
    await expect(
      collect(runBulk({ client, operation: write, rows: rowsOf(1), concurrency: 0 })),
    ).rejects.toThrow(/concurrency must be a whole number/);
    await expect(
      collect(runBulk({ client, operation: write, rows: rowsOf(1), ratePerSecond: Number.NaN })),
    ).rejects.toThrow(/ratePerSecond/);
    await expect(collect(runBulk({ client: {}, operation: write, rows: rowsOf(1) }))).rejects.toThrow(
      /no method createThing/,
    );
  });

  it("stops when the journal cannot record, after the calls in flight, and throws the journal's error", async () => {
    const journal = new MemoryJournal();
    journal.started = async (row: number) => {
      if (row === 3) throw new Error("ENOSPC: no space left on device");
    };
    const sent: number[] = [];
    const client = { createThing: async (input: { id: number }) => sent.push(input.id) };
    await expect(
      collect(runBulk({ client, operation: write, rows: rowsOf(50), concurrency: 1, journal })),
    ).rejects.toThrow(/ENOSPC/);
    expect(sent).toEqual([1, 2]);
  });
});
