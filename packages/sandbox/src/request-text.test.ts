/**
 * Request bodies are decoded strictly in their declared charset, and bytes that are not valid in it get the
 * vendor's own error instead of being stored. (Before, Latin-1 bytes sent as UTF-8 were stored as `M?ller`.)
 */

import { charsetOf } from "@integrations/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  authLoginHeader,
  DISTRIBUTOR,
  eckId,
  eduixFaultCode,
  eduixRequest,
  eswsRequest,
  eswsReturn,
  MOKA_DEALER,
  post,
  raw,
  startTestSandbox,
  type TestSandbox,
  userParams,
} from "./__tests__/helpers.js";
import { mokaCheckKey } from "./moka.js";
import { SandboxRequestError } from "./request-error.js";
import { decodeBody } from "./request-text.js";

/** JSON bodies are text; everything else here is XML. */
const decode = (body: Buffer, type?: string) =>
  decodeBody(body, type, type?.includes("json") ? "text" : "xml");

/** Byte sequences that are not UTF-8, each with what it is. */
const NOT_UTF8: ReadonlyArray<readonly [string, number[]]> = [
  ["Latin-1 ü", [0xfc]],
  ["Latin-1 é then ASCII", [0xe9, 0x61]],
  ["a lone continuation byte", [0x80]],
  ["a sequence cut short", [0xc3]],
  ["an overlong slash", [0xc0, 0xaf]],
  ["an encoded surrogate", [0xed, 0xa0, 0x80]],
  ["a byte UTF-8 never uses", [0xff]],
  ["a code point past U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
];

/** `text` as bytes, with `marker` replaced by `bytes`. */
function withBytes(text: string, marker: string, bytes: number[]): Buffer {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker}`);
  return Buffer.concat([
    Buffer.from(text.slice(0, at), "utf8"),
    Buffer.from(bytes),
    Buffer.from(text.slice(at + marker.length), "utf8"),
  ]);
}

describe("decodeBody", () => {
  it.each(NOT_UTF8)("rejects %s as UTF-8, whether declared or by default", (_name, bytes) => {
    const body = Buffer.from([0x61, ...bytes, 0x62]);
    for (const type of [
      "text/xml; charset=utf-8",
      "application/json",
      "text/xml; charset=UTF-8",
      undefined,
    ]) {
      expect(() => decode(body, type)).toThrow(SandboxRequestError);
    }
    // The same bytes are legal ISO-8859-1: each byte is the character of that code point.
    expect(decode(body, "text/xml; charset=ISO-8859-1")).toBe(`a${String.fromCharCode(...bytes)}b`);
  });

  it("honours the declared charset: Content-Type first, then the XML declaration", () => {
    expect(decode(Buffer.from("Müller", "latin1"), "text/xml; charset=latin1")).toBe("Müller");
    expect(decode(Buffer.from([0x80]), "text/xml; charset=iso-8859-1")).toBe("\u0080"); // not € (1252)
    const xml = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Müller</a>', "latin1");
    expect(decode(xml, "text/xml")).toContain("Müller");
    expect(charsetOf("text/xml; charset=utf-8")).toBe("utf-8");
    expect(() => decode(xml, "text/xml; charset=utf-8")).toThrow(SandboxRequestError);
    expect(decode(Buffer.from('{"a":"ğ"}', "utf16le"), 'application/json; charset="UTF-16LE"')).toBe(
      '{"a":"ğ"}',
    );
    expect(decode(Buffer.from("\ufeffplain"), "text/xml")).toBe("plain");
  });

  it("rejects 8-bit bytes declared as US-ASCII, and charsets it does not know", () => {
    expect(() => decode(Buffer.from([0x41, 0xe9]), "text/xml; charset=us-ascii")).toThrow(
      SandboxRequestError,
    );
    expect(decode(Buffer.from("plain"), "text/xml; charset=US-ASCII")).toBe("plain");
    for (const label of ["x-no-such-charset", "utf-9", "ebcdic-cp-us"]) {
      expect(() => decode(Buffer.from("a"), `text/xml; charset=${label}`)).toThrow(SandboxRequestError);
    }
  });
});

describe("over HTTP, undecodable bytes get the vendor's error and nothing is stored", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  const state = async (): Promise<string> => (await raw(`${sb.urls.admin}/state`)).text;

  it.each(NOT_UTF8)(
    "ESWS updateUserDotweb with %s in a field declared UTF-8: Client fault",
    async (_n, bytes) => {
      const before = await state();
      for (const [field, value] of [
        ["p_Achternaam", "M#ller"],
        ["p_Voornaam", "J#rg"],
        ["p_licensePlate", "AB-#-12"],
      ] as const) {
        const xml = eswsRequest(
          "Esws.updateUserDotweb",
          userParams({ p_wsAltUserId: "UTF-1", [field]: value }),
        );
        const res = await post(sb.urls.easysecure, withBytes(xml, "#", bytes));
        expect(res.status).toBe(500);
        expect(res.text).toContain('<faultcode xsi:type="xsd:string">SOAP-ENV:Client</faultcode>');
        // The runtime's decoder, the one the clients use, names the charset and the first bad byte.
        expect(res.text).toMatch(/XML error parsing SOAP payload: charset: [^<]*UTF-8/i);
      }
      expect(await state()).toBe(before);
    },
  );

  it("ESWS: the same Latin-1 bytes declared ISO-8859-1, by header or XML declaration, are stored as sent", async () => {
    const xml = eswsRequest(
      "Esws.updateUserDotweb",
      userParams({ p_wsAltUserId: "LATIN-1", p_Achternaam: "Müller" }),
    );
    const byHeader = await post(sb.urls.easysecure, Buffer.from(xml, "latin1"), {
      "content-type": "text/xml; charset=ISO-8859-1",
    });
    expect(eswsReturn(byHeader.text)).toBe("INSERTED");
    const declared = `<?xml version="1.0" encoding="ISO-8859-1"?>\n${eswsRequest(
      "Esws.updateUserDotweb",
      userParams({ p_wsAltUserId: "LATIN-2", p_Voornaam: "Jörg" }),
    )}`;
    const byDeclaration = await post(sb.urls.easysecure, Buffer.from(declared, "latin1"), {
      "content-type": "text/xml",
    });
    expect(eswsReturn(byDeclaration.text)).toBe("INSERTED");
    const text = await state();
    expect(text).toContain("Müller");
    expect(text).toContain("Jörg");
    expect(text).not.toContain("M?ller");
  });

  it.each(NOT_UTF8)(
    "Edu-iX with %s in the userID or the password: fault 1, no prematch",
    async (_n, bytes) => {
      const before = await state();
      const createKey = eduixRequest(
        authLoginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password),
        `<urn:createKeyRequest><urn:profileID>48213976</urn:profileID><urn:userID>${eckId("utf").slice(0, -1)}#</urn:userID></urn:createKeyRequest>`,
      );
      const res = await post(sb.urls.eduix, withBytes(createKey, "#", bytes));
      expect(res.status).toBe(500);
      expect(eduixFaultCode(res.text)).toBe(1);
      const login = eduixRequest(
        authLoginHeader(DISTRIBUTOR.username, "sandbox-pass#"),
        "<urn:getKeyRequest><urn:profileID>48213976</urn:profileID></urn:getKeyRequest>",
      );
      expect(eduixFaultCode((await post(sb.urls.eduix, withBytes(login, "#", bytes))).text)).toBe(1);
      expect(await state()).toBe(before);
    },
  );

  it.each(NOT_UTF8)("Moka with %s in the CustomerCode: InvalidRequest", async (_n, bytes) => {
    const body = JSON.stringify({
      DealerCustomerAuthentication: {
        DealerCode: MOKA_DEALER.dealerCode,
        Username: MOKA_DEALER.username,
        Password: MOKA_DEALER.password,
        CheckKey: mokaCheckKey(MOKA_DEALER.dealerCode, MOKA_DEALER.username, MOKA_DEALER.password),
      },
      DealerCustomerRequest: { CustomerCode: "Cust#mer" },
    });
    const res = await raw(`${sb.urls.moka}/DealerCustomer/GetCardList`, {
      method: "POST",
      body: withBytes(body, "#", bytes),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(JSON.parse(res.text).ResultCode).toBe("DealerCustomer.GetCardList.InvalidRequest");
  });

  it("an unknown charset gets the vendor's error too", async () => {
    const type = { "content-type": "text/xml; charset=x-unknown" };
    const esws = await post(sb.urls.easysecure, eswsRequest("Esws.syncMOCA", [["p_companyID", "x"]]), type);
    expect(esws.text).toContain('charset: unsupported charset "x-unknown"');
    const eduix = await post(sb.urls.eduix, eduixRequest("", "<urn:loginRequest/>"), type);
    expect(eduixFaultCode(eduix.text)).toBe(1);
  });
});
