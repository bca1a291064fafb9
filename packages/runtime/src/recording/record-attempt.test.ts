import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCaller, type VendorProtocol } from "../caller.js";
import { HttpStatusError } from "../errors.js";
import type { ClientLogEvent } from "../logging.js";
import type { OperationDescriptor } from "../operation.js";
import { createRedactor } from "../redact.js";
import { createRecorder, RECORD_DIR_ENV, type RecordedExchange } from "./recorder.js";

/** A loopback server that answers from a queue of statuses, echoing the password it was sent. */
let server: Server;
let url = "";
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const status = answers.shift() ?? 200;
      const { auth } = JSON.parse(body) as { auth: { password: string } };
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: status === 200, echo: `wrong password ${auth.password}?` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "record-attempt-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  answers = [];
});

const PASSWORD = `s3cret<&>"\\${"p".repeat(30)}`;

const read: OperationDescriptor<{ path: string }> = {
  vendor: "test",
  operationId: "Read",
  wireName: "Svc.Read",
  idempotent: true,
  secrets: ["auth.password"],
  codes: [],
  binding: { path: "read" },
  validateRequest: () => [],
};

const runtimeVersion = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

function protocol(target = () => url): VendorProtocol<OperationDescriptor<{ path: string }>> {
  return {
    // A file one folder below a package.json: the recordings name that package (here the runtime) and version.
    clientModuleUrl: new URL("../index.ts", import.meta.url).href,
    encode: (op, value) => () => ({
      url: target() + op.binding.path,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ auth: { password: PASSWORD }, input: value }),
    }),
    decode: (op, response) => {
      if (response.status !== 200)
        throw new HttpStatusError(response.status, response.contentType, { operation: op.wireName });
      return JSON.parse(response.body) as unknown;
    },
  };
}

function cases(dir: string): string[] {
  return readdirSync(join(dir, "test", "Read")).sort();
}

describe("recording in the caller", () => {
  it("records every attempt, scrubbed, with its outcome: a retried 503, then the success", async () => {
    const dir = tempDir();
    answers = [503, 200];
    const call = createCaller({
      vendor: "test",
      protocol: protocol(),
      transport: {
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
        recorder: createRecorder({ dir, environment: "loopback" }),
      },
      redact: createRedactor([PASSWORD]),
    });
    await expect(call(read, "x")).resolves.toMatchObject({ ok: true });
    const [first, second, ...more] = cases(dir);
    expect(more).toEqual([]);
    expect(first).toMatch(/-\d{4}-http-status$/);
    expect(second).toMatch(/-\d{4}-success$/);
    for (const name of [first!, second!]) {
      const caseDir = join(dir, "test", "Read", name);
      const request = readFileSync(join(caseDir, "request.json"), "utf8");
      const response = readFileSync(join(caseDir, "response.json"), "utf8");
      expect(JSON.parse(request).auth.password).toBe("REDACTED-password");
      expect(JSON.parse(response).echo).toBe("wrong password REDACTED-password?");
      expect(request + response).not.toContain("pppppppp");
    }
    const meta = JSON.parse(readFileSync(join(dir, "test", "Read", first!, "meta.json"), "utf8"));
    expect(meta).toMatchObject({
      recorded: {
        environment: "loopback",
        client: `@integrations/runtime@${runtimeVersion}`,
        attempt: 1,
        http: { method: "POST", status: 503 },
      },
      scrubbed: ["auth.password"],
      expect: { outcome: { kind: "error", errorKind: "http-status" } },
    });
  });

  it("records the request and no response when no answer came back", async () => {
    const dir = tempDir();
    const call = createCaller({
      vendor: "test",
      // Port 1 on the loopback: refused at once.
      protocol: protocol(() => "http://127.0.0.1:1/"),
      transport: { retry: false, recorder: createRecorder({ dir }) },
    });
    await expect(call(read, "x")).rejects.toMatchObject({ kind: "network" });
    const [name] = cases(dir);
    expect(name).toMatch(/-\d{4}-network(-[A-Z]+)?$/);
    expect(readdirSync(join(dir, "test", "Read", name!)).sort()).toEqual(["meta.json", "request.json"]);
  });

  it("never changes the outcome when recording fails: the client's logger is told", async () => {
    const events: ClientLogEvent[] = [];
    const failing = {
      record(_exchange: RecordedExchange): void {
        throw new Error(`disk full near ${PASSWORD}`);
      },
    };
    const call = createCaller({
      vendor: "test",
      protocol: protocol(),
      transport: { retry: false, recorder: failing, logger: (event) => events.push(event) },
      redact: createRedactor([PASSWORD]),
    });
    await expect(call(read, "x")).resolves.toMatchObject({ ok: true });
    expect(events).toEqual([
      expect.objectContaining({
        vendor: "test",
        operation: "Svc.Read",
        attempt: 1,
        outcome: "success",
        recording: "not-written",
        message: "recording not written: disk full near [REDACTED]",
      }),
      expect.objectContaining({ operation: "Svc.Read", attempt: 1, outcome: "success" }),
    ]);
  });

  it("records with INTEGRATIONS_RECORD set when the client is created, unless the option says false", async () => {
    const dir = tempDir();
    process.env[RECORD_DIR_ENV] = dir;
    try {
      const recording = createCaller({ vendor: "test", protocol: protocol(), transport: { retry: false } });
      const silent = createCaller({
        vendor: "test",
        protocol: protocol(),
        transport: { retry: false, recorder: false },
      });
      await recording(read, "x");
      await silent(read, "x");
    } finally {
      delete process.env[RECORD_DIR_ENV];
    }
    expect(cases(dir)).toHaveLength(1);
  });
});
