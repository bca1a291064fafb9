/**
 * Operation × documented code coverage: every code of every operation needs a response fixture whose
 * expected outcome is that code. Success codes count too (a success fixture covers them).
 */
import type { FixtureCase } from "./fixtures.js";
import type { VendorPlugin } from "./plugin.js";

export interface CoverageRow {
  operation: string;
  code: string | number;
  fixtures: string[];
}

export function coverage(plugin: VendorPlugin, fixtures: readonly FixtureCase[]): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const operation of plugin.operations) {
    for (const code of plugin.documentedCodes(operation)) {
      const covering = fixtures.filter((f) => {
        if (f.operation !== operation || !f.response) return false;
        const outcome = f.meta.expect.outcome;
        return outcome !== undefined && String(plugin.outcomeCode(outcome)) === String(code);
      });
      rows.push({ operation, code, fixtures: covering.map((f) => f.name) });
    }
  }
  return rows;
}

export function formatCoverage(vendor: string, rows: readonly CoverageRow[]): string {
  const covered = rows.filter((r) => r.fixtures.length > 0).length;
  const pct = rows.length === 0 ? 100 : (100 * covered) / rows.length;
  const opWidth = Math.max(9, ...rows.map((r) => r.operation.length));
  const codeWidth = Math.max(4, ...rows.map((r) => String(r.code).length));
  const lines = [
    `${vendor}: operation × code coverage ${covered}/${rows.length} (${pct.toFixed(1)}%)`,
    `${"operation".padEnd(opWidth)}  ${"code".padEnd(codeWidth)}  fixtures`,
    ...rows.map(
      (r) =>
        `${r.operation.padEnd(opWidth)}  ${String(r.code).padEnd(codeWidth)}  ${r.fixtures.length ? r.fixtures.join(", ") : "MISSING"}`,
    ),
  ];
  return lines.join("\n");
}
