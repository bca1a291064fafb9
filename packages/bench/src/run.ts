/**
 * `pnpm bench`: throughput, cold start, scale and footprint of our clients against node-soap, openapi-fetch
 * and raw undici. Prints the tables and the targets, writes bench-results/latest.json at the repository
 * root. See README.md for the method.
 *
 * Options (after `pnpm bench --`): --only=throughput,overhead,telemetry,cold,scale,footprint,bulk  --quick
 * --rounds=N
 * --duration=MS  --warmup=MS  --cold-samples=N  --scale-reps=N  --out=PATH
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { request } from "undici";
import { bulkBench, bulkTable } from "./bulk.js";
import { runChild, startServerProcess } from "./children.js";
import type { ColdContender, ColdSample } from "./cold-child.js";
import { PROTOCOL_LABEL, PROTOCOLS, type Protocol, type ServerUrls } from "./contenders.js";
import { measureFootprints } from "./footprint.js";
import { loadAverage1m, machineBusyPct, machineInfo } from "./machine.js";
import type { OverheadRow } from "./overhead-child.js";
import { RESULTS_DIR } from "./paths.js";
import { fullReport, machineLine } from "./report.js";
import {
  type BenchResults,
  type ColdFigures,
  type ContenderFigures,
  coldFigures,
  concurrencyFigures,
  evaluateTargets,
  type ProtocolFigures,
  protocolRatios,
  type ScaleSeries,
  scaleSeries,
} from "./results.js";
import type { ScaleKind, ScaleSample } from "./scale-child.js";
import { telemetryOverhead } from "./telemetry-overhead.js";
import type { ProtocolThroughput, ThroughputConfig } from "./throughput-child.js";

const SECTIONS = ["throughput", "overhead", "telemetry", "cold", "scale", "footprint", "bulk"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  sections: Section[];
  throughput: ThroughputConfig;
  coldSamples: number;
  scaleReps: number;
  customers: number[];
  keys: number[];
  /** Rows of each bulk sample. */
  bulkRows: number[];
  out: string;
  quick: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const args = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) args.set(m[1]!, m[2] ?? "true");
  }
  const quick = args.has("quick");
  const num = (key: string, fallback: number) => {
    const v = args.get(key);
    const n = v === undefined ? Number.NaN : Number(v);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  const only = args.get("only");
  const sections = only
    ? (only.split(",").filter((s) => (SECTIONS as readonly string[]).includes(s)) as Section[])
    : [...SECTIONS];
  return {
    sections,
    throughput: {
      concurrency: [1, 16],
      rounds: num("rounds", quick ? 2 : 5),
      durationMs: num("duration", quick ? 300 : 600),
      warmupMs: num("warmup", quick ? 500 : 2500),
    },
    coldSamples: num("cold-samples", quick ? 3 : 7),
    scaleReps: num("scale-reps", quick ? 2 : 5),
    customers: [1_000, 10_000, 100_000],
    keys: [1_000, 5_000, 10_000, 20_000],
    bulkRows: quick ? [10_000] : [10_000, 100_000],
    out: args.get("out") ?? `${RESULTS_DIR}latest.json`,
    quick,
  };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function throughput(urls: ServerUrls, config: ThroughputConfig): Promise<ProtocolFigures[]> {
  const out: ProtocolFigures[] = [];
  for (const protocol of PROTOCOLS) {
    log(`throughput: ${PROTOCOL_LABEL[protocol]} …`);
    try {
      const raw = await runChild<ProtocolThroughput>("throughput-child", [
        protocol,
        JSON.stringify({ urls, config }),
      ]);
      const contenders: ContenderFigures[] = raw.contenders.map((c) => ({
        id: c.id,
        label: c.label,
        byConcurrency: Object.fromEntries(
          Object.entries(c.samples).map(([k, s]) => [k, concurrencyFigures(s)]),
        ),
      }));
      out.push({ protocol, label: PROTOCOL_LABEL[protocol], contenders, ratios: protocolRatios(contenders) });
    } catch (error) {
      log(`  failed: ${errorText(error)}`);
      out.push({
        protocol,
        label: PROTOCOL_LABEL[protocol],
        contenders: [],
        ratios: {},
        error: errorText(error),
      });
    }
  }
  return out;
}

const COLD: readonly [ColdContender, Protocol][] = [
  ["ours:easysecure", "easysecure"],
  ["node-soap:easysecure", "easysecure"],
  ["ours:eduix", "eduix"],
  ["node-soap:eduix", "eduix"],
  ["ours:moka", "moka"],
  ["openapi-fetch:moka", "moka"],
];

async function coldStart(
  urls: ServerUrls,
  samples: number,
): Promise<{ figures: ColdFigures[]; errors: string[] }> {
  const collected = new Map<ColdContender, ColdSample[]>();
  const failed = new Map<ColdContender, string>();
  for (let i = 0; i < samples; i++) {
    log(`cold start: sample ${i + 1}/${samples} …`);
    // Interleaved, so that any drift in the machine's state touches every contender alike.
    for (const [contender, protocol] of COLD) {
      if (failed.has(contender)) continue;
      try {
        const sample = await runChild<ColdSample>("cold-child", [contender, urls[protocol]], [], 60_000);
        const list = collected.get(contender) ?? [];
        list.push(sample);
        collected.set(contender, list);
      } catch (error) {
        failed.set(contender, errorText(error));
        log(`  ${contender} failed: ${errorText(error)}`);
      }
    }
  }
  const figures = COLD.flatMap(([c]) => {
    const list = collected.get(c);
    return list && list.length > 0 ? [coldFigures(c, list)] : [];
  });
  return { figures, errors: [...failed].map(([c, e]) => `${c}: ${e.split("\n")[0]}`) };
}

async function scale(urls: ServerUrls, options: Options): Promise<ScaleSeries[]> {
  const series: [ScaleKind, string, number[], string][] = [
    ["customers", "GetCustomerList (Moka client) n", options.customers, urls.moka],
    ["keys", "getKey (Edu-iX client) n", options.keys, urls.eduix],
  ];
  log("scale: generating the large responses …");
  const prepare = await request(
    `${urls.control}/prepare?customers=100,${options.customers.join(",")}&keys=100,${options.keys.join(",")}`,
  );
  await prepare.body.text();
  const out: ScaleSeries[] = [];
  for (const [kind, label, sizes, url] of series) {
    const samples: ScaleSample[] = [];
    try {
      for (const n of sizes) {
        log(`scale: ${kind} n=${n} …`);
        samples.push(
          await runChild<ScaleSample>(
            "scale-child",
            // Small sizes are quick and noisier: more repetitions.
            [kind, String(n), url, String(n <= 10_000 ? options.scaleReps * 3 : options.scaleReps)],
            ["--expose-gc"],
          ),
        );
      }
      out.push(scaleSeries(kind, label, samples));
    } catch (error) {
      log(`  failed: ${errorText(error)}`);
      out.push({ ...scaleSeries(kind, label, samples), error: errorText(error) });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const results: BenchResults = {
    schema: "integrations-bench/1",
    machine: machineInfo(),
    config: {
      throughput: options.throughput,
      coldSamples: options.coldSamples,
      scaleReps: options.scaleReps,
      sections: options.sections,
    },
    durationS: 0,
    throughput: [],
    overhead: [],
    coldStart: [],
    scale: [],
    footprint: [],
    targets: [],
  };
  results.machine.busyBeforeStartPct = await machineBusyPct(1000);
  log(`machine: ${machineLine(results)}`);

  const server = await startServerProcess();
  try {
    if (options.sections.includes("throughput"))
      results.throughput = await throughput(server.urls, options.throughput);
    if (options.sections.includes("overhead")) {
      log("overhead: our clients on an in-process MockAgent (no network) …");
      try {
        const config = JSON.stringify({
          concurrency: 16,
          rounds: options.throughput.rounds,
          durationMs: 150,
        });
        for (const protocol of PROTOCOLS) {
          results.overhead.push(...(await runChild<OverheadRow[]>("overhead-child", [protocol, config])));
        }
      } catch (error) {
        results.overheadError = errorText(error);
        log(`  failed: ${results.overheadError}`);
      }
    }
    if (options.sections.includes("telemetry")) {
      results.telemetry = await telemetryOverhead(
        {
          processes: options.quick ? 1 : 3,
          rounds: 2 * options.throughput.rounds,
          durationMs: 150,
          warmupMs: 700,
        },
        log,
      );
    }
    if (options.sections.includes("cold")) {
      const { figures, errors } = await coldStart(server.urls, options.coldSamples);
      results.coldStart = figures;
      if (errors.length > 0) results.coldStartError = errors.join("; ");
    }
    if (options.sections.includes("scale")) results.scale = await scale(server.urls, options);
  } finally {
    server.stop();
  }
  if (options.sections.includes("bulk")) results.bulk = await bulkBench(options.bulkRows, log);
  if (options.sections.includes("footprint")) {
    log("footprint: packing the clients and installing them (and soap, openapi-fetch) with npm …");
    try {
      results.footprint = await measureFootprints(
        ["@integrations/easysecure-client", "@integrations/moka-client", "@integrations/eduix-client"],
        ["soap@1.13.0", "openapi-fetch@0.17.0"],
      );
    } catch (error) {
      results.footprintError = errorText(error);
      log(`  failed: ${results.footprintError}`);
    }
  }

  results.machine.loadAverage.end = loadAverage1m();
  results.targets = evaluateTargets(results);
  results.durationS = Math.round((performance.now() - started) / 100) / 10;
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  const bulk = results.bulk ? `\n\n${bulkTable(results.bulk)}` : "";
  process.stdout.write(
    `\n${fullReport(results)}${bulk}\n\nTook ${results.durationS} s. Results: ${options.out}\n`,
  );
}

await main();
