/**
 * Progress of a bulk run on stderr. On a terminal: one line redrawn in place (a bar, done/total, ok, failed,
 * unknown, the rate and the ETA). Elsewhere (CI logs, a file): a plain line every `everyMs` and one at the
 * end, so a log shows the run moving without a line per row.
 */

export interface ProgressCounts {
  ok: number;
  failed: number;
  unknown: number;
}

export interface ProgressOptions {
  /** The rows this run will send (the file's valid rows, less those an earlier run finished). */
  readonly total: number;
  readonly label: string;
  readonly tty: boolean;
  write(text: string): void;
  /** Injected in tests. */
  readonly now?: () => number;
  /** Plain mode: the least time between two lines. Default 10 s. */
  readonly everyMs?: number;
}

const BAR_WIDTH = 24;
/** A terminal redraw at most this often. */
const REDRAW_MS = 100;

function grouped(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export class Progress {
  private readonly counts: ProgressCounts = { ok: 0, failed: 0, unknown: 0 };
  private readonly started: number;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  count(status: keyof ProgressCounts): number {
    return this.counts[status];
  }

  get done(): number {
    return this.counts.ok + this.counts.failed + this.counts.unknown;
  }

  add(status: keyof ProgressCounts): void {
    this.counts[status]++;
    const now = this.now();
    const every = this.options.tty ? REDRAW_MS : (this.options.everyMs ?? 10_000);
    if (now - this.lastDrawn >= every) this.draw(now);
  }

  /** The last line (and, on a terminal, the end of the redrawn one). */
  finish(): void {
    this.draw(this.now());
    if (this.options.tty) this.options.write("\n");
  }

  /** The progress line: `[#####…] 5,000/10,000 (50%) ok 4,990 failed 10 unknown 0 · 812 rows/s · ETA 6s`. */
  line(now: number = this.now()): string {
    const { total } = this.options;
    const { ok, failed, unknown } = this.counts;
    const done = this.done;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = Math.max(0, total - done);
    const eta = left === 0 ? "0s" : rate > 0 ? duration(left / rate) : "?";
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const counts = `${grouped(done)}/${grouped(total)} (${Math.floor(share * 100)}%) ok ${grouped(ok)} failed ${grouped(failed)} unknown ${grouped(unknown)} · ${grouped(rate)} rows/s · ETA ${eta}`;
    if (!this.options.tty) return `${this.options.label}: ${counts}`;
    const filled = Math.round(share * BAR_WIDTH);
    return `${this.options.label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${counts}`;
  }

  private draw(now: number): void {
    this.lastDrawn = now;
    // On a terminal: back to the line's start and clear it (CR, ESC [ K) before drawing it again.
    this.options.write(this.options.tty ? `\r\u001b[K${this.line(now)}` : `${this.line(now)}\n`);
  }
}
