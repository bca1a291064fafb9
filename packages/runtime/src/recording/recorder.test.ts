import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { transportOptionIssues } from "../client-options.js";
import { createRecorder, type RecordedExchange, recorderFromEnvironment } from "./recorder.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "recorder-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const exchange: RecordedExchange = {
  vendor: "moka",
  operation: "GetCardList",
  url: "http://127.0.0.1:7402/DealerCustomer/GetCardList",
  method: "POST",
  attempt: 2,
  request: { format: "json", text: '{"a":1}' },
  response: {
    status: 200,
    contentType: "application/json",
    body: { format: "json", text: '{"ResultCode":"X"}' },
  },
  outcome: { kind: "error", errorKind: "service", code: "X" },
  scrubbed: ["DealerCustomerAuthentication.Password"],
};

describe("createRecorder", () => {
  it("writes an exchange in the fixture layout, with its meta", () => {
    const dir = tempDir();
    createRecorder({ dir, environment: "sandbox" }).record(exchange);
    const [name, ...more] = readdirSync(join(dir, "moka", "GetCardList"));
    expect(more).toEqual([]);
    expect(name).toMatch(new RegExp(`^\\d{8}T\\d{9}Z-${process.pid}-\\d{4}-error-X$`));
    const caseDir = join(dir, "moka", "GetCardList", name!);
    expect(readdirSync(caseDir).sort()).toEqual(["meta.json", "request.json", "response.json"]);
    const meta = JSON.parse(readFileSync(join(caseDir, "meta.json"), "utf8"));
    expect(meta).toMatchObject({
      source: "recording",
      recorded: {
        environment: "sandbox",
        endpoint: exchange.url,
        client: "@integrations/moka-client",
        attempt: 2,
        http: { method: "POST", status: 200, contentType: "application/json" },
      },
      scrubbed: ["DealerCustomerAuthentication.Password"],
      expect: { outcome: { kind: "error", code: "X", errorKind: "service" } },
    });
  });

  it("writes no response file when no answer came, and names the case by the error kind", () => {
    const dir = tempDir();
    const recorder = createRecorder({ dir });
    recorder.record({ ...exchange, response: undefined, outcome: { kind: "error", errorKind: "timeout" } });
    const [name] = readdirSync(join(dir, "moka", "GetCardList"));
    expect(name).toMatch(/-\d{4}-timeout$/);
    expect(readdirSync(join(dir, "moka", "GetCardList", name!)).sort()).toEqual([
      "meta.json",
      "request.json",
    ]);
    const meta = JSON.parse(readFileSync(join(dir, "moka", "GetCardList", name!, "meta.json"), "utf8"));
    expect(meta.recorded.environment).toBe("127.0.0.1:7402");
  });

  it("tells onError, never throws, and leaves no half exchange when it cannot write", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "moka"), "a file where the vendor folder should be");
    const errors: unknown[] = [];
    expect(() => createRecorder({ dir, onError: (e) => errors.push(e) }).record(exchange)).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["moka"]);
  });

  it("numbers the cases of every recorder of the process in one sequence: two clients never collide", () => {
    const dir = tempDir();
    createRecorder({ dir }).record(exchange);
    createRecorder({ dir }).record(exchange);
    const [a, b] = readdirSync(join(dir, "moka", "GetCardList")).map((name) => name.split("-")[2]);
    expect(Number(b)).toBe(Number(a) + 1);
  });

  it("keeps a vendor or operation name inside the directory", () => {
    const dir = tempDir();
    createRecorder({ dir }).record({ ...exchange, vendor: "../..", operation: "a/../../b" });
    createRecorder({ dir }).record({ ...exchange, vendor: "..", operation: "." });
    expect(readdirSync(dir).sort()).toEqual([".._..", "_.."]);
    expect(readdirSync(join(dir, "_.."))).toEqual(["_."]);
  });
});

describe("recorderFromEnvironment", () => {
  it("is there only when INTEGRATIONS_RECORD names a directory", () => {
    expect(recorderFromEnvironment({})).toBeUndefined();
    expect(recorderFromEnvironment({ INTEGRATIONS_RECORD: "" })).toBeUndefined();
    const dir = tempDir();
    recorderFromEnvironment({ INTEGRATIONS_RECORD: dir, INTEGRATIONS_RECORD_ENV: "moka-test" })!.record(
      exchange,
    );
    const [name] = readdirSync(join(dir, "moka", "GetCardList"));
    const meta = JSON.parse(readFileSync(join(dir, "moka", "GetCardList", name!, "meta.json"), "utf8"));
    expect(meta.recorded.environment).toBe("moka-test");
  });
});

describe("the recorder client option", () => {
  it("is false or a recorder", () => {
    expect(transportOptionIssues({ recorder: false })).toEqual([]);
    expect(transportOptionIssues({ recorder: createRecorder({ dir: tempDir() }) })).toEqual([]);
    expect(transportOptionIssues({ recorder: "dir" })).toEqual([
      { field: "recorder", rule: "type", message: "must be false or a recorder (createRecorder)" },
    ]);
  });
});
