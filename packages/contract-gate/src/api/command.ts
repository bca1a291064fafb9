/**
 * `api` and `api --update`: the API report of each publishable package (`@microsoft/api-extractor`) against
 * its committed `<package>.api.md`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Runner, run } from "../exec.js";
import { failLine, indent, okLine, warnLine } from "../term.js";
import { publishablePackages } from "../workspace.js";
import { generateApiReport, NotBuiltError } from "./report.js";
import { compareSnapshots, describeChanges, lineDiff, SNAPSHOT_DIR, snapshotPath } from "./snapshot.js";

export interface ApiOptions {
  readonly root: string;
  /** Rewrite the committed reports instead of comparing. */
  readonly update: boolean;
  /** Build the packages (turbo, cached) first. */
  readonly build: boolean;
  readonly runner?: Runner;
  readonly print?: (line: string) => void;
}

export interface ApiOutcome {
  readonly ok: boolean;
  /** One line per problem, for the summary. */
  readonly problems: readonly string[];
}

export async function runApi(options: ApiOptions): Promise<ApiOutcome> {
  const print = options.print ?? ((l: string) => console.log(l));
  const runner = options.runner ?? run;
  const pkgs = publishablePackages(options.root);
  const problems: string[] = [];

  if (options.build) {
    const args = [
      "turbo",
      "run",
      "build",
      ...pkgs.map((p) => `--filter=${p.name}`),
      "--output-logs=errors-only",
    ];
    print(`$ pnpm ${args.join(" ")}`);
    const r = await runner("pnpm", args, { cwd: options.root, echo: true });
    if (r.code !== 0) problems.push(`building the publishable packages failed (exit ${r.code})`);
  }

  const dir = join(options.root, SNAPSHOT_DIR);
  for (const pkg of pkgs) {
    const rel = snapshotPath(pkg.dir);
    const file = join(options.root, rel);
    let rendered: string;
    try {
      rendered = generateApiReport(pkg);
    } catch (e) {
      const msg =
        e instanceof NotBuiltError ? e.message : `${pkg.name}: ${e instanceof Error ? e.message : String(e)}`;
      print(failLine(msg));
      problems.push(msg);
      continue;
    }
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (current === rendered) {
      print(okLine(`${pkg.name}: API report matches ${rel}`));
      continue;
    }
    if (options.update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, rendered);
      print(okLine(`${pkg.name}: ${current === undefined ? "wrote" : "updated"} ${rel}`));
      continue;
    }
    if (current === undefined) {
      const msg = `${pkg.name}: no API report ${rel}; run \`pnpm api:update\` and commit it`;
      print(failLine(msg));
      problems.push(msg);
      continue;
    }
    const changes = compareSnapshots(current, rendered);
    const msg = `${pkg.name}: the API report differs from ${rel}`;
    print(failLine(`${msg} (- committed report, + built package):`));
    const detail =
      changes.length > 0
        ? describeChanges(changes)
        : lineDiff(current, rendered)
            .filter((l) => !l.startsWith("  "))
            .join("\n");
    print(indent(detail));
    problems.push(msg);
  }

  // Reports of packages that are gone or no longer published (and snapshots in an older format).
  if (existsSync(dir)) {
    const expected = new Set(pkgs.map((p) => snapshotPath(p.dir).slice(SNAPSHOT_DIR.length + 1)));
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(".md") || f === "README.md" || expected.has(f)) continue;
      if (options.update) {
        rmSync(join(dir, f));
        print(okLine(`removed ${SNAPSHOT_DIR}/${f} (no such publishable package)`));
      } else {
        const msg = `${SNAPSHOT_DIR}/${f} is no API report of a publishable package; run \`pnpm api:update\` to remove it`;
        print(warnLine(msg));
        problems.push(msg);
      }
    }
  }

  if (!options.update && problems.length > 0) {
    print("");
    print(
      "If the change is intended, run `pnpm api:update`, review the diff of the report and commit it (with a",
    );
    print("changeset: a removed or changed export usually needs a major bump).");
  }
  return { ok: problems.length === 0, problems };
}
