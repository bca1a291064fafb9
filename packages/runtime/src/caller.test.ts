import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, type VendorProtocol } from "./caller.js";
import { HttpStatusError, ServiceError, ValidationError } from "./errors.js";
import type { OperationDescriptor } from "./operation.js";

/** A loopback server that answers each request from a queue of statuses and records what it was sent. */
let server: Server;
let url = "";
const received: string[] = [];
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      received.push(body);
      const status = answers.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? `ok:${body}` : "busy");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

class ExpiredError extends ServiceError<string> {
  readonly vendor = "test";
}

function descriptor(operationId: string, idempotent: boolean): OperationDescriptor<{ path: string }> {
  return {
    vendor: "test",
    operationId,
    wireName: `Svc.${operationId}`,
    idempotent,
    secrets: [],
    codes: [],
    binding: { path: operationId },
    validateRequest: (value) =>
      typeof value === "string" && value.length > 0
        ? []
        : [{ field: "", rule: "minLength", message: "must be a non-empty string" }],
  };
}

const read = descriptor("read", true);
const write = descriptor("write", false);

function protocol(
  decode: VendorProtocol<OperationDescriptor<{ path: string }>, string>["decode"] = (_op, response) =>
    response.body,
): VendorProtocol<OperationDescriptor<{ path: string }>, string> {
  return {
    encode: (op, value) => (session) => ({
      url: url + op.binding.path,
      headers: { "content-type": "text/plain" },
      body: `${session}|${String(value)}`,
    }),
    decode: (op, response) => {
      if (response.status !== 200 && response.status !== 503) throw new Error(`status ${response.status}`);
      return decode(op, response);
    },
  };
}

describe("createCaller", () => {
  it("validates with the descriptor's validator and sends nothing for bad input", async () => {
    received.length = 0;
    const call = createCaller({ vendor: "test", protocol: protocol(), transport: {} });
    for (const bad of ["", 0, null, undefined]) {
      const error = await call(read, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).operation).toBe("Svc.read");
    }
    expect(received).toEqual([]);
  });

  it("runs validate → encode → send → decode and resolves to the decoded value", async () => {
    const call = createCaller({ vendor: "test", protocol: protocol(), transport: {} });
    await expect(call(read, "abc")).resolves.toBe("ok:undefined|abc");
  });

  it("retries only the operations the contract declares idempotent", async () => {
    const calls = { read: 0, write: 0 };
    const retrying = protocol((op, response) => {
      calls[op.operationId as "read" | "write"]++;
      if (response.status === 503) throw new HttpStatusError(503, "text/plain", { operation: op.wireName });
      return response.body;
    });
    const call = createCaller({
      vendor: "test",
      protocol: retrying,
      transport: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } },
    });
    answers = [503, 200];
    await expect(call(read, "r")).resolves.toBe("ok:undefined|r");
    answers = [503, 200];
    await expect(call(write, "w")).rejects.toBeInstanceOf(HttpStatusError);
    expect(calls).toEqual({ read: 2, write: 1 });
    answers = [];
  });

  it("gets a session first, and on an expired session logs in again and repeats the call once", async () => {
    let sessions = 0;
    const invalidated: string[] = [];
    let expireNext = 0;
    const base = protocol((op, response) => {
      if (expireNext > 0) {
        expireNext--;
        throw new ExpiredError({ code: "EXPIRED", meaning: "expired", operation: op.wireName });
      }
      return response.body;
    });
    const call = createCaller<OperationDescriptor<{ path: string }>, string>({
      vendor: "test",
      transport: {},
      protocol: {
        ...base,
        session: {
          needs: (op) => op !== write,
          acquire: async () => `s${++sessions}`,
          expired: (error) => error instanceof ExpiredError,
          invalidate: (stale) => invalidated.push(stale),
        },
      },
    });
    await expect(call(read, "a")).resolves.toBe("ok:s1|a");
    expireNext = 1;
    await expect(call(read, "b")).resolves.toBe("ok:s3|b");
    expect(invalidated).toEqual(["s2"]);
    expireNext = 2;
    await expect(call(read, "c")).rejects.toBeInstanceOf(ExpiredError);
    // An operation outside the session gets none.
    await expect(call(write, "d")).resolves.toBe("ok:undefined|d");
  });
});
