import { operations } from "@integrations/easysecure-types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  eswsRequest,
  eswsReturn,
  fixture,
  PLUS_COMPANY,
  post,
  raw,
  startTestSandbox,
  type TestSandbox,
  userParams,
} from "./__tests__/helpers.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const upsert = async (overrides: Parameters<typeof userParams>[0] = {}): Promise<string> => {
  const res = await post(sb.urls.easysecure, eswsRequest("Esws.updateUserDotweb", userParams(overrides)));
  expect(res.status).toBe(200);
  return eswsReturn(res.text);
};
const sync = async (
  companyID: string | null,
  altId: string | null,
  name = "p_wsAltUser_id",
): Promise<string> => {
  const res = await post(
    sb.urls.easysecure,
    eswsRequest("Esws.syncMOCA", [
      ["p_companyID", companyID],
      [name, altId],
    ]),
  );
  expect(res.status).toBe(200);
  return eswsReturn(res.text);
};

/** Every code the simulation answers must be in the operation's generated catalog. */
function inCatalog(op: keyof typeof operations, code: string): boolean {
  return operations[op].codes.some((c) =>
    "match" in c && typeof c.match === "string"
      ? new RegExp(c.match, "u").test(code)
      : c.code === code || code.startsWith(`${c.code} `),
  );
}

describe("ESWS wire format", () => {
  it("answers the vendor's syncMOCA sample with the vendor's sample response, byte for byte", async () => {
    const res = await post(
      sb.urls.easysecure,
      fixture("easysecure/fixtures/syncMOCA/doc-sample/request.xml"),
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/xml/);
    expect(res.text).toBe(fixture("easysecure/fixtures/syncMOCA/doc-sample/response.xml"));
  });

  it("answers updateUserDotweb in the sample's style: SOAP-ENV, encodingStyle on the Envelope, ns1, xsi:type", async () => {
    const res = await post(
      sb.urls.easysecure,
      fixture("easysecure/fixtures/updateUserDotweb/request-full/request.xml"),
    );
    expect(res.text).toBe(
      fixture("easysecure/fixtures/updateUserDotweb/code-inserted/response.xml").trimEnd(),
    );
  });

  it("serves the contract WSDL at ?wsdl with its own address", async () => {
    const res = await raw(sb.urls.easysecureWsdl);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<soap:address location="${sb.urls.easysecure}"/>`);
    expect(res.text).toContain('<wsdl:operation name="Esws.syncMOCA">');
    expect(res.text).not.toContain('ws.i3.identysoft.com/webservicesesws"/>');
  });

  it("reads parameters by position, like NuSOAP: names are ignored", async () => {
    // The doc's parameter name instead of the sample's: still the 2nd parameter.
    expect(await sync("^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0", "6666", "p_wsAltUserId")).toBe("OK");
    // Arbitrary names, right order.
    const renamed = userParams().map(([, v], i) => [`arg${i}`, v] as const);
    expect(
      eswsReturn((await post(sb.urls.easysecure, eswsRequest("Esws.updateUserDotweb", renamed))).text),
    ).toBe("INSERTED");
    // Right names, wrong order: the last name lands in the first-name parameter and vice versa.
    const swapped = userParams({ p_wsAltUserId: "T-SWAP" });
    [swapped[4], swapped[5]] = [swapped[5]!, swapped[4]!];
    expect(
      eswsReturn((await post(sb.urls.easysecure, eswsRequest("Esws.updateUserDotweb", swapped))).text),
    ).toBe("INSERTED");
    const state = (await (await fetch(`${sb.urls.admin}/state`)).json()) as {
      easysecure: {
        companies: Array<{ users: Array<{ wsAltUserId: string; firstName: string; lastName: string }> }>;
      };
    };
    const user = state.easysecure.companies[0]!.users.find((u) => u.wsAltUserId === "T-SWAP")!;
    expect([user.firstName, user.lastName]).toEqual(["Jansen", "Piet"]);
  });

  it('treats a missing parameter as PHP\'s null ("")', async () => {
    const res = await post(
      sb.urls.easysecure,
      fixture("easysecure/fixtures/syncMOCA/request-missing-part/request.xml"),
    );
    expect(eswsReturn(res.text)).toBe("NO_WSALTUSERID");
    expect(await sync(null, "6666")).toBe("ERROR_NO_SECURITY_HASH");
  });
});

describe("ESWS updateUserDotweb", () => {
  it("answers INSERTED the first time and UPDATED after that", async () => {
    expect(await upsert()).toBe("INSERTED");
    expect(await upsert({ p_Voornaam: "Pieter" })).toBe("UPDATED");
    expect(await upsert({ p_Voornaam: "Pieter" })).toBe("UPDATED");
    sb.reset();
    expect(await upsert()).toBe("INSERTED");
  });

  it("keeps PINs unique", async () => {
    expect(await upsert({ p_PIN: "1001" })).toBe("PIN must be unique"); // EMP-0001's PIN
    expect(await upsert({ p_PIN: "5555" })).toBe("INSERTED");
    expect(await upsert({ p_PIN: "5555" })).toBe("UPDATED"); // the same user keeps its PIN
    expect(await upsert({ p_wsAltUserId: "T-0002", p_PIN: "5555" })).toBe("PIN must be unique");
    expect(await upsert({ p_PIN: "12a" })).toBe("PIN data should consist of numeric character");
  });

  it("checks the company and the store id", async () => {
    expect(await upsert({ p_companyID: "" })).toBe("ERROR_NO_SECURITY_HASH");
    expect(await upsert({ p_companyID: null })).toBe("ERROR_NO_SECURITY_HASH");
    expect(await upsert({ p_companyID: "NOT-A-KNOWN-COMPANY" })).toBe("ERROR_UNKNOWN_SECURITY_HASH");
    expect(await upsert({ p_ws_StoreId: "9999" })).toBe("ERROR_UNKNOWN_STORE_ID");
    expect(await upsert({ p_ws_StoreId: "2001" })).toBe("ERROR_UNKNOWN_STORE_ID"); // another company's store
    expect(await upsert({ p_ws_StoreId: "abc" })).toBe("ERROR_UNKNOWN_STORE_ID");
    expect(await upsert({ p_ws_StoreId: "1235" })).toBe("INSERTED");
  });

  it("requires an existing group name for a Branches company", async () => {
    const branches = { p_companyID: "FAKE-SECURITY-CODE-BRANCHES-002", p_ws_StoreId: "2001" };
    expect(await upsert(branches)).toBe(
      "Company is Branches but no group name specified. It is required for this type of company.",
    );
    expect(await upsert({ ...branches, p_groupName: "Kassa;Nope" })).toBe(
      "Company is Branches but the group name specified does not exists.",
    );
    expect(await upsert({ ...branches, p_groupName: "Kassa;Magazijn" })).toBe("INSERTED");
  });

  it("answers the documented errors for ids, names and dates", async () => {
    expect(await upsert({ p_wsAltUserId: "" })).toBe("NO_ID_RECEIVED");
    expect(await upsert({ p_wsAltUserId: "has space" })).toBe("NOT_INSERTED_ERROR");
    expect(await upsert({ p_Voornaam: "" })).toBe("NO_FIRSTNAME_RECEIVED");
    expect(await upsert({ p_Achternaam: "" })).toBe("NO_LASTNAME_RECEIVED");
    expect(await upsert({ p_StartDate: "2025-06-01 00:00:00", p_ExpireDate: "2025-01-01 00:00:00" })).toBe(
      "START_DATE_CAN_NOT_BE_AFTER_END_DATE",
    );
    // A badly formatted date is replaced (expiry: 2030-12-31), as documented, so this start is after it.
    expect(await upsert({ p_StartDate: "2031-01-01 00:00:00", p_ExpireDate: "31-12-2030" })).toBe(
      "START_DATE_CAN_NOT_BE_AFTER_END_DATE",
    );
    expect(await upsert({ p_companyID: "FAKE-SECURITY-CODE-NO-ALTID-006", p_ws_StoreId: "6001" })).toBe(
      "NO_WS_ALT_USER_ID_LABEL",
    );
  });

  it("checks info fields labelled wsStartDatum/wsEindDatum and wsStoreId", async () => {
    const dates = await upsert({ p_infoFields: { info1: "a@example.com", info3: "2024-01-01" } });
    expect(dates).toBe("wsStartDatum (INFO3) and wsEindDatum (INFO4) must have this following format");
    expect(inCatalog("updateUserDotweb", dates)).toBe(true);
    expect(await upsert({ p_infoFields: { info3: "01-01-2024", info4: "31-12-2030" } })).toBe("INSERTED");
    const store = await upsert({ p_infoFields: { info5: "1235" } });
    expect(store).toBe("1234_VALUE_MUST_MATCH_WITH_info5");
    expect(inCatalog("updateUserDotweb", store)).toBe(true);
  });

  it("answers NOT_INSERTED_ERROR for other contract breaks, and stores non-Latin-1 text as '?' like the vendor", async () => {
    expect(await upsert({ p_Admin: "yes" })).toBe("NOT_INSERTED_ERROR");
    expect(await upsert({ p_locationID: "x7" })).toBe("NOT_INSERTED_ERROR");
    expect(await upsert({ p_groupUpdate: "2" })).toBe("NOT_INSERTED_ERROR");
    expect(await upsert({ p_Achternaam: "Łukasz’s" })).toBe("INSERTED");
    expect(sb.logs.some((l) => l.includes('replaced by "?"'))).toBe(true);
  });
});

describe("ESWS syncMOCA", () => {
  it("issues a card once, then answers MOBILE_CARD_ALREADY_ISSUED", async () => {
    expect(await sync(PLUS_COMPANY, "EMP-0001")).toBe("OK");
    expect(await sync(PLUS_COMPANY, "EMP-0001")).toBe("MOBILE_CARD_ALREADY_ISSUED");
    expect(await sync(PLUS_COMPANY, "EMP-0003")).toBe("MOBILE_CARD_ALREADY_ISSUED"); // seeded as issued
  });

  it("works for a user created by updateUserDotweb", async () => {
    expect(await sync(PLUS_COMPANY, "T-0001")).toBe("NO_USER_ID_FOUND");
    expect(await upsert()).toBe("INSERTED");
    expect(await sync(PLUS_COMPANY, "T-0001")).toBe("OK");
  });

  it("answers NO_EMAIL for a user without an email (the info field labelled Email)", async () => {
    expect(await sync(PLUS_COMPANY, "EMP-0002")).toBe("NO_EMAIL");
    expect(await upsert({ p_wsAltUserId: "T-NOMAIL", p_infoFields: { info2: "an address" } })).toBe(
      "INSERTED",
    );
    expect(await sync(PLUS_COMPANY, "T-NOMAIL")).toBe("NO_EMAIL");
  });

  it("answers every other documented code from the seeded companies", async () => {
    expect(await sync("", "6666")).toBe("ERROR_NO_SECURITY_HASH");
    expect(await sync("NOPE", "6666")).toBe("ERROR_UNKNOWN_SECURITY_HASH");
    expect(await sync(PLUS_COMPANY, "")).toBe("NO_WSALTUSERID");
    expect(await sync(PLUS_COMPANY, "nobody")).toBe("NO_USER_ID_FOUND");
    expect(await sync(PLUS_COMPANY, "bad_id")).toBe("NO_USER_ID_FOUND");
    expect(await sync("FAKE-SECURITY-CODE-NO-ALTID-006", "x")).toBe("NO_WS_ALT_USER_ID_INFOFIELD");
    expect(await sync("FAKE-SECURITY-CODE-NO-EMAIL-005", "NE-0001")).toBe("NO_EMAIL_INFOFIELD");
    expect(await sync("FAKE-SECURITY-CODE-NO-MOCA-0004", "NM-0001")).toBe("MOCA_SITE_ID_NOT_SET");
    const unauthorized = await sync("FAKE-SECURITY-CODE-MOCA-401-007", "MR-0001");
    expect(unauthorized).toBe("UNAUTHORIZED Invalid client credentials");
    const invalid = await sync("FAKE-SECURITY-CODE-MOCA-503-008", "MD-0001");
    expect(invalid).toBe("MOCA_INVALID_RESPONSE 503 Service Unavailable");
    for (const code of [unauthorized, invalid]) expect(inCatalog("syncMOCA", code)).toBe(true);
  });
});

describe("ESWS contract breaks and garbage", () => {
  it("answers what NuSOAP answers: a SOAP-ENV:Client fault with HTTP 500", async () => {
    for (const body of [
      "not xml at all",
      "<a><b></a>",
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>',
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body/></soap:Envelope>',
      eswsRequest("Esws.deleteUser", [["p_companyID", PLUS_COMPANY]]),
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>',
    ]) {
      const res = await post(sb.urls.easysecure, body);
      expect(res.status).toBe(500);
      expect(res.text).toContain('<faultcode xsi:type="xsd:string">SOAP-ENV:Client</faultcode>');
    }
    const unknown = await post(sb.urls.easysecure, eswsRequest("Esws.deleteUser", []));
    expect(unknown.text).toContain("method 'Esws.deleteUser'('Esws.deleteUser') not defined in service");
  });

  it("answers unknown paths and methods like a web server", async () => {
    expect((await raw(`${sb.urls.easysecure}/nope`)).status).toBe(404);
    expect((await raw(sb.urls.easysecure, { method: "DELETE" })).status).toBe(405);
    expect((await raw(sb.urls.easysecure)).text).toContain("Esws.syncMOCA");
  });

  it("reads an ISO-8859-1 request (NuSOAP's default encoding)", async () => {
    const xml = eswsRequest("Esws.updateUserDotweb", userParams({ p_Achternaam: "Müller" }));
    const res = await post(sb.urls.easysecure, Buffer.from(xml, "latin1"), {
      "content-type": "text/xml; charset=ISO-8859-1",
    });
    expect(eswsReturn(res.text)).toBe("INSERTED");
    const state = JSON.stringify(await (await fetch(`${sb.urls.admin}/state`)).json());
    expect(state).toContain("Müller");
  });
});
