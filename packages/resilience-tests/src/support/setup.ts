/**
 * Runs in every test file's worker before its tests: records every unhandled rejection and uncaught
 * exception the process sees, and fails the test during which (or after which) one surfaced. vitest would
 * also report them, but at the end of the run and without saying which test caused them.
 */
import { afterAll, afterEach, expect } from "vitest";

const unhandled: unknown[] = [];

process.on("unhandledRejection", (reason) => {
  unhandled.push(reason);
});
process.on("uncaughtExceptionMonitor", (error) => {
  unhandled.push(error);
});

/** Unhandled rejections surface on a later turn of the event loop; give them a moment. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 5));
}

function describeAll(values: unknown[]): string[] {
  return values.map((v) => (v instanceof Error ? `${v.name}: ${v.message}` : String(v)));
}

afterEach(async () => {
  await settle();
  const seen = unhandled.splice(0);
  expect(describeAll(seen), "unhandled rejections / uncaught exceptions").toEqual([]);
});

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const seen = unhandled.splice(0);
  expect(describeAll(seen), "unhandled rejections / uncaught exceptions after the last test").toEqual([]);
});
