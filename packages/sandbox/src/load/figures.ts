/**
 * The load figures of the README: `pnpm --filter @integrations/sandbox run load` (after a build of its
 * dependencies). Starts a sandbox with the default limits on free loopback ports and runs two plans at the
 * size of the attacks reported against it (200 slow-header connections, 800 bodies of about 1 MiB), and
 * prints what happened. Not part of `pnpm test`: it waits out the 10 s headers timeout, and its figures
 * are the machine's.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../server.js";
import { formatLoadReport, type LoadPlan, runLoad } from "./attack.js";

const COMMON = {
  slowHeaders: 200,
  bigBodyBytes: 1000 * 1024,
  shapeRounds: 5,
  normalRequests: 600,
  normalConcurrency: 6,
  awaitSlowHeadersClosed: true,
} as const;

const PLANS: ReadonlyArray<[string, LoadPlan]> = [
  [
    "Flood: 800 unfinished bodies fill the buffer cap; large requests get 503, small ones pass",
    { ...COMMON, bigBodies: 800 },
  ],
  [
    "Below the buffer cap: 40 unfinished bodies; deep and wide bodies reach the vendors' checks",
    { ...COMMON, bigBodies: 40 },
  ],
];

/** Each plan runs in a process of its own, so that its RSS figures start from a fresh process. */
const chosen = process.argv[2];
if (chosen === undefined) {
  for (const index of PLANS.keys()) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), String(index)],
      {
        stdio: "inherit",
      },
    );
    if (child.status !== 0) process.exitCode = 1;
  }
} else {
  const [title, plan] = PLANS[Number(chosen)]!;
  const sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  try {
    const started = performance.now();
    const report = await runLoad(sandbox, 1024 * 1024, plan);
    console.log(`\n${title}\n${formatLoadReport(report)}`);
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s; Node ${process.version})`);
  } finally {
    await sandbox.close();
  }
}
