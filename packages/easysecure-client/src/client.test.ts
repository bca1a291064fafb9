import {
  generalResultCodes,
  operations,
  syncMOCAResultCodes,
  updateUserDotwebResultCodes,
} from "@integrations/easysecure-types";
import {
  AbortError,
  type ClientLogEvent,
  HttpStatusError,
  MalformedResponseError,
  NetworkError,
  readSoapEnvelope,
  SoapFaultError,
  TimeoutError,
  ValidationError,
  type XmlElement,
} from "@integrations/runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type EswsServer,
  eswsFaultXml,
  eswsResponseXml,
  returnReply,
  startEswsServer,
  xmlReply,
} from "./__tests__/esws-server.js";
import {
  createEasySecureClient,
  type EasySecureClientOptions,
  type UpdateUserDotwebInput,
} from "./client.js";
import { EasySecureError } from "./easysecure-error.js";

const COMPANY_ID = "^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/";

let server: EswsServer;
beforeAll(async () => {
  server = await startEswsServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function client(extra: Partial<EasySecureClientOptions> = {}) {
  return createEasySecureClient({ endpoint: server.url, companyId: COMPANY_ID, ...extra });
}

const minimal: UpdateUserDotwebInput = {
  p_ws_StoreId: 1234,
  p_wsAltUserId: "EMP-0042",
  p_PIN: "",
  p_Achternaam: "Jansen",
  p_Voornaam: "Piet",
  p_Admin: 0,
  p_Security: 0,
  p_infoFields: { info1: "piet.jansen@example.com" },
};

/** The operation element of a sent request, and its parts as [name, xsi:type, text]. */
function sentOperation(index = 0): { op: XmlElement; parts: Array<[string, string | undefined, string]> } {
  const request = server.requests[index];
  if (!request) throw new Error(`no request #${index}`);
  const op = readSoapEnvelope(request.body).body.children[0]!;
  const parts = op.children.map(
    (c) =>
      [c.name, c.attributes.find((a) => a.name === "type" && a.ns === XSI)?.value, c.text] as [
        string,
        string | undefined,
        string,
      ],
  );
  return { op, parts };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

async function validationErrorOf(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await errorOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const issuesOf = (error: ValidationError) => error.issues.map((i) => `${i.field}:${i.rule}`);

describe("the request on the wire", () => {
  it("syncMOCA: the doc sample's envelope, headers, and OK", async () => {
    server.reply(returnReply("Esws.syncMOCA", "OK"));
    await expect(client().syncMOCA({ p_wsAltUserId: "6666" })).resolves.toBe("OK");
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/webservicesesws");
    expect(request?.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(request?.headers.soapaction).toBe(`"${operations.syncMOCA.binding.soapAction}"`);
    expect(request?.headers.soapaction).toBe('"uen:esws#Esws.syncMOCA"');

    const { op, parts } = sentOperation();
    expect([op.name, op.ns]).toEqual(["Esws.syncMOCA", "uen:esws"]);
    expect(op.attributes.map((a) => [a.ns, a.name, a.value])).toEqual([
      [SOAP_ENV, "encodingStyle", SOAP_ENC],
    ]);
    // The contract's part name p_wsAltUser_id (the vendor sample's), not the doc table's p_wsAltUserId.
    expect(parts).toEqual([
      ["p_companyID", "xsd:string", COMPANY_ID],
      ["p_wsAltUser_id", "xsd:string", "6666"],
    ]);
  });

  it('updateUserDotweb: every part in WSDL order, "" for each absent optional', async () => {
    server.reply(returnReply("Esws.updateUserDotweb", "INSERTED"));
    await expect(client().updateUserDotweb(minimal)).resolves.toBe("INSERTED");
    const { op, parts } = sentOperation();
    expect(op.name).toBe("Esws.updateUserDotweb");
    expect(server.requests[0]?.headers.soapaction).toBe('"uen:esws#Esws.updateUserDotweb"');
    expect(parts.map((p) => p[0])).toEqual(operations.updateUserDotweb.binding.parts.map((p) => p.name));
    expect(parts).toEqual([
      ["p_companyID", "xsd:string", COMPANY_ID],
      ["p_ws_StoreId", "xsd:int", "1234"],
      ["p_wsAltUserId", "xsd:string", "EMP-0042"],
      ["p_PIN", "xsd:string", ""],
      ["p_Achternaam", "xsd:string", "Jansen"],
      ["p_Voornaam", "xsd:string", "Piet"],
      ["p_Admin", "xsd:int", "0"],
      ["p_Security", "xsd:int", "0"],
      ["p_StartDate", "xsd:string", ""],
      ["p_ExpireDate", "xsd:string", ""],
      ["p_infoFields", "ns2:Map", ""],
      ["p_groupName", "xsd:string", ""],
      ["p_groupUpdate", "xsd:string", ""],
      ["p_licensePlate", "xsd:string", ""],
      ["p_locationID", "xsd:string", ""],
    ]);
    const map = op.children[10]!;
    expect(map.children.map((item) => item.children.map((c) => c.text))).toEqual([
      ["info1", "piet.jansen@example.com"],
    ]);
  });

  it("updateUserDotweb: converts numbers, lists and Dates (in Europe/Amsterdam by default)", async () => {
    server.reply(
      returnReply("Esws.updateUserDotweb", "UPDATED"),
      returnReply("Esws.updateUserDotweb", "UPDATED"),
    );
    const input: UpdateUserDotwebInput = {
      ...minimal,
      p_PIN: "4711",
      p_Achternaam: "Müller",
      p_Voornaam: "José",
      p_Admin: 1,
      p_StartDate: new Date("2024-06-30T22:00:00Z"),
      p_ExpireDate: "2030-12-31 23:59:59",
      p_infoFields: { info10: "ten", info2: "Straße 5, Zürich", info1: "jose.muller@example.com" },
      p_groupName: ["Group1", "Group2"],
      p_groupUpdate: 1,
      p_licensePlate: "AB-123-C",
      p_locationID: 7,
    };
    await expect(client().updateUserDotweb(input)).resolves.toBe("UPDATED");
    const { op, parts } = sentOperation();
    expect(Object.fromEntries(parts.map(([name, , text]) => [name, text]))).toMatchObject({
      p_PIN: "4711",
      p_Achternaam: "Müller",
      p_Voornaam: "José",
      p_Admin: "1",
      p_StartDate: "2024-07-01 00:00:00",
      p_ExpireDate: "2030-12-31 23:59:59",
      p_groupName: "Group1;Group2",
      p_groupUpdate: "1",
      p_licensePlate: "AB-123-C",
      p_locationID: "7",
    });
    // Info fields go on the wire in key order, whatever order the object had.
    expect(op.children[10]!.children.map((item) => item.children[0]!.text)).toEqual([
      "info1",
      "info2",
      "info10",
    ]);

    await client({ timeZone: "UTC" }).updateUserDotweb({
      ...minimal,
      p_StartDate: new Date("2024-06-30T22:00:00Z"),
      p_groupName: "Solo",
      p_groupUpdate: "0",
      p_locationID: "12",
    });
    expect(sentOperation(1).parts.filter(([n]) => /StartDate|group|location/.test(n))).toEqual([
      ["p_StartDate", "xsd:string", "2024-06-30 22:00:00"],
      ["p_groupName", "xsd:string", "Solo"],
      ["p_groupUpdate", "xsd:string", "0"],
      ["p_locationID", "xsd:string", "12"],
    ]);
  });

  it("escapes markup in values", async () => {
    server.reply(returnReply("Esws.updateUserDotweb", "INSERTED"));
    await client().updateUserDotweb({
      ...minimal,
      p_Achternaam: "<b>&amp;</b>",
      p_infoFields: { info1: "a<b" },
    });
    expect(server.requests[0]?.body).toContain(
      '<p_Achternaam xsi:type="xsd:string">&lt;b&gt;&amp;amp;&lt;/b&gt;</p_Achternaam>',
    );
    expect(sentOperation().parts[4]).toEqual(["p_Achternaam", "xsd:string", "<b>&amp;</b>"]);
  });
});

describe("validation before sending", () => {
  it("syncMOCA: names the caller's field p_wsAltUserId, not the wire part", async () => {
    const c = client();
    const missing = await validationErrorOf(c.syncMOCA({} as never));
    expect(issuesOf(missing)).toEqual(["p_wsAltUserId:required"]);
    expect(missing.issues[0]?.message).toBe("is required");
    expect(missing.message).toContain("p_wsAltUserId is required [required]");
    expect(missing.message).not.toContain("p_wsAltUser_id");
    expect(missing.operation).toBe("Esws.syncMOCA");
    for (const bad of ["66 66", "user_6666", "", "Ł1"]) {
      expect(issuesOf(await validationErrorOf(c.syncMOCA({ p_wsAltUserId: bad }))), bad).toEqual([
        "p_wsAltUserId:pattern",
      ]);
    }
    const wire = await validationErrorOf(c.syncMOCA({ p_wsAltUser_id: "6666" } as never));
    expect(issuesOf(wire)).toEqual(["p_wsAltUserId:required", "p_wsAltUser_id:additionalProperties"]);
    expect(wire.issues[1]?.message).toBe("is the wire name of p_wsAltUserId; pass p_wsAltUserId");
    const injected = await validationErrorOf(c.syncMOCA({ p_wsAltUserId: "1", p_companyID: "x" } as never));
    expect(issuesOf(injected)).toEqual(["p_companyID:additionalProperties"]);
    for (const notObject of [null, "6666", ["6666"], new Map()]) {
      expect(issuesOf(await validationErrorOf(c.syncMOCA(notObject as never)))).toEqual([":type"]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("updateUserDotweb: lists every offending field and rule at once, in part order", async () => {
    const error = await validationErrorOf(
      client().updateUserDotweb({
        p_ws_StoreId: "1234",
        p_wsAltUserId: "EMP_0042",
        p_PIN: "12a",
        p_Voornaam: "",
        p_Admin: 2,
        p_Security: 1,
        p_StartDate: "2024-01-01",
        p_ExpireDate: "2024-02-30 00:00:00",
        p_infoFields: { info15: "x", info3: 3 },
        p_groupUpdate: 2,
        p_locationID: -1,
        p_email: "x@example.com",
      } as never),
    );
    expect(issuesOf(error)).toEqual([
      "p_ws_StoreId:type",
      "p_wsAltUserId:pattern",
      "p_PIN:pattern",
      "p_Achternaam:required",
      "p_Voornaam:minLength",
      "p_Admin:enum",
      "p_StartDate:pattern",
      "p_ExpireDate:dateTime",
      "p_infoFields.info15:additionalProperties",
      "p_infoFields.info3:type",
      "p_groupUpdate:enum",
      "p_locationID:integer",
      "p_email:additionalProperties",
    ]);
    expect(error.message).toContain("Esws.updateUserDotweb: invalid request:");
    expect(server.requests).toHaveLength(0);
  });

  it("keeps the store id within xsd:int, and takes no strings for integers", async () => {
    const c = client();
    for (const [value, rule] of [
      [2 ** 31, "maximum"],
      [-(2 ** 31) - 1, "minimum"],
      [1.5, "type"],
      ["7", "type"],
    ] as const) {
      const error = await validationErrorOf(c.updateUserDotweb({ ...minimal, p_ws_StoreId: value as never }));
      expect(issuesOf(error), String(value)).toEqual([`p_ws_StoreId:${rule}`]);
    }
    const flags = await validationErrorOf(
      c.updateUserDotweb({ ...minimal, p_Admin: "1" as never, p_Security: true as never }),
    );
    expect(issuesOf(flags)).toEqual(expect.arrayContaining(["p_Admin:type", "p_Security:type"]));
    expect(server.requests).toHaveLength(0);
  });

  it("rejects a start date after the expiry date, also when one is a Date", async () => {
    const c = client({ timeZone: "UTC" });
    const after = await validationErrorOf(
      c.updateUserDotweb({
        ...minimal,
        p_StartDate: "2025-06-01 00:00:00",
        p_ExpireDate: "2025-01-01 00:00:00",
      }),
    );
    expect(issuesOf(after)).toEqual(["p_StartDate:startNotAfterExpiry"]);
    expect(after.issues[0]?.message).toContain("START_DATE_CAN_NOT_BE_AFTER_END_DATE");
    const dates = await validationErrorOf(
      c.updateUserDotweb({
        ...minimal,
        p_StartDate: new Date("2025-01-01T00:00:01Z"),
        p_ExpireDate: "2025-01-01 00:00:00",
      }),
    );
    expect(issuesOf(dates)).toEqual(["p_StartDate:startNotAfterExpiry"]);
    const invalid = await validationErrorOf(
      c.updateUserDotweb({ ...minimal, p_ExpireDate: new Date(Number.NaN) }),
    );
    expect(issuesOf(invalid)).toEqual(["p_ExpireDate:date"]);
    expect(server.requests).toHaveLength(0);

    server.reply(returnReply("Esws.updateUserDotweb", "UPDATED"));
    const same = "2025-01-01 00:00:00";
    await expect(c.updateUserDotweb({ ...minimal, p_StartDate: same, p_ExpireDate: same })).resolves.toBe(
      "UPDATED",
    );
  });

  it("checks group name lists element by element, never rewriting them", async () => {
    const error = await validationErrorOf(
      client().updateUserDotweb({ ...minimal, p_groupName: ["Group1", "", "A;B", 4 as never, "Ωmega"] }),
    );
    expect(issuesOf(error)).toEqual([
      "p_groupName.1:groupNameElement",
      "p_groupName.2:groupNameElement",
      "p_groupName.3:type",
      "p_groupName.4:pattern",
    ]);
    expect(error.issues[1]?.message).toContain("';'");
    expect(server.requests).toHaveLength(0);
  });

  it("rejects characters above U+00FF by field and character, unless transliterate is on", async () => {
    const input: UpdateUserDotwebInput = {
      ...minimal,
      p_Achternaam: "D’Angelo",
      p_Voornaam: "Łukasz",
      p_infoFields: { info1: "Zürich – Łódź", info2: "ok" },
      p_groupName: ["Grüppe", "Ærø—Œ"],
      p_licensePlate: "AB–12",
    };
    const error = await validationErrorOf(client().updateUserDotweb(input));
    expect(issuesOf(error)).toEqual([
      "p_Achternaam:pattern",
      "p_Voornaam:pattern",
      "p_infoFields.info1:pattern",
      "p_groupName.1:pattern",
      "p_licensePlate:pattern",
    ]);
    const voornaam = error.issues[1]!;
    expect(voornaam.message).toContain('"Ł" (U+0141)');
    expect(voornaam.message).toContain("transliterate: true");
    expect(error.issues[2]?.message).toContain('"–" (U+2013), "Ł" (U+0141), "ź" (U+017A)');
    expect(error.message).toContain("p_Voornaam contains");
    expect(server.requests).toHaveLength(0);

    server.reply(returnReply("Esws.updateUserDotweb", "INSERTED"));
    await expect(client({ transliterate: true }).updateUserDotweb(input)).resolves.toBe("INSERTED");
    expect(Object.fromEntries(sentOperation().parts.map(([n, , t]) => [n, t]))).toMatchObject({
      p_Achternaam: "D'Angelo",
      p_Voornaam: "Lukasz",
      p_groupName: "Grüppe;Ærø-OE",
      p_licensePlate: "AB-12",
    });
    expect(sentOperation().op.children[10]!.children[0]!.children[1]!.text).toBe("Zürich - Lódz");
  });

  it("still rejects what has no Latin-1 form when transliterating; hints at NFC for decomposed text", async () => {
    const error = await validationErrorOf(
      client({ transliterate: true }).updateUserDotweb({ ...minimal, p_Voornaam: "Ωmega 日本" }),
    );
    expect(issuesOf(error)).toEqual(["p_Voornaam:pattern"]);
    expect(error.issues[0]?.message).toContain('"Ω" (U+03A9), "日" (U+65E5), "本" (U+672C)');
    expect(error.issues[0]?.message).toContain("no Latin-1 transliteration");

    const nfd = await validationErrorOf(client().updateUserDotweb({ ...minimal, p_Voornaam: "Jose\u0301" }));
    expect(nfd.issues[0]?.message).toContain("U+0301");
    expect(nfd.issues[0]?.message).toContain("NFC");
    const many = await validationErrorOf(client().updateUserDotweb({ ...minimal, p_Voornaam: "ΑΒΓΔΕΖΗ" }));
    expect(many.issues[0]?.message).toContain(", …");
    expect(server.requests).toHaveLength(0);
  });

  it("rejects characters XML 1.0 cannot carry, in free text and elsewhere", async () => {
    const c = client({ transliterate: true });
    const text = await validationErrorOf(
      c.updateUserDotweb({ ...minimal, p_Voornaam: "Pi\u0001et", p_infoFields: { info1: "\u0000" } }),
    );
    expect(issuesOf(text)).toEqual(["p_Voornaam:xmlChar", "p_infoFields.info1:xmlChar"]);
    expect(text.issues[0]?.message).toContain("U+0001");
    expect(server.requests).toHaveLength(0);
  });

  it("is a configuration error to create a client with a bad companyId, endpoint or time zone", () => {
    const configError = (options: Partial<EasySecureClientOptions>) => {
      try {
        createEasySecureClient({ companyId: COMPANY_ID, ...options });
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect(JSON.stringify(error)).not.toContain(COMPANY_ID);
        return issuesOf(error as ValidationError);
      }
      return [];
    };
    expect(configError({})).toEqual([]);
    expect(configError({ companyId: "" })).toEqual(["companyId:required"]);
    expect(configError({ companyId: undefined as never })).toEqual(["companyId:required"]);
    expect(configError({ companyId: `${COMPANY_ID}x` })).toEqual(["companyId:maxLength"]);
    expect(configError({ companyId: "abc\u0000defg" })).toEqual(["companyId:xmlChar"]);
    expect(configError({ endpoint: "ftp://example.com" })).toEqual(["endpoint:url"]);
    expect(configError({ endpoint: "http://" })).toEqual(["endpoint:url"]);
    expect(configError({ timeZone: "Europe/Atlantis" })).toEqual(["timeZone:timeZone"]);
    expect(configError({ companyId: "", timeZone: "nope" })).toEqual([
      "companyId:required",
      "timeZone:timeZone",
    ]);
  });
});

/** A raw return for each documented code whose text varies (match regexes), as the contract's examples. */
const MATCH_SAMPLES: Record<string, string[]> = {
  INVALID_INFO_DATE_FORMAT: [
    "wsStartDatum (INFO3) and wsEindDatum (INFO4) must have this following format",
    "wsStartDatum (info1) and wsEindDatum (info2) must have this following format: dd-mm-yyyy",
  ],
  STORE_ID_MUST_MATCH_INFO_FIELD: [
    "$p_ws_StoreId_VALUE_MUST_MATCH_WITH_info5",
    "1234_VALUE_MUST_MATCH_WITH_info5",
    "_VALUE_MUST_MATCH_WITH_INFOX",
  ],
};

const catalogs = [
  { op: "Esws.syncMOCA", method: "syncMOCA", codes: syncMOCAResultCodes },
  { op: "Esws.updateUserDotweb", method: "updateUserDotweb", codes: updateUserDotwebResultCodes },
] as const;

it("every operation's catalog holds the general codes", () => {
  for (const { codes } of catalogs) {
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(generalResultCodes.map((c) => c.code)));
  }
});

async function callWith(method: "syncMOCA" | "updateUserDotweb", op: string, text: string, c = client()) {
  server.reply(returnReply(op, text));
  return method === "syncMOCA" ? c.syncMOCA({ p_wsAltUserId: "6666" }) : c.updateUserDotweb(minimal);
}

describe("resolving the return", () => {
  for (const { op, method, codes } of catalogs) {
    for (const entry of codes) {
      it(`${op}: ${entry.code}`, async () => {
        const samples = entry.match ? MATCH_SAMPLES[entry.code] : [entry.code];
        expect(samples, `a sample return for ${entry.code}'s match regex`).toBeDefined();
        for (const raw of samples!) {
          if (entry.outcome === "success") {
            await expect(callWith(method, op, raw)).resolves.toBe(entry.code);
            continue;
          }
          const error = await errorOf(callWith(method, op, `  ${raw}\n`));
          expect(error).toBeInstanceOf(EasySecureError);
          expect(error).toMatchObject({
            name: "EasySecureError",
            kind: "service",
            vendor: "easysecure",
            code: entry.code,
            meaning: entry.meaning,
            retryable: entry.retryable,
            operation: op,
            status: 200,
            detail: undefined,
            documented: true,
            rawReturn: raw,
          });
        }
        if (entry.detail) {
          const error = await errorOf(callWith(method, op, `${entry.code} Upstream said: no (HTTP 401)`));
          expect(error).toMatchObject({ code: entry.code, detail: "Upstream said: no (HTTP 401)" });
          expect((error as Error).message).toContain("(Upstream said: no (HTTP 401))");
        }
      });
    }
  }

  it("a success code of the other operation is undocumented here", async () => {
    const error = await errorOf(callWith("syncMOCA", "Esws.syncMOCA", "INSERTED"));
    expect(error).toMatchObject({
      code: "INSERTED",
      documented: false,
      meaning: "Undocumented return value",
    });
  });

  it("an unknown return is an EasySecureError with the text as its code", async () => {
    const error = await errorOf(
      callWith("updateUserDotweb", "Esws.updateUserDotweb", " Something went wrong "),
    );
    expect(error).toBeInstanceOf(EasySecureError);
    expect(error).toMatchObject({
      code: "Something went wrong",
      documented: false,
      retryable: false,
      detail: undefined,
      status: 200,
    });
    const long = await errorOf(callWith("syncMOCA", "Esws.syncMOCA", "x".repeat(5000)));
    expect((long as EasySecureError).code.length).toBeLessThanOrEqual(201);
    expect((long as EasySecureError).rawReturn.length).toBeLessThanOrEqual(1001);
  });

  it("an empty return is a malformed response", async () => {
    const error = await errorOf(callWith("syncMOCA", "Esws.syncMOCA", "  "));
    expect(error).toMatchObject({ kind: "malformed-response", reason: "envelope" });
  });
});

describe("failures other than a return code", () => {
  const sync = (c = client()) => c.syncMOCA({ p_wsAltUserId: "6666" });

  it("a SOAP Fault (on HTTP 500 or 200) is a SoapFaultError", async () => {
    server.reply(
      xmlReply(eswsFaultXml("SOAP-ENV:Client", "Operation 'Esws.nope' is not defined in the WSDL"), 500),
    );
    const error = await errorOf(sync());
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error).toMatchObject({
      faultcode: "SOAP-ENV:Client",
      operation: "Esws.syncMOCA",
      retryable: false,
    });
    server.reply(xmlReply(eswsFaultXml("SOAP-ENV:Server", "boom"), 200));
    await expect(sync()).rejects.toMatchObject({ kind: "soap-fault", faultstring: "boom" });
  });

  it("a non-200 answer without a fault is an HttpStatusError", async () => {
    server.reply(xmlReply("<html><body>Internal Server Error</body></html>", 500, "text/html"));
    const html = await errorOf(sync());
    expect(html).toBeInstanceOf(HttpStatusError);
    expect(html).toMatchObject({ status: 500, retryable: true, contentType: "text/html" });
    server.reply(xmlReply("<broken", 502), xmlReply(eswsResponseXml("Esws.syncMOCA", "OK"), 404));
    await expect(sync()).rejects.toMatchObject({ kind: "http-status", status: 502 });
    await expect(sync()).rejects.toMatchObject({ kind: "http-status", status: 404 });
  });

  it.each([
    [
      "an HTML page on 200",
      "<html><body>Maintenance</body></html>",
      "text/html; charset=utf-8",
      "content-type",
    ],
    ["garbage", "this is not xml", "text/xml", "not-xml"],
    ["truncated XML", eswsResponseXml("Esws.syncMOCA", "OK").slice(0, 300), "text/xml", "truncated"],
    [
      "a DOCTYPE with an entity bomb",
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body><ns1:Esws.syncMOCAResponse xmlns:ns1="uen:esws"><return>&lol2;</return></ns1:Esws.syncMOCAResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
      "text/xml",
      "dtd-forbidden",
    ],
    [
      "a SOAP 1.2 envelope",
      `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>`,
      "application/soap+xml",
      "envelope",
    ],
    ["another operation's response", eswsResponseXml("Esws.updateUserDotweb", "OK"), "", "envelope"],
    [
      "a response without a return part",
      `<S:Envelope xmlns:S="${SOAP_ENV}"><S:Body><n:Esws.syncMOCAResponse xmlns:n="uen:esws"/></S:Body></S:Envelope>`,
      "text/xml",
      "envelope",
    ],
  ])("%s is a MalformedResponseError", async (_what, body, contentType, reason) => {
    server.reply((res) => {
      res.writeHead(200, contentType === "" ? {} : { "content-type": contentType });
      res.end(body);
    });
    const error = await errorOf(sync());
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ reason, operation: "Esws.syncMOCA", retryable: false });
  });

  it("a response above maxResponseBytes is abandoned", async () => {
    server.reply(returnReply("Esws.syncMOCA", `UNAUTHORIZED ${"x".repeat(10_000)}`));
    await expect(sync(client({ maxResponseBytes: 1_000 }))).rejects.toMatchObject({ reason: "too-large" });
  });

  it("never retries, whatever the retry option says: not after a broken connection, not after a 503", async () => {
    const events: ClientLogEvent[] = [];
    const c = client({
      retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1 },
      logger: (e) => events.push(e),
    });
    server.reply((res) => res.socket?.destroy(), returnReply("Esws.syncMOCA", "OK"));
    await expect(sync(c)).rejects.toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
    server.reset();
    server.reply(xmlReply("busy", 503, "text/plain"), returnReply("Esws.syncMOCA", "OK"));
    await expect(c.updateUserDotweb(minimal)).rejects.toMatchObject({
      kind: "http-status",
      status: 503,
      retryable: true,
    });
    expect(server.requests).toHaveLength(1);
    expect(events.map((e) => [e.operation, e.attempt, e.outcome, e.errorKind])).toEqual([
      ["Esws.syncMOCA", 1, "error", "network"],
      ["Esws.updateUserDotweb", 1, "error", "http-status"],
    ]);
  });

  it("honours timeoutMs (client and per call) and the caller's AbortSignal", async () => {
    const slow = () =>
      server.reply((res) => {
        setTimeout(() => {
          if (!res.destroyed) returnReply("Esws.syncMOCA", "OK")(res, undefined as never);
        }, 500).unref();
      });
    slow();
    await expect(sync(client({ timeoutMs: 50 }))).rejects.toBeInstanceOf(TimeoutError);
    slow();
    await expect(
      client({ timeoutMs: 10_000 }).syncMOCA({ p_wsAltUserId: "1" }, { timeoutMs: 50 }),
    ).rejects.toMatchObject({
      kind: "timeout",
      timeoutMs: 50,
    });
    slow();
    const controller = new AbortController();
    const pending = client().syncMOCA({ p_wsAltUserId: "1" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("sends through the dispatcher it was given", async () => {
    const seen: string[] = [];
    const dispatcher = {
      dispatch(options: { origin?: unknown; path?: string }) {
        seen.push(`${String(options.origin)}${options.path}`);
        throw new Error("fake dispatcher");
      },
    };
    await expect(sync(client({ dispatcher: dispatcher as never }))).rejects.toBeInstanceOf(NetworkError);
    expect(seen).toEqual([server.url]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("the company security code stays secret", () => {
  const echo = `UNAUTHORIZED company ${COMPANY_ID} is not known to MOCA`;

  it("is redacted from details, raw returns, undocumented codes, faults and log events", async () => {
    const events: ClientLogEvent[] = [];
    const c = client({ logger: (e) => events.push(e) });
    const errors: unknown[] = [];
    server.reply(returnReply("Esws.syncMOCA", echo));
    errors.push(await errorOf(c.syncMOCA({ p_wsAltUserId: "6666" })));
    server.reply(returnReply("Esws.syncMOCA", `Unknown company ${COMPANY_ID}`));
    errors.push(await errorOf(c.syncMOCA({ p_wsAltUserId: "6666" })));
    server.reply(xmlReply(eswsFaultXml(`Client.${COMPANY_ID}`, `bad p_companyID ${COMPANY_ID}`), 500));
    errors.push(await errorOf(c.syncMOCA({ p_wsAltUserId: "6666" })));

    expect(errors[0]).toMatchObject({
      code: "UNAUTHORIZED",
      detail: "company [REDACTED] is not known to MOCA",
    });
    expect(errors[1]).toMatchObject({
      code: "Unknown company [REDACTED]",
      rawReturn: "Unknown company [REDACTED]",
    });
    expect(errors[2]).toMatchObject({ faultstring: "bad p_companyID [REDACTED]" });
    for (const error of errors) {
      const text = `${(error as Error).message} ${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
      expect(text).not.toContain(COMPANY_ID);
    }
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(COMPANY_ID);
    expect(events[0]).toMatchObject({
      vendor: "easysecure",
      operation: "Esws.syncMOCA",
      outcome: "error",
      code: "UNAUTHORIZED",
    });
  });

  it("is not in validation errors, nor in a success's log event", async () => {
    const events: ClientLogEvent[] = [];
    const c = client({ logger: (e) => events.push(e) });
    const error = await validationErrorOf(
      c.updateUserDotweb({ ...minimal, p_Voornaam: COMPANY_ID.replace("^", "Ł") }),
    );
    expect(JSON.stringify(error) + error.message).not.toContain(COMPANY_ID);
    server.reply(returnReply("Esws.syncMOCA", "OK"));
    await c.syncMOCA({ p_wsAltUserId: "6666" });
    expect(events).toEqual([
      {
        vendor: "easysecure",
        operation: "Esws.syncMOCA",
        attempt: 1,
        outcome: "success",
        durationMs: expect.any(Number),
      },
    ]);
  });
});
