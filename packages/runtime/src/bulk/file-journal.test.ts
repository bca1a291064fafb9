import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BulkJournalError, type FileJournalOptions, openFileJournal } from "./file-journal.js";
import type { BulkOutcome } from "./outcome.js";

function paths() {
  const dir = mkdtempSync(join(tmpdir(), "bulk-journal-"));
  return { journalPath: join(dir, "out.jsonl.journal"), resultsPath: join(dir, "out.jsonl") };
}

function options(p: ReturnType<typeof paths>, resume: boolean): FileJournalOptions {
  return {
    ...p,
    vendor: "eduix",
    operation: "createKey",
    resume,
    toResultLine: (o: BulkOutcome) => JSON.stringify({ row: o.row, status: o.status }),
  };
}

const ok = (row: number): BulkOutcome => ({ status: "ok", row, input: {}, result: null });

describe("openFileJournal", () => {
  it("records starts and outcomes durably, and a resumed run knows finished and started rows", async () => {
    const p = paths();
    const journal = await openFileJournal(options(p, false));
    await Promise.all([journal.started(1), journal.started(2), journal.started(3)]);
    await Promise.all([journal.finished(ok(1)), journal.finished(ok(3))]);
    await journal.close();
    expect(readFileSync(p.resultsPath, "utf8").trim().split("\n")).toHaveLength(2);

    const resumed = await openFileJournal(options(p, true));
    expect(resumed.resumed).toEqual({ finished: 2, started: 1, byStatus: { ok: 2 } });
    expect([1, 2, 3, 4].map((r) => resumed.stateOf(r))).toEqual(["finished", "started", "finished", "new"]);
    await resumed.close();
  });

  it("cuts off a line a crash left half-written: that row is started again, never finished twice", async () => {
    const p = paths();
    const journal = await openFileJournal(options(p, false));
    await journal.started(1);
    await journal.started(2);
    await journal.finished(ok(1));
    await journal.close();
    appendFileSync(p.resultsPath, '{"row":2,"sta');
    const resumed = await openFileJournal(options(p, true));
    expect(resumed.stateOf(2)).toBe("started");
    await resumed.finished(ok(2));
    await resumed.close();
    expect(readFileSync(p.resultsPath, "utf8")).toBe('{"row":1,"status":"ok"}\n{"row":2,"status":"ok"}\n');
  });

  it("never overwrites: existing files need --resume, and a journal of another operation is refused", async () => {
    const p = paths();
    const journal = await openFileJournal(options(p, false));
    await journal.started(1);
    await journal.close();
    await expect(openFileJournal(options(p, false))).rejects.toThrow(/already exists: give --resume/);
    await expect(openFileJournal({ ...options(p, true), operation: "deleteKey" })).rejects.toThrow(
      BulkJournalError,
    );
    const q = paths();
    writeFileSync(q.resultsPath, '{"row":1}\n');
    await expect(openFileJournal(options(q, true))).rejects.toThrow(/cannot be resumed safely/);
  });

  it("keeps every one of many appends made at once, each on its own line", async () => {
    const p = paths();
    const journal = await openFileJournal(options(p, false));
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.started(i + 1)));
    await journal.close();
    const lines = readFileSync(p.journalPath, "utf8").trim().split("\n");
    expect(lines).toHaveLength(501);
    expect(JSON.parse(lines[0]!)).toMatchObject({ vendor: "eduix", operation: "createKey" });
  });
});
