/** The workspace: its root and its packages. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface WorkspacePackage {
  /** Folder name under packages/. */
  readonly dir: string;
  /** Absolute path of the package folder. */
  readonly path: string;
  readonly name: string;
  readonly version: string;
  readonly private: boolean;
  /** The package's declared type entry (exports["."].types, else types/typings), relative to its folder. */
  readonly typesEntry: string | undefined;
}

/** The workspace root: the nearest folder with pnpm-workspace.yaml, from `start` (default: cwd, then this file). */
export function findRoot(start?: string): string {
  const candidates = start ? [start] : [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const from of candidates) {
    let dir = resolve(from);
    for (;;) {
      if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(
    `no pnpm-workspace.yaml above ${candidates.join(" or ")}: run the gate inside the workspace`,
  );
}

function typesEntry(pkg: Record<string, unknown>): string | undefined {
  const exp = pkg.exports;
  if (typeof exp === "object" && exp !== null) {
    const dot = (exp as Record<string, unknown>)["."];
    if (typeof dot === "object" && dot !== null) {
      const d = dot as Record<string, unknown>;
      if (typeof d.types === "string") return d.types;
      const imp = d.import;
      if (
        typeof imp === "object" &&
        imp !== null &&
        typeof (imp as Record<string, unknown>).types === "string"
      ) {
        return (imp as Record<string, string>).types;
      }
    }
  }
  if (typeof pkg.types === "string") return pkg.types;
  if (typeof pkg.typings === "string") return pkg.typings;
  return undefined;
}

/** Every package under packages/ (sorted by folder name). */
export function listPackages(root: string): WorkspacePackage[] {
  const base = join(root, "packages");
  if (!existsSync(base)) return [];
  const out: WorkspacePackage[] = [];
  for (const dir of readdirSync(base).sort()) {
    const file = join(base, dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    out.push({
      dir,
      path: join(base, dir),
      name: String(pkg.name ?? dir),
      version: String(pkg.version ?? "0.0.0"),
      private: pkg.private === true,
      typesEntry: typesEntry(pkg),
    });
  }
  return out;
}

/** The packages that are published (not private): the ones with a versioned public API. */
export function publishablePackages(root: string): WorkspacePackage[] {
  return listPackages(root).filter((p) => !p.private);
}
