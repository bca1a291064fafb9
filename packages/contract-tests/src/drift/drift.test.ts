/**
 * The drift check end to end: the sandbox's tour recorded (INTEGRATIONS_RECORD) against the normal sandbox, then
 * against each kind of drift it can be switched to, and `contracts:drift` run on each recording. The normal
 * run must report nothing; each drifted one must report its change, for every vendor it applies to, and say
 * whether our clients break on it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTour, type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDrift, type DriftResult } from "./check.js";
import { main } from "./cli.js";
import type { FindingKind } from "./findings.js";

let sandbox: Sandbox;
let root: string;
const results = new Map<string, DriftResult>();

async function recordTour(name: string, faults: string): Promise<string> {
  const dir = join(root, name);
  sandbox.faults.set(faults);
  process.env.INTEGRATIONS_RECORD = dir;
  try {
    await runTour({ urls: sandbox.urls, seed: sandbox.seed });
  } finally {
    delete process.env.INTEGRATIONS_RECORD;
    sandbox.faults.set("");
  }
  return dir;
}

const KINDS = ["added", "renamed", "new-code", "reordered", "wrong-type"] as const;

beforeAll(async () => {
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  root = mkdtempSync(join(tmpdir(), "drift-"));
  results.set("normal", await checkDrift(await recordTour("normal", "")));
  for (const kind of KINDS) results.set(kind, await checkDrift(await recordTour(kind, `drift-${kind}`)));
}, 240_000);
afterAll(async () => {
  await sandbox?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The kinds of finding reported for each vendor. */
function kindsByVendor(result: DriftResult): Record<string, Set<FindingKind>> {
  const out: Record<string, Set<FindingKind>> = {};
  for (const f of result.findings) {
    out[f.vendor] ??= new Set();
    out[f.vendor]!.add(f.kind);
  }
  return out;
}

describe("contracts:drift on recordings of the sandbox", () => {
  it("finds no drift against the normal sandbox, for every exchange of every vendor", () => {
    const normal = results.get("normal")!;
    expect(normal.exchanges.moka).toBeGreaterThan(20);
    expect(normal.exchanges.easysecure).toBeGreaterThan(3);
    expect(normal.exchanges.eduix).toBeGreaterThan(8);
    expect(normal.findings).toEqual([]);
  });

  it("reports an added field or element, for every vendor, as tolerated by our clients", () => {
    const result = results.get("added")!;
    for (const vendor of ["moka", "easysecure", "eduix"])
      expect(kindsByVendor(result)[vendor]).toContain("unknown-member");
    expect(result.findings.every((f) => f.breaksClients === false)).toBe(true);
  });

  it("reports a renamed element or field, and that the clients break on it where they do", () => {
    const kinds = kindsByVendor(results.get("renamed")!);
    expect(kinds.moka).toContain("missing-member");
    expect(kinds.eduix).toContain("unknown-member");
    expect(kinds.easysecure).toContain("rpc-part-renamed");
    expect(results.get("renamed")!.findings.some((f) => f.vendor === "moka" && f.breaksClients)).toBe(true);
  });

  it("reports a new result code, for every vendor", () => {
    const kinds = kindsByVendor(results.get("new-code")!);
    for (const vendor of ["moka", "easysecure", "eduix"])
      expect(kinds[vendor]).toContain("undocumented-code");
  });

  it("reports reordered rpc parts (ESWS, positional binding)", () => {
    expect(kindsByVendor(results.get("reordered")!).easysecure).toContain("rpc-parts-reordered");
  });

  it("reports a value of the wrong type, for every vendor", () => {
    const kinds = kindsByVendor(results.get("wrong-type")!);
    for (const vendor of ["moka", "easysecure", "eduix"]) expect(kinds[vendor]).toContain("type-violation");
  });

  it("exits 0 without drift, 1 with it, 2 on a usage error, with a report that names each finding", {
    timeout: 60_000,
  }, async () => {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    expect(await main([join(root, "normal")], print)).toBe(0);
    expect(lines.join("\n")).toContain("No drift");
    lines.length = 0;
    expect(await main([join(root, "reordered")], print)).toBe(1);
    expect(lines.join("\n")).toMatch(
      /rpc parts reordered.*Breaks our clients today|Breaks our clients today[\s\S]*rpc parts reordered/,
    );
    expect(await main([], print)).toBe(2);
    expect(await main([join(root, "no-such-dir")], print)).toBe(2);
  });
});
