/**
 * Where our cold start goes: in a fresh process, the client's dependencies are imported one by one, in
 * dependency order (each step pays only for what the previous steps did not load), then the client is
 * created and makes its first call. argv[2] = easysecure | eduix | moka, argv[3] = server URL. One JSON line out.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { vendorById } from "@integrations/vendors";
import { INPUT } from "./payloads.js";

// The registry is a small data module, loaded before any step is timed.
const vendor = process.argv[2] ?? "easysecure";
const url = process.argv[3] ?? "";
const entry = vendorById(vendor);
if (entry === undefined) throw new Error(`unknown vendor ${vendor}`);
const { client: clientPackage, types: typesPackage } = entry.packages;

// Resolved from the runtime package, whose dependency it is.
const fromBench = createRequire(import.meta.url);
const fromRuntime = createRequire(fromBench.resolve("@integrations/runtime"));
const resolveDep = (specifier: string) => pathToFileURL(fromRuntime.resolve(specifier)).href;
// The generated validators (plain code, no schema compiled at run time), a module of the types package.
const validatorsModule = pathToFileURL(
  join(dirname(fromBench.resolve(typesPackage)), "generated", "validators.js"),
).href;

const steps: [string, () => Promise<unknown>][] = [
  ["undici", () => import(resolveDep("undici"))],
  ["@integrations/runtime (rest)", () => import("@integrations/runtime")],
  [`${typesPackage} generated validators`, () => import(validatorsModule)],
  [`${typesPackage} (rest)`, () => import(typesPackage)],
  [`${clientPackage} (rest)`, () => import(clientPackage)],
];

const out: Record<string, number> = {};
for (const [name, step] of steps) {
  const t = performance.now();
  await step();
  out[`import ${name}`] = performance.now() - t;
}

let first: () => Promise<unknown>;
let t = performance.now();
if (vendor === "easysecure") {
  const { createEasySecureClient } = await import("@integrations/easysecure-client");
  const client = createEasySecureClient({ endpoint: url, companyId: INPUT.easysecure.companyId });
  first = () => client.syncMOCA({ p_wsAltUserId: INPUT.easysecure.wsAltUserId });
} else if (vendor === "eduix") {
  const { createEduixClient } = await import("@integrations/eduix-client");
  const { username, password, profileID } = INPUT.eduix;
  const client = createEduixClient({ endpoint: url, username, password });
  first = () => client.getKey({ profileID });
} else {
  const { createMokaClient } = await import("@integrations/moka-client");
  const { dealerCode, username, password, customerCode } = INPUT.moka;
  const client = createMokaClient({ baseUrl: url, dealerCode, username, password });
  first = () => client.getCardList({ CustomerCode: customerCode });
}
out.create = performance.now() - t;
t = performance.now();
await first();
out["first call"] = performance.now() - t;
t = performance.now();
await first();
out["second call"] = performance.now() - t;
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
