/**
 * Connection abuse: slow clients are answered 408 and their sockets destroyed (not left half-open), malformed
 * HTTP the same with 400, connections past the cap are closed at once, and the bytes of bodies held at once
 * are capped, while normal requests keep being answered. Bounded in count; no clock is asserted (the short
 * timeouts below only keep the tests quick; each waits for an outcome, bounded by the test's timeout).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  type HeldSocket,
  holdSocket,
  raw,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";
import { normalRequest } from "./load/normal-requests.js";
import { VENDORS, type Vendor } from "./vendors.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

async function normalCallsSucceed(sb: TestSandbox, n: number): Promise<void> {
  const results = await Promise.all(
    VENDORS.map(async (vendor) => {
      const call = normalRequest(vendor, n);
      const res = await raw(`http://127.0.0.1:${sb.ports[vendor]}${call.path}`, {
        method: "POST",
        body: call.body,
        // Not kept alive: the tests count the connections that stay open.
        headers: { "content-type": call.contentType, connection: "close" },
      });
      return call.succeeded(res.status, res.text);
    }),
  );
  expect(results).toEqual([true, true, true]);
}

const openConnections = (sb: TestSandbox, vendor: Vendor): number => sb.stats().connections[vendor].open;
const allClosed = (sb: TestSandbox): boolean => VENDORS.every((v) => openConnections(sb, v) === 0);

let held: HeldSocket[] = [];
afterEach(() => {
  for (const h of held) h.socket.destroy();
  held = [];
});

describe("slow and malformed clients are answered and their sockets freed", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ headersTimeoutMs: 400, requestTimeoutMs: 800 });
  });
  afterAll(() => sb.close());

  it("incomplete headers, or nothing at all: 408, then the server closes its side too", async () => {
    const partial = await Promise.all(
      range(40).map((i) =>
        holdSocket(
          sb.ports[VENDORS[i % 3]!],
          `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${i}: ${"a".repeat(i)}`,
        ),
      ),
    );
    const silent = await Promise.all(range(15).map((i) => holdSocket(sb.ports[VENDORS[i % 3]!])));
    const oneByte = await Promise.all(range(15).map((i) => holdSocket(sb.ports[VENDORS[i % 3]!], "P")));
    held = [...partial, ...silent, ...oneByte];
    await Promise.all(held.map((h) => h.ended));
    // The clients keep their side open; only the server closing its own frees the connections.
    await eventually(() => allClosed(sb));
    for (const h of [...partial, ...oneByte])
      expect(h.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    const closed = VENDORS.reduce((n, v) => n + sb.stats().connections[v].closedForClientErrors, 0);
    expect(closed).toBeGreaterThanOrEqual(held.length);
    expect(sb.logs.some((l) => l.includes("too slow to send its request (408)"))).toBe(true);
    await normalCallsSucceed(sb, 1);
  });

  it("a body that never completes: 408 after the request timeout, its bytes given back", async () => {
    held = await Promise.all(
      VENDORS.map((vendor, i) =>
        holdSocket(
          sb.ports[vendor],
          `POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${10_000 + i}\r\n\r\n${"b".repeat(5000 + i)}`,
        ),
      ),
    );
    await Promise.all(held.map((h) => h.ended));
    await eventually(() => allClosed(sb));
    for (const h of held) expect(h.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(sb.stats().bufferedBodyBytes).toBe(0);
    await normalCallsSucceed(sb, 2);
  });

  it.each([
    "THIS IS NOT HTTP\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
    "\u0000\u0001\u0002\r\n\r\n",
  ])("malformed HTTP %j: 400, then the server closes its side too", async (text) => {
    held = await Promise.all(VENDORS.map((vendor) => holdSocket(sb.ports[vendor], text)));
    await Promise.all(held.map((h) => h.ended));
    await eventually(() => allClosed(sb));
    for (const h of held) expect(h.received()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    await normalCallsSucceed(sb, 3);
  });
});

describe("the defaults", () => {
  it("are 10 s for headers, 30 s for a request, 256 connections per listener, 64 MiB buffered, 1 MiB a body", async () => {
    const sb = await startTestSandbox();
    try {
      const health = JSON.parse((await raw(`${sb.urls.admin}/health`)).text) as { limits: unknown };
      expect(health.limits).toEqual({
        maxBodyBytes: 1024 * 1024,
        maxBufferedBytes: 64 * 1024 * 1024,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        maxConnections: 256,
        eduixSessionTtlMs: 20 * 60 * 1000,
        eduixMaxSessions: 10_000,
      });
    } finally {
      await sb.close();
    }
  });

  it("200 slow connections on one listener still leave room for normal requests", {
    timeout: 60_000,
  }, async () => {
    const sb = await startTestSandbox();
    try {
      held = await Promise.all(
        range(200).map((i) =>
          holdSocket(
            sb.ports.moka,
            i % 2 === 0
              ? `POST /DealerCustomer/GetCardList HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4096\r\n\r\n{"Deal`
              : `POST /DealerCustomer/GetCardList HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${i}`,
          ),
        ),
      );
      await eventually(() => openConnections(sb, "moka") >= 200);
      for (const n of range(5)) await normalCallsSucceed(sb, 10 + n);
      expect(sb.stats().connections.moka.refused).toBe(0);
    } finally {
      for (const h of held) h.socket.destroy();
      await sb.close();
    }
  });
});

describe("the connection cap", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ maxConnections: 20 });
  });
  afterAll(() => sb.close());

  it("closes connections past the cap at once; other listeners are not affected", async () => {
    const slow = await Promise.all(
      range(20).map((i) => holdSocket(sb.ports.easysecure, `POST /webservicesesws HTTP/1.1\r\nX-Slow: ${i}`)),
    );
    await eventually(() => openConnections(sb, "easysecure") === 20);
    const extra = await Promise.all(range(10).map(() => holdSocket(sb.ports.easysecure, "POST /")));
    held = [...slow, ...extra];
    await Promise.all(extra.map((h) => h.ended));
    for (const h of extra) expect(h.received()).toBe("");
    expect(sb.stats().connections.easysecure.refused).toBeGreaterThanOrEqual(10);
    expect(sb.logs.some((l) => l.includes("connection refused: 20 connections are open"))).toBe(true);
    // Moka and Edu-iX serve as usual.
    const moka = normalRequest("moka", 1);
    const answer = await raw(`${sb.urls.moka}${moka.path}`, {
      method: "POST",
      body: moka.body,
      headers: { "content-type": moka.contentType },
    });
    expect(moka.succeeded(answer.status, answer.text)).toBe(true);
    // When the slow clients go, ESWS serves again.
    for (const h of slow) h.socket.destroy();
    await eventually(() => openConnections(sb, "easysecure") === 0);
    await normalCallsSucceed(sb, 4);
  });
});

describe("the cap on request bytes held at once", () => {
  const CAP = 8 * 1024 * 1024;
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ maxBufferedBytes: CAP });
  });
  afterAll(() => sb.close());

  it("refuses bodies past it with 503 while small requests still pass, and gives everything back", {
    timeout: 60_000,
  }, async () => {
    const sizes = range(30).map((i) => 700_000 + i * 10_000);
    held = await Promise.all(
      sizes.map((size, i) =>
        holdSocket(
          sb.ports[VENDORS[i % 3]!],
          Buffer.concat([
            Buffer.from(`POST /any HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${size + 1}\r\n\r\n`),
            Buffer.alloc(size, 0x41 + (i % 26)),
          ]),
        ),
      ),
    );
    // Every body ends up either held whole (it lacks one byte, so it stays held) or refused.
    const refused = (h: HeldSocket): boolean => h.received().startsWith("HTTP/1.1 503");
    await eventually(
      () =>
        held.some(refused) &&
        sb.stats().bufferedBodyBytes === held.reduce((sum, h, i) => sum + (refused(h) ? 0 : sizes[i]!), 0),
    );
    const stats = sb.stats();
    expect(stats.peakBufferedBodyBytes).toBeLessThanOrEqual(CAP);
    expect(stats.refusedBodies).toBeGreaterThan(0);
    expect(stats.refusedBodies).toBe(held.filter(refused).length);
    for (const h of held.filter((x) => x.received() !== "")) {
      expect(h.received()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*retry-after: 1\r\n/i);
    }
    await normalCallsSucceed(sb, 5);
    for (const h of held) h.socket.destroy();
    await eventually(() => sb.stats().bufferedBodyBytes === 0 && allClosed(sb));
    await normalCallsSucceed(sb, 6);
  });
});
