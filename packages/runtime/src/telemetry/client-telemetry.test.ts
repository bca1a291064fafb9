import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Histogram, SumMetricData } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller, type VendorProtocol } from "../caller.js";
import { ServiceError } from "../errors.js";
import type { OperationDescriptor } from "../operation.js";
import { createRedactor } from "../redact.js";
import { httpStatusErrorOf } from "../retry-after.js";
import { inMemorySdk } from "./__tests__/in-memory-sdk.js";

/** A loopback server answering each request from a queue of [status, body]; "hang" never answers. */
let server: Server;
let url = "";
let answers: Array<[number, string] | "hang"> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const answer = answers.shift() ?? [200, "ok"];
      if (answer === "hang") return;
      res.writeHead(answer[0], { "content-type": "text/plain" });
      res.end(answer[1]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

class TestError extends ServiceError<string> {
  readonly vendor = "test";
}

type Op = OperationDescriptor<{ kind: string; soapAction: string }>;
const op = (operationId: string, idempotent: boolean): Op => ({
  vendor: "test",
  operationId,
  wireName: `Svc.${operationId}`,
  idempotent,
  secrets: ["password"],
  codes: [
    { code: "OK", meaning: "done", retryable: false },
    { code: "DENIED", meaning: "not allowed", retryable: false },
  ],
  binding: { kind: "soap-rpc-encoded", soapAction: `urn:svc#${operationId}` },
  validateRequest: (value) =>
    typeof value === "string" ? [] : [{ field: "", rule: "type", message: "must be a string" }],
});
const read = op("read", true);
const write = op("write", false);
const login = op("login", true);

const SECRET = "s3cret-password-value";

function protocol(session?: {
  current: string | undefined;
  inflight?: Promise<string> | undefined;
}): VendorProtocol<Op, string> {
  return {
    encode: (o, value) => (sessionID) => ({
      url: `${url}/svc/${o.operationId}?key=${SECRET}`,
      headers: { "content-type": "text/plain" },
      body: `${SECRET}|${sessionID}|${String(value)}`,
    }),
    decode: (o, response) => {
      if (response.status !== 200) throw httpStatusErrorOf(response, o.wireName);
      if (response.body === "DENIED") {
        throw new TestError({ code: "DENIED", meaning: "not allowed", operation: o.wireName });
      }
      if (response.body === "WEIRD") {
        throw new TestError({ code: `WEIRD ${SECRET}`, meaning: "?", operation: o.wireName });
      }
      if (response.body === "EXPIRED") {
        throw new TestError({ code: "EXPIRED", meaning: "expired", operation: o.wireName });
      }
      return o === login ? "session-1" : response.body;
    },
    resultCode: (_o, result) => result as string,
    ...(session
      ? {
          session: {
            needs: (o: Op) => o !== login,
            // Single flight, like the Edu-iX session: concurrent calls share one login.
            acquire: () => {
              if (session.current !== undefined) return Promise.resolve(session.current);
              session.inflight ??= (caller(login, "") as Promise<string>).then((id) => {
                session.current = id;
                session.inflight = undefined;
                return id;
              });
              return session.inflight;
            },
            expired: (error: unknown) => error instanceof TestError && error.code === "EXPIRED",
            invalidate: () => {
              session.current = undefined;
            },
          },
        }
      : {}),
  };
}

const sdk = inMemorySdk();
const telemetry = { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider };
let caller: ReturnType<typeof createCaller<Op, string>>;

function client(
  options: {
    session?: { current: string | undefined; inflight?: Promise<string> | undefined };
    telemetry?: false | object;
  } = {},
) {
  caller = createCaller<Op, string>({
    vendor: "test",
    protocol: protocol(options.session),
    transport: {
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      telemetry: options.telemetry === undefined ? telemetry : (options.telemetry as false),
      timeoutMs: 2_000,
    },
    redact: createRedactor([SECRET]),
  });
  return caller;
}

const byName = (name: string) => sdk.spans().filter((s) => s.name === name);
/** The attempt spans of `call`, in the order they started. */
const attemptsOf = (call: ReadableSpan) =>
  sdk
    .spans()
    .filter((s) => s.parentSpanContext?.spanId === call.spanContext().spanId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);

beforeEach(() => {
  sdk.reset();
  answers = [];
});

describe("spans of a call", () => {
  it("one call span with the RPC attributes, one attempt span with the HTTP ones, the success code", async () => {
    answers = [[200, "OK"]];
    await expect(client()(read, "x")).resolves.toBe("OK");
    const [call] = byName("Svc.read");
    expect(call!.kind).toBe(2); // CLIENT
    expect(call!.attributes).toMatchObject({
      "rpc.system.name": "soap",
      "rpc.system": "soap",
      "rpc.method": "Svc.read",
      "rpc.service": "urn:svc",
      "integrations.vendor": "test",
      "rpc.status_code": "OK",
      "integrations.attempts": 1,
      "server.address": "127.0.0.1",
    });
    expect(call!.attributes["error.type"]).toBeUndefined();
    const [attempt] = attemptsOf(call!);
    expect(attempt!.name).toBe("POST");
    expect(attempt!.attributes).toMatchObject({
      "http.request.method": "POST",
      "server.address": "127.0.0.1",
      "server.port": Number(new URL(url).port),
      "url.full": `${url}/svc/read?key=REDACTED`,
      "http.response.status_code": 200,
    });
  });

  it("retries are attempt spans with their backoff and resend count; the call span counts them", async () => {
    answers = [
      [503, "busy"],
      [503, "busy"],
      [200, "OK"],
    ];
    await client()(read, "x");
    const [call] = byName("Svc.read");
    const attempts = attemptsOf(call!);
    expect(attempts.map((a) => a.attributes["http.response.status_code"])).toEqual([503, 503, 200]);
    expect(attempts.map((a) => a.attributes["error.type"])).toEqual([
      "http-status",
      "http-status",
      undefined,
    ]);
    expect(attempts.map((a) => a.attributes["http.request.resend_count"])).toEqual([undefined, 1, 2]);
    expect(attempts[1]!.attributes["integrations.retry.backoff_ms"]).toBeTypeOf("number");
    expect(call!.attributes["integrations.attempts"]).toBe(3);
    expect(call!.events.filter((e) => e.name === "retry")).toHaveLength(2);
  });

  it("a vendor error: error.type service, the documented code, the contract's meaning as status", async () => {
    answers = [[200, "DENIED"]];
    await expect(client()(write, "x")).rejects.toBeInstanceOf(TestError);
    const [call] = byName("Svc.write");
    expect(call!.attributes).toMatchObject({ "error.type": "service", "rpc.status_code": "DENIED" });
    expect(call!.status).toEqual({ code: 2, message: "DENIED: not allowed" });
    expect(attemptsOf(call!)[0]!.attributes["error.type"]).toBe("service");
  });

  it("an undocumented code is _OTHER: vendor text never reaches an attribute", async () => {
    answers = [[200, "WEIRD"]];
    await expect(client()(write, "x")).rejects.toBeInstanceOf(TestError);
    const [call] = byName("Svc.write");
    expect(call!.attributes["rpc.status_code"]).toBe("_OTHER");
    expect(JSON.stringify(sdk.spans().map((s) => [s.attributes, s.status, s.events]))).not.toContain(SECRET);
  });

  it("bad input: a call span with error.type validation and no attempt", async () => {
    await expect(client()(write, 42)).rejects.toMatchObject({ kind: "validation" });
    const [call] = byName("Svc.write");
    expect(call!.attributes["error.type"]).toBe("validation");
    expect(attemptsOf(call!)).toEqual([]);
  });

  it("a timeout: error.type timeout on the call and its attempt", async () => {
    answers = ["hang"];
    await expect(client()(write, "x", { timeoutMs: 100 })).rejects.toMatchObject({ kind: "timeout" });
    const [call] = byName("Svc.write");
    expect(call!.attributes["error.type"]).toBe("timeout");
    expect(attemptsOf(call!)[0]!.attributes["error.type"]).toBe("timeout");
  });

  it("telemetry: false records nothing", async () => {
    await client({ telemetry: false })(read, "x");
    expect(sdk.spans()).toEqual([]);
  });
});

describe("the session's login", () => {
  it("is its own trace, linked from every call that waited for it, also after a re-login", async () => {
    const session: { current: string | undefined; inflight?: Promise<string> } = { current: undefined };
    const c = client({ session });
    await Promise.all([c(read, "a"), c(read, "b")]);
    const logins = byName("Svc.login");
    expect(logins).toHaveLength(1);
    expect(logins[0]!.parentSpanContext).toBeUndefined();
    const calls = byName("Svc.read");
    for (const call of calls) {
      expect(call.links.map((l) => l.context.spanId)).toEqual([logins[0]!.spanContext().spanId]);
    }
    sdk.reset();
    // The session is known now: no wait, no link. Then the server says it expired: re-login, linked.
    answers = [[200, "OK"]];
    await c(read, "c");
    expect(byName("Svc.read")[0]!.links).toEqual([]);
    sdk.reset();
    answers = [
      [200, "EXPIRED"],
      [200, "new-login"],
      [200, "OK"],
    ];
    await c(write, "d");
    const [relogin] = byName("Svc.login");
    const [call] = byName("Svc.write");
    expect(call!.links.map((l) => l.context.spanId)).toEqual([relogin!.spanContext().spanId]);
    const attempts = attemptsOf(call!);
    expect(attempts.map((a) => a.attributes["rpc.status_code"]).sort()).toEqual(["_OTHER", undefined].sort());
    expect(call!.attributes["integrations.attempts"]).toBe(2);
  });
});

describe("metrics", () => {
  it("http.client.request.duration per attempt and the call counter by vendor, operation, code", async () => {
    answers = [
      [503, "busy"],
      [200, "OK"],
      [200, "DENIED"],
    ];
    const c = client();
    await c(read, "x");
    await c(write, "y").catch(() => {});
    const { scopeMetrics } = await sdk.metrics();
    const metrics = scopeMetrics.flatMap((s) => s.metrics);
    const duration = metrics.find((m) => m.descriptor.name === "http.client.request.duration")!;
    expect(duration.descriptor.unit).toBe("s");
    const statuses = duration.dataPoints.map((p) => p.attributes["http.response.status_code"]);
    expect(statuses).toEqual(expect.arrayContaining([503, 200]));
    const total = duration.dataPoints.reduce((n, p) => n + (p.value as Histogram).count, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    const calls = metrics.find((m) => m.descriptor.name === "integrations.client.calls") as SumMetricData;
    const points = calls.dataPoints.map((p) => ({ ...p.attributes, value: p.value }));
    expect(points).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ "rpc.method": "Svc.read", "rpc.status_code": "OK" }),
        expect.objectContaining({
          "integrations.vendor": "test",
          "rpc.method": "Svc.write",
          "rpc.status_code": "DENIED",
          "error.type": "service",
        }),
      ]),
    );
  });
});

describe("the global providers (no telemetry option)", () => {
  it("nothing while no SDK is registered; spans and metrics once one is, for a client created before", async () => {
    const { metrics, trace } = await import("@opentelemetry/api");
    const c = createCaller<Op, string>({
      vendor: "test",
      protocol: protocol(),
      transport: { retry: false },
    });
    answers = [[200, "OK"]];
    await c(read, "x");
    expect(sdk.spans()).toEqual([]);
    trace.setGlobalTracerProvider(sdk.tracerProvider);
    metrics.setGlobalMeterProvider(sdk.meterProvider);
    try {
      answers = [[200, "OK"]];
      await c(read, "y");
      expect(byName("Svc.read")).toHaveLength(1);
      expect(attemptsOf(byName("Svc.read")[0]!)).toHaveLength(1);
    } finally {
      trace.disable();
      metrics.disable();
    }
  });
});

describe("a provider that throws", () => {
  it("never changes the outcome of a call", async () => {
    const broken = {
      getTracer: () => ({
        startSpan: () => {
          throw new Error("tracer broken");
        },
      }),
    };
    const meter = {
      getMeter: () => ({
        createHistogram: () => ({
          record: () => {
            throw new Error("meter broken");
          },
        }),
        createCounter: () => ({
          add: () => {
            throw new Error("meter broken");
          },
        }),
      }),
    };
    answers = [[200, "OK"]];
    await expect(client({ telemetry: { tracerProvider: broken } })(read, "x")).resolves.toBe("OK");
    answers = [[200, "OK"]];
    await expect(client({ telemetry: { meterProvider: meter } })(read, "x")).resolves.toBe("OK");
    answers = [[200, "DENIED"]];
    await expect(client({ telemetry: { meterProvider: meter } })(write, "x")).rejects.toBeInstanceOf(
      TestError,
    );
  });
});
