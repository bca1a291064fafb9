/**
 * What a bulk run needs of its journal: whether a row is new, was started by an earlier run without an outcome
 * being recorded, or is finished; a record before each send and one after each outcome. `openFileJournal`
 * (file-journal.ts) is the durable implementation; tests may pass their own.
 */
import type { BulkOutcome } from "./outcome.js";

export type BulkRowState = "new" | "started" | "finished";

export interface BulkJournal {
  /** What an earlier run recorded about `row`. */
  stateOf(row: number): BulkRowState;
  /** Records that `row` is about to be sent; the run sends it only after this resolves. */
  started(row: number): Promise<void>;
  /** Records the row's final outcome; the run reports it only after this resolves. */
  finished(outcome: BulkOutcome): Promise<void>;
}
