#!/usr/bin/env node
/**
 * Builds a publishable package: each entry point `src/<path>.ts` becomes one ESM file `dist/<path>.js`
 * (esbuild, everything of the package's own inlined, every package it imports left external) and one
 * declaration file `dist/<path>.d.ts` (tsc's declarations, rolled up by rollup-plugin-dts). One file per entry
 * is what keeps a cold start short: Node resolves and loads each ESM file on its own.
 *
 * Run from the package's folder: `node ../../scripts/bundle.mjs src/index.ts [src/other.ts …]`.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";

const entries = process.argv.slice(2);
if (entries.length === 0 || entries.some((e) => !/^src\/.+\.ts$/.test(e))) {
  process.stderr.write("usage: node ../../scripts/bundle.mjs src/<entry>.ts [src/<entry>.ts …]\n");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const typesDir = "dist/.types";
rmSync("dist", { recursive: true, force: true });

// Declarations first: tsc also type-checks the package, as the build always did.
execFileSync(
  process.execPath,
  [
    require.resolve("typescript/bin/tsc"),
    "-p",
    "tsconfig.build.json",
    "--emitDeclarationOnly",
    "--declarationMap",
    "false",
    "--outDir",
    typesDir,
  ],
  { stdio: "inherit" },
);

await build({
  entryPoints: entries,
  outbase: "src",
  outdir: "dist",
  bundle: true,
  // Dependencies (the other @integrations packages, undici for those who pass it) stay imports.
  packages: "external",
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  // Error classes and validators are reported by name: keep the names the source gives them.
  keepNames: true,
  logLevel: "warning",
});

// One self-contained .d.ts per entry (a separate rollup each, so no shared declaration chunk appears).
for (const entry of entries) {
  const name = entry.slice("src/".length, -".ts".length);
  const bundle = await rollup({
    input: `${typesDir}/${name}.d.ts`,
    plugins: [dts()],
    onwarn(warning, warn) {
      // A dependency's types are imported, never inlined: that is the point of leaving them external.
      if (warning.code !== "UNRESOLVED_IMPORT") warn(warning);
    },
  });
  await bundle.write({ file: `dist/${name}.d.ts`, format: "es" });
  await bundle.close();
}

rmSync(typesDir, { recursive: true, force: true });
