import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { banner, usageExample } from "./banner.js";
import { DEFAULT_SEED_PATH, type SandboxSeed } from "./seed.js";
import { type Sandbox, startSandbox } from "./server.js";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const quiet = { ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false as const };

describe("banner", () => {
  it("prints the default seed's fake credentials, so they can be copied", async () => {
    sandbox = await startSandbox(quiet);
    expect(banner(sandbox)).toContain(sandbox.seed.moka.dealers[0]!.password);
  });

  it("hides the secrets of a custom seed, which may be real", async () => {
    const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8")) as SandboxSeed;
    seed.moka.dealers[0]!.password = "REAL-looking-moka-password-1";
    seed.eduix.accounts[0]!.password = "REAL-looking-eduix-password-2";
    seed.easysecure.companies[0]!.securityHash = "REAL-looking-company-code-3";
    sandbox = await startSandbox({ ...quiet, seed });
    const text = `${banner(sandbox)}\n${usageExample(sandbox)}`;
    for (const secret of [
      "REAL-looking-moka-password-1",
      "REAL-looking-eduix-password-2",
      "REAL-looking-company-code-3",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[hidden: custom seed]");
  });
});
