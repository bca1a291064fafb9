/**
 * What telemetry costs per call: our client at c=16, every call answered in-process by undici's MockAgent (as
 * in overhead-child.ts: no kernel, no server process, so the figure is the client's own CPU), in one of three
 * modes, one mode per process (the API is looked for once per process):
 * - `absent`: `@opentelemetry/api` cannot be resolved, as in a service that does not install it;
 * - `api`: installed, no SDK registered (instrumentation "off", the default of a service that has the API
 *   through some other package);
 * - `sdk`: an SDK registered globally, every span recorded (and dropped by a no-op exporter), metrics
 *   aggregated: the price of turning it on.
 * argv[2] = protocol, argv[3] = mode, argv[4] = JSON {rounds, durationMs, warmupMs}. One JSON line out.
 */
import { createRequire } from "node:module";
import { type Contender, contendersFor, type Protocol } from "./contenders.js";
import { getGc } from "./gc.js";
import { MOCK_URLS, mockAgent } from "./mock.js";
import { median } from "./stats.js";
import type { TelemetryMode, TelemetrySample } from "./telemetry-modes.js";
import { runLoad, verify } from "./throughput.js";

/** Makes `@opentelemetry/api` unresolvable in this process, the way a missing package is. */
function hideOtelApi(): void {
  // The CJS Module object, whose resolver require() (and so the runtime's lazy load) goes through.
  const loader = createRequire(import.meta.url)("node:module") as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === "@opentelemetry/api" || request.startsWith("@opentelemetry/api/")) {
      throw Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
    }
    return resolve.call(this, request, ...rest);
  };
}

/** An SDK registered as a service would (NodeSDK does the same), exporting nowhere. */
async function registerSdk(): Promise<void> {
  const { metrics, trace } = await import("@opentelemetry/api");
  const { BasicTracerProvider, SimpleSpanProcessor } = await import("@opentelemetry/sdk-trace-base");
  const { MeterProvider, MetricReader } = await import("@opentelemetry/sdk-metrics");
  class IdleReader extends MetricReader {
    protected override async onForceFlush(): Promise<void> {}
    protected override async onShutdown(): Promise<void> {}
  }
  const exporter = {
    export: (_spans: unknown, done: (result: { code: 0 }) => void) => done({ code: 0 }),
    shutdown: async () => {},
  };
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new IdleReader()] }));
}

async function main(): Promise<void> {
  const protocol = process.argv[2] as Protocol;
  const mode = process.argv[3] as TelemetryMode;
  const config = JSON.parse(process.argv[4] ?? "{}") as {
    rounds: number;
    durationMs: number;
    warmupMs: number;
  };
  if (mode === "absent") hideOtelApi();
  if (mode === "sdk") await registerSdk();
  // Passed as the clients' dispatcher: they never use undici's global one (without it they are on node:http).
  const dispatcher = mockAgent();
  const [ours] = (await contendersFor(protocol, MOCK_URLS, ["ours"], { dispatcher })) as [Contender];
  const [off] =
    mode === "api"
      ? ((await contendersFor(protocol, MOCK_URLS, ["ours"], { telemetry: false, dispatcher })) as [
          Contender,
        ])
      : [];
  const measure = async (contender: Contender): Promise<number> => {
    const s = await runLoad(contender.call, 16, config.durationMs);
    if (s.errors > 0) throw new Error(`${protocol} ${mode}: ${s.firstError}`);
    return s.cpuUsPerCall;
  };
  // One full GC before the warm-up and none between rounds: a forced GC deoptimises code that embedded the
  // objects it freed, and the round after it would measure re-optimisation (throughput-child.ts).
  getGc()();
  for (const contender of off === undefined ? [ours] : [ours, off]) {
    await verify(contender);
    await runLoad(contender.call, 16, config.warmupMs);
  }
  const samples: number[] = [];
  const disabled: number[] = [];
  for (let round = 0; round < config.rounds; round++) {
    // Paired rounds, the order alternated.
    if (off !== undefined && round % 2 === 1) disabled.push(await measure(off));
    samples.push(await measure(ours));
    if (off !== undefined && round % 2 === 0) disabled.push(await measure(off));
  }
  const cache = createRequire(import.meta.url).cache;
  const sample: TelemetrySample = {
    protocol,
    mode,
    apiLoaded: Object.keys(cache).some((path) => path.includes("@opentelemetry/api")),
    cpuUsPerCall: samples,
    lowest: Math.min(...samples),
    median: median(samples),
  };
  if (disabled.length > 0) {
    sample.disabled = {
      cpuUsPerCall: disabled,
      lowest: Math.min(...disabled),
      pairedDifferenceUs: median(samples.map((v, i) => v - disabled[i]!)),
    };
  }
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

await main();
process.exit(0);
