/** `check` end to end on a throw-away workspace, with the external tools (pnpm, turbo, redocly) stubbed. */
import { afterEach, describe, expect, it } from "vitest";
import { changeset, corpusFile, type TempRepo, tempWorkspace } from "./__tests__/workspace.js";
import { runApi } from "./api/command.js";
import { runCheck } from "./check.js";
import { CONTRACTS } from "./contract-map.js";
import type { RunOptions, RunResult } from "./exec.js";
import { listPackages } from "./workspace.js";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

interface Stub {
  calls: string[];
  runner: (command: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;
}

/** redocly clean, codegen and the contract-tests suite succeed, unless overridden. */
function stub(overrides: { codegen?: (root: string) => void; tests?: number; redocly?: string } = {}): Stub {
  const calls: string[] = [];
  return {
    calls,
    runner: async (command, args, options) => {
      const line = [command.split("/").pop(), ...args].join(" ");
      calls.push(line);
      if (line.startsWith("redocly lint")) {
        return {
          code: 0,
          stdout: overrides.redocly ?? '{"totals":{"errors":0,"warnings":0},"problems":[]}',
          stderr: "",
        };
      }
      if (line.startsWith("pnpm codegen")) {
        overrides.codegen?.(options.cwd);
        return { code: 0, stdout: "", stderr: "" };
      }
      if (line.includes("--filter=@integrations/contract-tests"))
        return { code: overrides.tests ?? 0, stdout: "", stderr: "" };
      return { code: 0, stdout: "", stderr: "" };
    },
  };
}

const CONTRACTS_HERE = CONTRACTS.filter((c) => c.id !== "eduix");

/** A temporary workspace whose packages are "built" (a tiny dist/index.d.ts each) with committed API snapshots. */
async function workspace(): Promise<TempRepo> {
  const r = tempWorkspace();
  repos.push(r);
  // A redocly binary where the gate looks for it, so the stub sees "redocly lint".
  r.write("node_modules/.bin/redocly", "#!/bin/sh\nexit 0\n");
  for (const p of listPackages(r.root).filter((x) => !x.private)) {
    const manifest = JSON.parse(r.read(`packages/${p.dir}/package.json`)) as Record<string, unknown>;
    manifest.exports = { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } };
    r.write(`packages/${p.dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    r.write(`packages/${p.dir}/dist/index.d.ts`, `export declare const name = "${p.name}";\n`);
  }
  await runApi({ root: r.root, update: true, build: false, print: () => {} });
  r.commit("snapshots");
  return r;
}

describe("runCheck", () => {
  it("runs every step in order and passes on a clean workspace", async () => {
    const r = await workspace();
    const s = stub();
    const lines: string[] = [];
    const result = await runCheck({
      root: r.root,
      runner: s.runner,
      build: false,
      print: (l) => lines.push(l),
      contracts: CONTRACTS_HERE,
    });
    expect(result.steps.map((x) => [x.name, x.ok])).toEqual([
      ["Lint the contracts", true],
      ["Codegen drift", true],
      ["Fixtures and coverage (contract-tests)", true],
      ["Breaking changes and changesets", true],
      ["API surface", true],
    ]);
    expect(result.ok).toBe(true);
    expect(s.calls).toEqual([
      "redocly lint contracts/moka/openapi.yaml --format=json",
      "pnpm codegen --output-logs=errors-only",
      "pnpm turbo run test --filter=@integrations/contract-tests",
    ]);
    expect(lines.join("\n")).toContain("Contract gate passed.");
  });

  it("fails on codegen drift and names the drifted files", async () => {
    const r = await workspace();
    const s = stub({
      codegen: () => r.write("packages/moka-types/src/generated/schemas.ts", "export const drift = 1;\n"),
    });
    const lines: string[] = [];
    const result = await runCheck({
      root: r.root,
      runner: s.runner,
      build: false,
      print: (l) => lines.push(l),
      contracts: CONTRACTS_HERE,
    });
    const drift = result.steps.find((x) => x.name === "Codegen drift")!;
    expect(drift.ok).toBe(false);
    expect(drift.detail).toContain("packages/moka-types/src/generated/schemas.ts");
    expect(lines.join("\n")).toContain("?? packages/moka-types/src/generated/schemas.ts");
    expect(result.ok).toBe(false);
  });

  it("fails when redocly reports anything, when a WSDL is broken, or when the contract-tests suite fails", async () => {
    const r = await workspace();
    r.write(
      "contracts/easysecure/esws.wsdl",
      corpusFile("wsdl", "rpc-reordered-parts", "old.wsdl").replace('type="xsd:int" x:rule', "x:rule"),
    );
    const s = stub({
      tests: 1,
      redocly: JSON.stringify({
        totals: { errors: 0, warnings: 1 },
        problems: [
          {
            ruleId: "operation-4xx-response",
            severity: "warn",
            message: "Operation must have at least one 4XX response.",
            location: [{ pointer: "#/paths/~1Orders~1Create/post/responses" }],
          },
        ],
      }),
    });
    const lines: string[] = [];
    const result = await runCheck({
      root: r.root,
      runner: s.runner,
      build: false,
      print: (l) => lines.push(l),
      contracts: CONTRACTS_HERE,
    });
    const text = lines.join("\n");
    expect(text).toContain("warn operation-4xx-response: Operation must have at least one 4XX response.");
    expect(text).toContain("part is untyped");
    expect(result.steps.find((x) => x.name === "Lint the contracts")!.ok).toBe(false);
    expect(result.steps.find((x) => x.name === "Fixtures and coverage (contract-tests)")!.ok).toBe(false);
    // The changed WSDL also needs changesets: the breaking-change step fails too, naming the packages.
    const diff = result.steps.find((x) => x.name === "Breaking changes and changesets")!;
    expect(diff.ok).toBe(false);
    expect(diff.detail).toContain("@integrations/easysecure-types");
  });

  it("passes the breaking-change step once the changesets are there", async () => {
    const r = await workspace();
    r.write("contracts/easysecure/esws.wsdl", corpusFile("wsdl", "changed-soapaction", "new.wsdl"));
    changeset(r, "esws.md", {
      "@integrations/easysecure-types": "major",
      "@integrations/easysecure-client": "major",
    });
    const result = await runCheck({
      root: r.root,
      runner: stub().runner,
      build: false,
      print: () => {},
      contracts: CONTRACTS_HERE,
    });
    expect(result.steps.find((x) => x.name === "Breaking changes and changesets")!.ok).toBe(true);
  });
});
