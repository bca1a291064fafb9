/**
 * Installed footprint: each client packed with the workspace packages it depends on (`pnpm pack`, which
 * turns `workspace:^` into versions), installed with plain npm into an empty folder outside the workspace
 * (production dependencies only), and node_modules measured. The anchors are installed the same way from
 * the registry (`npm install soap@1.13.0`).
 */
import { execFile } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./paths.js";

const run = promisify(execFile);

export interface Footprint {
  /** What was installed: a client name, or `soap@1.13.0`. */
  subject: string;
  /** Packages in node_modules, the subject included. */
  packages: number;
  /** Runtime dependencies, transitive (packages − 1). */
  dependencies: number;
  /** Of those, packages outside the @integrations scope. */
  thirdParty: number;
  /** Sum of file sizes in node_modules (apparent size), bytes. */
  bytes: number;
  files: number;
  /** Every installed package, `name@version`. */
  installed: string[];
  /** The largest installed packages (own files, nested node_modules excluded), bytes, largest first. */
  largest: { name: string; bytes: number }[];
}

interface WorkspacePackage {
  name: string;
  dir: string;
  dependencies: Record<string, string>;
}

function workspacePackages(): Map<string, WorkspacePackage> {
  const root = join(REPO_ROOT, "packages");
  const out = new Map<string, WorkspacePackage>();
  for (const folder of readdirSync(root)) {
    try {
      const dir = join(root, folder);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      out.set(pkg.name, { name: pkg.name, dir, dependencies: pkg.dependencies ?? {} });
    } catch {
      // not a package
    }
  }
  return out;
}

/** The package and every workspace package it needs at run time, transitively. */
export function withWorkspaceDependencies(name: string, all = workspacePackages()): WorkspacePackage[] {
  const out = new Map<string, WorkspacePackage>();
  const visit = (n: string) => {
    const p = all.get(n);
    if (!p || out.has(n)) return;
    out.set(n, p);
    for (const dep of Object.keys(p.dependencies)) visit(dep);
  };
  visit(name);
  return [...out.values()];
}

/** Walks node_modules: packages (folders with a package.json where a package belongs), files, bytes. */
export function measureNodeModules(
  nodeModules: string,
): Omit<Footprint, "subject" | "dependencies" | "thirdParty"> {
  let bytes = 0;
  let files = 0;
  const installed: string[] = [];
  const sizes: { name: string; bytes: number }[] = [];
  /** Bytes under `dir`, nested node_modules excluded when `own`. */
  const sizeOf = (dir: string, own: boolean): number => {
    let total = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(own && entry.name === "node_modules")) total += sizeOf(path, own);
      } else total += lstatSync(path).size;
    }
    return total;
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        files++;
        bytes += lstatSync(path).size;
      }
    }
  };
  const packagesIn = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      if (name.startsWith(".")) continue;
      const path = join(dir, name);
      if (name.startsWith("@")) {
        for (const scoped of readdirSync(path)) addPackage(join(path, scoped));
      } else addPackage(path);
    }
  };
  const addPackage = (path: string) => {
    try {
      const pkg = JSON.parse(readFileSync(join(path, "package.json"), "utf8")) as {
        name: string;
        version: string;
      };
      installed.push(`${pkg.name}@${pkg.version}`);
      sizes.push({ name: pkg.name, bytes: sizeOf(path, true) });
    } catch {
      return;
    }
    packagesIn(join(path, "node_modules"));
  };
  walk(nodeModules);
  packagesIn(nodeModules);
  installed.sort();
  sizes.sort((a, b) => b.bytes - a.bytes);
  return { packages: installed.length, bytes, files, installed, largest: sizes.slice(0, 5) };
}

async function npmInstall(app: string, specs: string[]): Promise<void> {
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "footprint", private: true, type: "module" }),
  );
  await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--omit=dev", "--no-package-lock", ...specs],
    { cwd: app, maxBuffer: 16 * 1024 * 1024 },
  );
}

function summarize(subject: string, app: string): Footprint {
  const m = measureNodeModules(join(app, "node_modules"));
  return {
    subject,
    ...m,
    dependencies: m.packages - 1,
    thirdParty: m.installed.filter(
      (p) => !p.startsWith("@integrations/") && !p.startsWith(`${subject.replace(/@[^@/]*$/, "")}@`),
    ).length,
  };
}

export async function measureFootprints(
  clients: readonly string[],
  anchors: readonly string[],
): Promise<Footprint[]> {
  const scratch = mkdtempSync(join(tmpdir(), "integrations-bench-footprint-"));
  try {
    const all = workspacePackages();
    const tarballs = new Map<string, string>();
    const pack = async (pkg: WorkspacePackage) => {
      if (tarballs.has(pkg.name)) return;
      const dest = join(scratch, "tarballs", pkg.name.replace(/[@/]/g, "_"));
      mkdirSync(dest, { recursive: true });
      await run("pnpm", ["pack", "--pack-destination", dest], { cwd: pkg.dir });
      const file = readdirSync(dest).find((f) => f.endsWith(".tgz"));
      if (!file) throw new Error(`pnpm pack produced no tarball for ${pkg.name}`);
      tarballs.set(pkg.name, join(dest, file));
    };
    const out: Footprint[] = [];
    for (const client of clients) {
      const packages = withWorkspaceDependencies(client, all);
      for (const p of packages) await pack(p);
      const app = join(scratch, "apps", client.replace(/[@/]/g, "_"));
      await npmInstall(
        app,
        packages.map((p) => tarballs.get(p.name)!),
      );
      out.push(summarize(client, app));
    }
    for (const anchor of anchors) {
      const app = join(scratch, "apps", anchor.replace(/[@/]/g, "_"));
      await npmInstall(app, [anchor]);
      out.push(summarize(anchor, app));
    }
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
