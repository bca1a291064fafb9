/**
 * Every fault switch, per request (the x-sandbox-fault header; the /__fault/ path prefix) and for the whole
 * run (the admin endpoint; the start option), gives each vendor's client a typed error, never a crash.
 */
import { createEasySecureClient } from "@integrations/easysecure-client";
import { createEduixClient } from "@integrations/eduix-client";
import { createMokaClient } from "@integrations/moka-client";
import type { Dispatcher } from "@integrations/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DISTRIBUTOR,
  faultDispatcher,
  MOKA_DEALER,
  PLUS_COMPANY,
  raw,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";
import type { SandboxUrls } from "./server.js";
import { VENDORS, type Vendor } from "./vendors.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

interface ClientConfig {
  urls: SandboxUrls;
  /** Inserted after the origin: `/__fault/<list>`. */
  prefix?: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

const withPrefix = (url: string, prefix = ""): string => {
  const u = new URL(url);
  return `${u.origin}${prefix}${u.pathname === "/" ? "" : u.pathname}`;
};

/** One successful-by-default call per vendor, through its client. */
const calls: Record<Vendor, (c: ClientConfig) => Promise<unknown>> = {
  moka: (c) =>
    createMokaClient({
      baseUrl: withPrefix(c.urls.moka, c.prefix),
      ...MOKA_DEALER,
      retry: false,
      ...(c.dispatcher ? { dispatcher: c.dispatcher } : {}),
      ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    }).getCustomerList(),
  easysecure: (c) =>
    createEasySecureClient({
      endpoint: withPrefix(c.urls.easysecure, c.prefix),
      companyId: PLUS_COMPANY,
      ...(c.dispatcher ? { dispatcher: c.dispatcher } : {}),
      ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    }).updateUserDotweb({
      p_ws_StoreId: 1234,
      p_wsAltUserId: "FAULT-1",
      p_PIN: "",
      p_Achternaam: "Fault",
      p_Voornaam: "Test",
      p_Admin: 0,
      p_Security: 0,
      p_infoFields: {},
    }),
  eduix: (c) =>
    createEduixClient({
      endpoint: withPrefix(c.urls.eduix, c.prefix),
      ...DISTRIBUTOR,
      retry: false,
      ...(c.dispatcher ? { dispatcher: c.dispatcher } : {}),
      ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    }).getKey({ profileID: 48213976 }),
};

async function errorOf(promise: Promise<unknown>): Promise<{ kind: string; status?: number; name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; status?: number; name: string };
  }
  throw new Error("expected a typed error");
}

/** Fault → the typed error a client must produce (latency with a client time limit below it). */
const EXPECTED: ReadonlyArray<[fault: string, kind: string, status?: number]> = [
  ["latency=400", "timeout"],
  ["drop", "network"],
  ["html-500", "http-status", 500],
  ["truncate", "malformed-response"],
];

/**
 * The client's time limit for a fault: below the latency for a latency fault (the timeout is the point), and
 * ample for the others, whose error must not depend on how fast a loaded machine answers.
 */
const timeLimitFor = (fault: string): number => (fault.startsWith("latency=") ? 200 : 10_000);

describe.each(VENDORS)("%s client", (vendor) => {
  it("works without faults, and with a latency below its time limit", async () => {
    await expect(calls[vendor]({ urls: sb.urls })).resolves.toBeDefined();
    const started = performance.now();
    await calls[vendor]({ urls: sb.urls, dispatcher: faultDispatcher("latency=120"), timeoutMs: 5000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it.each(EXPECTED)("per request, x-sandbox-fault: %s gives a %s error", async (fault, kind, status) => {
    const dispatcher = faultDispatcher(fault);
    try {
      const error = await errorOf(
        calls[vendor]({ urls: sb.urls, dispatcher, timeoutMs: timeLimitFor(fault) }),
      );
      expect(error.kind).toBe(kind);
      if (status !== undefined) expect(error.status).toBe(status);
    } finally {
      await dispatcher.close();
    }
  });

  it.each(EXPECTED)(
    "per request, the /__fault/%s path prefix gives a %s error",
    async (fault, kind, status) => {
      const error = await errorOf(
        calls[vendor]({ urls: sb.urls, prefix: `/__fault/${fault}`, timeoutMs: timeLimitFor(fault) }),
      );
      expect(error.kind).toBe(kind);
      if (status !== undefined) expect(error.status).toBe(status);
    },
  );

  it.each(EXPECTED)(
    "for the whole run (POST /__sandbox/faults %s) gives a %s error",
    async (fault, kind, status) => {
      const set = await raw(`${sb.urls.admin}/faults`, {
        method: "POST",
        body: JSON.stringify({ faults: `${vendor}:${fault}` }),
      });
      expect(set.status).toBe(200);
      try {
        const error = await errorOf(calls[vendor]({ urls: sb.urls, timeoutMs: timeLimitFor(fault) }));
        expect(error.kind).toBe(kind);
        if (status !== undefined) expect(error.status).toBe(status);
        // Scoped to this vendor: the others are not affected.
        for (const other of VENDORS.filter((v) => v !== vendor)) {
          await expect(calls[other]({ urls: sb.urls })).resolves.toBeDefined();
        }
      } finally {
        expect((await raw(`${sb.urls.admin}/faults`, { method: "DELETE" })).status).toBe(200);
      }
      await expect(calls[vendor]({ urls: sb.urls })).resolves.toBeDefined();
    },
  );
});

describe("fault switches", () => {
  it("can be set for the whole run at start (option / --fault / SANDBOX_FAULTS)", async () => {
    const faulty = await startTestSandbox({ faults: "html-500" });
    try {
      for (const vendor of VENDORS) {
        expect(await errorOf(calls[vendor]({ urls: faulty.urls }))).toMatchObject({
          kind: "http-status",
          status: 500,
        });
      }
      // WSDL downloads and the admin API are not affected.
      expect((await raw(faulty.urls.easysecureWsdl)).status).toBe(200);
      expect((await raw(`${faulty.urls.admin}/health`)).status).toBe(200);
      expect(faulty.faults.get()).toBe("html-500");
    } finally {
      await faulty.close();
    }
  });

  it("are shown, replaced and cleared through the admin API, in text or JSON", async () => {
    const set = await raw(`${sb.urls.admin}/faults`, { method: "POST", body: "latency=5 moka:drop" });
    expect(JSON.parse(set.text)).toEqual({ faults: "latency=5,moka:drop" });
    expect(JSON.parse((await raw(`${sb.urls.admin}/faults`)).text)).toEqual({
      faults: "latency=5,moka:drop",
    });
    const list = await raw(`${sb.urls.admin}/faults`, {
      method: "POST",
      body: JSON.stringify({ faults: ["truncate"] }),
    });
    expect(JSON.parse(list.text)).toEqual({ faults: "truncate" });
    expect((await raw(`${sb.urls.admin}/faults`, { method: "POST", body: "" })).status).toBe(200);
    expect(sb.faults.get()).toBe("");
  });

  it("reject an unknown fault with HTTP 400, saying what is known", async () => {
    const header = await raw(sb.urls.easysecure, {
      method: "POST",
      body: "<x/>",
      headers: { "x-sandbox-fault": "explode" },
    });
    expect(header.status).toBe(400);
    expect(header.text).toContain("unknown fault");
    expect(
      (
        await raw(`${withPrefix(sb.urls.moka, "/__fault/nope")}/DealerCustomer/GetCardList`, {
          method: "POST",
          body: "{}",
        })
      ).status,
    ).toBe(400);
    const admin = await raw(`${sb.urls.admin}/faults`, { method: "POST", body: '{"faults": 3}' });
    expect(admin.status).toBe(400);
    expect((await raw(`${sb.urls.admin}/faults`, { method: "POST", body: "latency=oops" })).status).toBe(400);
    expect(sb.faults.get()).toBe("");
  });

  it("are logged with the request", async () => {
    await raw(sb.urls.easysecure, {
      method: "POST",
      body: "<x/>",
      headers: { "x-sandbox-fault": "truncate" },
    });
    expect(sb.logs.at(-1)).toMatch(/\(truncated\).*\[faults: truncate\]$/);
  });
});
