/**
 * The live check cannot reach the vendors from here, so its dry run is tested: the same read calls against the
 * embedded sandbox, recorded, and the drift check over them.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "./live-check.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("contracts:live-check", () => {
  it("--dry-run: records GetCustomerList, GetCardList and getKey against the sandbox and finds no drift", {
    timeout: 60_000,
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), "live-check-"));
    dirs.push(out);
    const lines: string[] = [];
    expect(await main(["--dry-run", "--out", out], (line) => lines.push(line))).toBe(0);
    expect(readdirSync(join(out, "moka")).sort()).toEqual(["GetCardList", "GetCustomerList"]);
    expect(readdirSync(join(out, "eduix")).sort()).toEqual(["getKey", "login"]);
    expect(existsSync(join(out, "drift-report.md"))).toBe(true);
    expect(lines.join("\n")).toContain("No drift");
  });

  it("without --dry-run, names the variables it needs and sends nothing", async () => {
    const saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (/^(MOKA|EDUIX)_/.test(name)) delete process.env[name];
    try {
      expect(await main(["--out", join(tmpdir(), "never-written")], () => {})).toBe(2);
      expect(existsSync(join(tmpdir(), "never-written"))).toBe(false);
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
