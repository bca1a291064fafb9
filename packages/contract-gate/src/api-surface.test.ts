/**
 * The API surface: read from built declarations with the TypeScript compiler API, re-exports from other
 * workspace packages printed as re-exports, snapshots compared entry by entry. Runs on a throw-away workspace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runApi } from "./api/command.js";
import {
  compareSnapshots,
  describeChanges,
  parseSnapshot,
  renderSnapshot,
  snapshotPath,
} from "./api/snapshot.js";
import { extractSurface, NotBuiltError } from "./api/surface.js";
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

describe("extractSurface", () => {
  it("lists exports with kind and declaration text, re-exports from other packages as re-exports, and referenced internals", () => {
    const surface = extractSurface(pkg("b"), { workspace: listPackages(root) });
    const byName = new Map(surface.entries.map((e) => [`${e.section} ${e.name}`, e]));
    expect([...byName.keys()]).toEqual([
      "reexport HttpError",
      "reexport Money",
      "export createOrder",
      "export DEFAULT_LIMITS",
      "export Order",
      "export placeOrder",
      "internal Limits",
    ]);
    expect(byName.get("reexport HttpError")).toMatchObject({
      kind: "class",
      text: 'export { HttpError } from "@t/a";',
    });
    expect(byName.get("reexport Money")).toMatchObject({
      kind: "interface",
      text: 'export type { Money } from "@t/a";',
    });
    expect(byName.get("export createOrder")).toMatchObject({
      kind: "function",
      text: "function createOrder(input: {\n    customerCode: string;\n}): Promise<Order>;",
    });
    expect(byName.get("export DEFAULT_LIMITS")).toMatchObject({
      kind: "const",
      text: "const DEFAULT_LIMITS: Limits;",
    });
    // JSDoc is not part of the surface.
    expect(byName.get("export Order")!.text).not.toContain("total.");
    expect(byName.get("export placeOrder")!.text).toContain("// exported as placeOrder");
    expect(byName.get("internal Limits")).toMatchObject({ kind: "interface", file: "dist/internal.d.ts" });
  });

  it("is deterministic, and a snapshot parses back into the same entries", () => {
    const a = renderSnapshot(extractSurface(pkg("b"), { workspace: listPackages(root) }));
    const b = renderSnapshot(extractSurface(pkg("b"), { workspace: listPackages(root) }));
    expect(a).toBe(b);
    expect(a).toContain("## Re-exported from other packages");
    expect(parseSnapshot(a).map((e) => e.id)).toEqual([
      "re-export HttpError",
      "re-export Money",
      "export createOrder",
      "export DEFAULT_LIMITS",
      "export Order",
      "export placeOrder",
      "internal Limits (dist/internal.d.ts)",
    ]);
    expect(compareSnapshots(a, b)).toEqual([]);
  });

  it("throws NotBuiltError when the type entry is missing", () => {
    rmSync(join(root, "packages/a/dist"), { recursive: true });
    expect(() => extractSurface(pkg("a"), { workspace: listPackages(root) })).toThrow(NotBuiltError);
    expect(() => extractSurface(pkg("b"), { workspace: listPackages(root) })).toThrow(
      /cannot resolve "@t\/a"/,
    );
  });
});

describe("api check and update", () => {
  it("writes snapshots for publishable packages only, then passes until the surface changes", async () => {
    const print = quiet();
    expect((await runApi({ root, update: true, build: false, print })).ok).toBe(true);
    expect(readFileSync(join(root, snapshotPath("a")), "utf8")).toContain("# API surface: @t/a");
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
    expect(r.problems).toEqual([`@t/b: the API surface differs from ${snapshotPath("b")}`]);
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
      "changed internal Limits (dist/internal.d.ts)",
      "removed export placeOrder",
    ]);
    expect(describeChanges(changes)).toContain("+     maxLength: 50;");
  });

  it("fails when a package is not built or has no snapshot, and names it", async () => {
    const print = quiet();
    let r = await runApi({ root, update: false, build: false, print });
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toContain(`@t/a: no snapshot ${snapshotPath("a")}`);
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
