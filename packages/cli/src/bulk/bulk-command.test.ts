/**
 * `integrations <vendor> <operation> --from … --results …` in process (runCli) against the sandbox: validation
 * before anything is sent, usage errors, skip-invalid, Ctrl-C and --resume, unknown outcomes, exit codes, and
 * no secret in the results file or the output.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SEED_PATH, loadSeedFile, type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../run.js";

const COMPANY = "FAKE-SECURITY-CODE-FOR-TESTS-001";
const PASSWORD = "sandbox-password";
const FIRST = 710_000_001;
let sandbox: Sandbox;
let dir: string;
let n = 0;

beforeAll(async () => {
  const seed = loadSeedFile(DEFAULT_SEED_PATH);
  for (let i = 0; i < 200; i++)
    seed.eduix.profiles.push({ profileID: FIRST + i, owner: "sandbox-distributor" });
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, seed, log: false });
  dir = mkdtempSync(join(tmpdir(), "bulk-command-"));
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const eckId = (i: number) =>
  `https://ketenid.nl/201703/${`cmd${String(i).padStart(4, "0")}`.padEnd(128, "0")}`;

function file(name: string, text: string): string {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, text);
  return path;
}

async function cli(args: string[], signal?: AbortSignal) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    env: {
      EDUIX_ENDPOINT: sandbox.urls.eduix,
      EDUIX_USERNAME: "sandbox-distributor",
      EDUIX_PASSWORD: PASSWORD,
      EASYSECURE_ENDPOINT: sandbox.urls.easysecure,
      EASYSECURE_COMPANY_ID: COMPANY,
    },
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    ...(signal ? { signal } : {}),
  });
  return { code, stdout, stderr };
}

const resultsOf = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function prematchCsv(count: number, from = 0): string {
  const lines = ["profileID,userID"];
  for (let i = from; i < from + count; i++) lines.push(`${FIRST + i},${eckId(i)}`);
  return `${lines.join("\n")}\n`;
}

describe("bulk runs from the command line", () => {
  it("validates every row first: bad rows are listed (line, field, rule) and nothing is sent", async () => {
    const rows = file(
      "bad.csv",
      `profileID,userID\n${FIRST},${eckId(0)}\nabc,${eckId(1)}\n0,\n${FIRST + 3},"${"x".repeat(300)}"\n`,
    );
    const results = join(dir, "never.jsonl");
    const { code, stderr, stdout } = await cli(["eduix", "create-key", "--from", rows, "--results", results]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    const error = JSON.parse(stderr) as {
      message: string;
      rows: Array<{ line: number; issues: Array<{ field: string; rule: string }> }>;
    };
    expect(error.message).toBe("3 of 4 rows break the contract; nothing was sent");
    expect(error.rows.map((r) => [r.line, r.issues.map((i) => `${i.field} ${i.rule}`)])).toEqual([
      [3, ["profileID type"]],
      [4, ["profileID minimum"]],
      [5, ["userID maxLength"]],
    ]);
    expect(sandbox.calls()).toEqual({});
    expect(existsSync(results)).toBe(false);
  });

  it("--skip-invalid runs the valid rows; the exit code says not every row succeeded", async () => {
    const rows = file(
      "rows.jsonl",
      `{"profileID":${FIRST},"userID":"${eckId(0)}"}\n{"profileID":${FIRST + 1},"profileID":1,"userID":"x"}\n\n{"profileID":"${FIRST + 2}","userID":"${eckId(2)}"}\n{"profileID":${FIRST + 3},"userID":"${eckId(3)}"}\n`,
    );
    const results = join(dir, "skip.jsonl");
    const refused = await cli(["eduix", "create-key", "--from", rows, "--results", results]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('"rule": "ambiguous-json"');
    expect(refused.stderr).toContain('"rule": "type"');
    const run = await cli(["eduix", "create-key", "--from", rows, "--results", results, "--skip-invalid"]);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      rows: 4,
      ok: 2,
      failed: 0,
      unknown: 0,
      invalid: 2,
      left: 0,
    });
    expect(resultsOf(results).map((r) => [r.row, r.line, r.status])).toEqual(
      expect.arrayContaining([
        [1, 1, "ok"],
        [4, 5, "ok"],
      ]),
    );
  });

  it("a vendor's refusal is a failed row with its code; every row ok exits 0; secrets stay out of the file", async () => {
    const header =
      "p_ws_StoreId,p_wsAltUserId,p_PIN,p_Achternaam,p_Voornaam,p_Admin,p_Security,p_infoFields.info1";
    const rows = file(
      "users.csv",
      `${header}\n1234,CMD-1,,Jansen,Piet,0,0,a@example.com\n9999,CMD-2,,Jansen,Jan,0,0,\n`,
    );
    const results = join(dir, "users.jsonl");
    const run = await cli(["easysecure", "update-user-dotweb", "--from", rows, "--results", results]);
    expect(run.code).toBe(1);
    const lines = resultsOf(results).sort((a, b) => Number(a.row) - Number(b.row));
    expect(lines[0]).toMatchObject({ row: 1, status: "ok", result: "INSERTED" });
    expect(lines[1]).toMatchObject({ row: 2, status: "failed", code: "ERROR_UNKNOWN_STORE_ID" });
    for (const text of [
      readFileSync(results, "utf8"),
      readFileSync(`${results}.journal`, "utf8"),
      run.stdout,
      run.stderr,
    ]) {
      expect(text).not.toContain(COMPANY);
      expect(text).not.toContain(PASSWORD);
    }
    const ok = file("ok.csv", `${header}\n1234,CMD-3,,Jansen,Piet,0,0,b@example.com\n`);
    expect(
      (await cli(["easysecure", "update-user-dotweb", "--from", ok, "--results", join(dir, "ok.jsonl")]))
        .code,
    ).toBe(0);
  });

  it("Ctrl-C stops starting rows and exits 130; --resume finishes the rest, one outcome per row, nothing sent twice", async () => {
    const rows = file("stop.csv", prematchCsv(100));
    const results = join(dir, "stop.jsonl");
    // Slow calls, so that the run is still going when the tenth outcome is seen (no clock is asserted).
    sandbox.faults.set("eduix:latency=20");
    const controller = new AbortController();
    const seen = { lines: 0 };
    const watcher = setInterval(() => {
      seen.lines = existsSync(results) ? readFileSync(results, "utf8").split("\n").length - 1 : 0;
      if (seen.lines >= 10) controller.abort();
    }, 1);
    const stopped = await cli(
      ["eduix", "create-key", "--from", rows, "--results", results, "--concurrency", "2"],
      controller.signal,
    );
    clearInterval(watcher);
    sandbox.faults.clear();
    expect(stopped.code).toBe(130);
    const summary = JSON.parse(stopped.stdout) as { left: number; interrupted: boolean };
    expect(summary.interrupted).toBe(true);
    expect(summary.left).toBeGreaterThan(0);

    const resumed = await cli(["eduix", "create-key", "--from", rows, "--results", results, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ rows: 100, ok: 100, left: 0 });
    expect(new Set(resultsOf(results).map((r) => r.row)).size).toBe(100);
    expect(resultsOf(results)).toHaveLength(100);
    expect(sandbox.calls()["eduix createKey"]).toEqual({ ok: 100 });
  });

  it("a write an earlier run left in flight is not sent again: its outcome is unknown, with what to check", async () => {
    const rows = file("inflight.csv", prematchCsv(3, 150));
    const results = join(dir, "inflight.jsonl");
    writeFileSync(
      `${results}.journal`,
      `${JSON.stringify({ journal: "integrations-bulk-journal", version: 1, vendor: "eduix", operation: "createKey" })}\n{"started":2}\n`,
    );
    writeFileSync(results, "");
    const run = await cli(["eduix", "create-key", "--from", rows, "--results", results, "--resume"]);
    expect(run.code).toBe(1);
    const unknown = resultsOf(results).find((r) => r.row === 2);
    expect(unknown).toMatchObject({ status: "unknown" });
    expect(unknown?.check).toBe(
      `unknown outcome: check before re-sending: getKey with profileID=${FIRST + 151} shows whether this createKey was applied`,
    );
    expect(sandbox.calls()["eduix createKey"]).toEqual({ ok: 2 });
  });

  it("usage errors: an unknown column, a field flag, a missing --results, an existing results file, a bad number", async () => {
    const rows = file("rows.csv", prematchCsv(1, 190));
    const results = join(dir, "usage.jsonl");
    const cases: Array<[string[], RegExp]> = [
      [
        ["--from", file("col.csv", "profileID,userId\n1,x\n"), "--results", results],
        /column 2 \('userId'\) is not a field/,
      ],
      [
        ["--from", rows, "--results", results, "--profile-id", "1"],
        /--profile-id cannot be used with --from/,
      ],
      [["--from", rows], /--results is required/],
      [["--from", rows, "--results", results, "--concurrency", "0"], /--concurrency must be a whole number/],
      [["--from", rows, "--results", results, "--rate", "fast"], /--rate must be a number/],
      [["--from", file("rows.txt", ""), "--results", results], /must end in .csv, .jsonl or .ndjson/],
      [["--from", join(dir, "missing.csv"), "--results", results], /cannot read the file \(ENOENT\)/],
      [
        ["--from", file("quote.csv", 'profileID,userID\n1,a"b\n'), "--results", results],
        /not valid CSV at line 2/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(["eduix", "create-key", ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await cli(["eduix", "create-key", "--from", rows, "--results", results])).code).toBe(0);
    const again = await cli(["eduix", "create-key", "--from", rows, "--results", results]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists: give --resume");
  });
});
