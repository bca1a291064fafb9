/**
 * `node dist/serve.js <folder>`: starts verdaccio with its storage under <folder>, publishes this workspace to
 * it the way a release does, writes the registry URL to <folder>/url, and serves until SIGTERM or SIGINT.
 *
 * CI runs it once in the background, then runs the registry tests on each Node version against that one
 * registry (`INTEGRATIONS_TEST_REGISTRY=$(cat <folder>/url)`): one publish, several installs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { publishWorkspace } from "./release.js";
import { startRegistry } from "./verdaccio.js";

const folder = process.argv[2];
if (folder === undefined) {
  process.stderr.write("usage: node dist/serve.js <folder>\n");
  process.exit(2);
}
const root = resolve(folder);
mkdirSync(root, { recursive: true });

const registry = await startRegistry(join(root, "verdaccio"));
const stop = async (code: number): Promise<never> => {
  await registry.close();
  process.exit(code);
};
process.once("SIGTERM", () => void stop(0));
process.once("SIGINT", () => void stop(0));

try {
  const published = await publishWorkspace({ registry: registry.url, folder: join(root, "release") });
  for (const p of published) process.stdout.write(`published ${p.name}@${p.version}\n`);
} catch (error) {
  const e = error as { message?: string; stdout?: string; stderr?: string };
  process.stderr.write(
    `publishing failed: ${e.message ?? String(error)}\n${e.stdout ?? ""}${e.stderr ?? ""}\n`,
  );
  await stop(1);
}
// Written last: its presence means "published, ready".
writeFileSync(join(root, "url"), registry.url);
process.stdout.write(`registry ready at ${registry.url}\n`);
