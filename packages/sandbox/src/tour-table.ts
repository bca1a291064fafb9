/** The tour's rows as an aligned text table (what `pnpm start` prints). */
import type { TourRow } from "./tour.js";

const COLUMNS: ReadonlyArray<{ title: string; get: (r: TourRow) => string; max: number }> = [
  { title: "", get: (r) => (r.outcome === "skipped" ? "-" : r.ok ? "ok" : "FAIL"), max: 4 },
  { title: "vendor", get: (r) => r.vendor, max: 10 },
  { title: "operation", get: (r) => r.operation, max: 22 },
  { title: "case", get: (r) => r.case, max: 40 },
  { title: "outcome", get: (r) => r.outcome, max: 7 },
  { title: "code", get: (r) => r.code, max: 60 },
  { title: "ms", get: (r) => (r.outcome === "skipped" ? "" : String(r.ms)), max: 6 },
];

function cell(text: string, width: number): string {
  const t = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return t.padEnd(width);
}

/**
 * The rows as an aligned text table: ok/FAIL/- (skipped), vendor, operation, case, outcome, code, ms. What a
 * failed step expected is in `TourRow.expected` (main.ts prints it under the table).
 */
export function formatTourTable(rows: readonly TourRow[]): string {
  const widths = COLUMNS.map((c) =>
    Math.min(c.max, Math.max(c.title.length, ...rows.map((r) => c.get(r).length))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((t, i) => cell(t, widths[i]!))
      .join("  ")
      .trimEnd();
  const out = [line(COLUMNS.map((c) => c.title)), line(widths.map((w) => "-".repeat(w)))];
  for (const row of rows) out.push(line(COLUMNS.map((c) => c.get(row))));
  return out.join("\n");
}
