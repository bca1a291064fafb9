/**
 * Client overhead without a network: every HTTP call is answered in-process by undici's MockAgent, with the
 * same fixed answers as the loopback servers. The one MockAgent is passed explicitly to each step (raw
 * undici's `dispatcher` option, `sendHttp`'s and our client's `dispatcher`): our clients never use undici's
 * global dispatcher, so setting it would leave them on node:http. The CPU time per call of raw undici, of the runtime's transport (`sendHttp`) and of our
 * client then differ only by what the transport wrapper and the client add. argv[2] = protocol (one per
 * process, as in the throughput runs), argv[3] = JSON config {concurrency, rounds, durationMs}. One JSON
 * line out.
 */
import { sendHttp } from "@integrations/runtime";
import { type ContenderId, contendersFor, type Protocol } from "./contenders.js";
import { getGc } from "./gc.js";
import { mockAgent, MOCK_ORIGIN as ORIGIN, MOCK_URLS as URLS } from "./mock.js";
import { requests } from "./payloads.js";
import { median } from "./stats.js";
import { runLoad, verify } from "./throughput.js";

export interface OverheadRow {
  protocol: Protocol;
  /** step → µs CPU per call, lowest of the rounds */
  cpuUsPerCall: Record<string, number>;
  /** step → µs CPU per call, median of the rounds */
  medianCpuUsPerCall: Record<string, number>;
}

const TRANSPORT: Record<Protocol, { url: string; headers: Record<string, string>; body: () => string }> = {
  easysecure: {
    url: URLS.easysecure,
    headers: { "content-type": "text/xml; charset=utf-8", soapaction: '"uen:esws#Esws.syncMOCA"' },
    body: requests.eswsSyncMOCA,
  },
  moka: {
    url: `${ORIGIN}/DealerCustomer/GetCardList`,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: requests.mokaGetCardList,
  },
  eduix: {
    url: URLS.eduix,
    headers: { "content-type": "text/xml; charset=utf-8", soapaction: '"urn:edu-ix:account:4.3#getKey"' },
    body: requests.eduixGetKey,
  },
};

async function main(): Promise<void> {
  const protocol = process.argv[2] as Protocol;
  const config = JSON.parse(process.argv[3] ?? "{}") as {
    concurrency: number;
    rounds: number;
    durationMs: number;
  };
  const mock = mockAgent();
  const rows: OverheadRow[] = [];
  {
    const [ours, raw] = await Promise.all(
      (["ours-undici", "undici"] as ContenderId[]).map(
        async (id) => (await contendersFor(protocol, URLS, [id], { dispatcher: mock }))[0]!,
      ),
    );
    const t = TRANSPORT[protocol];
    const body = t.body();
    const steps: [string, () => Promise<unknown>][] = [
      ["raw undici", raw!.call],
      [
        "runtime sendHttp",
        () => sendHttp({ url: t.url, headers: t.headers, body, operation: protocol }, { dispatcher: mock }),
      ],
      ["our client", ours!.call],
    ];
    await verify(ours!);
    await verify(raw!);
    const samples = new Map<string, number[]>();
    // One full GC before the warm-up and none between rounds: a forced GC deoptimises code that embedded the
    // objects it freed, and the round after it would measure re-optimisation (throughput-child.ts).
    getGc()();
    // Long enough for V8 to optimise the clients' hot paths (a few thousand calls).
    for (const [, call] of steps) await runLoad(call, config.concurrency, 700);
    for (let round = 0; round < config.rounds; round++) {
      for (const [name, call] of steps) {
        const s = await runLoad(call, config.concurrency, config.durationMs);
        if (s.errors > 0) throw new Error(`${protocol} ${name}: ${s.firstError}`);
        samples.set(name, [...(samples.get(name) ?? []), s.cpuUsPerCall]);
      }
    }
    // The lowest of the rounds: other work on the machine only ever adds CPU time, never removes it.
    rows.push({
      protocol,
      cpuUsPerCall: Object.fromEntries([...samples].map(([k, v]) => [k, Math.min(...v)])),
      medianCpuUsPerCall: Object.fromEntries([...samples].map(([k, v]) => [k, median(v)])),
    });
  }
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

await main();
process.exit(0);
