/**
 * Hostile and unusual ESWS answers, end to end through the client: encodings NuSOAP uses, SOAP-encoding
 * references, compressed bodies, Retry-After, and secrets echoed where a parse error would quote them.
 */
import { gzipSync } from "node:zlib";
import type { ClientLogEvent } from "@integrations/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type EswsServer,
  eswsResponseXml,
  type Reply,
  startEswsServer,
  xmlReply,
} from "./__tests__/esws-server.js";
import { createEasySecureClient, type EasySecureClientOptions } from "./client.js";

let server: EswsServer;
beforeAll(async () => {
  server = await startEswsServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const COMPANY_ID = "S3cret&<Code-01'\"x";
const client = (extra: Partial<EasySecureClientOptions> = {}) =>
  createEasySecureClient({ endpoint: server.url, companyId: COMPANY_ID, ...extra });
const sync = (c = client()) => c.syncMOCA({ p_wsAltUserId: "EMP-1" });

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const bytesReply =
  (body: Buffer, headers: Record<string, string>, status = 200): Reply =>
  (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

const NUSOAP_OPEN = (encoding: string) =>
  `<?xml version="1.0" encoding="${encoding}"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><SOAP-ENV:Body>`;
const CLOSE = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

describe("ESWS answers in the encoding NuSOAP uses", () => {
  it("reads ISO-8859-1 declared only in the XML declaration, not as U+FFFD", async () => {
    for (const message of ["Jérôme Müller", "Ærøskøbing", "Ñandú ÿ"]) {
      const xml = `${NUSOAP_OPEN("ISO-8859-1")}<ns1:Esws.syncMOCAResponse xmlns:ns1="uen:esws"><return xsi:type="xsd:string">UNAUTHORIZED ${message}</return></ns1:Esws.syncMOCAResponse>${CLOSE}`;
      for (const contentType of ["text/xml", "text/xml; charset=ISO-8859-1"]) {
        server.reply(bytesReply(Buffer.from(xml, "latin1"), { "content-type": contentType }));
        const error = await errorOf(sync());
        expect(error).toMatchObject({ code: "UNAUTHORIZED", detail: message });
      }
    }
  });

  it("rejects invalid UTF-8 as a malformed response, not a garbled code", async () => {
    const body = Buffer.concat([
      Buffer.from(
        `${NUSOAP_OPEN("UTF-8")}<ns1:Esws.syncMOCAResponse xmlns:ns1="uen:esws"><return>UNAUTHORIZED J`,
      ),
      Buffer.from([0xe9]),
      Buffer.from(`r</return></ns1:Esws.syncMOCAResponse>${CLOSE}`),
    ]);
    server.reply(bytesReply(body, { "content-type": "text/xml; charset=utf-8" }));
    await expect(sync()).rejects.toMatchObject({
      kind: "malformed-response",
      reason: "charset",
      status: 200,
    });
  });

  it("reads a UTF-16 answer with a BOM, and a gzip one", async () => {
    const xml = eswsResponseXml("Esws.syncMOCA", "OK").replace('encoding="UTF-8"', 'encoding="UTF-16"');
    server.reply(
      bytesReply(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]), {
        "content-type": "text/xml",
      }),
      bytesReply(gzipSync(eswsResponseXml("Esws.syncMOCA", "OK")), {
        "content-type": "text/xml; charset=utf-8",
        "content-encoding": "gzip",
      }),
    );
    await expect(sync()).resolves.toBe("OK");
    await expect(sync()).resolves.toBe("OK");
  });

  it("names a content coding it cannot decode instead of reporting U+001F", async () => {
    server.reply(
      bytesReply(Buffer.from(eswsResponseXml("Esws.syncMOCA", "OK")), {
        "content-type": "text/xml",
        "content-encoding": "compress",
      }),
    );
    const error = await errorOf(sync());
    expect(error).toMatchObject({ reason: "content-encoding" });
    expect((error as Error).message).toContain('unsupported Content-Encoding "compress"');
  });
});

describe("SOAP-encoding references (multiRef/href)", () => {
  const answer = (inner: string) =>
    `${NUSOAP_OPEN("UTF-8")}<ns1:Esws.syncMOCAResponse xmlns:ns1="uen:esws">${inner.split("|")[0]}</ns1:Esws.syncMOCAResponse>${inner.split("|")[1] ?? ""}${CLOSE}`;

  it("follows a reference to an independent element of the Body, and a chain of them", async () => {
    for (const [inner, result] of [
      ['<return href="#id1"/>|<multiRef id="id1" xsi:type="xsd:string">OK</multiRef>', "OK"],
      ['<return href="#a"/>|<multiRef id="b">OK</multiRef><multiRef id="a" href="#b"/>', "OK"],
      ['<return href="#r"/>|<x><multiRef id="r">  OK\n</multiRef></x>', "OK"],
    ] as const) {
      server.reply(xmlReply(answer(inner)));
      await expect(sync(), inner).resolves.toBe(result);
    }
    server.reply(xmlReply(answer('<return href="#e"/>|<multiRef id="e">UNAUTHORIZED no</multiRef>')));
    await expect(sync()).rejects.toMatchObject({ code: "UNAUTHORIZED", detail: "no" });
  });

  it("names a reference it cannot follow instead of calling the return empty", async () => {
    const cases: [string, RegExp][] = [
      [
        '<return href="#missing"/>|<multiRef id="other">OK</multiRef>',
        /refers to #missing, which is not in the Body/,
      ],
      ['<return href="http://evil.example/x"/>|', /outside the document, which is not followed/],
      ['<return href="#a"/>|<multiRef id="a" href="#b"/><multiRef id="b" href="#a"/>', /form a loop/],
      ['<return xsi:nil="true"/>|', /the return value is nil/],
    ];
    for (const [inner, message] of cases) {
      server.reply(xmlReply(answer(inner)));
      const error = await errorOf(sync());
      expect(error, inner).toMatchObject({ kind: "malformed-response", reason: "envelope" });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("empty");
    }
  });
});

describe("Retry-After on a 503", () => {
  it("is not waited for beyond the call's time limit, and the error says why", async () => {
    for (const [retryAfter, timeoutMs] of [
      ["3600", 2_000],
      ["30", 5_000],
    ] as const) {
      server.reply((res) => {
        res.writeHead(503, { "content-type": "text/html", "retry-after": retryAfter });
        res.end("busy");
      });
      const error = await errorOf(client({ timeoutMs }).syncMOCA({ p_wsAltUserId: "EMP-1" }));
      expect(error).toMatchObject({ kind: "http-status", status: 503, retryable: false });
      expect((error as Error).message).toContain(`retry after ${retryAfter} s, beyond the call's time limit`);
    }
  });
});

describe("secrets the server writes as markup are redacted", () => {
  it("never shows a company code quoted as an element, entity or prefix name, nor its start", async () => {
    // Valid XML names of the contract's 32 characters at most.
    for (const secret of [
      "AValidXmlNameCompanyCode_0123456",
      "companyCode.5be2.5be2.5be2",
      "S3CRET-esws-company-5be2",
    ]) {
      const events: ClientLogEvent[] = [];
      const c = createEasySecureClient({
        endpoint: server.url,
        companyId: secret,
        logger: (e) => events.push(e),
      });
      for (const body of [
        `<a><${secret}></a>`,
        `${NUSOAP_OPEN("UTF-8")}<x>&${secret};</x>${CLOSE}`,
        `${NUSOAP_OPEN("UTF-8")}<x></${secret}>${CLOSE}`,
      ]) {
        server.reply(xmlReply(body));
        const error = await errorOf(c.syncMOCA({ p_wsAltUserId: "EMP-1" }));
        const texts = [
          String(error),
          JSON.stringify(error),
          (error as Error).stack,
          JSON.stringify(events),
        ].join("\n");
        expect(texts).not.toContain(secret.slice(0, 16));
        expect(texts).toContain("[REDACTED]");
      }
    }
  });
});
