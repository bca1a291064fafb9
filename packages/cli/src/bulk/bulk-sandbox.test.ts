/**
 * The bulk run's promise, proved against the sandbox and counted on the server: 10,000 rows of Edu-iX
 * createKey and 10,000 rows of ESWS updateUserDotweb, through the built `integrations` executable, with latency,
 * dropped connections and (Edu-iX) session expiry injected. Each run is killed with SIGKILL in the middle and
 * resumed; then every row is applied exactly once, the results file has exactly one outcome per row, and no
 * write was sent twice.
 *
 * Session expiry: every Edu-iX session is expired twice, once in each run (the admin switch, not a random
 * fault: two expiries close together could hit a call the client has just re-sent after logging in again, and
 * the client repeats a refused call only once, by design). The calls in flight get fault 12, the client logs
 * in again and sends them again: a refused call was not applied, so this is not a repeated write.
 *
 * Dropped connections, honestly: both operations are writes (not idempotent in their contracts), so a call
 * whose connection dies has an unknown outcome, by design, and is never re-sent automatically. The sandbox drops
 * two ways: `drop` before the vendor runs (nothing applied) and `drop-after` once it has run (applied, the
 * answer lost); the client cannot tell them apart, and neither can the run. The SIGKILL leaves a few more rows
 * in flight, also unknown. So the test does what the results file tells a team to do: it checks each unknown
 * row (Edu-iX: getKey by profileID; ESWS, which has no read operation: the vendor's own view, here the
 * sandbox's state), and re-sends only the rows that were not applied, as a new bulk run. Only then is every
 * row applied; the server's call counts show each applied exactly once, and no call that applied a row was
 * ever repeated (a repeat would be Edu-iX fault 4426/7766 or an ESWS UPDATED).
 *
 * No clock is asserted: the kill happens once a quarter of the rows have an outcome, whenever that is.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createEduixClient } from "@integrations/eduix-client";
import { DEFAULT_SEED_PATH, loadSeedFile, type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/integrations.js", import.meta.url));
const ROWS = 10_000;
const FIRST_PROFILE = 700_000_001;
const COMPANY = "FAKE-SECURITY-CODE-FOR-TESTS-001";
const DISTRIBUTOR = { username: "sandbox-distributor", password: "sandbox-password" };
/** Latency on every call; about one call in 200 dropped before the vendor runs, one in 200 after. */
const FAULTS = "latency=1, drop=0.5%, drop-after=0.5%";

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  const seed = loadSeedFile(DEFAULT_SEED_PATH);
  // A school's worth of free profiles for the distributor: the prematching job's starting point.
  for (let i = 0; i < ROWS; i++) {
    seed.eduix.profiles.push({ profileID: FIRST_PROFILE + i, owner: DISTRIBUTOR.username });
  }
  sandbox = await startSandbox({
    ports: { easysecure: 0, moka: 0, eduix: 0 },
    seed,
    log: false,
    faults: FAULTS,
  });
  dir = mkdtempSync(join(tmpdir(), "bulk-sandbox-"));
});
afterAll(() => sandbox?.close());

function env(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    EDUIX_ENDPOINT: sandbox.urls.eduix,
    EDUIX_USERNAME: DISTRIBUTOR.username,
    EDUIX_PASSWORD: DISTRIBUTOR.password,
    EASYSECURE_ENDPOINT: sandbox.urls.easysecure,
    EASYSECURE_COMPANY_ID: COMPANY,
    INTEGRATIONS_TIMEOUT_MS: "10000",
  };
}

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.resume();
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout })));
}

async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

interface ResultLine {
  row: number;
  line: number;
  status: "ok" | "failed" | "unknown";
  check?: string;
}

function results(path: string): ResultLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as ResultLine);
}

/**
 * Runs `args` to a quarter of the rows, kills it with SIGKILL, resumes it to the end, and returns the
 * results file's lines.
 */
async function killedAndResumed(
  args: string[],
  resultsPath: string,
  midway: () => void = () => {},
): Promise<ResultLine[]> {
  // A result line is about 60 bytes: `share` of the rows have an outcome.
  const reached = (share: number) => eventually(() => size(resultsPath) > ROWS * share * 50);
  const first = start(args);
  const firstExit = exited(first);
  await reached(1 / 8);
  midway();
  await reached(1 / 4);
  first.kill("SIGKILL");
  expect((await firstExit).signal).toBe("SIGKILL");
  const partial = results(resultsPath).length;
  expect(partial).toBeLessThan(ROWS);

  const second = exited(start([...args, "--resume"]));
  await reached(5 / 8);
  midway();
  const resumed = await second;
  const summary = JSON.parse(resumed.stdout) as { ok: number; failed: number; unknown: number; left: number };
  const lines = results(resultsPath);
  expect(summary.left).toBe(0);
  expect(summary.ok + summary.failed + summary.unknown).toBe(ROWS);
  expect(resumed.code).toBe(summary.unknown + summary.failed > 0 ? 1 : 0);
  return lines;
}

/** Exactly one outcome per row, and no secret in the file. */
function expectOneOutcomePerRow(lines: readonly ResultLine[], resultsPath: string): void {
  expect(lines).toHaveLength(ROWS);
  expect(new Set(lines.map((l) => l.row)).size).toBe(ROWS);
  expect(Math.min(...lines.map((l) => l.row))).toBe(1);
  expect(Math.max(...lines.map((l) => l.row))).toBe(ROWS);
  // Dropped connections and the kill give unknown outcomes, never a failure: nothing here is refused.
  expect(lines.filter((l) => l.status === "failed")).toEqual([]);
  const text = readFileSync(resultsPath, "utf8");
  expect(text).not.toContain(DISTRIBUTOR.password);
  expect(text).not.toContain(COMPANY);
}

async function state(): Promise<{
  eduix: { profiles: Array<{ profileID: number; userID?: string }> };
  easysecure: { companies: Array<{ storeIds: number[]; users: Array<{ wsAltUserId: string }> }> };
}> {
  const response = await fetch(`${sandbox.urls.admin}/state`);
  return (await response.json()) as Awaited<ReturnType<typeof state>>;
}

describe("bulk runs against the sandbox, killed and resumed", () => {
  it("Edu-iX createKey: 10,000 prematches, each applied exactly once", { timeout: 180_000 }, async () => {
    // ECK iDs of 128 to 255 characters: unequal lengths make the sandbox's scan for a userID already
    // prematched (one per createKey, over every profile) cheap to compare.
    const eckId = (i: number) =>
      `https://ketenid.nl/201703/${`bulk${String(i).padStart(5, "0")}`.padEnd(128 + (i % 128) - 26, "0")}`;
    const rowsPath = join(dir, "prematch.csv");
    const lines = ["profileID,userID"];
    for (let i = 0; i < ROWS; i++) lines.push(`${FIRST_PROFILE + i},${eckId(i)}`);
    writeFileSync(rowsPath, `${lines.join("\n")}\n`);
    const resultsPath = join(dir, "prematch.jsonl");
    const args = ["eduix", "create-key", "--from", rowsPath, "--results", resultsPath, "--concurrency", "16"];

    let expired = 0;
    const outcomes = await killedAndResumed(args, resultsPath, () => {
      expired += sandbox.expireEduixSessions();
    });
    expectOneOutcomePerRow(outcomes, resultsPath);
    // Each run's one login was expired mid-run (a login whose answer was dropped leaves one more session).
    expect(expired).toBeGreaterThanOrEqual(2);

    // What the results file says to do with each unknown outcome: check with getKey before re-sending.
    sandbox.faults.clear();
    const client = createEduixClient({ endpoint: sandbox.urls.eduix, ...DISTRIBUTOR });
    const resend: string[] = ["profileID,userID"];
    let appliedUnknown = 0;
    for (const unknown of outcomes.filter((o) => o.status === "unknown")) {
      const i = unknown.row - 1;
      expect(unknown.check).toContain(`getKey with profileID=${FIRST_PROFILE + i}`);
      const keys = await client.getKey({ profileID: FIRST_PROFILE + i });
      if (keys.some((k) => k.userID === eckId(i))) appliedUnknown++;
      else resend.push(`${FIRST_PROFILE + i},${eckId(i)}`);
    }
    const okRows = outcomes.filter((o) => o.status === "ok").length;
    // Counted on the server, before the re-send: every applied call is a row that reported ok or was found by
    // getKey; no row was applied twice (that would be fault 4426 or 7766).
    const before = sandbox.calls()["eduix createKey"] ?? {};
    expect(before.ok).toBe(okRows + appliedUnknown);
    expect(before["fault 4426"]).toBeUndefined();
    expect(before["fault 7766"]).toBeUndefined();

    if (resend.length > 1) {
      writeFileSync(join(dir, "resend.csv"), `${resend.join("\n")}\n`);
      const again = await exited(
        start([
          "eduix",
          "create-key",
          "--from",
          join(dir, "resend.csv"),
          "--results",
          join(dir, "resend.jsonl"),
        ]),
      );
      expect(again.code).toBe(0);
    }

    const after = sandbox.calls()["eduix createKey"] ?? {};
    expect(after.ok).toBe(ROWS);
    // The only other outcome: calls refused with the expired session (not applied), then sent again by the
    // client after logging in once more.
    expect(Object.keys(after).filter((k) => k !== "ok" && k !== "fault 12")).toEqual([]);
    expect(after["fault 12"]).toBeGreaterThan(0);
    // One shared login per run, not one per row: the three runs, the logins after each expiry, and a login
    // whose answer was dropped, at most.
    expect(sandbox.calls()["eduix login"]?.ok).toBeLessThan(20);
    const profiles = new Map((await state()).eduix.profiles.map((p) => [p.profileID, p.userID]));
    for (let i = 0; i < ROWS; i++) expect(profiles.get(FIRST_PROFILE + i)).toBe(eckId(i));
  });

  it("ESWS updateUserDotweb: 10,000 users, each inserted exactly once", { timeout: 180_000 }, async () => {
    const id = (i: number) => `BULK-${String(i).padStart(5, "0")}`;
    const header =
      "p_ws_StoreId,p_wsAltUserId,p_PIN,p_Achternaam,p_Voornaam,p_Admin,p_Security,p_infoFields.info1";
    const row = (i: number) => `1234,${id(i)},,Jansen,"Piet, ${i}",0,0,${id(i).toLowerCase()}@example.com`;
    const rowsPath = join(dir, "employees.csv");
    writeFileSync(
      rowsPath,
      `${[header, ...Array.from({ length: ROWS }, (_, i) => row(i))].join("\r\n")}\r\n`,
    );
    const resultsPath = join(dir, "employees.jsonl");
    sandbox.faults.set(FAULTS);
    const args = [
      "easysecure",
      "update-user-dotweb",
      "--from",
      rowsPath,
      "--results",
      resultsPath,
      "--concurrency",
      "16",
    ];

    const outcomes = await killedAndResumed(args, resultsPath);
    expectOneOutcomePerRow(outcomes, resultsPath);

    // ESWS has no read operation: the check names the user to look up in the vendor's own tools, which the
    // sandbox's state stands in for.
    sandbox.faults.clear();
    const users = async () =>
      new Set((await state()).easysecure.companies.flatMap((c) => c.users.map((u) => u.wsAltUserId)));
    const present = await users();
    const resend: string[] = [header];
    let appliedUnknown = 0;
    for (const unknown of outcomes.filter((o) => o.status === "unknown")) {
      const i = unknown.row - 1;
      expect(unknown.check).toContain(`p_wsAltUserId="${id(i)}"`);
      if (present.has(id(i))) appliedUnknown++;
      else resend.push(row(i));
    }
    const okRows = outcomes.filter((o) => o.status === "ok").length;
    const before = sandbox.calls()["easysecure Esws.updateUserDotweb"] ?? {};
    expect(before.INSERTED).toBe(okRows + appliedUnknown);
    expect(before.UPDATED).toBeUndefined();

    if (resend.length > 1) {
      writeFileSync(join(dir, "resend-users.csv"), `${resend.join("\n")}\n`);
      const again = await exited(
        start([
          "easysecure",
          "update-user-dotweb",
          "--from",
          join(dir, "resend-users.csv"),
          "--results",
          join(dir, "resend-users.jsonl"),
        ]),
      );
      expect(again.code).toBe(0);
    }

    // Each row inserted once, none updated: no write was repeated.
    expect(sandbox.calls()["easysecure Esws.updateUserDotweb"]).toEqual({ INSERTED: ROWS });
    const final = await users();
    for (let i = 0; i < ROWS; i++) expect(final.has(id(i))).toBe(true);
  });
});
