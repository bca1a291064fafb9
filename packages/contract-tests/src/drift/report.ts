/** The drift report: markdown, for a terminal, a CI log or an issue. */
import type { DriftFinding, DriftResult } from "./check.js";
import { FINDING_TITLES } from "./findings.js";

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").slice(0, 300);
}

function breaks(finding: DriftFinding): string {
  if (finding.breaksClients === undefined) return finding.side === "request" ? "n/a (our request)" : "n/a";
  return finding.breaksClients ? `**yes**: ${finding.client}` : `no: the client reads it (${finding.client})`;
}

export function renderDriftReport(result: DriftResult): string {
  const total = Object.values(result.exchanges).reduce((a, b) => a + (b ?? 0), 0);
  const counts = Object.entries(result.exchanges)
    .map(([vendor, n]) => `${vendor} ${n}`)
    .join(", ");
  const out = [
    `# Drift report: \`${result.dir}\``,
    "",
    `${total} exchange${total === 1 ? "" : "s"} checked against the contracts (${counts || "none"}).`,
  ];
  if (result.skipped.length > 0)
    out.push("", `Not a vendor's folder, skipped: ${result.skipped.map((s) => `\`${s}\``).join(", ")}.`);
  if (result.findings.length === 0) {
    out.push("", "No drift: every exchange is what the contract says.");
    return `${out.join("\n")}\n`;
  }
  const breaking = result.findings.filter((f) => f.breaksClients).length;
  out.push(
    "",
    `**${result.findings.length} finding${result.findings.length === 1 ? "" : "s"}, ${breaking} in exchanges our clients fail on today.**`,
  );
  const byExchange = new Map<string, DriftFinding[]>();
  for (const f of result.findings) {
    const key = `${f.vendor} / ${f.operation} / ${f.case}`;
    byExchange.set(key, [...(byExchange.get(key) ?? []), f]);
  }
  for (const [exchange, findings] of byExchange) {
    out.push(
      "",
      `## ${exchange}`,
      "",
      "| # | Side | Finding | Where | Detail | Breaks our clients today? |",
      "|--:|---|---|---|---|---|",
    );
    for (const [i, f] of findings.entries()) {
      out.push(
        `| ${i + 1} | ${f.side} | ${FINDING_TITLES[f.kind]} (\`${f.kind}\`) | ${cell(f.where || "—")} | ${cell(f.detail)} | ${cell(breaks(f))} |`,
      );
    }
  }
  out.push(
    "",
    "Next: update the contract where the vendor really changed (`contracts/<vendor>/`), regenerate (`pnpm codegen`),",
    "and pass the gate (`pnpm contracts:check`).",
  );
  return `${out.join("\n")}\n`;
}
