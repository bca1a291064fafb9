import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  authLoginHeader,
  DISTRIBUTOR,
  eckId,
  eduixBody,
  eduixFaultCode,
  eduixRequest,
  eduixSessionID,
  fixture,
  loginHeader,
  OTHER_DISTRIBUTOR,
  post,
  raw,
  sessionHeader,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const send = (xml: string) => post(sb.urls.eduix, xml);

async function login(creds = DISTRIBUTOR): Promise<string> {
  const res = await send(
    eduixRequest(loginHeader(creds.username, creds.password), eduixBody("loginRequest")),
  );
  expect(res.status).toBe(200);
  return eduixSessionID(res.text);
}

/** Calls an operation with a session and returns the fault code (undefined on success) and the body. */
async function op(
  auth: string,
  element: string,
  children: Record<string, string | number> = {},
): Promise<{ fault: number | undefined; text: string; status: number }> {
  const res = await send(eduixRequest(auth, eduixBody(element, children)));
  const fault = eduixFaultCode(res.text);
  expect(res.status).toBe(fault === undefined ? 200 : 500);
  return { fault, text: res.text, status: res.status };
}

const SEEDED_USER =
  "https://ketenid.nl/201703/b4a7b6700746928d74574fff048e221a2f1ed37d5c0106f2084c2c322f91bf6895a0e611ffafe4f7ef15f496733028acc13d9267c66bdf9349c0ef51f9b35f51";
const OTHERS_USER =
  "https://ketenid.nl/201703/87e29fcafec970161e5f936fe78f1b5be857656a0e73f4a8706072c924263960554d76c25dea9f9d8b66a17291dc5516576786e3a9c1181fc34ba03bcc2ae1c2";

describe("Edu-iX login and sessions", () => {
  it("logs in with the seeded credentials (document/literal, PHP SoapServer style)", async () => {
    const res = await send(
      eduixRequest(loginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password), eduixBody("loginRequest")),
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/xml/);
    expect(res.text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/" xmlns:ns1="urn:edu-ix:account:4\.3"><SOAP-ENV:Body><ns1:loginResponse><ns1:sessionID>[0-9a-f]{32}<\/ns1:sessionID><\/ns1:loginResponse><\/SOAP-ENV:Body><\/SOAP-ENV:Envelope>$/,
    );
  });

  it("answers fault 2 for bad or missing credentials, in the fixture's exact form", async () => {
    const bad = await send(
      eduixRequest(loginHeader(DISTRIBUTOR.username, "wrong"), eduixBody("loginRequest")),
    );
    expect(bad.status).toBe(500);
    expect(bad.text).toBe(fixture("eduix/fixtures/login/code-2-authentication-error/response.xml").trimEnd());
    // The doc sample's credentials are not in the seed.
    expect(eduixFaultCode((await send(fixture("eduix/fixtures/login/doc-sample/request.xml"))).text)).toBe(2);
    expect(eduixFaultCode((await send(eduixRequest("", eduixBody("loginRequest")))).text)).toBe(2);
    expect(
      eduixFaultCode((await send(eduixRequest("<urn:loginHeader/>", eduixBody("loginRequest")))).text),
    ).toBe(2);
  });

  it("accepts a session and a loginHeader inside authHeader", async () => {
    const session = await login();
    expect(
      (await op(sessionHeader(session), "getKeyRequest", { profileID: 48213976 })).fault,
    ).toBeUndefined();
    const direct = await op(authLoginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password), "getKeyRequest", {
      profileID: 48213976,
    });
    expect(direct.fault).toBeUndefined();
    expect(
      (await op(authLoginHeader(DISTRIBUTOR.username, "x"), "getKeyRequest", { profileID: 1 })).fault,
    ).toBe(2);
    // No authHeader, or both members of the CHOICE: fault 2.
    expect((await op("", "getKeyRequest", { profileID: 1 })).fault).toBe(2);
    const both = `<urn:authHeader>${loginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password)}<urn:sessionIDHeader><urn:sessionID>${session}</urn:sessionID></urn:sessionIDHeader></urn:authHeader>`;
    expect((await op(both, "getKeyRequest", { profileID: 1 })).fault).toBe(2);
  });

  it("expires sessions on demand (admin endpoint) with fault 12", async () => {
    const session = await login();
    const res = await raw(`${sb.urls.admin}/eduix/expire-sessions`, { method: "POST" });
    expect(JSON.parse(res.text)).toEqual({ expired: 1 });
    const expired = await op(sessionHeader(session), "getKeyRequest", { profileID: 48213976 });
    expect(expired.fault).toBe(12);
    expect(expired.text).toContain("<faultstring>Session expired</faultstring>");
    expect(
      (await op(sessionHeader(await login()), "getKeyRequest", { profileID: 48213976 })).fault,
    ).toBeUndefined();
    // An unknown sessionID is not active either.
    expect((await op(sessionHeader("0".repeat(32)), "deleteKeyRequest", { userID: SEEDED_USER })).fault).toBe(
      12,
    );
  });

  it("expires sessions with the expire-session fault switch", async () => {
    const session = await login();
    const res = await post(
      sb.urls.eduix,
      eduixRequest(sessionHeader(session), eduixBody("getKeyRequest", { profileID: 1 })),
      {
        "x-sandbox-fault": "expire-session",
      },
    );
    expect(eduixFaultCode(res.text)).toBe(12);
  });
});

describe("Edu-iX session lifetime", () => {
  let short: TestSandbox;
  beforeEach(async () => {
    short = await startTestSandbox({ eduixSessionTtlMs: 150 });
  });
  afterEach(() => short.close());

  it("expires a session after the configured idle time", async () => {
    const loginRes = await post(
      short.urls.eduix,
      eduixRequest(loginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password), eduixBody("loginRequest")),
    );
    const session = eduixSessionID(loginRes.text);
    const call = () =>
      post(
        short.urls.eduix,
        eduixRequest(sessionHeader(session), eduixBody("getKeyRequest", { profileID: 1 })),
      );
    expect(eduixFaultCode((await call()).text)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(eduixFaultCode((await call()).text)).toBe(12);
  });
});

describe("Edu-iX prematch keys", () => {
  it("createKey, getKey by each member, deleteKey", async () => {
    const auth = sessionHeader(await login());
    const user = eckId("a1");
    expect((await op(auth, "createKeyRequest", { profileID: 48213976, userID: user })).text).toContain(
      "<ns1:createKeyResponse></ns1:createKeyResponse>",
    );
    const byUser = await op(auth, "getKeyRequest", { userID: user });
    expect(byUser.text).toContain(
      `<ns1:getKeyResponse><ns1:key><ns1:profileID>48213976</ns1:profileID><ns1:distributorPersonID>5f0c2a8e-3d71-4b9e-9a64-2c1e7b3d9f10</ns1:distributorPersonID><ns1:userID>${user}</ns1:userID></ns1:key></ns1:getKeyResponse>`,
    );
    const byPerson = await op(auth, "getKeyRequest", {
      distributorPersonID: "5f0c2a8e-3d71-4b9e-9a64-2c1e7b3d9f10",
    });
    expect(byPerson.text.match(/<ns1:key>/g)).toHaveLength(2);
    expect(byPerson.text).toContain("<ns1:profileID>9876543210</ns1:profileID>");
    const none = await op(auth, "getKeyRequest", { userID: eckId("nobody") });
    expect(none.text).toContain("<ns1:getKeyResponse></ns1:getKeyResponse>");
    // A profile without distributorPersonID and without a prematch: a key with the profileID only.
    expect((await op(auth, "getKeyRequest", { profileID: 1073741 })).text).toContain(
      "<ns1:key><ns1:profileID>1073741</ns1:profileID></ns1:key>",
    );
    expect((await op(auth, "deleteKeyRequest", { userID: user })).text).toContain(
      "<ns1:deleteKeyResponse></ns1:deleteKeyResponse>",
    );
    expect((await op(auth, "getKeyRequest", { userID: user })).text).toContain(
      "<ns1:getKeyResponse></ns1:getKeyResponse>",
    );
  });

  it("answers the documented uniqueness and authorization faults", async () => {
    const auth = sessionHeader(await login());
    const user = eckId("b2");
    expect((await op(auth, "createKeyRequest", { profileID: 48213976, userID: user })).fault).toBeUndefined();
    expect((await op(auth, "createKeyRequest", { profileID: 48213976, userID: eckId("b3") })).fault).toBe(
      4426,
    );
    expect((await op(auth, "createKeyRequest", { profileID: 1073741, userID: user })).fault).toBe(7766);
    expect((await op(auth, "createKeyRequest", { profileID: 55500002, userID: eckId("b4") })).fault).toBe(
      4428,
    );
    expect((await op(auth, "createKeyRequest", { profileID: 123, userID: eckId("b5") })).fault).toBe(4428);
    expect(
      (await op(auth, "createKeyRequest", { profileID: 1073741, userID: "urn:other:realm" })).fault,
    ).toBe(5287);
    expect((await op(auth, "deleteKeyRequest", { userID: eckId("never") })).fault).toBe(7747);
    expect((await op(auth, "deleteKeyRequest", { userID: OTHERS_USER })).fault).toBe(7748);
    expect((await op(auth, "getKeyRequest", { userID: "urn:other:realm" })).fault).toBe(5287);
    // The owner may delete it.
    const other = sessionHeader(await login(OTHER_DISTRIBUTOR));
    expect((await op(other, "deleteKeyRequest", { userID: OTHERS_USER })).fault).toBeUndefined();
    // Another account's profiles are not visible.
    expect((await op(other, "getKeyRequest", { userID: SEEDED_USER })).text).toContain(
      "<ns1:getKeyResponse></ns1:getKeyResponse>",
    );
  });

  it("answers fault 6 with the operation's own wording for requests that break the contract", async () => {
    const auth = sessionHeader(await login());
    const cases: Array<[string, Record<string, string | number>, string]> = [
      ["createKeyRequest", { profileID: 48213976 }, "Missing required fields: userID or eckID"],
      ["createKeyRequest", { profileID: 0, userID: eckId("c") }, "Missing required fields: userID or eckID"],
      [
        "createKeyRequest",
        { profileID: "abc", userID: eckId("c") },
        "Missing required fields: userID or eckID",
      ],
      [
        "createKeyRequest",
        { profileID: 99999999999, userID: eckId("c") },
        "Missing required fields: userID or eckID",
      ],
      [
        "createKeyRequest",
        { profileID: 1, userID: "x".repeat(257) },
        "Missing required fields: userID or eckID",
      ],
      ["deleteKeyRequest", {}, "Missing required fields: userID"],
      ["getKeyRequest", {}, "Missing required fields: profileID, distributorPersonID or userID"],
      [
        "getKeyRequest",
        { profileID: 1, userID: eckId("c") },
        "Missing required fields: profileID, distributorPersonID or userID",
      ],
    ];
    for (const [element, children, message] of cases) {
      const res = await op(auth, element, children);
      expect(res.fault).toBe(6);
      expect(res.text).toContain(`<ns1:message>${message}</ns1:message>`);
    }
  });

  it("answers the vendor's doc samples (completed into envelopes) once the session is real", async () => {
    const session = await login();
    const sample = fixture("eduix/fixtures/createKey/doc-sample-session-id-header/request.xml").replace(
      "b3f1c9e2a7d84f06a1c5e9d2f7b30e4c",
      session,
    );
    const res = await send(sample);
    expect(res.status).toBe(200);
    expect(res.text).toContain("createKeyResponse");
    // The fixture's own sessionID was never issued here.
    expect(
      eduixFaultCode((await send(fixture("eduix/fixtures/getKey/doc-sample-by-user-id/request.xml"))).text),
    ).toBe(12);
  });
});

describe("Edu-iX WSDL and garbage", () => {
  it("serves the contract WSDL at ?wsdl and /wsdl/ with its own address", async () => {
    for (const url of [`${sb.urls.eduix}?wsdl`, sb.urls.eduixWsdl, `${sb.urls.eduix}/wsdl`]) {
      const res = await raw(url);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`<soap:address location="${sb.urls.eduix}"/>`);
    }
  });

  it("answers fault 1 to what is not a call of a known operation", async () => {
    for (const body of [
      "garbage",
      "<!DOCTYPE foo><foo/>",
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><urn:nope xmlns:urn="urn:x"/></soapenv:Body></soapenv:Envelope>',
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>',
    ]) {
      const res = await send(body);
      expect(res.status).toBe(500);
      expect(eduixFaultCode(res.text)).toBe(1);
    }
    expect((await raw(`${sb.urls.eduix}/../other`)).status).toBe(404);
  });
});
