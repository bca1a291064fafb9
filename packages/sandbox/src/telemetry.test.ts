/**
 * OpenTelemetry end to end: the real clients against the sandbox, recorded with the SDK's in-memory span
 * exporter and a metric reader. Every operation of every vendor (the tour), vendor errors, a retry, a timeout,
 * the Edu-iX re-login, and a scan of everything exported for secrets and bodies.
 */
import { createHash } from "node:crypto";
import { operations as eswsOperations } from "@integrations/easysecure-types";
import { createEduixClient } from "@integrations/eduix-client";
import { operations as eduixOperations } from "@integrations/eduix-types";
import { createMokaClient } from "@integrations/moka-client";
import { operations as mokaOperations } from "@integrations/moka-types";
import { createRedactor } from "@integrations/runtime";
import { MeterProvider, MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTOR, MOKA_DEALER, startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";
import { runTour, type TourResult } from "./tour.js";
import { formatSpans } from "./tour-trace.js";

class TestMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const exporter = new InMemorySpanExporter();
const reader = new TestMetricReader();
const telemetry = {
  tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  meterProvider: new MeterProvider({ readers: [reader] }),
};
/** Every secret a client learnt while it ran (the Edu-iX sessionIDs). */
const learnt: string[] = [];
const onSecret = (value: string) => learnt.push(value);

let sb: TestSandbox;
let tour: TourResult;
let tourSpans: ReadableSpan[];
beforeAll(async () => {
  sb = await startTestSandbox();
  tour = await runTour({ urls: sb.urls, seed: sb.seed, telemetry, onSecret });
  tourSpans = exporter.getFinishedSpans();
});
afterAll(() => sb.close());

const calls = (spans: readonly ReadableSpan[]) => spans.filter((s) => s.name !== "POST");
const attemptsOf = (spans: readonly ReadableSpan[], call: ReadableSpan) =>
  spans
    .filter((s) => s.parentSpanContext?.spanId === call.spanContext().spanId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);

describe("the tour, traced", () => {
  it("had its expected outcomes", () => {
    expect(tour.failed).toBe(0);
  });

  it("gives every operation of every vendor a call span with an attempt span", () => {
    const all = [
      ...Object.values(mokaOperations),
      ...Object.values(eswsOperations),
      ...Object.values(eduixOperations),
    ];
    for (const op of all) {
      const spans = calls(tourSpans).filter((s) => s.attributes["rpc.method"] === op.wireName);
      expect(spans.length, op.wireName).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span.name).toBe(op.wireName);
        expect(span.attributes["integrations.vendor"]).toBe(op.vendor);
        expect(span.attributes["rpc.system.name"]).toMatch(/^(soap|http_json)$/);
        expect(span.attributes["rpc.service"]).toBeTypeOf("string");
      }
      const attempts = attemptsOf(tourSpans, spans[0]!);
      expect(attempts.length, op.wireName).toBeGreaterThan(0);
      expect(attempts[0]!.attributes).toMatchObject({
        "http.request.method": "POST",
        "server.address": "127.0.0.1",
        "http.response.status_code": 200,
      });
    }
  });

  it("records vendor errors with error.type service and the documented code", () => {
    const moka = calls(tourSpans).find(
      (s) => s.attributes["rpc.status_code"] === "DealerCustomer.GetCardList.DealerCustomerNotFound",
    );
    expect(moka?.attributes["error.type"]).toBe("service");
    expect(moka?.status.code).toBe(2);
    const eduix = calls(tourSpans).find((s) => s.attributes["rpc.status_code"] === "7747");
    expect(eduix?.attributes).toMatchObject({ "error.type": "service", "rpc.method": "deleteKey" });
    const ok = calls(tourSpans).find((s) => s.attributes["rpc.method"] === "Esws.syncMOCA" && !s.status.code);
    expect(ok?.attributes["rpc.status_code"]).toBe("OK");
  });

  it("shows the Edu-iX re-login: fault 12 on the first attempt, a new login span linked from the call", () => {
    const relogged = calls(tourSpans).find(
      (s) => s.attributes["rpc.method"] === "getKey" && s.attributes["integrations.attempts"] === 2,
    );
    expect(relogged).toBeDefined();
    const attempts = attemptsOf(tourSpans, relogged!);
    expect(attempts.map((a) => a.attributes["rpc.status_code"])).toEqual(["12", undefined]);
    expect(attempts[1]!.attributes["http.request.resend_count"]).toBe(1);
    expect(relogged!.links).toHaveLength(1);
    const login = tourSpans.find((s) => s.spanContext().spanId === relogged!.links[0]!.context.spanId);
    expect(login?.name).toBe("login");
    expect(login?.parentSpanContext).toBeUndefined();
    expect(login!.startTime[0] * 1e9 + login!.startTime[1]).toBeGreaterThan(
      attempts[0]!.startTime[0] * 1e9 + attempts[0]!.startTime[1],
    );
  });

  it("prints as trees for --trace", () => {
    const text = formatSpans(tourSpans);
    expect(text).toMatch(/^trace [0-9a-f]{8}\n {2}GetCardList \[client span [0-9a-f]{8}, /);
    expect(text).toContain("linked to span");
  });
});

describe("a retry and a timeout", () => {
  it("a read that keeps failing: three attempt spans with their backoff, error.type http-status", async () => {
    exporter.reset();
    const moka = createMokaClient({
      baseUrl: `${sb.urls.moka}/__fault/html-500`,
      ...MOKA_DEALER,
      retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 5 },
      telemetry,
    });
    await expect(moka.getCardList({ CustomerCode: "Customer" })).rejects.toMatchObject({
      kind: "http-status",
    });
    const [call] = calls(exporter.getFinishedSpans());
    expect(call!.attributes).toMatchObject({ "error.type": "http-status", "integrations.attempts": 3 });
    const attempts = attemptsOf(exporter.getFinishedSpans(), call!);
    expect(attempts.map((a) => a.attributes["http.response.status_code"])).toEqual([500, 500, 500]);
    expect(attempts.map((a) => a.attributes["http.request.resend_count"])).toEqual([undefined, 1, 2]);
    expect(attempts[1]!.attributes["integrations.retry.backoff_ms"]).toBeTypeOf("number");
    expect(attempts[0]!.attributes["url.full"]).toBe(
      `${sb.urls.moka}/__fault/html-500/DealerCustomer/GetCardList`,
    );
  });

  it("a call over its time limit: error.type timeout", async () => {
    exporter.reset();
    const eduix = createEduixClient({
      endpoint: `${sb.urls.eduix.replace(/\/soap\//, "/__fault/latency=400/soap/")}`,
      ...DISTRIBUTOR,
      retry: false,
      telemetry,
      onSecret,
    });
    await expect(eduix.getKey({ profileID: 1 }, { timeoutMs: 100 })).rejects.toMatchObject({
      kind: "timeout",
    });
    const [call] = calls(exporter.getFinishedSpans()).filter((s) => s.name === "getKey");
    expect(call!.attributes["error.type"]).toBe("timeout");
  });
});

describe("metrics", () => {
  it("http.client.request.duration and the call counter by vendor, operation and result code", async () => {
    const { scopeMetrics } = (await reader.collect()).resourceMetrics as ResourceMetrics;
    const metrics = scopeMetrics.flatMap((s) => s.metrics);
    const duration = metrics.find((m) => m.descriptor.name === "http.client.request.duration");
    expect(duration?.descriptor.unit).toBe("s");
    const counter = metrics.find((m) => m.descriptor.name === "integrations.client.calls");
    const points = counter!.dataPoints.map((p) => p.attributes);
    expect(points).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          "integrations.vendor": "moka",
          "rpc.method": "GetCardList",
          "rpc.status_code": "Success",
        }),
        expect.objectContaining({
          "integrations.vendor": "eduix",
          "rpc.method": "deleteKey",
          "rpc.status_code": "7747",
          "error.type": "service",
        }),
        expect.objectContaining({ "integrations.vendor": "easysecure", "rpc.method": "Esws.syncMOCA" }),
      ]),
    );
  });
});

describe("secrets", () => {
  it("no credential, CheckKey, security code, sessionID or body in anything exported", async () => {
    const seed = sb.seed as unknown as Record<string, unknown>;
    const secrets = new Set<string>(learnt);
    const walk = (value: unknown, key = ""): void => {
      if (Array.isArray(value)) for (const v of value) walk(v, key);
      else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      } else if (typeof value === "string" && /^(password|securityHash)$/i.test(key)) {
        secrets.add(value);
      }
    };
    walk(seed);
    const moka = seed.moka as { dealers: Array<{ dealerCode: string; username: string; password: string }> };
    for (const d of moka.dealers) {
      secrets.add(
        createHash("sha256").update(`${d.dealerCode}MK${d.username}PD${d.password}`, "utf8").digest("hex"),
      );
    }
    expect(learnt.length).toBeGreaterThan(0);
    const spans = exporter.getFinishedSpans().concat(tourSpans);
    const exported = JSON.stringify({
      spans: spans.map((s) => ({
        name: s.name,
        attributes: s.attributes,
        status: s.status,
        events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })),
        links: s.links.map((l) => l.attributes),
        resource: s.resource.attributes,
      })),
      metrics: (await reader.collect()).resourceMetrics.scopeMetrics.flatMap((s) =>
        s.metrics.flatMap((m) => m.dataPoints.map((p) => [m.descriptor.name, p.attributes])),
      ),
      printed: formatSpans(spans),
    });
    const redact = createRedactor([...secrets]);
    expect(redact(exported)).toBe(exported);
    for (const marker of ["Envelope", "DealerCustomerAuthentication", "sessionID>", "CheckKey"]) {
      expect(exported).not.toContain(marker);
    }
    // Only the names we document ever appear.
    const keys = new Set(spans.flatMap((s) => Object.keys(s.attributes)));
    for (const key of keys) {
      expect(key).toMatch(/^(rpc|http|server|url|error|integrations)\./);
    }
  });
});
