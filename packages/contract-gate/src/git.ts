/**
 * Read-only git access: which commit to compare against, and a file's text at that commit. The gate never
 * writes to git.
 */
import { runSync } from "./exec.js";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface BaseRef {
  /** The commit compared against; undefined when the repository has no commit yet (everything is new). */
  readonly sha: string | undefined;
  /** What was asked for or chosen (`main`, `HEAD`, the --base argument). */
  readonly ref: string;
  /** How the base was chosen, for the report. */
  readonly how: string;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = runSync("git", args, cwd);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

function commitOf(cwd: string, ref: string): string | undefined {
  return git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
}

/** The candidates for "the main branch", in order. */
export const MAIN_BRANCHES = ["refs/heads/main", "refs/remotes/origin/main"] as const;

/**
 * The base to compare against. With `ref`: that commit (a usage error if it does not exist). Without: the
 * merge-base of HEAD and main (the local branch, else origin/main); HEAD when there is no main branch.
 */
export function resolveBase(cwd: string, ref?: string): BaseRef {
  if (git(cwd, ["rev-parse", "--git-dir"]) === undefined)
    throw new UsageError(`${cwd} is not inside a git repository`);
  if (ref !== undefined) {
    if (ref.startsWith("-")) throw new UsageError(`invalid --base ${JSON.stringify(ref)}`);
    const sha = commitOf(cwd, ref);
    if (!sha) throw new UsageError(`--base ${JSON.stringify(ref)} is not a commit in this repository`);
    return { sha, ref, how: `--base ${ref}` };
  }
  const head = commitOf(cwd, "HEAD");
  if (!head)
    return { sha: undefined, ref: "HEAD", how: "the repository has no commit yet: every contract is new" };
  for (const main of MAIN_BRANCHES) {
    if (!commitOf(cwd, main)) continue;
    const short = main.replace(/^refs\/(heads|remotes)\//, "");
    const base = git(cwd, ["merge-base", "HEAD", main]);
    if (base) return { sha: base, ref: short, how: `merge-base of HEAD and ${short}` };
    return { sha: head, ref: "HEAD", how: `HEAD and ${short} share no history: compared with HEAD` };
  }
  return { sha: head, ref: "HEAD", how: "no main branch: compared with HEAD" };
}

/** The text of `path` (relative to `cwd`) at `sha`, or undefined if it does not exist there. */
export function readAtBase(cwd: string, sha: string | undefined, path: string): string | undefined {
  if (!sha) return undefined;
  const spec = `${sha}:./${path}`;
  if (runSync("git", ["cat-file", "-e", spec], cwd).code !== 0) return undefined;
  const r = runSync("git", ["show", spec], cwd);
  if (r.code !== 0) throw new Error(`git show ${spec} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 12) : "(none)";
}

/** `git status --porcelain` for the given pathspecs (untracked files listed one by one). */
export function porcelain(cwd: string, pathspecs: readonly string[]): string[] {
  const r = runSync("git", ["status", "--porcelain", "--untracked-files=all", "--", ...pathspecs], cwd);
  if (r.code !== 0) throw new Error(`git status failed: ${r.stderr.trim()}`);
  return r.stdout.split("\n").filter((l) => l.trim() !== "");
}
