/**
 * One protocol's throughput measurement, in a fresh process (so that no protocol inherits another's JIT
 * state or heap). Input: argv[2] = protocol, argv[3] = JSON {urls, config}. Output: one JSON line on stdout.
 *
 * Every contender is warmed up (`warmupMs` at the highest concurrency, then briefly at each level), then per
 * concurrency level `rounds` rounds measure every contender for
 * `durationMs` each, in an order rotated every round (so drift and GC debt spread evenly).
 */
import { request } from "undici";
import { type ContenderId, contendersFor, type Protocol, type ServerUrls } from "./contenders.js";
import { getGc } from "./gc.js";
import { machineBusyMs, stealMs } from "./machine.js";
import { runLoad, type Sample, verify } from "./throughput.js";

export interface ThroughputConfig {
  concurrency: number[];
  rounds: number;
  durationMs: number;
  warmupMs: number;
}

export interface ContenderThroughput {
  id: ContenderId;
  label: string;
  /** concurrency → samples, one per round */
  samples: Record<string, Sample[]>;
}

export interface ProtocolThroughput {
  protocol: Protocol;
  contenders: ContenderThroughput[];
}

async function serverCpuMs(controlUrl: string): Promise<{ cpuMs: number; wallMs: number } | undefined> {
  try {
    const res = await request(`${controlUrl}/cpu`);
    const body = (await res.body.json()) as { cpu: { user: number; system: number }; wallMs: number };
    return { cpuMs: (body.cpu.user + body.cpu.system) / 1000, wallMs: body.wallMs };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const protocol = process.argv[2] as Protocol;
  const { urls, config } = JSON.parse(process.argv[3] ?? "{}") as {
    urls: ServerUrls;
    config: ThroughputConfig;
  };
  const contenders = await contendersFor(protocol, urls);
  for (const c of contenders) await verify(c);

  const results: ContenderThroughput[] = contenders.map((c) => ({ id: c.id, label: c.label, samples: {} }));
  // One full GC, before the warm-up, clears what the setup left (node-soap's WSDL parse). Never again while
  // measuring: a forced full GC makes V8 throw away optimised code that embedded objects the GC freed
  // (`--trace-deopt`: "weak objects"), so a sample right after one measures re-optimisation for its first
  // 300 ms at c=16 and longer at c=1, and penalises a contender the more JavaScript it runs.
  getGc()();
  // Warm-up: our clients need a few thousand calls before V8 has optimised their hot paths (XML parser,
  // envelope writer), so every contender first runs at the highest concurrency, then briefly at each level.
  const top = Math.max(...config.concurrency);
  for (const c of contenders) await runLoad(c.call, top, config.warmupMs);
  for (const concurrency of config.concurrency) {
    for (const c of contenders) await runLoad(c.call, concurrency, Math.min(300, config.warmupMs));
    for (let round = 0; round < config.rounds; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const index = (k + round) % contenders.length;
        const contender = contenders[index]!;
        const before = await serverCpuMs(urls.control);
        const machine0 = machineBusyMs();
        const steal0 = stealMs();
        const sample = await runLoad(contender.call, concurrency, config.durationMs);
        const machine = machineBusyMs() - machine0;
        const steal1 = stealMs();
        if (steal0 !== undefined && steal1 !== undefined) {
          sample.stealPct = ((steal1 - steal0) / sample.elapsedMs) * 100;
        }
        const after = await serverCpuMs(urls.control);
        if (before && after) {
          const serverMs = after.cpuMs - before.cpuMs;
          sample.serverCpuPct = (serverMs / (after.wallMs - before.wallMs)) * 100;
          const clientMs = (sample.clientCpuPct / 100) * sample.elapsedMs;
          sample.otherCpuPct = Math.max(0, ((machine - serverMs - clientMs) / sample.elapsedMs) * 100);
        }
        const bucket = results[index]!.samples;
        const list = bucket[String(concurrency)] ?? [];
        list.push(sample);
        bucket[String(concurrency)] = list;
      }
    }
  }
  const out: ProtocolThroughput = { protocol, contenders: results };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
process.exit(0);
