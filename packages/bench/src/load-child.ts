/**
 * Load for the profiler: one contender of one protocol, called at a fixed concurrency for a fixed time,
 * with V8's sampling profiler on during the measured load only (not during imports, setup or warm-up).
 * argv: protocol, contender id, durationMs, concurrency, JSON server URLs (or "mock"), output .cpuprofile path.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { type ContenderId, contendersFor, type Protocol, type ServerUrls } from "./contenders.js";
import { MOCK_URLS, mockAgent } from "./mock.js";
import { runLoad, verify } from "./throughput.js";

const [protocol, id, duration, concurrency, urls, out] = process.argv.slice(2);
// "mock": no server, every call answered in-process by undici's MockAgent, given to the contender as its
// dispatcher (our clients never use undici's global one). The node:http and fetch contenders cannot take it.
const mock = urls === "mock";
if (mock && (id === "http" || id === "fetch")) throw new Error(`--mock: ${id} cannot use a MockAgent`);
const contenders = await contendersFor(
  protocol as Protocol,
  mock ? MOCK_URLS : (JSON.parse(urls ?? "{}") as ServerUrls),
  [id as ContenderId],
  mock ? { dispatcher: mockAgent() } : {},
);
const contender = contenders.find((c) => c.id === (id as ContenderId));
if (!contender) throw new Error(`no contender ${id} for ${protocol}`);
await verify(contender);
await runLoad(contender.call, Number(concurrency), 1000);

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const sample = await runLoad(contender.call, Number(concurrency), Number(duration));
const { profile } = await session.post("Profiler.stop");
session.disconnect();
writeFileSync(out ?? "load.cpuprofile", JSON.stringify(profile));
process.stdout.write(`${JSON.stringify(sample)}\n`);
process.exit(0);
