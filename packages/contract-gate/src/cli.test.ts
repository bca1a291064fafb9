/** The command line: arguments, exit codes (0 ok, 1 gate failed, 2 usage), the report file. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { changeset, corpusFile, type TempRepo, tempWorkspace } from "./__tests__/workspace.js";
import { main, parseArgs, USAGE } from "./cli.js";
import { UsageError } from "./git.js";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
  vi.restoreAllMocks();
});

function capture(): { print: (l: string) => void; text: () => string } {
  const lines: string[] = [];
  return { print: (l) => lines.push(l), text: () => lines.join("\n") };
}

describe("parseArgs", () => {
  it("reads the commands and their options", () => {
    expect(parseArgs(["check"])).toMatchObject({ command: "check", build: true, update: false });
    expect(parseArgs(["diff", "--base", "v1", "--report", "r.md"])).toMatchObject({
      command: "diff",
      base: "v1",
      report: "r.md",
    });
    expect(parseArgs(["diff", "--base=origin/main"])).toMatchObject({ base: "origin/main" });
    expect(parseArgs(["api", "--update", "--no-build"])).toMatchObject({
      command: "api",
      update: true,
      build: false,
    });
    expect(parseArgs(["api", "--help"]).command).toBe("help");
  });

  it.each([
    [[], /no command/],
    [["deploy"], /unknown command "deploy"/],
    [["diff", "--update"], /diff does not take --update/],
    [["api", "--base", "x"], /api does not take --base/],
    [["diff", "--base"], /--base needs a value/],
    [["diff", "--base", "--report"], /--base needs a value/],
    [["diff", "extra"], /unexpected argument "extra"/],
    [["api", "--update=yes"], /--update takes no value/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("main", () => {
  it("--help prints the usage and exits 0", async () => {
    const out = capture();
    expect(await main(["--help"], out.print)).toBe(0);
    expect(out.text()).toBe(USAGE);
    expect(USAGE).toMatch(/check \| diff|check\s+The whole gate/);
  });

  it("a usage error exits 2 and prints the usage on stderr", async () => {
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["frobnicate"])).toBe(2);
    expect(err.mock.calls.join("\n")).toContain("Usage: contract-gate");
  });

  it("an unknown --base exits 2", async () => {
    const r = tempWorkspace();
    repos.push(r);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["diff", "--root", r.root, "--base", "nope"], capture().print)).toBe(2);
  });

  it("diff exits 1 on a breaking change without a major changeset, 0 with one, and writes --report", async () => {
    const r = tempWorkspace();
    repos.push(r);
    r.write("contracts/moka/openapi.yaml", corpusFile("openapi", "narrowed-maxlength", "new.yaml"));
    const report = join(r.root, "out", "..", "report.md");
    const out = capture();
    expect(await main(["diff", "--root", r.root, "--report", report], out.print)).toBe(1);
    expect(out.text()).toContain("`maxLength-narrowed`");
    expect(out.text()).toContain("@integrations/moka-types needs a major changeset");
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, "utf8")).toContain("# Contract compatibility report");

    changeset(r, "moka-major.md", {
      "@integrations/moka-types": "major",
      "@integrations/moka-client": "major",
    });
    expect(await main(["diff", "--root", r.root], capture().print)).toBe(0);
  });
});
