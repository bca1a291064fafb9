/**
 * Every publishable package passes publint (strict) and arethetypeswrong (ESM-only profile: these packages
 * are ESM on purpose, so "CJS require resolves to ESM" is expected and everything else must be green), and
 * has a README with a TypeScript example.
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
