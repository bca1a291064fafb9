/**
 * The TypeScript examples in every publishable package's README compile against the package as published
 * (self-reference through its `exports`), so a README example cannot silently rot.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, run, workspacePackages } from "./workspace.js";

const publishable = workspacePackages().filter((p) => !p.private);
const tsc = join(REPO_ROOT, "node_modules", ".bin", "tsc");

function examples(readme: string): string[] {
  return [...readme.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe.each(publishable.map((p) => [p.name, p] as const))("%s README", (_name, pkg) => {
  it("has TypeScript examples that compile", { timeout: 60_000 }, async () => {
    const blocks = examples(readFileSync(join(pkg.dir, "README.md"), "utf8"));
    expect(blocks.length).toBeGreaterThan(0);
    const files = blocks.map((code, i) => {
      // Each block is its own module (top-level await allowed), placed in the package folder so that the
      // package name resolves to the built package through its exports map.
      const file = join(pkg.dir, `.readme-example-${i}.mts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    try {
      const result = await run(
        tsc,
        [
          "--noEmit",
          "--strict",
          "--target",
          "ES2022",
          "--module",
          "NodeNext",
          "--moduleResolution",
          "NodeNext",
          "--types",
          "node",
          "--skipLibCheck",
          ...files,
        ],
        { cwd: pkg.dir },
      ).then(
        () => "",
        (e: { stdout?: string }) => e.stdout ?? "tsc failed",
      );
      expect(result).toBe("");
    } finally {
      for (const f of files) rmSync(f, { force: true });
    }
  });
});
