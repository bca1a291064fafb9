/**
 * Each client (and the replay package), packed with what it depends on, installs with plain npm in an empty folder outside the
 * workspace and works there: proof that the published artifacts (not the workspace links) are complete.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, withWorkspaceDependencies } from "./workspace.js";

const clients = [
  { name: "@integrations/moka-client", smoke: "moka.mjs" },
  { name: "@integrations/easysecure-client", smoke: "easysecure.mjs" },
  { name: "@integrations/eduix-client", smoke: "eduix.mjs" },
  { name: "@integrations/replay", smoke: "replay.mjs" },
].filter((c) => existsSync(new URL(`./smoke/${c.smoke}`, import.meta.url)));

/** The names of every package under a node_modules folder, nested ones included. */
function installedPackages(nodeModules: string): string[] {
  const names: string[] = [];
  const visit = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder)) {
      if (entry.startsWith(".")) continue;
      const scoped = entry.startsWith("@");
      for (const name of scoped ? readdirSync(join(folder, entry)).map((n) => `${entry}/${n}`) : [entry]) {
        names.push(name);
        visit(join(folder, name, "node_modules"));
      }
    }
  };
  visit(nodeModules);
  return names;
}

const scratch = mkdtempSync(join(tmpdir(), "integrations-pack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(clients.map((c) => [c.name, c] as const))("%s packed and installed alone", (_name, client) => {
  it("installs from tarballs with npm and calls a local server", { timeout: 180_000 }, async () => {
    const folder = join(scratch, client.smoke.replace(/\.mjs$/, ""));
    const tarballs = join(folder, "tarballs");
    const app = join(folder, "app");
    mkdirSync(tarballs, { recursive: true });
    mkdirSync(app, { recursive: true });

    const packages = withWorkspaceDependencies(client.name);
    for (const pkg of packages) await run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: pkg.dir });
    const files = readdirSync(tarballs).filter((f) => f.endsWith(".tgz"));
    expect(files).toHaveLength(packages.length);

    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "smoke", private: true, type: "module" }),
    );
    await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", ...files.map((f) => join(tarballs, f))],
      {
        cwd: app,
      },
    );
    expect(existsSync(join(app, "node_modules", ...client.name.split("/"), "dist", "index.js"))).toBe(true);
    // Validation is generated code: no schema compiler is installed with a client, at any depth.
    expect(installedPackages(join(app, "node_modules"))).not.toContain("ajv");

    copyFileSync(new URL(`./smoke/${client.smoke}`, import.meta.url), join(app, client.smoke));
    const { stdout } = await run("node", [client.smoke], { cwd: app, timeout: 30_000 });
    expect(JSON.parse(stdout.trim().split("\n").pop()!)).toMatchObject({ ok: true });
  });
});
