/**
 * Garbage in: every request is answered (or, when it cannot be, its connection closed), logged, and the
 * sandbox keeps serving. (main.test.ts repeats the essentials against a separate `node dist/main.js`.)
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eswsRequest,
  eswsReturn,
  post,
  raw,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";
import { VENDORS } from "./vendors.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => sb.close());

const endpoint = (vendor: (typeof VENDORS)[number]): string =>
  vendor === "moka"
    ? `${sb.urls.moka}/DealerCustomer/GetCardList`
    : vendor === "easysecure"
      ? sb.urls.easysecure
      : sb.urls.eduix;

async function stillServing(): Promise<void> {
  const res = await post(
    sb.urls.easysecure,
    eswsRequest("Esws.syncMOCA", [
      ["p_companyID", "x"],
      ["p", "y"],
    ]),
  );
  expect(eswsReturn(res.text)).toBe("ERROR_UNKNOWN_SECURITY_HASH");
  for (const vendor of VENDORS) {
    const origin = new URL(endpoint(vendor)).origin;
    expect((await raw(`${origin}/__sandbox/health`)).status).toBe(200);
  }
}

/** Sends raw bytes over TCP and resolves with whatever comes back before the server closes. */
function tcp(port: number, data: string | Buffer, { end = true, giveUpMs = 2000 } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.write(data, () => {
      if (end) socket.end();
    });
    setTimeout(() => socket.destroy(), giveUpMs);
  });
}

describe("garbage", () => {
  it.each(VENDORS)("%s: malformed bodies get the vendor's own kind of answer", async (vendor) => {
    const bodies = [
      "",
      "{",
      "<",
      "<?xml version='1.0'?>",
      "<a><b></a>",
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
      '<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
      `${"<a>".repeat(5000)}${"</a>".repeat(5000)}`,
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x3c]),
      "\u0000\u0001",
      JSON.stringify({ DealerCustomerAuthentication: "🙂".repeat(10) }),
    ];
    for (const body of bodies) {
      const res = await post(endpoint(vendor), body);
      if (vendor === "moka") {
        expect(res.status).toBe(200);
        expect(JSON.parse(res.text).ResultCode).toBe("DealerCustomer.GetCardList.InvalidRequest");
      } else {
        expect(res.status).toBe(500);
        expect(res.text).toContain("<SOAP-ENV:Fault>");
        if (vendor === "eduix") expect(res.text).toContain("<ns1:code>1</ns1:code>");
      }
    }
    await stillServing();
  });

  it.each(VENDORS)("%s: a body over the cap gets HTTP 413 and is logged", async (vendor) => {
    const res = await post(endpoint(vendor), Buffer.alloc(200 * 1024, 0x61));
    expect(res.status).toBe(413);
    expect(sb.logs.at(-1)).toContain("413 body of 204800 bytes");
    await stillServing();
  });

  it("a body far over the cap has its connection closed", async () => {
    const error = await post(sb.urls.easysecure, Buffer.alloc(4 * 1024 * 1024, 0x61)).then(
      (r) => r.status,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect([413, "ECONNRESET", "EPIPE"]).toContain(error);
    await stillServing();
  });

  it.each(VENDORS)("%s: unknown paths are answered 404 and logged", async (vendor) => {
    const origin = new URL(endpoint(vendor)).origin;
    for (const path of [
      "/",
      "/nope",
      "/soap/4.3/other",
      "/%",
      "/__sandbox/nope",
      `/x?${"a=1&".repeat(500)}`,
    ]) {
      const res = await raw(`${origin}${path}`, { method: "POST", body: "x" });
      expect(res.status).toBe(404);
    }
    expect(sb.logs.at(-1)).toMatch(/404/);
    await stillServing();
  });

  it("malformed HTTP gets a 400 and is logged", async () => {
    const answer = await tcp(sb.ports.easysecure, "THIS IS NOT HTTP\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(sb.logs.some((l) => l.includes("malformed HTTP"))).toBe(true);
    const badLength = await tcp(
      sb.ports.moka,
      "POST /DealerCustomer/GetCardList HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
    );
    expect(badLength).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
  });

  it("a client that disconnects mid-body or mid-latency does not hurt", async () => {
    await tcp(
      sb.ports.eduix,
      "POST /soap/4.3/account HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<soap",
      {
        end: false,
        giveUpMs: 100,
      },
    );
    await tcp(
      sb.ports.easysecure,
      "POST /webservicesesws HTTP/1.1\r\nHost: x\r\nx-sandbox-fault: latency=300\r\nContent-Length: 3\r\n\r\n<x/",
    );
    await new Promise((r) => setTimeout(r, 350));
    await stillServing();
  });

  it("survives a burst of concurrent garbage", async () => {
    const requests = Array.from({ length: 60 }, (_, i) =>
      post(endpoint(VENDORS[i % 3]!), i % 2 === 0 ? "<<<" : "{]").then((r) => r.status),
    );
    const statuses = await Promise.all(requests);
    expect(new Set(statuses)).toEqual(new Set([200, 500]));
    await stillServing();
  });
});
