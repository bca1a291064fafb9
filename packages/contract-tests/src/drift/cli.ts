#!/usr/bin/env node
/**
 * `pnpm contracts:drift <dir> [--report <file>]`: every recorded exchange under <dir> checked against the
 * contracts. Exit codes: 0 no drift, 1 drift (or an unreadable recording), 2 usage error.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { runAsScript } from "@integrations/contract-gate";
import { checkDrift } from "./check.js";
import { renderDriftReport } from "./report.js";

export const USAGE = `Usage: pnpm contracts:drift <dir> [--report <file>]

Checks every exchange recorded under <dir> (INTEGRATIONS_RECORD=<dir>, the layout <vendor>/<Operation>/<case>/)
against the contracts: XSD for XML in its SOAP envelope, JSON Schema for JSON, the rpc parts in order, the
result code in the catalog; and gives each recorded answer to the real client to say whether it breaks it.

Options:
  --report <file>   also write the markdown report to <file>
  -h, --help        show this help

Exit codes: 0 no drift, 1 drift found (or a recording that cannot be read), 2 usage error.
`;

export async function main(
  argv: readonly string[],
  print: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const args = [...argv];
  if (args.includes("-h") || args.includes("--help")) {
    print(USAGE);
    return 0;
  }
  let report: string | undefined;
  const positional: string[] = [];
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === "--report" || arg.startsWith("--report=")) {
      report = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args.shift();
      if (!report) return usage("--report needs a file");
    } else if (arg.startsWith("-")) return usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) return usage("give one recording directory");
  const dir = resolve(positional[0]!);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return usage(`${positional[0]} is not a directory`);
  try {
    const result = await checkDrift(dir);
    const text = renderDriftReport(result);
    print(text);
    if (report) {
      writeFileSync(resolve(report), text);
      print(`(report written to ${report})`);
    }
    return result.findings.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`contracts:drift: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function usage(message: string): number {
  console.error(`contracts:drift: ${message}\n\n${USAGE}`);
  return 2;
}

runAsScript(import.meta.url, (argv) => main(argv));
