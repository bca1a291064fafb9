/**
 * The retry policy, observed from the server's side: count the hits each operation receives.
 *
 * - Transport failures (connection dropped, timeout) and 5xx answers are retried, with exponential backoff
 *   and jitter, only for the read / idempotent operations: GetCardList, GetCustomerList, getKey and login.
 * - syncMOCA, updateUserDotweb, createKey and deleteKey are never retried automatically, whatever the policy.
 * - The policy is per client: `retry: false` ⇒ one hit; `retry: { maxAttempts, baseDelayMs, maxDelayMs }`.
 * - Answers that are not transient (4xx, a malformed body, a documented error code, a SOAP fault) are never
 *   retried.
 */
import type { ClientLogEvent, RetryOption } from "@integrations/runtime";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bounded, expectTypedError } from "./support/outcome.js";
import { drop, type Exchange, type RawServer, respond, startRawServer } from "./support/raw-server.js";
import { isEduixLogin, LOGIN_OK, operationOf, TARGETS, type Target } from "./support/targets.js";
import { genericSoapFault, HTML_TYPE, htmlPage, JSON_TYPE, mokaEnvelope, XML_TYPE } from "./support/wire.js";

const IDEMPOTENT = TARGETS.filter((t) => t.idempotent);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Reply = (exchange: Exchange) => void;

const unavailable: Reply = ({ socket }) =>
  respond(socket, { status: 503, contentType: HTML_TYPE, body: htmlPage("503 Service Unavailable") });

/**
 * A server for `target`: Edu-iX logins (when the operation needs one) are answered normally; the
 * operation's n-th request (0-based) gets `reply(n)`.
 */
async function serverFor(target: Target, reply: (n: number) => Reply): Promise<RawServer> {
  let n = 0;
  const server = await startRawServer((exchange) => {
    if (target.needsLogin && isEduixLogin(exchange.req)) return respond(exchange.socket, LOGIN_OK);
    return reply(n++)(exchange);
  });
  cleanups.push(() => server.close());
  return server;
}

function hits(server: RawServer, operation: string): number {
  return server.requests.filter((r) => operationOf(r) === operation).length;
}

const FAST: RetryOption = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

describe.each(TARGETS)("$label", (target) => {
  const expectedHits = (maxAttempts: number) => (target.idempotent ? maxAttempts : 1);

  it(`5xx: ${target.idempotent ? "retried up to maxAttempts" : "exactly one hit"}`, async () => {
    const server = await serverFor(target, () => unavailable);
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
    expect(hits(server, target.operation)).toBe(expectedHits(4));
  });

  it(`connection dropped: ${target.idempotent ? "retried up to maxAttempts" : "exactly one hit"}`, async () => {
    const server = await serverFor(
      target,
      () =>
        ({ socket }) =>
          drop(socket),
    );
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    expectTypedError(outcome, { kind: "network" }, target.operation);
    expect(hits(server, target.operation)).toBe(expectedHits(4));
  });

  it(`timeout: ${target.idempotent ? "retried up to maxAttempts" : "exactly one hit"}`, async () => {
    const server = await serverFor(target, () => () => {});
    const outcome = await bounded(() =>
      target.run({
        origin: server.origin,
        timeoutMs: 100,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      }),
    );
    expectTypedError(outcome, { kind: "timeout" }, target.operation);
    expect(hits(server, target.operation)).toBe(expectedHits(3));
  });

  it(`success after 2 failures: ${target.idempotent ? "resolves on the 3rd attempt" : "the first failure is final"}`, async () => {
    const server = await serverFor(target, (n) =>
      n < 2 ? unavailable : ({ socket }) => respond(socket, target.ok()),
    );
    const outcome = await bounded(() =>
      target.run({
        origin: server.origin,
        timeoutMs: 500,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      }),
    );
    if (target.idempotent) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.resolved).toBe(true);
      expect(hits(server, target.operation)).toBe(3);
    } else {
      expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
      expect(hits(server, target.operation)).toBe(1);
    }
  });

  it("503 with Retry-After beyond the time limit: exactly one hit, and the error says why", async () => {
    const server = await serverFor(
      target,
      () =>
        ({ socket }) =>
          respond(socket, {
            status: 503,
            contentType: HTML_TYPE,
            headers: { "retry-after": "3600" },
            body: htmlPage("503 Service Unavailable"),
          }),
    );
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    const error = expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("retry after 3600 s, beyond the call's time limit of 500 ms");
    expect(hits(server, target.operation)).toBe(1);
  });

  it(`503 with Retry-After: 0 within the limit: ${target.idempotent ? "retried, waiting as asked" : "exactly one hit"}`, async () => {
    const server = await serverFor(
      target,
      () =>
        ({ socket }) =>
          respond(socket, {
            status: 503,
            contentType: HTML_TYPE,
            headers: { "retry-after": "0" },
            body: htmlPage("503 Service Unavailable"),
          }),
    );
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
    expect(hits(server, target.operation)).toBe(expectedHits(4));
  });

  it("retry: false ⇒ exactly one hit", async () => {
    const server = await serverFor(target, () => unavailable);
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: false }));
    expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
    expect(hits(server, target.operation)).toBe(1);
  });

  it(`default policy: ${target.idempotent ? "3 attempts" : "one attempt"}`, async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.1);
    const server = await serverFor(target, () => unavailable);
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500 }));
    expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
    expect(hits(server, target.operation)).toBe(expectedHits(3));
  });

  it("a 4xx answer is not retried", async () => {
    const server = await serverFor(
      target,
      () =>
        ({ socket }) =>
          respond(socket, { status: 400, contentType: HTML_TYPE, body: htmlPage("400 Bad Request") }),
    );
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    expectTypedError(outcome, { kind: "http-status", status: 400 }, target.operation);
    expect(hits(server, target.operation)).toBe(1);
  });

  it("a malformed answer is not retried", async () => {
    const server = await serverFor(
      target,
      () =>
        ({ socket }) =>
          respond(socket, {
            contentType: target.format === "json" ? JSON_TYPE : XML_TYPE,
            body: "<<<garbage",
          }),
    );
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    expectTypedError(outcome, { kind: "malformed-response" }, target.operation);
    expect(hits(server, target.operation)).toBe(1);
  });

  it("the vendor's own error answer is not retried (Moka EX, SOAP fault)", async () => {
    const server = await serverFor(
      target,
      () =>
        ({ socket }) =>
          target.format === "json"
            ? respond(socket, {
                contentType: JSON_TYPE,
                body: mokaEnvelope(null, "EX", "Transient failure", null),
              })
            : respond(socket, { status: 500, contentType: XML_TYPE, body: genericSoapFault() }),
    );
    const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
    expectTypedError(
      outcome,
      { kind: target.format === "json" ? "service" : "soap-fault" },
      target.operation,
    );
    expect(hits(server, target.operation)).toBe(1);
  });
});

/**
 * Backoff is observed through the clients' log events, which carry the delay the policy chose before each
 * retry (`retryInMs`), not with a clock: timing assertions are flaky on a loaded machine, and performance
 * is the bench's business.
 */
async function retryDelays(target: Target, retry: RetryOption): Promise<number[]> {
  const events: ClientLogEvent[] = [];
  const server = await serverFor(target, () => unavailable);
  const outcome = await bounded(() =>
    target.run({ origin: server.origin, timeoutMs: 500, retry, logger: (e) => events.push(e) }),
  );
  expectTypedError(outcome, { kind: "http-status", status: 503 }, target.operation);
  const failures = events.filter((e) => e.operation === target.operation && e.outcome === "error");
  expect(failures).toHaveLength(hits(server, target.operation));
  expect(failures.at(-1)?.retryInMs, "no delay after the last attempt").toBeUndefined();
  return failures.slice(0, -1).map((e) => e.retryInMs!);
}

describe.each(IDEMPOTENT)("backoff of $label", (target) => {
  it("delays grow exponentially from baseDelayMs (jitter at its ceiling)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    // floor(0.999 × 30·2^i)
    expect(await retryDelays(target, { maxAttempts: 5, baseDelayMs: 30, maxDelayMs: 10_000 })).toEqual([
      29, 59, 119, 239,
    ]);
  });

  it("no delay exceeds maxDelayMs", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    expect(await retryDelays(target, { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 45 })).toEqual([
      19, 39, 44, 44,
    ]);
  });

  it("jitter: each delay is a random fraction of its ceiling (0 when random() is 0)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    // Without jitter these would be 200, 400, 800.
    expect(await retryDelays(target, { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 10_000 })).toEqual([
      0, 0, 0,
    ]);
  });

  it("jitter with the real random(): every delay within [0, ceiling)", async () => {
    const delays = await retryDelays(target, { maxAttempts: 4, baseDelayMs: 30, maxDelayMs: 10_000 });
    expect(delays).toHaveLength(3);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(30 * 2 ** i);
    });
  });
});

describe("Edu-iX: the login a write needs is a read", () => {
  it.each(TARGETS.filter((t) => t.needsLogin))(
    "$label: a failing login is retried; the operation itself is never sent",
    async (target) => {
      const server = await startRawServer(unavailable);
      cleanups.push(() => server.close());
      const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
      expectTypedError(outcome, { kind: "http-status", status: 503 }, "login");
      expect(hits(server, "login")).toBe(4);
      expect(hits(server, target.operation)).toBe(0);
    },
  );

  it.each(TARGETS.filter((t) => t.needsLogin && !t.idempotent))(
    "$label: a session-expired fault (12) re-logs in and repeats the call once, not more",
    async (target) => {
      let logins = 0;
      const server = await startRawServer((exchange) => {
        if (isEduixLogin(exchange.req)) {
          logins++;
          return respond(exchange.socket, LOGIN_OK);
        }
        return respond(exchange.socket, {
          status: 500,
          contentType: XML_TYPE,
          body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:edu-ix:account:4.3"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Session expired</faultstring><detail><urn:accountFault><urn:code>12</urn:code><urn:message>Session expired</urn:message></urn:accountFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
        });
      });
      cleanups.push(() => server.close());
      const outcome = await bounded(() => target.run({ origin: server.origin, timeoutMs: 500, retry: FAST }));
      expectTypedError(outcome, { kind: "service", code: 12 }, target.operation);
      expect(hits(server, target.operation)).toBe(2);
      expect(logins).toBe(2);
    },
  );
});
