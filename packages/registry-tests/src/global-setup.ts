/**
 * The registry the tests install from. With `INTEGRATIONS_TEST_REGISTRY` set (CI publishes once and runs the
 * tests on several Node versions against it), that registry. Otherwise a fresh verdaccio, with this
 * workspace published to it the way a release does, stopped after the run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { publishWorkspace } from "./release.js";
import { startRegistry } from "./verdaccio.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The registry URL, with a trailing slash. */
    registry: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.INTEGRATIONS_TEST_REGISTRY;
  if (given !== undefined && given !== "") {
    project.provide("registry", given.endsWith("/") ? given : `${given}/`);
    return async () => {};
  }
  const folder = mkdtempSync(join(tmpdir(), "integrations-registry-"));
  const registry = await startRegistry(join(folder, "verdaccio"));
  try {
    await publishWorkspace({ registry: registry.url, folder: join(folder, "release") });
  } catch (error) {
    await registry.close();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  project.provide("registry", registry.url);
  return async () => {
    await registry.close();
    rmSync(folder, { recursive: true, force: true });
  };
}
