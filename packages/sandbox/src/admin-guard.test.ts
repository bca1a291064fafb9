/**
 * The admin API answers only loopback-addressed requests without a foreign Origin. (Before, a cross-origin
 * `text/plain` POST with a foreign Host and Origin switched on global faults: CSRF and DNS rebinding.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { raw, startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";
import { createAdminGuard, parseHostHeader } from "./admin-guard.js";
import { VENDORS } from "./vendors.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.faults.clear());

const admin = (port: number, path: string, headers: Record<string, string>, body?: string) =>
  raw(`http://127.0.0.1:${port}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    ...(body === undefined ? {} : { body }),
  });

describe("foreign hosts and origins get 403 and change nothing", () => {
  const attacks: Array<[string, (port: number) => Record<string, string>]> = [
    [
      "cross-origin text/plain POST with a foreign Host and Origin",
      (port) => ({
        host: `evil.example:${port}`,
        origin: "http://evil.example",
        "content-type": "text/plain",
      }),
    ],
    [
      "DNS rebinding: a foreign name as Host, no Origin",
      (port) => ({ host: `rebind.attacker.test:${port}` }),
    ],
    [
      "a loopback Host with a foreign Origin",
      (port) => ({ host: `127.0.0.1:${port}`, origin: "https://evil.example" }),
    ],
    ["an opaque Origin (null)", (port) => ({ host: `localhost:${port}`, origin: "null" })],
    [
      "an Origin on loopback but another port",
      (port) => ({ host: `localhost:${port}`, origin: "http://localhost:3000" }),
    ],
    ["a loopback look-alike Host", (port) => ({ host: `127.0.0.1.evil.example:${port}` })],
    ["a Host with a trailing dot", (port) => ({ host: `localhost.:${port}` })],
    ["a cross-site fetch", (port) => ({ host: `127.0.0.1:${port}`, "sec-fetch-site": "cross-site" })],
  ];

  it.each(attacks)("%s", async (_name, headersFor) => {
    for (const vendor of VENDORS) {
      const port = sb.ports[vendor];
      const set = await admin(port, "/__sandbox/faults", headersFor(port), "drop");
      expect(set.status).toBe(403);
      expect(JSON.parse(set.text).error).toMatch(/admin API/);
      const reset = await admin(port, "/__sandbox/reset", headersFor(port), "");
      expect(reset.status).toBe(403);
      const state = await admin(port, "/__sandbox/state", headersFor(port));
      expect(state.status).toBe(403);
      expect(state.text).not.toContain("FAKE-SECURITY-CODE");
      const prefixed = await admin(port, "/__fault/latency=1/__sandbox/faults", headersFor(port), "html-500");
      expect(prefixed.status).toBe(403);
    }
    expect(sb.faults.get()).toBe("");
    expect(sb.logs.at(-1)).toMatch(/-> 403 /);
  });
});

describe("loopback callers are served", () => {
  it.each([
    (port: number) => ({ host: `127.0.0.1:${port}` }),
    (port: number) => ({ host: `localhost:${port}` }),
    (port: number) => ({ host: `LocalHost:${port}` }),
    (port: number) => ({ host: `[::1]:${port}` }),
    () => ({ host: "localhost" }),
    (port: number) => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }),
    (port: number) => ({
      host: `localhost:${port}`,
      origin: `http://localhost:${sb.ports.moka}`,
      "sec-fetch-site": "same-site",
    }),
  ])("%#", async (headersFor) => {
    const port = sb.ports.eduix;
    const set = await admin(port, "/__sandbox/faults", headersFor(port), "moka:latency=1");
    expect(set.status).toBe(200);
    expect(sb.faults.get()).toBe("moka:latency=1");
  });

  it("Node's own fetch, as the tour and tests use it", async () => {
    const res = await fetch(`${sb.urls.admin}/faults`, { method: "POST", body: "easysecure:latency=2" });
    expect(res.status).toBe(200);
    expect(sb.faults.get()).toBe("easysecure:latency=2");
  });

  it("vendor routes answer under any Host name", async () => {
    const res = await raw(`${sb.urls.eduix}?wsdl`, {
      headers: { host: `eduix.internal.example:${sb.ports.eduix}` },
    });
    expect(res.status).toBe(200);
  });
});

describe("the guard", () => {
  it("parses Host values", () => {
    expect(parseHostHeader("[::1]:7401")).toEqual({ name: "[::1]", port: "7401" });
    expect(parseHostHeader("LOCALHOST")).toEqual({ name: "localhost", port: undefined });
    expect(parseHostHeader("a:b:c")).toBeUndefined();
    expect(parseHostHeader("127.0.0.1:99999999")).toBeUndefined();
    expect(parseHostHeader("")).toBeUndefined();
  });

  it("also allows the address the sandbox listens on, unless it is a wildcard", () => {
    const specific = createAdminGuard("10.1.2.3", () => [7401]);
    expect(specific.refusal({ host: "10.1.2.3:7401" })).toBeUndefined();
    expect(specific.refusal({ host: "10.1.2.4:7401" })).toBeDefined();
    const wildcard = createAdminGuard("0.0.0.0", () => [7401]);
    expect(wildcard.refusal({ host: "0.0.0.0:7401" })).toBeDefined();
    expect(wildcard.refusal({ host: "localhost:7401" })).toBeUndefined();
    const v6 = createAdminGuard("::1", () => [7401]);
    expect(v6.refusal({ host: "[::1]:7401", origin: "http://[::1]:7401" })).toBeUndefined();
    expect(v6.refusal({})).toBeDefined();
  });
});
