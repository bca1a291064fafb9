/**
 * `node dist/profile.js cold <easysecure|eduix|moka> [--samples=5]`: where the cold start goes, step by step.
 *
 * `node dist/profile.js <easysecure|moka|eduix> [ours|node-soap|openapi-fetch|undici] [--seconds=3] [--concurrency=16]
 * [--top=25] [--mock]`: runs one contender under load with `node --cpu-prof` against the loopback servers and prints
 * where its CPU time goes during the measured load (self time per package, then the top functions by self and by inclusive time).
 * With --mock, calls are answered in-process by undici's MockAgent: no kernel or server time in the profile.
 * The .cpuprofile is kept (path printed) for Chrome DevTools or speedscope.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VendorId } from "@integrations/vendors";
import { runChild, startServerProcess } from "./children.js";
import { type CpuProfile, summarize } from "./cpuprofile.js";
import { fixed, table } from "./report.js";
import { median } from "./stats.js";
import type { Sample } from "./throughput.js";

const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const flag = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.split("=")[1]) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const protocol = positional[0] ?? "easysecure";
const contender = positional[1] ?? "ours";
const seconds = flag("seconds", 3);
const concurrency = flag("concurrency", 16);
const top = flag("top", 25);

if (protocol === "cold") {
  await coldBreakdown((positional[1] ?? "easysecure") as VendorId, flag("samples", 5));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "integrations-bench-profile-"));
const file = join(dir, `${protocol}-${contender}-c${concurrency}.cpuprofile`);
const mock = process.argv.includes("--mock");
const server = mock ? undefined : await startServerProcess();
let sample: Sample;
try {
  sample = await runChild<Sample>("load-child", [
    protocol,
    contender,
    String(seconds * 1000),
    String(concurrency),
    server ? JSON.stringify(server.urls) : "mock",
    file,
  ]);
} finally {
  server?.stop();
}
const summary = summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
const perCall = (ms: number) => fixed((ms * 1000) / Math.max(1, sample.calls), 1);
const share = (ms: number) => `${fixed((ms / summary.totalMs) * 100, 1)}%`;

console.log(
  `${protocol} / ${contender}${mock ? " (MockAgent, no network)" : ""}, c=${concurrency}, ${seconds} s: ${Math.round(sample.rate)} calls/s, ${fixed(sample.cpuUsPerCall, 0)} µs CPU/call (profiler on; slower than the bench)`,
);
console.log(`profile: ${file} (${fixed(summary.totalMs, 0)} ms sampled, measured load only)\n`);
console.log(
  table(
    ["self time by package", "ms", "share", "µs/call"],
    summary.packages
      .slice(0, 15)
      .map((p) => [p.name, fixed(p.selfMs, 0), share(p.selfMs), perCall(p.selfMs)]),
  ),
);
const rows = (list: typeof summary.functions) =>
  list
    .slice(0, top)
    .map((f) => [
      f.name.slice(0, 40),
      f.where.slice(-70),
      share(f.selfMs),
      share(f.totalMs),
      perCall(f.totalMs),
    ]);
console.log();
console.log(
  table(
    ["top self time", "where", "self", "incl.", "incl. µs/call"],
    rows([...summary.functions].sort((a, b) => b.selfMs - a.selfMs)),
  ),
);
console.log();
console.log(
  table(
    ["top inclusive time", "where", "self", "incl.", "incl. µs/call"],
    rows(
      [...summary.functions]
        .filter((f) => f.where !== "" && !f.where.startsWith("node:internal/process/task_queues"))
        .sort((a, b) => b.totalMs - a.totalMs),
    ),
  ),
);

/** `profile.js cold <easysecure|eduix|moka>`: median time of each import step, create, first and second call. */
async function coldBreakdown(vendor: VendorId, samples: number): Promise<void> {
  const server = await startServerProcess();
  const runs: Record<string, number>[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      runs.push(
        await runChild<Record<string, number>>("cold-breakdown-child", [vendor, server.urls[vendor]]),
      );
    }
  } finally {
    server.stop();
  }
  const keys = Object.keys(runs[0] ?? {});
  console.log(
    table(
      [`cold start of ${vendor}, median of ${samples} fresh processes`, "ms"],
      keys.map((k) => [k, fixed(median(runs.map((r) => r[k] ?? Number.NaN)), 1)]),
    ),
  );
}
