/**
 * The durable journal of a bulk run, in two JSON Lines files:
 * - the journal file: a header naming the vendor and operation, then `{"started":<row>}` before each send;
 * - the results file: exactly one line per finished row, written by the caller's `toResultLine` (it must hold
 *   the row number as `row`). The results file is the record of outcomes, so it can never disagree with the
 *   journal about which rows are finished.
 *
 * Both are appended with group commit and fdatasync (group-appender.ts). A line cut short by a crash is the
 * last one of its file; on resume it is cut off, which turns a half-written outcome back into a row started
 * without an outcome: an unknown outcome for a write, a re-send for an idempotent operation. Nothing can be
 * reported finished that was not.
 */
import { createReadStream } from "node:fs";
import { type FileHandle, open, stat, truncate } from "node:fs/promises";
import { type Durability, GroupAppender } from "./group-appender.js";
import type { BulkJournal, BulkRowState } from "./journal.js";
import type { BulkOutcome } from "./outcome.js";

export interface FileJournalOptions {
  readonly journalPath: string;
  readonly resultsPath: string;
  /** What the run is: a resumed run must be the same vendor and operation. */
  readonly vendor: string;
  readonly operation: string;
  /** Continue the run these files record; without it, existing files are an error (nothing is overwritten). */
  readonly resume: boolean;
  /** One outcome as one line of JSON, without a newline; it must hold the row number as `row`. */
  toResultLine(outcome: BulkOutcome): string;
  /** Default `fsync`; see GroupAppender. */
  readonly durability?: Durability | undefined;
}

export interface FileJournal extends BulkJournal {
  /**
   * What the files held when they were opened: finished rows (and how many of each `status` their result
   * lines give), and rows started without an outcome.
   */
  readonly resumed: {
    readonly finished: number;
    readonly started: number;
    readonly byStatus: Readonly<Record<string, number>>;
  };
  close(): Promise<void>;
}

/** The journal or results file cannot be used for this run; the message says why and what to do. */
export class BulkJournalError extends Error {
  override readonly name = "BulkJournalError";
}

const HEADER = "integrations-bulk-journal";

/** Row states, one byte per row number: flat and small (100 000 rows take 100 kB). */
class RowStates {
  private bytes = new Uint8Array(1024);
  get(row: number): number {
    return row < this.bytes.length ? this.bytes[row]! : 0;
  }
  set(row: number, state: number): void {
    if (row >= this.bytes.length) {
      let size = this.bytes.length;
      while (size <= row) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[row] = Math.max(this.bytes[row]!, state);
  }
}
const STARTED = 1;
const FINISHED = 2;

/**
 * Reads a JSON Lines file line by line (bounded memory); a last line without its newline was cut short by a
 * crash and is cut off the file.
 */
async function readLines(path: string, onLine: (line: string, number: number) => void): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  let rest = "";
  let complete = 0;
  let number = 0;
  for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      const line = text.slice(start, nl);
      complete += Buffer.byteLength(line, "utf8") + 1;
      number++;
      if (line.trim() !== "") onLine(line, number);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (complete < size) await truncate(path, complete);
}

function recordOf(line: string, path: string, number: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (value !== null && typeof value === "object") return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new BulkJournalError(`${path} line ${number} is not JSON: the file is not a bulk run's record`);
}

function rowOf(line: string, path: string, number: number, key: string): number {
  const value = recordOf(line, path, number)[key];
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new BulkJournalError(`${path} line ${number} has no row number (${key})`);
  }
  return value as number;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

export async function openFileJournal(options: FileJournalOptions): Promise<FileJournal> {
  const { journalPath, resultsPath, resume } = options;
  const states = new RowStates();
  let finished = 0;
  let started = 0;
  const byStatus: Record<string, number> = {};
  const hadJournal = await exists(journalPath);
  if (!resume) {
    for (const path of [resultsPath, journalPath]) {
      if (await exists(path)) {
        throw new BulkJournalError(
          `${path} already exists: give --resume to continue that run, or choose another results file`,
        );
      }
    }
  } else {
    if ((await exists(resultsPath)) && !hadJournal) {
      throw new BulkJournalError(
        `${resultsPath} exists but its journal ${journalPath} does not: it cannot be resumed safely`,
      );
    }
    let header = true;
    await readLines(journalPath, (line, number) => {
      if (header) {
        header = false;
        const h = JSON.parse(line) as Record<string, unknown>;
        if (h.journal !== HEADER) throw new BulkJournalError(`${journalPath} is not a bulk run's journal`);
        if (h.vendor !== options.vendor || h.operation !== options.operation) {
          throw new BulkJournalError(
            `${journalPath} records a run of ${String(h.vendor)} ${String(h.operation)}, not ${options.vendor} ${options.operation}`,
          );
        }
        return;
      }
      const row = rowOf(line, journalPath, number, "started");
      if (states.get(row) === 0) started++;
      states.set(row, STARTED);
    });
    await readLines(resultsPath, (line, number) => {
      const row = rowOf(line, resultsPath, number, "row");
      const status = String(recordOf(line, resultsPath, number).status ?? "");
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const before = states.get(row);
      if (before === FINISHED) {
        throw new BulkJournalError(`${resultsPath} line ${number}: row ${row} is there twice`);
      }
      if (before === STARTED) started--;
      states.set(row, FINISHED);
      finished++;
    });
  }

  let journalFile: FileHandle | undefined;
  let resultsFile: FileHandle | undefined;
  try {
    journalFile = await open(journalPath, "a");
    resultsFile = await open(resultsPath, "a");
  } catch (error) {
    await journalFile?.close();
    throw error;
  }
  const journal = new GroupAppender(journalFile, options.durability);
  const results = new GroupAppender(resultsFile, options.durability);
  if (!(await exists(journalPath))) {
    await journal.append(
      JSON.stringify({ journal: HEADER, version: 1, vendor: options.vendor, operation: options.operation }),
    );
  }
  return {
    resumed: { finished, started, byStatus },
    stateOf(row) {
      const state = states.get(row);
      const named: BulkRowState = state === FINISHED ? "finished" : state === STARTED ? "started" : "new";
      return named;
    },
    started(row) {
      return journal.append(JSON.stringify({ started: row }));
    },
    finished(outcome) {
      const line = options.toResultLine(outcome);
      if (line.includes("\n")) return Promise.reject(new TypeError("a result line must be one line"));
      return results.append(line);
    },
    async close() {
      await journal.drain();
      await results.drain();
      await journalFile.close();
      await resultsFile.close();
    },
  };
}
