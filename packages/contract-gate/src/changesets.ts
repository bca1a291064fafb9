/**
 * Pending changesets (.changeset/*.md) and the version bumps they promise, checked against the bumps a change
 * requires: any contract change needs a changeset for each affected package, a breaking one a major bump.
 *
 * The changesets are read with `@changesets/read` and the bumps come from `@changesets/get-release-plan`, the
 * code `changeset version` itself runs, so the gate checks the release that will really happen (dependents
 * bumped because a dependency left their range included). Our rules (contract → packages, API surface →
 * bump) sit on top of that plan.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import getReleasePlan from "@changesets/get-release-plan";
import parseChangesetFile from "@changesets/parse";
import getChangesets from "@changesets/read";
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

/** One package's release in the plan: its bump and the changesets that name it (none: a dependent's bump). */
export interface PlannedRelease {
  readonly bump: Bump;
  readonly files: readonly string[];
}

export interface PendingChangesets {
  readonly changesets: readonly Changeset[];
  readonly problems: readonly ChangesetProblem[];
  /** The release plan of `@changesets/get-release-plan`; absent when the changesets have problems. */
  readonly plan?: ReadonlyMap<string, PlannedRelease>;
}

const isBump = (type: string): type is Bump => type === "patch" || type === "minor" || type === "major";

/** A changeset's releases that bump something (`none` bumps nothing). */
function bumps(releases: ReadonlyArray<{ name: string; type: string }>): Map<string, Bump> {
  const out = new Map<string, Bump>();
  for (const { name, type } of releases) if (isBump(type)) out.set(name, type);
  return out;
}

/** Parses one changeset file with `@changesets/parse` (the parser `@changesets/read` uses). */
export function parseChangeset(file: string, text: string): Changeset | ChangesetProblem {
  try {
    const parsed = parseChangesetFile(text.replace(/^\uFEFF/, ""));
    return { file, releases: bumps(parsed.releases), summary: parsed.summary.trim() };
  } catch (e) {
    // The parser's message ends with the whole file: the first line says what is wrong.
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
    return { file, message: message.replace(/^could not parse changeset - /, "not a changeset: ") };
  }
}

/** When `@changesets/read` rejects the folder, the files to blame (it does not name them). */
function blame(dir: string, error: unknown): ChangesetProblem[] {
  const problems: ChangesetProblem[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file.toLowerCase() === "readme.md") continue;
    const parsed = parseChangeset(file, readFileSync(join(dir, file), "utf8"));
    if ("message" in parsed) problems.push(parsed);
  }
  if (problems.length > 0) return problems;
  return [{ file: "", message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }];
}

/**
 * Every pending changeset under `<root>/.changeset`, read with `@changesets/read`, and the release plan of
 * `@changesets/get-release-plan`. Names outside `knownPackages` (the published packages) are problems.
 */
export async function readChangesets(
  root: string,
  knownPackages?: ReadonlySet<string>,
): Promise<PendingChangesets> {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return { changesets: [], problems: [] };
  let read: Awaited<ReturnType<typeof getChangesets>>;
  try {
    read = await getChangesets(root);
  } catch (e) {
    return { changesets: [], problems: blame(dir, e) };
  }
  const changesets: Changeset[] = read
    .map((c) => ({ file: `${c.id}.md`, releases: bumps(c.releases), summary: c.summary.trim() }))
    .sort((a, b) => compareText(a.file, b.file));
  const problems: ChangesetProblem[] = [];
  for (const c of changesets) {
    for (const name of c.releases.keys()) {
      if (knownPackages && !knownPackages.has(name)) {
        problems.push({
          file: c.file,
          message: `names "${name}", which is not a published package of this workspace`,
        });
      }
    }
  }
  if (problems.length > 0) return { changesets, problems };

  try {
    const releasePlan = await getReleasePlan(root);
    const plan = new Map<string, PlannedRelease>();
    for (const r of releasePlan.releases) {
      if (isBump(r.type))
        plan.set(r.name, { bump: r.type, files: r.changesets.map((id) => `${id}.md`).sort(compareText) });
    }
    return { changesets, problems, plan };
  } catch (e) {
    return {
      changesets,
      problems: [{ file: "", message: `no release plan: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

/** The highest pending bump per package, over all changesets (what the release plan says, without dependents). */
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
  const planned: ReadonlyMap<string, PlannedRelease> = pending.plan ?? pendingBumps(pending.changesets);
  const statuses = mergeRequirements(requirements).map((r) => {
    const have = planned.get(r.pkg);
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
        `${s.have ? `, but the pending changesets only bump it ${s.have} (${s.files.length > 0 ? s.files.join(", ") : "as a dependent of a bumped package"})` : ", and no changeset names it"}` +
        ` — ${s.reasons.join("; ")}`,
    );
  for (const p of check.problems) lines.push(`.changeset/${p.file}${p.file ? ": " : ""}${p.message}`);
  return lines;
}
