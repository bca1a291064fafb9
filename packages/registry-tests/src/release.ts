/**
 * A release, rehearsed against a registry: the steps of ".changeset/README.md" ("Releasing"), run in a copy of
 * the workspace so that the working tree is never touched.
 *
 *   1. build every publishable package (turbo; cached when nothing changed);
 *   2. `changeset version`: consume the pending changesets, bump the versions, write the changelogs;
 *   3. `pnpm install --frozen-lockfile`: pnpm reads the version a `workspace:` range stands for from the
 *      installed link, so publishing needs the workspace installed (from the store: no download);
 *   4. `pnpm -r publish`: publish every package that is not private, in dependency order, with the
 *      `workspace:` ranges rewritten to the versions just set (`workspace:^` → `^x.y.z`).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The monorepo root: two folders above this package's src/ or dist/. */
export const REPO_ROOT = new URL("../../../", import.meta.url).pathname;

export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
}

export interface ReleaseOptions {
  /** The registry to publish to, e.g. `http://127.0.0.1:4873/`. */
  readonly registry: string;
  /** An empty folder for the copy of the workspace. */
  readonly folder: string;
  /** Build the publishable packages first (default true). */
  readonly build?: boolean;
}

/** Folders that are never part of a release: installs, caches, results. */
const SKIP = new Set(["node_modules", ".turbo", ".git", "bench-results"]);

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
}

function manifests(root: string): Array<{ dir: string; manifest: Manifest }> {
  const base = join(root, "packages");
  return readdirSync(base)
    .filter((dir) => existsSync(join(base, dir, "package.json")))
    .sort()
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(base, dir, "package.json"), "utf8")) as Manifest,
    }));
}

/** The publishable packages (not `private`) of the workspace at `root`. */
export function publishableNames(root: string = REPO_ROOT): string[] {
  return manifests(root)
    .filter((p) => p.manifest.private !== true)
    .map((p) => p.manifest.name);
}

/** npm's token line for a registry URL: `//host:port/path/:_authToken=…`. */
function authLine(registry: string): string {
  const { host, pathname } = new URL(registry);
  return `//${host}${pathname.endsWith("/") ? pathname : `${pathname}/`}:_authToken=local-registry-test`;
}

/** The environment of a child tool: ours, minus the npm and pnpm settings the running pnpm exported. */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs the release steps in a copy of the workspace and publishes to `options.registry`. */
export async function publishWorkspace(options: ReleaseOptions): Promise<PublishedPackage[]> {
  const root = REPO_ROOT;
  const names = publishableNames(root);
  if (options.build ?? true) {
    const filters = names.map((n) => `--filter=${n}`);
    await run("pnpm", ["turbo", "run", "build", ...filters, "--output-logs=errors-only"], {
      cwd: root,
      env: toolEnv({ TURBO_TELEMETRY_DISABLED: "1" }),
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  const stage = options.folder;
  mkdirSync(stage, { recursive: true });
  for (const file of ["package.json", "pnpm-workspace.yaml", "pnpm-lock.yaml"])
    cpSync(join(root, file), join(stage, file));
  cpSync(join(root, ".changeset"), join(stage, ".changeset"), { recursive: true });
  cpSync(join(root, "packages"), join(stage, "packages"), {
    recursive: true,
    filter: (source) => !SKIP.has(source.split("/").pop() ?? ""),
  });
  // The scope's registry and a token: npm refuses to publish without one, and this verdaccio accepts any.
  writeFileSync(
    join(stage, ".npmrc"),
    `@integrations:registry=${options.registry}\n${authLine(options.registry)}\n`,
  );

  const env = toolEnv();
  await run(process.execPath, [join(root, "node_modules", "@changesets", "cli", "bin.js"), "version"], {
    cwd: stage,
    env,
  });
  await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--ignore-scripts"], {
    cwd: stage,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  await run("pnpm", ["-r", "publish", "--no-git-checks", "--registry", options.registry], {
    cwd: stage,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });

  return manifests(stage)
    .filter((p) => p.manifest.private !== true)
    .map((p) => ({ name: p.manifest.name, version: p.manifest.version }));
}
