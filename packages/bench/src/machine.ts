import { readFileSync } from "node:fs";
import * as os from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  v8: string;
  platform: string;
  date: string;
  /** 1-minute load average when the bench started and when it ended (other work on the machine skews results). */
  loadAverage: { start: number; end?: number | undefined };
  /**
   * CPU in use on the whole machine while the bench itself sat idle for a second before starting, in % of all
   * cores: other people's work. (The load average also counts the build `pnpm bench` runs just before.)
   */
  busyBeforeStartPct?: number | undefined;
}

/** Machine-wide busy CPU time so far, in ms, summed over all cores. */
export function machineBusyMs(): number {
  let busy = 0;
  for (const cpu of os.cpus()) busy += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq;
  return busy;
}

/**
 * CPU time the hypervisor took from this VM so far (Linux `steal`, summed over all cores), in ms, or
 * undefined where /proc/stat is not available. Time stolen while a process runs inflates its wall and, on
 * some hypervisors, its CPU time: neither the client nor "other processes" can see it otherwise.
 */
export function stealMs(): number | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== "cpu" || fields.length < 9) return undefined;
    const ticks = Number(fields[8]);
    // USER_HZ is 100 on every Linux Node runs on.
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** % of all cores busy during `ms` while this process waits. */
export async function machineBusyPct(ms = 1000): Promise<number> {
  const b0 = machineBusyMs();
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const busy = machineBusyMs() - b0;
  return Math.round((busy / ((performance.now() - t0) * os.cpus().length)) * 1000) / 10;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverage: { start: round2(os.loadavg()[0] ?? 0) },
  };
}

export function loadAverage1m(): number {
  return round2(os.loadavg()[0] ?? 0);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
