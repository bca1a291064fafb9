#!/usr/bin/env node
/**
 * contract-gate: `check | diff [--base <ref>] [--report <file>] | api [--update] | pull <vendor> --from <url|file>`.
 * Exit codes: 0 ok, 1 the gate failed, 2 usage error.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { runApi } from "./api/command.js";
import { describeMissing } from "./changesets.js";
import { runCheck } from "./check.js";
import { runDiff } from "./compare.js";
import { UsageError } from "./git.js";
import { PullError } from "./pull/published-wsdl.js";
import { renderPullReport, runPull } from "./pull/pull.js";
import { renderReport } from "./report.js";
import { runAsScript } from "./run-as-script.js";
import { bold, failLine, okLine } from "./term.js";
import { findRoot } from "./workspace.js";

export const USAGE = `Usage: contract-gate <command> [options]

Commands:
  check             The whole gate, as CI runs it (pnpm contracts:check):
                      1. lint every contract (redocly for OpenAPI; WSDL structure and XSD compile),
                      2. codegen drift (pnpm codegen, then git status of packages/*/src/generated),
                      3. fixtures and coverage (the contract-tests suite, through turbo),
                      4. breaking changes since the base, and the changesets they need,
                      5. the API report (API Extractor) of every publishable package against its committed one.
  diff              Step 4 only: the breaking-change report (markdown) and the changeset check.
  api               Step 5 only: compare each publishable package's API report with its <package>.api.md
                    in packages/contract-gate/api-surface/ (the packages are built first, turbo-cached).
  pull <vendor>     Compare the vendor's published WSDL (--from) with our contract, both without our own
                    extensions, and classify every difference with the rules of step 4 (pnpm contracts:pull).
                    Never writes the contract. Exit 1 when a difference is breaking or the WSDL cannot be read.

Options:
  --base <ref>      check, diff: compare the working tree with <ref> (default: the merge-base of HEAD
                    and main, or origin/main; HEAD when there is no main branch)
  --report <file>   check, diff, pull: also write the markdown report to <file>
  --from <url|file> pull: where the vendor publishes its WSDL (ESWS: <endpoint>?wsdl, Edu-iX: <endpoint>/wsdl/)
  --update          api: rewrite the reports from the built packages instead of comparing
  --no-build        api, check: do not build the packages first; read the dist/ that is there
  --root <dir>      the workspace root (default: found from the current directory)
  -h, --help        show this help

Exit codes: 0 ok, 1 the gate failed, 2 usage error.
`;

interface Parsed {
  command: "check" | "diff" | "api" | "pull" | "help";
  vendor?: string;
  from?: string;
  base?: string;
  report?: string;
  update: boolean;
  build: boolean;
  root?: string;
}

const ALLOWED: Record<Parsed["command"], readonly string[]> = {
  check: ["--base", "--report", "--no-build", "--root"],
  diff: ["--base", "--report", "--root"],
  api: ["--update", "--no-build", "--root"],
  pull: ["--from", "--report", "--root"],
  help: [],
};

export function parseArgs(argv: readonly string[]): Parsed {
  const args = [...argv];
  if (args.length === 0) throw new UsageError("no command given");
  if (args.includes("--help") || args.includes("-h")) return { command: "help", update: false, build: true };
  const command = args.shift()!;
  if (command !== "check" && command !== "diff" && command !== "api" && command !== "pull") {
    throw new UsageError(`unknown command ${JSON.stringify(command)} (expected check, diff, api or pull)`);
  }
  const parsed: Parsed = { command, update: false, build: true };
  if (command === "pull") {
    const vendor = args.shift();
    if (vendor === undefined || vendor.startsWith("-"))
      throw new UsageError("pull needs a vendor: pull <vendor> --from <url|file>");
    parsed.vendor = vendor;
  }
  while (args.length > 0) {
    let arg = args.shift()!;
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (!ALLOWED[command].includes(arg)) {
      throw new UsageError(
        arg.startsWith("-")
          ? `${command} does not take ${arg}`
          : `unexpected argument ${JSON.stringify(arg)}`,
      );
    }
    const needValue = (): string => {
      const v = value ?? args.shift();
      if (v === undefined || v === "" || (value === undefined && v.startsWith("--")))
        throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--base":
        parsed.base = needValue();
        break;
      case "--report":
        parsed.report = needValue();
        break;
      case "--from":
        parsed.from = needValue();
        break;
      case "--root":
        parsed.root = needValue();
        break;
      case "--update":
      case "--no-build":
        if (value !== undefined) throw new UsageError(`${arg} takes no value`);
        if (arg === "--update") parsed.update = true;
        else parsed.build = false;
        break;
    }
  }
  if (command === "pull" && parsed.from === undefined) throw new UsageError("pull needs --from <url|file>");
  return parsed;
}

export async function main(
  argv: readonly string[],
  print: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`contract-gate: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === "help") {
    print(USAGE);
    return 0;
  }
  try {
    const root = findRoot(parsed.root);
    switch (parsed.command) {
      case "check": {
        const r = await runCheck({
          root,
          build: parsed.build,
          print,
          ...(parsed.base !== undefined ? { base: parsed.base } : {}),
          ...(parsed.report !== undefined ? { report: parsed.report } : {}),
        });
        return r.ok ? 0 : 1;
      }
      case "diff": {
        const gate = await runDiff({ root, ...(parsed.base !== undefined ? { base: parsed.base } : {}) });
        const report = renderReport(gate);
        print(report);
        if (parsed.report) {
          writeFileSync(resolve(parsed.report), report);
          print(`(report written to ${parsed.report})`);
        }
        if (gate.ok) {
          print(okLine(bold("No missing changeset.")));
          return 0;
        }
        for (const line of describeMissing(gate.changesets)) print(failLine(line));
        return 1;
      }
      case "api": {
        const r = await runApi({ root, update: parsed.update, build: parsed.build, print });
        return r.ok ? 0 : 1;
      }
      case "pull": {
        const result = await runPull({ root, vendor: parsed.vendor!, from: parsed.from! });
        const report = renderPullReport(result);
        print(report);
        if (parsed.report) {
          writeFileSync(resolve(parsed.report), report);
          print(`(report written to ${parsed.report})`);
        }
        if (result.breaking === 0) {
          print(okLine(bold(`No breaking difference from ${result.contract}.`)));
          return 0;
        }
        print(failLine(`${result.breaking} breaking difference(s) from ${result.contract}.`));
        return 1;
      }
    }
  } catch (e) {
    if (e instanceof PullError) {
      console.error(failLine(`contract-gate pull: ${e.message}`));
      return e.reason === "usage" ? 2 : 1;
    }
    if (e instanceof UsageError) {
      console.error(`contract-gate: ${e.message}`);
      return 2;
    }
    console.error(failLine(`contract-gate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return 1;
  }
  return 0;
}

runAsScript(import.meta.url, (argv) => main(argv));
