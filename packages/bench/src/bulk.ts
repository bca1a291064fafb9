/**
 * The bulk section of `pnpm bench`: rows per second and peak memory of `runBulk` (journal and results files
 * included) for 10,000 and 100,000 rows of ESWS updateUserDotweb against the real sandbox, each in a fresh
 * process, with the sandbox in a process of its own. Memory is flat when the peak at 100,000 rows is about the
 * peak at 10,000 (and at a tenth of the run).
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BulkSample } from "./bulk-child.js";
import { runChild } from "./children.js";
import { script } from "./paths.js";
import { bytes, fixed, int, table } from "./report.js";

export interface BulkFigures {
  samples: BulkSample[];
  error?: string | undefined;
}

function startSandboxProcess(): Promise<{ easysecure: string; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = fork(script("bulk-sandbox-main"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`sandbox process exited with ${code}`)));
    child.once("message", (message) => {
      const { urls } = message as { urls: { easysecure: string } };
      resolve({
        easysecure: urls.easysecure,
        stop: () => {
          child.removeAllListeners("exit");
          child.disconnect();
          setTimeout(() => child.kill(), 2000).unref();
        },
      });
    });
  });
}

export async function bulkBench(sizes: readonly number[], log: (m: string) => void): Promise<BulkFigures> {
  const samples: BulkSample[] = [];
  const dir = mkdtempSync(join(tmpdir(), "bench-bulk-"));
  try {
    for (const n of sizes) {
      // A fresh sandbox per size: every row inserts a new user, as a first nightly run does.
      const sandbox = await startSandboxProcess();
      try {
        log(`bulk: ${int(n)} rows of ESWS updateUserDotweb …`);
        samples.push(
          await runChild<BulkSample>("bulk-child", [String(n), sandbox.easysecure, dir], [], 900_000),
        );
      } finally {
        sandbox.stop();
      }
    }
    return { samples };
  } catch (error) {
    return { samples, error: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function bulkTable(figures: BulkFigures): string {
  const rows = figures.samples.map((s) => [
    int(s.rows),
    String(s.concurrency),
    fixed(s.seconds),
    int(s.rowsPerSecond),
    `${int(s.ok)} / ${int(s.notOk)}`,
    bytes(s.rssAtTenth),
    bytes(s.peakRss),
    bytes(s.peakHeap),
  ]);
  return [
    "Bulk runs: runBulk, ESWS updateUserDotweb against the sandbox (own process), journal with fdatasync per batch",
    table(["rows", "c", "s", "rows/s", "ok / not ok", "RSS at 1/10", "peak RSS", "peak heap"], rows),
    ...(figures.error ? [`bulk error: ${figures.error}`] : []),
  ].join("\n");
}
