/**
 * The path of the people the packages are for: a service outside this repository installs one client by
 * name from the registry, with plain npm and a scoped `.npmrc`, and uses it as its README shows.
 *
 * For each client, in an empty folder under the system's temp dir: `npm install <client>` (plus TypeScript),
 * then every TypeScript block of the README *as published* (read from node_modules) is type-checked with
 * `tsc --strict` (NodeNext) and run against the sandbox, twice, because a service runs its code more than
 * once. The CLI is installed globally by name and called; the root README's example runs as well.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT, toolEnv } from "./release.js";

const exec = promisify(execFile);
const registry = inject("registry");
const scratch = mkdtempSync(join(tmpdir(), "integrations-consumer-"));
const NODE_MAJOR = process.versions.node.split(".")[0]!;
/** The TypeScript this repository builds with, so that a failure is ours and not a new compiler's. */
const TYPESCRIPT = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  }
).devDependencies.typescript!;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** What a service sets for each client: the sandbox's address and the default seed's fake credentials. */
function serviceEnv(): Record<string, string> {
  return {
    MOKA_BASE_URL: sandbox.urls.moka,
    MOKA_DEALER_CODE: "SANDBOX-DEALER",
    MOKA_USERNAME: "sandbox-api",
    MOKA_PASSWORD: "sandbox-secret",
    EASYSECURE_ENDPOINT: sandbox.urls.easysecure,
    EASYSECURE_COMPANY_ID: "FAKE-SECURITY-CODE-FOR-TESTS-001",
    EDUIX_ENDPOINT: sandbox.urls.eduix,
    EDUIX_USERNAME: "sandbox-distributor",
    EDUIX_PASSWORD: "sandbox-password",
  };
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(command: string, args: string[], cwd: string, env = toolEnv()): Promise<Ran> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** The ```ts blocks of a markdown text, in order. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The latest version the registry has of `name`. */
async function latest(name: string): Promise<string> {
  const response = await fetch(`${registry}${name.replace("/", "%2f")}`);
  expect(response.status, `${name} is on ${registry}`).toBe(200);
  const doc = (await response.json()) as { "dist-tags": { latest: string } };
  return doc["dist-tags"].latest;
}

/** An empty service folder with only a package.json and the one `.npmrc` line the README asks for. */
function newService(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name, private: true, type: "module" }, null, 2)}\n`,
  );
  writeFileSync(join(dir, ".npmrc"), `@integrations:registry=${registry}\n`);
  return dir;
}

async function npmInstall(dir: string, packages: string[]): Promise<Ran> {
  return sh("npm", ["install", "--no-audit", "--no-fund", ...packages], dir);
}

/** Writes the blocks as modules, type-checks and compiles them with tsc --strict (NodeNext) into out/. */
async function compile(dir: string, blocks: readonly string[], prefix: string): Promise<Ran> {
  const files = blocks.map((code, i) => {
    const file = `${prefix}-${i}.ts`;
    writeFileSync(join(dir, file), code);
    return file;
  });
  return sh(
    join(dir, "node_modules", ".bin", "tsc"),
    [
      "--strict",
      "--module",
      "NodeNext",
      "--moduleResolution",
      "NodeNext",
      "--target",
      "ES2022",
      "--types",
      "node",
      "--outDir",
      "out",
      ...files,
    ],
    dir,
  );
}

async function runCompiled(dir: string, prefix: string, i: number): Promise<Ran> {
  return sh(process.execPath, [join("out", `${prefix}-${i}.js`)], dir, toolEnv(serviceEnv()));
}

interface ClientCase {
  readonly name: string;
  /** What each README block prints on a healthy run against the sandbox, by block. */
  readonly expects: ReadonlyArray<{ first: RegExp; again: RegExp }>;
}

const CLIENTS: readonly ClientCase[] = [
  {
    name: "@integrations/moka-client",
    expects: [
      { first: /^1035 \[/m, again: /^1035 \[/m },
      // The upsert: a new customer the first time, its card replaced the next.
      { first: /^created /m, again: /^card-replaced /m },
      { first: /DealerCustomer\.GetCardList\.DealerCustomerNotFound/, again: /DealerCustomerNotFound/ },
    ],
  },
  {
    name: "@integrations/easysecure-client",
    expects: [
      { first: /^INSERTED$/m, again: /^UPDATED$/m },
      { first: /MOBILE_CARD_ALREADY_ISSUED/, again: /MOBILE_CARD_ALREADY_ISSUED/ },
    ],
  },
  {
    name: "@integrations/eduix-client",
    expects: [
      {
        first: /^48213976 .*\n(.*\n)*this userID has no prematch \(any more\)$/m,
        again: /^48213976 .*\n(.*\n)*this userID has no prematch \(any more\)$/m,
      },
      { first: /^4426 final/m, again: /^4426 final/m },
    ],
  },
];

it("runs on the Node version it was asked to (CI runs it on 20, 22 and 24)", () => {
  const expected = process.env.INTEGRATIONS_EXPECT_NODE_MAJOR;
  if (expected !== undefined && expected !== "") expect(NODE_MAJOR).toBe(expected);
  const engines = (
    JSON.parse(readFileSync(join(REPO_ROOT, "packages", "moka-client", "package.json"), "utf8")) as {
      engines: { node: string };
    }
  ).engines.node;
  expect(engines).toContain(`^${NODE_MAJOR}.`);
});

describe.each(CLIENTS.map((c) => [c.name, c] as const))("%s, installed by name", (name, client) => {
  const dir = newService(name.split("/")[1]!);
  let install: Ran;

  beforeAll(async () => {
    install = await npmInstall(dir, [name, `typescript@${TYPESCRIPT}`, `@types/node@${NODE_MAJOR}`]);
  });

  it("installs with plain npm and the scoped .npmrc alone, without warnings", async () => {
    expect(install.code, install.stderr).toBe(0);
    // EBADENGINE would say that this Node version is not in the packages' `engines`.
    expect(install.stderr).not.toMatch(/EBADENGINE|npm warn/i);
    const installed = JSON.parse(
      readFileSync(join(dir, "node_modules", ...name.split("/"), "package.json"), "utf8"),
    ) as { version: string; dependencies: Record<string, string> };
    expect(installed.version).toBe(await latest(name));
    // Its own packages came from the same registry, with the workspace ranges rewritten to real ones.
    for (const [dep, range] of Object.entries(installed.dependencies)) {
      if (dep.startsWith("@integrations/")) expect(range).toMatch(/^\^\d+\.\d+\.\d+/);
    }
  });

  it("its README examples, as published, type-check with tsc --strict (NodeNext)", async () => {
    const readme = readFileSync(join(dir, "node_modules", ...name.split("/"), "README.md"), "utf8");
    const blocks = tsBlocks(readme);
    expect(blocks).toHaveLength(client.expects.length);
    const tsc = await compile(dir, blocks, "readme");
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  });

  it("its README examples run against the sandbox, and run again", async () => {
    for (const [i, expected] of client.expects.entries()) {
      for (const [round, pattern] of [
        ["first", expected.first],
        ["again", expected.again],
      ] as const) {
        const ran = await runCompiled(dir, "readme", i);
        expect(ran.code, `block ${i}, ${round} run:\n${ran.stdout}${ran.stderr}`).toBe(0);
        expect(ran.stdout, `block ${i}, ${round} run`).toMatch(pattern);
        expect(ran.stderr, `block ${i}, ${round} run: no stack trace`).not.toMatch(/\n\s+at /);
      }
    }
  });
});

describe('the repository README\'s "Use a package in your service"', () => {
  const section = (): string => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf("## Use a package in your service");
    expect(start).toBeGreaterThan(-1);
    const end = readme.indexOf("\n## ", start + 1);
    return readme.slice(start, end === -1 ? undefined : end);
  };

  it("shows the .npmrc line and the install this test uses", () => {
    const text = section();
    expect(text).toContain("@integrations:registry=");
    expect(text).toContain("npm install @integrations/moka-client");
  });

  it("has an example that type-checks and runs in a service that installed the Moka client", async () => {
    const dir = join(scratch, "moka-client");
    const blocks = tsBlocks(section());
    expect(blocks).toHaveLength(1);
    const tsc = await compile(dir, blocks, "root-readme");
    expect(tsc.stdout + tsc.stderr).toBe("");
    const ran = await runCompiled(dir, "root-readme", 0);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/Customer1 has 2 stored cards/);
  });
});

describe("@integrations/cli, installed globally by name", () => {
  const prefix = join(scratch, "global");
  const bin = join(prefix, "bin", "integrations");

  beforeAll(async () => {
    // As the CLI README says: the scope's registry in the user's npm config, then `npm install -g`.
    const ran = await sh(
      "npm",
      [
        "install",
        "-g",
        "--prefix",
        prefix,
        "--no-audit",
        "--no-fund",
        `--@integrations:registry=${registry}`,
        "@integrations/cli",
      ],
      scratch,
    );
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).not.toMatch(/EBADENGINE|npm warn/i);
  });

  it("puts `integrations` on the PATH, at the version just published", async () => {
    const ran = await sh(bin, ["--version"], scratch);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe(await latest("@integrations/cli"));
  });

  it("calls the sandbox", async () => {
    const ran = await sh(
      bin,
      ["moka", "get-card-list", "--customer-code", "Customer1"],
      scratch,
      toolEnv(serviceEnv()),
    );
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      DealerCustomer: { DealerCustomerId: 1035 },
      CardListCount: 2,
    });
  });
});
