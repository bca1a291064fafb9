/**
 * The API report of a package: `@microsoft/api-extractor` run on its built type entry (dist/index.d.ts), the
 * `*.api.md` report API Extractor's users know. Every export with its declaration, re-exports from other
 * packages, and the non-exported declarations the exports refer to ("forgotten exports"), so that a change to
 * those shows too. Generated in a scratch folder; the caller compares it with the committed report.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Extractor, ExtractorConfig, ExtractorLogLevel } from "@microsoft/api-extractor";
import type { WorkspacePackage } from "../workspace.js";

export class NotBuiltError extends Error {
  constructor(
    readonly pkg: string,
    message: string,
  ) {
    super(message);
    this.name = "NotBuiltError";
  }
}

/** The report file name API Extractor gives a package: its unscoped name, `.api.md`. */
export function reportFileName(pkg: Pick<WorkspacePackage, "name">): string {
  return `${pkg.name.replace(/^@[^/]+\//, "")}.api.md`;
}

/**
 * Node's types for every package alike: the workspace's `@types/node` (the declarations of the sandbox and the
 * CLI use `Buffer` and `node:http` without a reference of their own).
 */
function nodeTypes(): { typeRoots: string[]; types: string[] } | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve("@types/node/package.json");
    return { typeRoots: [dirname(dirname(manifest))], types: ["node"] };
  } catch {
    return undefined;
  }
}

/**
 * Runs API Extractor on `pkg` and returns the report text. Throws NotBuiltError when the type entry is
 * missing, and an Error naming the package when the compiler cannot read its declarations.
 */
export function generateApiReport(pkg: WorkspacePackage): string {
  const entryRel = pkg.typesEntry ?? "dist/index.d.ts";
  const entry = join(pkg.path, entryRel);
  if (!existsSync(entry)) {
    throw new NotBuiltError(
      pkg.name,
      `${pkg.name}: ${entryRel.replace(/^\.\//, "")} does not exist; build the package first`,
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), "contract-gate-api-"));
  const reportFolder = join(scratch, "report");
  const tempFolder = join(scratch, "temp");
  // API Extractor does not create the report folders itself.
  mkdirSync(reportFolder);
  mkdirSync(tempFolder);
  try {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: pkg.path,
        mainEntryPointFilePath: entry,
        compiler: {
          // The declarations as a consumer compiles them (NodeNext), not the package's own build settings.
          overrideTsconfig: {
            compilerOptions: {
              target: "ES2022",
              lib: ["ES2023"],
              module: "NodeNext",
              moduleResolution: "NodeNext",
              strict: true,
              ...nodeTypes(),
            },
            files: [entry],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: reportFileName(pkg),
          reportFolder,
          reportTempFolder: tempFolder,
          includeForgottenExports: true,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
          // Release tags and TSDoc style are not our rules: the report is about the shape of the API.
          extractorMessageReporting: {
            default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false } },
        },
      },
      configObjectFullPath: undefined,
      packageJsonFullPath: join(pkg.path, "package.json"),
    });
    const errors: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: true,
      messageCallback: (message) => {
        if (message.logLevel === ExtractorLogLevel.Error)
          errors.push(message.formatMessageWithLocation(pkg.path));
        message.handled = true;
      },
    });
    if (!result.succeeded || errors.length > 0) {
      throw new Error(`${pkg.name}: API Extractor could not read the declarations:\n${errors.join("\n")}`);
    }
    return readFileSync(join(reportFolder, reportFileName(pkg)), "utf8");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
