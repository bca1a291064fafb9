/**
 * Pending changesets (.changeset/*.md) and the version bumps they promise, checked against the bumps a change
 * requires: any contract change needs a changeset for each affected package, a breaking one a major bump.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { compareText } from "./order.js";

export type Bump = "patch" | "minor" | "major";

const RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

export function maxBump(a: Bump | undefined, b: Bump | undefined): Bump | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export function satisfies(have: Bump | undefined, need: Bump): boolean {
  return have !== undefined && RANK[have] >= RANK[need];
}

export interface Changeset {
  /** File name under .changeset/. */
  readonly file: string;
  readonly releases: ReadonlyMap<string, Bump>;
  readonly summary: string;
}

export interface ChangesetProblem {
  readonly file: string;
  readonly message: string;
}

export interface PendingChangesets {
  readonly changesets: readonly Changeset[];
  readonly problems: readonly ChangesetProblem[];
}

/** Parses one changeset file: YAML front matter mapping package names to patch|minor|major, then a summary. */
export function parseChangeset(file: string, text: string): Changeset | ChangesetProblem {
  const m = text.replace(/^\uFEFF/, "").match(/^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n([\s\S]*))?$/);
  if (!m)
    return {
      file,
      message: "no front matter: a changeset starts with a --- block naming packages and bumps",
    };
  let data: unknown;
  try {
    data = m[1]!.trim() === "" ? {} : parseYaml(m[1]!);
  } catch (e) {
    return { file, message: `front matter is not valid YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data))
    return { file, message: "front matter must map package names to bumps" };
  const releases = new Map<string, Bump>();
  for (const [name, bump] of Object.entries(data as Record<string, unknown>)) {
    if (bump !== "patch" && bump !== "minor" && bump !== "major") {
      return { file, message: `"${name}": ${JSON.stringify(bump)} is not patch, minor or major` };
    }
    releases.set(name, bump);
  }
  return { file, releases, summary: (m[2] ?? "").trim() };
}

/** Every changeset in `<root>/.changeset` (README.md and non-.md files are not changesets). */
export function readChangesets(root: string, knownPackages?: ReadonlySet<string>): PendingChangesets {
  const dir = join(root, ".changeset");
  const changesets: Changeset[] = [];
  const problems: ChangesetProblem[] = [];
  if (!existsSync(dir)) return { changesets, problems };
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file.toLowerCase() === "readme.md") continue;
    const parsed = parseChangeset(file, readFileSync(join(dir, file), "utf8"));
    if ("message" in parsed) {
      problems.push(parsed);
      continue;
    }
    for (const name of parsed.releases.keys()) {
      if (knownPackages && !knownPackages.has(name)) {
        problems.push({
          file,
          message: `names "${name}", which is not a published package of this workspace`,
        });
      }
    }
    changesets.push(parsed);
  }
  return { changesets, problems };
}

/** The highest pending bump per package, over all changesets. */
export function pendingBumps(changesets: readonly Changeset[]): Map<string, { bump: Bump; files: string[] }> {
  const out = new Map<string, { bump: Bump; files: string[] }>();
  for (const c of changesets) {
    for (const [pkg, bump] of c.releases) {
      const cur = out.get(pkg);
      out.set(pkg, { bump: maxBump(cur?.bump, bump)!, files: [...(cur?.files ?? []), c.file] });
    }
  }
  return out;
}

export interface Requirement {
  readonly pkg: string;
  readonly bump: Bump;
  /** Why the bump is needed (one line per source). */
  readonly reasons: readonly string[];
}

/** Merges requirements per package, keeping the highest bump and every reason. */
export function mergeRequirements(list: readonly Requirement[]): Requirement[] {
  const out = new Map<string, { bump: Bump; reasons: string[] }>();
  for (const r of list) {
    const cur = out.get(r.pkg);
    out.set(r.pkg, { bump: maxBump(cur?.bump, r.bump)!, reasons: [...(cur?.reasons ?? []), ...r.reasons] });
  }
  return [...out]
    .sort(([a], [b]) => compareText(a, b))
    .map(([pkg, v]) => ({ pkg, bump: v.bump, reasons: v.reasons }));
}

export interface RequirementStatus extends Requirement {
  readonly have: Bump | undefined;
  readonly files: readonly string[];
  readonly ok: boolean;
}

export interface ChangesetCheck {
  readonly ok: boolean;
  readonly statuses: readonly RequirementStatus[];
  readonly problems: readonly ChangesetProblem[];
}

export function checkChangesets(
  requirements: readonly Requirement[],
  pending: PendingChangesets,
): ChangesetCheck {
  const bumps = pendingBumps(pending.changesets);
  const statuses = mergeRequirements(requirements).map((r) => {
    const have = bumps.get(r.pkg);
    return { ...r, have: have?.bump, files: have?.files ?? [], ok: satisfies(have?.bump, r.bump) };
  });
  return {
    ok: statuses.every((s) => s.ok) && pending.problems.length === 0,
    statuses,
    problems: pending.problems,
  };
}

/** One line per missing bump, naming the package: what the gate prints when it fails. */
export function describeMissing(check: ChangesetCheck): string[] {
  const lines = check.statuses
    .filter((s) => !s.ok)
    .map(
      (s) =>
        `${s.pkg} needs a ${s.bump === "major" ? "major" : `${s.bump} (or higher)`} changeset` +
        `${s.have ? `, but the pending changesets only bump it ${s.have} (${s.files.join(", ")})` : ", and no changeset names it"}` +
        ` — ${s.reasons.join("; ")}`,
    );
  for (const p of check.problems) lines.push(`.changeset/${p.file}: ${p.message}`);
  return lines;
}
