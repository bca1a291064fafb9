/**
 * The README's vitest example, run as a team would run it: recordings made with INTEGRATIONS_RECORD's recorder
 * against the sandbox in a folder `recordings/`, then the example as its own vitest run from that folder.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createMokaClient } from "@integrations/moka-client";
import { createRecorder } from "@integrations/runtime";
import { startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = join(PACKAGE_DIR, ".readme-example-replay.test.ts");
const vitest = join(createRequire(import.meta.url).resolve("vitest/package.json"), "..", "vitest.mjs");
let project: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "replay-readme-"));
  const sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  try {
    const dealer = sandbox.seed.moka.dealers.find((d) => d.dealerCode === "SANDBOX-DEALER")!;
    const moka = createMokaClient({
      baseUrl: sandbox.urls.moka,
      dealerCode: dealer.dealerCode,
      username: dealer.username,
      password: dealer.password,
      recorder: createRecorder({ dir: join(project, "recordings") }),
    });
    await moka.getCardList({ CustomerCode: "Customer1" });
  } finally {
    await sandbox.close();
  }
});
afterAll(() => {
  rmSync(EXAMPLE, { force: true });
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("the README's vitest example", () => {
  it("passes against recordings of the sandbox", { timeout: 60_000 }, async () => {
    const readme = readFileSync(join(PACKAGE_DIR, "README.md"), "utf8");
    const [block] = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(block).toContain("createReplay");
    writeFileSync(EXAMPLE, block!);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [vitest, "run", "--root", PACKAGE_DIR, "--dir", PACKAGE_DIR, EXAMPLE],
      { cwd: project, env: { ...process.env, CI: "1" } },
    );
    expect(stdout).toMatch(/1 passed/);
  });
});
