/**
 * The API report: API Extractor on the built declarations, re-exports from other workspace packages kept as
 * re-exports, committed reports compared entry by entry. Runs on a throw-away workspace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runApi } from "./api/command.js";
import { generateApiReport, NotBuiltError } from "./api/report.js";
import { compareSnapshots, describeChanges, parseSnapshot, snapshotPath } from "./api/snapshot.js";
import { listPackages } from "./workspace.js";

let root: string;
const write = (path: string, text: string): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const manifest = (name: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    name,
    version: "1.0.0",
    type: "module",
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    ...extra,
  });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "contract-gate-api-"));
  write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
  write("packages/a/package.json", manifest("@t/a"));
  write(
    "packages/a/dist/index.d.ts",
    [
      'export interface Money { amount: number; currency: "TRY" | "EUR"; }',
      "export declare class HttpError extends Error { readonly status: number; }",
      "export declare function format(m: Money): string;",
      "",
    ].join("\n"),
  );
  write("packages/b/package.json", manifest("@t/b", { dependencies: { "@t/a": "workspace:^" } }));
  mkdirSync(join(root, "packages/b/node_modules/@t"), { recursive: true });
  symlinkSync(join(root, "packages/a"), join(root, "packages/b/node_modules/@t/a"), "dir");
  write(
    "packages/b/dist/index.d.ts",
    [
      'export { HttpError, type Money } from "@t/a";',
      'export * from "./orders.js";',
      'export { createOrder as placeOrder } from "./orders.js";',
      'import type { Limits } from "./internal.js";',
      "/** The defaults. */",
      "export declare const DEFAULT_LIMITS: Limits;",
      "",
    ].join("\n"),
  );
  write(
    "packages/b/dist/orders.d.ts",
    [
      'import type { Money } from "@t/a";',
      "/** An order. */",
      "export interface Order {",
      "    id: string;",
      "    /** The total. */",
      "    total: Money;",
      "    note?: string;",
      "}",
      "export declare function createOrder(input: { customerCode: string; }): Promise<Order>;",
      "",
    ].join("\n"),
  );
  write("packages/b/dist/internal.d.ts", "export interface Limits { maxLength: number; }\n");
  write("packages/tool/package.json", JSON.stringify({ name: "@t/tool", version: "1.0.0", private: true }));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const pkg = (dir: string) => listPackages(root).find((p) => p.dir === dir)!;
const quiet = (): ((line: string) => void) => {
  const lines: string[] = [];
  const print = (l: string): void => {
    lines.push(l);
  };
  (print as unknown as { lines: string[] }).lines = lines;
  return print;
};

describe("generateApiReport (API Extractor)", () => {
  it("reports exports with their declarations, re-exports from other packages, and the internals they use", () => {
    const report = generateApiReport(pkg("b"));
    expect(report).toContain('## API Report File for "@t/b"');
    const ids = parseSnapshot(report).map((e) => e.id);
    expect(ids.sort()).toEqual(
      [
        "re-export HttpError",
        "re-export Money",
        "export createOrder",
        "export DEFAULT_LIMITS",
        "export Order",
        "export placeOrder",
        "internal Limits",
      ].sort(),
    );
    const byId = new Map(parseSnapshot(report).map((e) => [e.id, e.body]));
    expect(byId.get("re-export HttpError")).toBe("export { HttpError } from '@t/a'");
    expect(byId.get("export createOrder")).toContain("function createOrder(input: {");
    // Documentation is not part of the API.
    expect(byId.get("export Order")).not.toContain("The total.");
    expect(byId.get("internal Limits")).toContain("maxLength: number;");
  });

  it("is deterministic, and a report compares equal to itself", () => {
    const a = generateApiReport(pkg("b"));
    const b = generateApiReport(pkg("b"));
    expect(a).toBe(b);
    expect(compareSnapshots(a, b)).toEqual([]);
  });

  it("throws NotBuiltError when the type entry is missing", () => {
    rmSync(join(root, "packages/a/dist"), { recursive: true });
    expect(() => generateApiReport(pkg("a"))).toThrow(NotBuiltError);
  });
});

describe("api check and update", () => {
  it("writes snapshots for publishable packages only, then passes until the surface changes", async () => {
    const print = quiet();
    expect((await runApi({ root, update: true, build: false, print })).ok).toBe(true);
    expect(readFileSync(join(root, snapshotPath("a")), "utf8")).toContain('## API Report File for "@t/a"');
    expect(() => readFileSync(join(root, snapshotPath("tool")), "utf8")).toThrow();
    expect((await runApi({ root, update: false, build: false, print })).ok).toBe(true);
  });

  it("catches a breaking change in a type that no contract diff sees (a field made required)", async () => {
    await runApi({ root, update: true, build: false, print: quiet() });
    const before = readFileSync(join(root, snapshotPath("b")), "utf8");
    write(
      "packages/b/dist/orders.d.ts",
      readFileSync(join(root, "packages/b/dist/orders.d.ts"), "utf8").replace(
        "note?: string;",
        "note: string;",
      ),
    );
    const print = quiet();
    const r = await runApi({ root, update: false, build: false, print });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([`@t/b: the API report differs from ${snapshotPath("b")}`]);
    const out = (print as unknown as { lines: string[] }).lines.join("\n");
    expect(out).toContain("~ changed export Order");
    expect(out).toContain("-     note?: string;");
    expect(out).toContain("+     note: string;");
    // The snapshot is untouched by a check; --update accepts the change.
    expect(readFileSync(join(root, snapshotPath("b")), "utf8")).toBe(before);
    expect((await runApi({ root, update: true, build: false, print: quiet() })).ok).toBe(true);
    expect((await runApi({ root, update: false, build: false, print: quiet() })).ok).toBe(true);
  });

  it("catches a change to a non-exported declaration an export refers to, and a removed export", async () => {
    await runApi({ root, update: true, build: false, print: quiet() });
    const before = readFileSync(join(root, snapshotPath("b")), "utf8");
    write("packages/b/dist/internal.d.ts", "export interface Limits { maxLength: 50; }\n");
    write(
      "packages/b/dist/index.d.ts",
      readFileSync(join(root, "packages/b/dist/index.d.ts"), "utf8").replace(
        'export { createOrder as placeOrder } from "./orders.js";\n',
        "",
      ),
    );
    await runApi({ root, update: true, build: false, print: quiet() });
    const after = readFileSync(join(root, snapshotPath("b")), "utf8");
    const changes = compareSnapshots(before, after);
    expect(changes.map((c) => `${c.change} ${c.id}`).sort()).toEqual([
      "changed internal Limits",
      "removed export placeOrder",
    ]);
    expect(describeChanges(changes)).toContain("+     maxLength: 50;");
  });

  it("fails when a package is not built or has no snapshot, and names it", async () => {
    const print = quiet();
    let r = await runApi({ root, update: false, build: false, print });
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toContain(`@t/a: no API report ${snapshotPath("a")}`);
    rmSync(join(root, "packages/a/dist"), { recursive: true });
    r = await runApi({ root, update: true, build: false, print });
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toContain("@t/a: dist/index.d.ts does not exist; build the package first");
  });

  it("builds the publishable packages through turbo first unless told not to", async () => {
    const calls: string[][] = [];
    await runApi({
      root,
      update: true,
      build: true,
      print: quiet(),
      runner: async (command, args) => {
        calls.push([command, ...args]);
        return { code: 0, stdout: "", stderr: "" };
      },
    });
    expect(calls).toEqual([
      ["pnpm", "turbo", "run", "build", "--filter=@t/a", "--filter=@t/b", "--output-logs=errors-only"],
    ]);
  });
});
