/**
 * `runBulk`: many calls of one operation through one client, with bounded concurrency, a rate limit that
 * backs off when the vendor struggles, a journal for resuming, and each row's outcome yielded as it completes.
 *
 * Memory stays flat whatever the number of rows: rows are pulled from the iterable only when there is room
 * (fewer than `concurrency` calls in flight or outcomes waiting to be read), so at most `concurrency` rows are
 * held at once. One client serves every row, so an Edu-iX run shares one login (the client logs in again
 * when the session expires).
 */
import { ValidationError } from "../errors.js";
import { methodName, type OperationDescriptor } from "../operation.js";
import { backPressureOf } from "./back-pressure.js";
import type { BulkJournal } from "./journal.js";
import { type BulkOutcome, type BulkRow, failureOutcome } from "./outcome.js";
import { type BulkClock, RateLimiter, REAL_CLOCK } from "./rate-limiter.js";

/** What runBulk reads of a descriptor: the uniform fields. */
export type BulkOperation = Pick<OperationDescriptor, "operationId" | "wireName" | "idempotent" | "codes">;

export interface BulkOptions<Input> {
  /** A client whose method for `operation` (its operationId in camelCase) takes `(input, { signal })`. */
  readonly client: object;
  readonly operation: BulkOperation;
  readonly rows: AsyncIterable<BulkRow<Input>> | Iterable<BulkRow<Input>>;
  /** Most calls in flight at once. Default 8. */
  readonly concurrency?: number | undefined;
  /** Most calls started per second. Default: no limit beyond concurrency (slow-downs still apply). */
  readonly ratePerSecond?: number | undefined;
  /** Where rows are recorded before they are sent and after their outcome; skips what an earlier run finished. */
  readonly journal?: BulkJournal | undefined;
  /**
   * Stops the run: no new row is started; the calls in flight are awaited (each within its time limit) and
   * their outcomes recorded and yielded. A row the journal saw start and never finish is found by `--resume`.
   */
  readonly signal?: AbortSignal | undefined;
  /** Time limit of each call, in ms (the client's own by default). */
  readonly callTimeoutMs?: number | undefined;
  /** Injected in tests. */
  readonly clock?: BulkClock | undefined;
}

export const DEFAULT_BULK_CONCURRENCY = 8;
/** More calls in flight than this against one vendor is a mistake (and a way to be blocked). */
export const MAX_BULK_CONCURRENCY = 256;

function optionIssues(options: BulkOptions<unknown>): ValidationError | undefined {
  const issues = [];
  const { concurrency, ratePerSecond } = options;
  if (
    concurrency !== undefined &&
    (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_BULK_CONCURRENCY)
  ) {
    issues.push({
      field: "concurrency",
      rule: "range",
      message: `must be a whole number from 1 to ${MAX_BULK_CONCURRENCY}`,
    });
  }
  if (ratePerSecond !== undefined && !(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) {
    issues.push({ field: "ratePerSecond", rule: "range", message: "must be a number of calls above 0" });
  }
  return issues.length > 0 ? new ValidationError(issues, { operation: "runBulk" }) : undefined;
}

type Method = (input: unknown, options: { signal?: AbortSignal; timeoutMs?: number }) => Promise<unknown>;

/** Runs every row and yields each outcome as it completes (not in row order). */
export async function* runBulk<Input = unknown, Result = unknown>(
  options: BulkOptions<Input>,
): AsyncGenerator<BulkOutcome<Input, Result>, void, undefined> {
  const invalid = optionIssues(options as BulkOptions<unknown>);
  if (invalid) throw invalid;
  const { operation, journal, signal } = options;
  const name = methodName(operation.operationId);
  const method = (options.client as Record<string, unknown>)[name];
  if (typeof method !== "function") throw new TypeError(`the client has no method ${name}()`);
  const call = (method as Method).bind(options.client);
  const concurrency = options.concurrency ?? DEFAULT_BULK_CONCURRENCY;
  const limiter = new RateLimiter(options.ratePerSecond, options.clock ?? REAL_CLOCK);
  const pressure = backPressureOf(operation);
  const callOptions = options.callTimeoutMs === undefined ? {} : { timeoutMs: options.callTimeoutMs };

  const rows =
    Symbol.asyncIterator in options.rows
      ? options.rows[Symbol.asyncIterator]()
      : (options.rows as Iterable<BulkRow<Input>>)[Symbol.iterator]();
  const ready: BulkOutcome<Input, Result>[] = [];
  const inFlight = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  let exhausted = false;
  /** A journal that cannot record (a full disk) stops the run: nothing is sent that could not be resumed. */
  let journalError: { error: unknown } | undefined;
  const stopped = () => signal?.aborted === true || journalError !== undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  async function settle(outcome: BulkOutcome<Input, Result>): Promise<void> {
    // Recorded before it is reported: what a caller saw is never missing from the journal.
    await journal?.finished(outcome as BulkOutcome);
    ready.push(outcome);
    notify();
  }

  async function send(row: BulkRow<Input>): Promise<void> {
    await journal?.started(row.row);
    let outcome: BulkOutcome<Input, Result>;
    try {
      const result = (await call(row.input, callOptions)) as Result;
      limiter.speedUp();
      outcome = { status: "ok", row: row.row, line: row.line, input: row.input, result };
    } catch (error) {
      if (pressure.slowDown(error)) limiter.slowDown();
      const wait = pressure.retryAfterMs(error);
      if (wait !== undefined) limiter.pauseFor(wait);
      outcome = failureOutcome(operation, row, error);
    }
    await settle(outcome);
  }

  function launch(row: BulkRow<Input>): void {
    const task: Promise<void> = send(row)
      .catch((error: unknown) => {
        journalError ??= { error };
      })
      .finally(() => {
        inFlight.delete(task);
        notify();
      });
    inFlight.add(task);
  }

  /** Pulls rows while there is room; a row an earlier run left in flight is settled without a call. */
  async function fill(): Promise<void> {
    while (!exhausted && !stopped() && inFlight.size + ready.length < concurrency) {
      const next = await rows.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const row = next.value;
      const state = journal ? journal.stateOf(row.row) : "new";
      if (state === "finished") continue;
      if (state === "started" && !operation.idempotent) {
        await settle({
          status: "unknown",
          row: row.row,
          line: row.line,
          input: row.input,
          reason: "interrupted",
        });
        continue;
      }
      await limiter.take(signal);
      if (stopped()) return;
      launch(row);
    }
  }

  try {
    for (;;) {
      await fill();
      const outcome = ready.shift();
      if (outcome !== undefined) {
        yield outcome;
        continue;
      }
      if (inFlight.size === 0 && (exhausted || stopped())) {
        if (journalError) throw journalError.error;
        return;
      }
      // Room is made, or an outcome is ready, only when a call in flight settles.
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (ready.length > 0 || inFlight.size === 0) notify();
      });
    }
  } finally {
    // A caller that stops reading early still leaves a consistent journal: every started call is recorded.
    await Promise.allSettled([...inFlight]);
    await (rows as AsyncIterator<unknown>).return?.();
  }
}
