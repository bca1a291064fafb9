#!/usr/bin/env node
/**
 * Builds a publishable package: each entry point `src/<path>.ts` becomes one ESM file `dist/<path>.js`
 * (esbuild, everything of the package's own inlined, every package it imports left external) and one
 * declaration file `dist/<path>.d.ts` (tsc's declarations, rolled up by API Extractor, the tool that also
 * writes the reviewed API reports, so a rolled-up file reads to it exactly as the declarations it came from).
 * One file per entry is what keeps a cold start short: Node resolves and loads each ESM file on its own.
 *
 * Run from the package's folder: `node ../../scripts/bundle.mjs src/index.ts [src/other.ts …]`.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Extractor, ExtractorConfig, ExtractorLogLevel } from "@microsoft/api-extractor";
import { build } from "esbuild";

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
  // No source maps: they would point at src/, which is not published, and they were most of a client's
  // installed size. The bundle is not minified, so a stack trace still reads.
  sourcemap: false,
  // Error classes and validators are reported by name: keep the names the source gives them.
  keepNames: true,
  logLevel: "warning",
});

// One self-contained .d.ts per entry; imports of other packages stay imports.
const projectFolder = process.cwd();
for (const entry of entries) {
  const name = entry.slice("src/".length, -".ts".length);
  const input = resolve(typesDir, `${name}.d.ts`);
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder,
      mainEntryPointFilePath: input,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2023"],
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            types: ["node"],
          },
          files: [input],
        },
      },
      apiReport: { enabled: false },
      docModel: { enabled: false },
      dtsRollup: { enabled: true, untrimmedFilePath: resolve(`dist/${name}.d.ts`) },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        extractorMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(projectFolder, "package.json"),
  });
  const errors = [];
  const result = Extractor.invoke(config, {
    localBuild: true,
    messageCallback: (message) => {
      if (message.logLevel === ExtractorLogLevel.Error)
        errors.push(message.formatMessageWithLocation(projectFolder));
      message.handled = true;
    },
  });
  if (!result.succeeded || errors.length > 0) {
    process.stderr.write(`${entry}: the declarations could not be rolled up:\n${errors.join("\n")}\n`);
    process.exit(1);
  }
}

rmSync(typesDir, { recursive: true, force: true });
