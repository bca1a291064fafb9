/** The breaking-change report: markdown that reads as well in a terminal and CI log as in a PR comment. */
import { describeMissing } from "./changesets.js";
import type { ContractResult, GateDiff } from "./compare.js";
import type { Change } from "./diff/change.js";
import { shortSha } from "./git.js";

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function changeTable(changes: readonly Change[]): string {
  const rows = changes.map(
    (c, i) =>
      `| ${i + 1} | \`${c.kind}\` | ${cell(c.location)} | ${c.classification === "breaking" ? "**breaking**" : "non-breaking"} | ${cell(c.why)} |`,
  );
  return ["| # | Change | Location | Classification | Why |", "|--:|---|---|---|---|", ...rows].join("\n");
}

function contractSection(r: ContractResult): string {
  const head = `## ${r.contract.id} — \`${r.contract.path}\``;
  const affects = `Affects ${r.contract.packages.map((p) => `\`${p}\``).join(", ")}.`;
  if (r.status === "absent") return `${head}\n\nNot present at the base nor in the working tree.`;
  if (r.changes.length === 0) return `${head}\n\nNo change.`;
  const breaking = r.changes.filter((c) => c.classification === "breaking").length;
  const summary =
    `**${r.changes.length} change${r.changes.length === 1 ? "" : "s"}: ${breaking} breaking, ` +
    `${r.changes.length - breaking} non-breaking.** ${affects}`;
  return `${head}\n\n${summary}\n\n${changeTable(r.changes)}`;
}

export function renderReport(gate: GateDiff): string {
  const out: string[] = [
    "# Contract compatibility report",
    "",
    `Base: \`${gate.base.ref}\` at \`${shortSha(gate.base.sha)}\` (${gate.base.how}), compared with the working tree.`,
  ];
  for (const r of gate.contracts) out.push("", contractSection(r));

  out.push("", "## API surface snapshots", "");
  const apiRows = gate.api.map((a) => {
    const what =
      a.status === "changed"
        ? a.changes.map((c) => `${c.change} ${c.id}`).join("; ")
        : a.status === "baseline"
          ? "new snapshot (no snapshot at the base: a baseline, no bump needed)"
          : a.status === "no-snapshot"
            ? "no snapshot yet (`pnpm api:update`)"
            : "unchanged";
    return `| \`${a.pkg.name}\` | ${cell(what)} |`;
  });
  out.push("| Package | Since the base |", "|---|---|", ...apiRows);

  out.push("", "## Changesets", "");
  if (gate.changesets.statuses.length === 0) {
    out.push("No contract or API change since the base: no changeset needed.");
  } else {
    out.push("| Package | Needs | Pending | Status | Because |", "|---|---|---|---|---|");
    for (const s of gate.changesets.statuses) {
      const pending = s.have ? `${s.have} (${s.files.join(", ")})` : "none";
      out.push(
        `| \`${s.pkg}\` | ${s.bump} | ${cell(pending)} | ${s.ok ? "✔ ok" : "✖ missing"} | ${cell(s.reasons.join("; "))} |`,
      );
    }
  }
  for (const p of gate.changesets.problems) out.push("", `✖ \`.changeset/${p.file}\`: ${p.message}`);

  out.push("", "## Result", "");
  if (gate.ok) {
    out.push("✔ Every changed contract and API has the changesets it needs.");
  } else {
    out.push("✖ The gate fails:", "", ...describeMissing(gate.changesets).map((l) => `- ${l}`));
    out.push(
      "",
      "Add a changeset with `pnpm changeset` (or a file in `.changeset/`) naming each package above with at least the",
      "bump shown; a breaking change needs `major`.",
    );
  }
  return `${out.join("\n")}\n`;
}
