/**
 * A private npm registry on loopback: verdaccio in a child process, with its storage in a folder of ours, no
 * uplink (nothing is proxied to or from the public registry) and open access to the `@integrations` scope.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/`, with the trailing slash npm expects. */
  readonly url: string;
  /** Stops verdaccio and waits for its process to exit. */
  close(): Promise<void>;
}

/** A port the kernel says is free now (the registry binds it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port for the registry");
  return address.port;
}

function configYaml(folder: string, port: number): string {
  // JSON is YAML: no YAML writer needed, and every path is quoted correctly.
  return JSON.stringify(
    {
      storage: join(folder, "storage"),
      uplinks: {},
      packages: {
        "@integrations/*": { access: "$all", publish: "$all", unpublish: "$all" },
        "**": { access: "$all" },
      },
      auth: { htpasswd: { file: join(folder, "htpasswd"), max_users: -1 } },
      web: { enable: false },
      listen: `127.0.0.1:${port}`,
      log: { type: "stdout", format: "pretty", level: "warn" },
    },
    null,
    2,
  );
}

/** The verdaccio executable of this package's devDependency. */
function verdaccioBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("verdaccio/package.json");
  const { bin } = require(manifest) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === "string" ? bin : bin.verdaccio!);
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // Verdaccio starts in about 2 s; a minute covers a busy 2-core machine.
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`verdaccio exited with code ${child.exitCode} before it answered:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`verdaccio did not answer at ${url} within a minute:\n${output()}`);
}

/** Starts verdaccio with its configuration and storage under `folder` (created if missing). */
export async function startRegistry(folder: string): Promise<LocalRegistry> {
  mkdirSync(folder, { recursive: true });
  const port = await freePort();
  const config = join(folder, "config.yaml");
  writeFileSync(config, configYaml(folder, port));
  const url = `http://127.0.0.1:${port}/`;

  let output = "";
  const child = spawn(process.execPath, [verdaccioBin(), "--config", config], {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      output = (output + chunk).slice(-20_000);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
