/**
 * `check`: the whole contract gate, each step reported as it runs and summarized at the end.
 *   1. lint the contracts (redocly for OpenAPI, the structural lint and libxml2 XSD compile for WSDL);
 *   2. codegen drift (`pnpm codegen`, then `git status --porcelain -- packages/*\/src/generated`);
 *   3. fixtures and coverage: the contract-tests suite (`pnpm turbo run test --filter=@integrations/contract-tests`);
 *   4. breaking changes since the base and the changesets they need;
 *   5. the API surface of every publishable package against its snapshot.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadOpenApi, openApiExtensionIssues } from "@integrations/contract-model";
import { runApi } from "./api/command.js";
import { describeMissing } from "./changesets.js";
import { runDiff } from "./compare.js";
import { CONTRACTS, type ContractEntry } from "./contract-map.js";
import { type Runner, run } from "./exec.js";
import { porcelain, UsageError } from "./git.js";
import { redoclyLint } from "./openapi/lint.js";
import { renderReport } from "./report.js";
import { bold, failLine, heading, indent, okLine } from "./term.js";
import { lintWsdl } from "./wsdl/lint.js";

export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface CheckOptions {
  readonly root: string;
  readonly base?: string;
  readonly report?: string;
  /** Build the publishable packages before reading their API surface (default true). */
  readonly build?: boolean;
  readonly runner?: Runner;
  readonly print?: (line: string) => void;
  readonly contracts?: readonly ContractEntry[];
}

/** Lints every contract; prints one line per contract and per problem. */
export async function lintContracts(
  root: string,
  print: (line: string) => void,
  runner: Runner = run,
  contracts: readonly ContractEntry[] = CONTRACTS,
): Promise<string[]> {
  const failures: string[] = [];
  for (const c of contracts) {
    const file = join(root, c.path);
    if (!existsSync(file)) {
      print(failLine(`${c.path}: the contract does not exist`));
      failures.push(`${c.path} is missing`);
      continue;
    }
    if (c.format === "openapi") {
      const r = await redoclyLint(root, c.path, runner);
      // The contract extensions (x-idempotent, x-result-codes, x-secret): the rules codegen applies too.
      const extensions = openApiExtensionIssues(loadOpenApi(readFileSync(file, "utf8")));
      if (r.ok && extensions.length === 0) {
        print(okLine(`${c.path}: redocly lint clean, contract extensions well-formed`));
        continue;
      }
      if (!r.ok) {
        print(failLine(`${c.path}: ${r.failure ?? `redocly lint reports ${r.problems.length} problem(s)`}`));
        for (const p of r.problems)
          print(indent(`${p.severity} ${p.ruleId}: ${p.message}${p.pointer ? ` (${p.pointer})` : ""}`));
        failures.push(`${c.path}: ${r.failure ?? `${r.problems.length} redocly problem(s)`}`);
      }
      if (extensions.length > 0) {
        print(failLine(`${c.path}: ${extensions.length} contract extension problem(s)`));
        for (const i of extensions) print(indent(`${i.at}: ${i.message}`));
        failures.push(`${c.path}: ${extensions.length} contract extension problem(s)`);
      }
      continue;
    }
    const issues = await lintWsdl(readFileSync(file, "utf8"));
    if (issues.length === 0) {
      print(okLine(`${c.path}: well-formed, structurally complete, XSD compiles`));
      continue;
    }
    print(failLine(`${c.path}: ${issues.length} problem(s)`));
    for (const i of issues) print(indent(`${i.location}: ${i.message}`));
    failures.push(`${c.path}: ${issues.length} WSDL problem(s)`);
  }
  return failures;
}

export async function runCheck(options: CheckOptions): Promise<{ ok: boolean; steps: StepResult[] }> {
  const print = options.print ?? ((l: string) => console.log(l));
  const runner = options.runner ?? run;
  const root = options.root;
  const steps: StepResult[] = [];
  const step = async (name: string, body: () => Promise<string | undefined>): Promise<void> => {
    print(heading(name));
    try {
      const problem = await body();
      steps.push({ name, ok: problem === undefined, detail: problem ?? "" });
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      print(failLine(msg));
      steps.push({ name, ok: false, detail: msg });
    }
  };

  await step("Lint the contracts", async () => {
    const failures = await lintContracts(root, print, runner, options.contracts);
    return failures.length > 0 ? failures.join("; ") : undefined;
  });

  await step("Codegen drift", async () => {
    print("$ pnpm codegen");
    const r = await runner("pnpm", ["codegen", "--output-logs=errors-only"], { cwd: root, echo: true });
    if (r.code !== 0) {
      print(failLine(`pnpm codegen failed (exit ${r.code})`));
      return `pnpm codegen failed (exit ${r.code})`;
    }
    // `packages/*/src/generated` as a plain pathspec matches nothing below the folders: use a glob pathspec.
    const dirty = porcelain(root, [":(glob)packages/*/src/generated/**"]);
    if (dirty.length === 0) {
      print(okLine("the generated files match what `pnpm codegen` produces"));
      return undefined;
    }
    print(failLine("codegen drift: these generated files differ from what is committed:"));
    for (const line of dirty) print(indent(line));
    print("Run `pnpm codegen` and commit the result (never edit src/generated by hand).");
    return `${dirty.length} generated file(s) differ: ${dirty.map((l) => l.slice(3)).join(", ")}`;
  });

  await step("Fixtures and coverage (contract-tests)", async () => {
    const args = ["turbo", "run", "test", "--filter=@integrations/contract-tests"];
    print(`$ pnpm ${args.join(" ")}`);
    const r = await runner("pnpm", args, { cwd: root, echo: true });
    if (r.code === 0) {
      print(okLine("every fixture validates and every operation × code is covered"));
      return undefined;
    }
    print(failLine(`the contract-tests suite failed (exit ${r.code})`));
    return `contract-tests failed (exit ${r.code})`;
  });

  await step("Breaking changes and changesets", async () => {
    const gate = await runDiff({
      root,
      ...(options.base !== undefined ? { base: options.base } : {}),
      ...(options.contracts ? { contracts: options.contracts } : {}),
    });
    const report = renderReport(gate);
    print(report);
    if (options.report) {
      writeFileSync(resolve(options.report), report);
      print(`(report written to ${options.report})`);
    }
    return gate.ok ? undefined : describeMissing(gate.changesets).join("; ");
  });

  await step("API surface", async () => {
    const r = await runApi({ root, update: false, build: options.build ?? true, runner, print });
    return r.ok ? undefined : r.problems.join("; ");
  });

  print(heading("Summary"));
  for (const s of steps) print(s.ok ? okLine(s.name) : failLine(`${s.name} — ${s.detail}`));
  const ok = steps.every((s) => s.ok);
  print("");
  print(ok ? bold("Contract gate passed.") : bold("Contract gate FAILED."));
  return { ok, steps };
}
