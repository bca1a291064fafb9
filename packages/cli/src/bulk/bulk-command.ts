/**
 * A bulk run from the command line: every row of the file is read and validated first (bad rows are listed
 * with their line, field and rule, and nothing is sent unless `--skip-invalid`), then the rows go through
 * `runBulk` with one client, a durable journal and the results file, with progress on stderr and a summary on
 * stdout. The exit code says whether every row succeeded.
 */
import {
  AbortError,
  BulkJournalError,
  type BulkRow,
  openFileJournal,
  runBulk,
  type ValidationIssue,
} from "@integrations/runtime";
import { EXIT, UsageError } from "../errors.js";
import type { Clients, Flags, OperationSpec } from "../operations.js";
import type { BulkFlags } from "./bulk-args.js";
import { type BulkOperationInfo, bulkOperationInfo } from "./bulk-operation.js";
import { Progress } from "./progress.js";
import { resultLine } from "./result-line.js";
import { readRows, type SourceRow } from "./row-source.js";

export interface BulkCommandContext {
  readonly operation: OperationSpec;
  readonly bulk: BulkFlags;
  readonly flags: Flags;
  readonly clients: Clients;
  readonly signal: AbortSignal | undefined;
  /** The CLI's output guard: every byte written (results file included) passes through it. */
  readonly guard: (text: string) => string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal (a redrawn progress bar) or not (periodic plain lines). */
  readonly tty: boolean;
  /** Registers a run-time secret with the guard. */
  secret(value: string): void;
}

/** Invalid rows listed in full; beyond them, only counted. */
const INVALID_ROWS_SHOWN = 100;

interface InvalidRow {
  row: number;
  line: number;
  issues: ValidationIssue[];
}

function issuesOf(source: SourceRow, info: BulkOperationInfo): ValidationIssue[] {
  return source.issues.length > 0 ? [...source.issues] : info.validate(source.input);
}

/** The validation pass: counts the rows and lists the first invalid ones (bounded memory). */
async function validateFile(
  op: OperationSpec,
  path: string,
  info: BulkOperationInfo,
  signal: AbortSignal | undefined,
) {
  let rows = 0;
  let invalid = 0;
  const shown: InvalidRow[] = [];
  for await (const source of readRows(op, path)) {
    // Ctrl-C while a large file is checked: stop before anything is created or sent (exit 130).
    if (signal?.aborted) throw new AbortError({ operation: op.operation });
    rows++;
    const issues = issuesOf(source, info);
    if (issues.length === 0) continue;
    invalid++;
    if (shown.length < INVALID_ROWS_SHOWN) shown.push({ row: source.row, line: source.line, issues });
  }
  return { rows, invalid, shown };
}

export async function runBulkCommand(ctx: BulkCommandContext): Promise<number> {
  const { operation: op, bulk } = ctx;
  const info = await bulkOperationInfo(op);
  const checked = await validateFile(op, bulk.from, info, ctx.signal);
  if (checked.invalid > 0 && !bulk.skipInvalid) {
    ctx.err(
      `${JSON.stringify(
        {
          name: "ValidationError",
          kind: "validation",
          message: `${checked.invalid} of ${checked.rows} rows break the contract; nothing was sent`,
          operation: op.operation,
          rows: checked.shown,
          ...(checked.invalid > checked.shown.length ? { more: checked.invalid - checked.shown.length } : {}),
          hint: "Fix these rows, or give --skip-invalid to run the valid rows only.",
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.VALIDATION;
  }

  // The client first: a missing variable is reported before any file is created.
  // Client options only: a bulk run's inputs come from its rows, never from the environment or stdin.
  const runContext = {
    flags: ctx.flags,
    clients: ctx.clients,
    signal: ctx.signal,
    secret: ctx.secret,
    env: () => undefined,
    stdin: () => Promise.reject(new Error("a bulk run reads its inputs from --from, not from stdin")),
  };
  const client = await ctx.clients.get(op.vendor, op.clientOptions(runContext));

  let journal: Awaited<ReturnType<typeof openFileJournal>>;
  try {
    journal = await openFileJournal({
      journalPath: `${bulk.results}.journal`,
      resultsPath: bulk.results,
      vendor: op.vendor,
      operation: op.operation,
      resume: bulk.resume,
      toResultLine: (outcome) => resultLine(outcome, info, ctx.guard),
    });
  } catch (error) {
    if (error instanceof BulkJournalError) throw new UsageError(error.message);
    throw error;
  }

  const valid = checked.rows - checked.invalid;
  const progress = new Progress({
    total: Math.max(0, valid - journal.resumed.finished),
    label: `${op.vendor} ${op.name}`,
    tty: ctx.tty,
    write: ctx.err,
  });

  async function* rows(): AsyncGenerator<BulkRow<Record<string, unknown>>> {
    for await (const source of readRows(op, bulk.from)) {
      // The file was validated as a whole; rows still invalid now are the ones --skip-invalid skips.
      if (issuesOf(source, info).length > 0) continue;
      yield { row: source.row, line: source.line, input: source.input };
    }
  }

  try {
    for await (const outcome of runBulk({
      client,
      operation: info.descriptor,
      rows: rows(),
      concurrency: bulk.concurrency,
      ratePerSecond: bulk.rate,
      journal,
      signal: ctx.signal,
    })) {
      progress.add(outcome.status);
    }
  } finally {
    await journal.close();
  }
  progress.finish();

  const interrupted = ctx.signal?.aborted === true;
  const earlier = journal.resumed;
  // Totals over the whole file: what earlier runs finished counts too.
  const total = (status: "ok" | "failed" | "unknown") =>
    progress.count(status) + (earlier.byStatus[status] ?? 0);
  const summary = {
    operation: op.operation,
    rows: checked.rows,
    ok: total("ok"),
    failed: total("failed"),
    unknown: total("unknown"),
    invalid: checked.invalid,
    thisRun: { settled: progress.done, finishedEarlier: earlier.finished },
    left: Math.max(0, valid - earlier.finished - progress.done),
    results: bulk.results,
    ...(interrupted ? { interrupted: true, hint: "Run the same command with --resume to continue." } : {}),
    ...(total("unknown") > 0
      ? { unknownOutcomes: "see each such row's `check` in the results file before sending it again" }
      : {}),
  };
  ctx.out(`${JSON.stringify(summary, null, 2)}\n`);
  if (interrupted || summary.left > 0) return EXIT.INTERRUPTED;
  if (summary.failed > 0 || summary.unknown > 0) return EXIT.SERVICE;
  if (checked.invalid > 0) return EXIT.VALIDATION;
  return EXIT.OK;
}
