/**
 * One bulk sample, in a fresh process: `runBulk` with ESWS updateUserDotweb for n generated rows (streamed, never
 * held) against the sandbox, at concurrency 16 with no rate limit, journalled to files with the default
 * durability (fdatasync per batch). argv[2] = n, argv[3] = the ESWS endpoint, argv[4] = a scratch directory.
 * Prints one JSON line: rows per second and memory. ESWS because its sandbox stores a user by id in O(1); the
 * Edu-iX sandbox scans its profiles per call, which would measure the sandbox rather than the run.
 */
import { join } from "node:path";
import { createEasySecureClient } from "@integrations/easysecure-client";
import { operations as easysecureOperations } from "@integrations/easysecure-types";
import { type BulkRow, openFileJournal, runBulk } from "@integrations/runtime";

export interface BulkSample {
  rows: number;
  concurrency: number;
  seconds: number;
  rowsPerSecond: number;
  ok: number;
  notOk: number;
  /** getrusage maxRSS of the whole process, bytes. */
  peakRss: number;
  /** The largest heapUsed sampled every 1,000 rows, bytes. */
  peakHeap: number;
  /** maxRSS when the first tenth of the rows was done: with peakRss, shows whether memory grows with rows. */
  rssAtTenth: number;
}

const [nText, endpoint, dir] = process.argv.slice(2);
const n = Number(nText);
const concurrency = 16;
const companyId = "FAKE-SECURITY-CODE-FOR-TESTS-001";

function* rows(): Generator<BulkRow> {
  for (let i = 1; i <= n; i++) {
    const id = `BENCH-${String(i).padStart(7, "0")}`;
    yield {
      row: i,
      input: {
        p_ws_StoreId: 1234,
        p_wsAltUserId: id,
        p_PIN: "",
        p_Achternaam: "Jansen",
        p_Voornaam: "Piet",
        p_Admin: 0,
        p_Security: 0,
        p_infoFields: { info1: `${id.toLowerCase()}@example.com` },
      },
    };
  }
}

const client = createEasySecureClient({ endpoint: endpoint!, companyId });
const journal = await openFileJournal({
  journalPath: join(dir!, `bulk-${n}.jsonl.journal`),
  resultsPath: join(dir!, `bulk-${n}.jsonl`),
  vendor: "easysecure",
  operation: "Esws.updateUserDotweb",
  resume: false,
  toResultLine: (o) => JSON.stringify({ row: o.row, status: o.status }),
});
const maxRss = () => process.resourceUsage().maxRSS * 1024;
let ok = 0;
let notOk = 0;
let peakHeap = 0;
let rssAtTenth = 0;
const started = performance.now();
for await (const outcome of runBulk({
  client,
  operation: easysecureOperations.updateUserDotweb,
  rows: rows(),
  concurrency,
  journal,
})) {
  if (outcome.status === "ok") ok++;
  else notOk++;
  const done = ok + notOk;
  if (done % 1000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (done === Math.floor(n / 10)) rssAtTenth = maxRss();
}
const seconds = (performance.now() - started) / 1000;
await journal.close();
const sample: BulkSample = {
  rows: n,
  concurrency,
  seconds,
  rowsPerSecond: n / seconds,
  ok,
  notOk,
  peakRss: maxRss(),
  peakHeap,
  rssAtTenth,
};
console.log(JSON.stringify(sample));
