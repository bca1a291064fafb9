/**
 * Closed-loop throughput: `concurrency` workers each call, await, and call again until the deadline; the
 * calls still in flight at the deadline are awaited and counted, and the rate is calls / elapsed time.
 */
import type { Contender } from "./contenders.js";

export interface Sample {
  calls: number;
  elapsedMs: number;
  /** calls per second */
  rate: number;
  /** CPU time of this (client) process per call, user + system, in µs. */
  cpuUsPerCall: number;
  /** Client process CPU use during the sample, in % of one core. */
  clientCpuPct: number;
  /** Server process CPU use during the sample, in % of one core (undefined when unknown). */
  serverCpuPct?: number | undefined;
  /** CPU used on the machine by anything but the client and the server during the sample, in % of one core. */
  otherCpuPct?: number | undefined;
  /** CPU the hypervisor stole from the VM during the sample (Linux), in % of one core. */
  stealPct?: number | undefined;
  errors: number;
  firstError?: string | undefined;
}

export async function runLoad(
  call: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
): Promise<Sample> {
  let calls = 0;
  let errors = 0;
  let firstError: string | undefined;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await call();
        calls++;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = cpu.user + cpu.system;
  return {
    calls,
    elapsedMs,
    rate: (calls / elapsedMs) * 1000,
    cpuUsPerCall: calls > 0 ? cpuUs / calls : Number.NaN,
    clientCpuPct: (cpuUs / 1000 / elapsedMs) * 100,
    errors,
    firstError,
  };
}

/** Calls `contender` once and throws unless its answer is the expected one. */
export async function verify(contender: Contender): Promise<void> {
  const result = await contender.call();
  if (!contender.check(result)) {
    throw new Error(`${contender.label}: unexpected answer ${JSON.stringify(result)?.slice(0, 300)}`);
  }
}
