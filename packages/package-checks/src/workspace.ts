import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

export const REPO_ROOT = new URL("../../../", import.meta.url).pathname;
export const run = promisify(execFile);

export interface WorkspacePackage {
  name: string;
  dir: string;
  private: boolean;
  dependencies: Record<string, string>;
}

export function workspacePackages(): WorkspacePackage[] {
  const root = join(REPO_ROOT, "packages");
  return readdirSync(root)
    .sort()
    .map((folder) => {
      const dir = join(root, folder);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        private?: boolean;
        dependencies?: Record<string, string>;
      };
      return { name: pkg.name, dir, private: pkg.private === true, dependencies: pkg.dependencies ?? {} };
    });
}

/** The package and every workspace package it depends on at run time, transitively. */
export function withWorkspaceDependencies(name: string): WorkspacePackage[] {
  const all = new Map(workspacePackages().map((p) => [p.name, p]));
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
