/**
 * The executable runs as a separate process: `bin/integrations.js` (what `bin.integrations` points at, committed
 * so that a fresh install can link it) loading the built `dist/bin.js`.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("../", import.meta.url));
const BUILT = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/integrations.js", import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: PACKAGE,
    encoding: "utf8",
    timeout: 20_000,
    // A clean environment: nothing of the developer's shell (or CI) leaks into the run.
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

describe("bin/integrations.js", () => {
  it("dist/bin.js exists: build first (turbo's test task depends on build)", () => {
    expect(existsSync(BUILT), "run `pnpm exec tsc -p tsconfig.build.json` first").toBe(true);
  });

  it("is the package's bin, is published, and starts with a node shebang", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.bin).toEqual({ integrations: "./bin/integrations.js" });
    expect(pkg.files).toContain("bin");
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(BIN).mode & 0o111, "executable").not.toBe(0);
  });

  it("integrations --help prints the help and exits 0", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("integrations moka get-card-list");
    expect(result.stdout).toContain("integrations eduix get-key");
    expect(result.stderr).toBe("");
  });

  it("a usage error exits 2 with JSON on stderr", () => {
    const result = run(["moka", "get-card-lsit"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr)).toMatchObject({ name: "UsageError", kind: "usage" });
  });

  it("a connection failure exits 4 promptly, and the password is not shown", () => {
    const result = run(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], {
      EASYSECURE_ENDPOINT: "http://127.0.0.1:9/webservicesesws",
      EASYSECURE_COMPANY_ID: "bin-test-company-secret",
    });
    expect(result.status).toBe(4);
    expect(JSON.parse(result.stderr)).toMatchObject({ name: "NetworkError", kind: "network" });
    expect(result.stderr).not.toContain("bin-test-company-secret");
  });

  it("before the first build, says how to build instead of a stack trace", () => {
    const copy = mkdtempSync(join(tmpdir(), "integrations-bin-"));
    try {
      mkdirSync(join(copy, "bin"));
      copyFileSync(BIN, join(copy, "bin", "integrations.js"));
      writeFileSync(join(copy, "package.json"), JSON.stringify({ type: "module" }));
      const result = spawnSync(process.execPath, [join(copy, "bin", "integrations.js"), "--help"], {
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(result.status).toBe(70);
      expect(result.stderr).toContain("the CLI is not built yet");
      expect(result.stderr).toContain("pnpm start");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
