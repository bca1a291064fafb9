/**
 * Every publishable package passes publint (strict) and arethetypeswrong (ESM-only profile: these packages
 * are ESM on purpose, so "CJS require resolves to ESM" is expected and everything else must be green), and
 * has a README with a TypeScript example. Each export is one built ESM file that imports nothing but Node's
 * modules and the other @integrations packages: no third-party package at run time, and no file of its own
 * package to load after it (a cold start pays for every module file).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, run, workspacePackages } from "./workspace.js";

const publishable = workspacePackages().filter((p) => !p.private);
const bin = (tool: string) => join(REPO_ROOT, "node_modules", ".bin", tool);

describe.each(publishable.map((p) => [p.name, p] as const))("%s", (_name, pkg) => {
  it("is ESM with an exports map, types, and a README with an example", () => {
    const manifest = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8"));
    expect(manifest.type).toBe("module");
    expect(manifest.exports?.["."]?.types).toMatch(/\.d\.ts$/);
    expect(existsSync(join(pkg.dir, manifest.exports["."].default))).toBe(true);
    const readme = readFileSync(join(pkg.dir, "README.md"), "utf8");
    expect(readme).toMatch(/```(ts|typescript)\n/);
  });

  it("exports one self-contained ESM file per entry, importing only node: and @integrations packages", () => {
    const manifest = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8")) as {
      exports: Record<string, string | { default?: string }>;
    };
    const files = Object.values(manifest.exports)
      .map((target) => (typeof target === "string" ? target : target.default))
      .filter((file): file is string => file?.endsWith(".js") === true);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = readFileSync(join(pkg.dir, file), "utf8");
      // Import and export statements and dynamic imports; a word "from" inside a string ("--from") is none.
      const specifiers = [
        ...code.matchAll(/(?:(?<![\w$"'.-])from\s+|(?<![\w$"'.-])import\s*\(?\s*)["']([^"']+)["']/g),
      ].map((m) => m[1]!);
      const foreign = specifiers.filter((s) => !s.startsWith("node:") && !s.startsWith("@integrations/"));
      expect(foreign, `${pkg.name} ${file}`).toEqual([]);
    }
  });

  it("passes publint --strict", async () => {
    const { stdout } = await run(bin("publint"), [pkg.dir, "--strict"]);
    expect(stdout).toContain("All good!");
  });

  it("passes arethetypeswrong (esm-only profile)", async () => {
    // attw exits non-zero on any problem its profile does not ignore; the table says which.
    const result = await run(bin("attw"), [
      "--pack",
      pkg.dir,
      "--profile",
      "esm-only",
      "--format",
      "table-flipped",
    ]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? "" }),
    );
    expect(result.code, result.out).toBe(0);
  });
});
