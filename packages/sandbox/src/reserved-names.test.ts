/**
 * `__proto__`, `constructor` and `prototype` as element or member names: they must not smuggle members past
 * the checks or change any state. (Before, a createKey member wrapped in `<urn:__proto__>` passed the schema
 * check and really prematched a profile, and a sessionIDHeader wrapped the same way authenticated.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  authLoginHeader,
  DISTRIBUTOR,
  EDUIX_NS,
  eckId,
  eduixFaultCode,
  eduixRequest,
  eduixSessionID,
  eswsRequest,
  eswsReturn,
  loginHeader,
  MOKA_DEALER,
  post,
  raw,
  startTestSandbox,
  type TestSandbox,
  userParams,
} from "./__tests__/helpers.js";
import { mokaCheckKey } from "./moka.js";

const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const NAMES = [...RESERVED_NAMES];
const FREE_PROFILE = 48213976;
const SEEDED_USER =
  "https://ketenid.nl/201703/b4a7b6700746928d74574fff048e221a2f1ed37d5c0106f2084c2c322f91bf6895a0e611ffafe4f7ef15f496733028acc13d9267c66bdf9349c0ef51f9b35f51";

const state = async (): Promise<string> => (await raw(`${sb.urls.admin}/state`)).text;
/** The state apart from who has a session (logging in is not what these tests look at). */
const data = async (): Promise<unknown> => {
  const all = JSON.parse(await state()) as { eduix: { activeSessions?: unknown } };
  delete all.eduix.activeSessions;
  return all;
};
const eduix = (header: string, body: string) => post(sb.urls.eduix, eduixRequest(header, body));
const wrap = (name: string, inner: string) => `<urn:${name}>${inner}</urn:${name}>`;

async function session(): Promise<string> {
  const res = await eduix(loginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password), "<urn:loginRequest/>");
  return eduixSessionID(res.text);
}

describe("Edu-iX: a reserved element name is rejected with the operation's fault and changes nothing", () => {
  it.each(NAMES)("createKey members wrapped in <%s>: fault 6, no prematch", async (name) => {
    const before = await state();
    const members = `<urn:profileID>${FREE_PROFILE}</urn:profileID><urn:userID>${eckId(`${name}a`)}</urn:userID>`;
    const res = await eduix(
      authLoginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password),
      `<urn:createKeyRequest>${wrap(name, members)}</urn:createKeyRequest>`,
    );
    expect(res.status).toBe(500);
    expect(eduixFaultCode(res.text)).toBe(6);
    expect(await state()).toBe(before);
  });

  it.each(NAMES)("a sessionIDHeader wrapped in <%s> does not authenticate", async (name) => {
    const before = await data();
    const sessionID = await session();
    const header = `<urn:authHeader>${wrap(name, `<urn:sessionIDHeader><urn:sessionID>${sessionID}</urn:sessionID></urn:sessionIDHeader>`)}</urn:authHeader>`;
    const res = await eduix(
      header,
      `<urn:createKeyRequest><urn:profileID>${FREE_PROFILE}</urn:profileID><urn:userID>${eckId(`${name}b`)}</urn:userID></urn:createKeyRequest>`,
    );
    expect(eduixFaultCode(res.text)).toBe(6);
    expect(await data()).toEqual(before);
  });

  it("other places and operations: loginHeader of login (fault 2), getKey, deleteKey (fault 6)", async () => {
    const before = await state();
    const creds = `<urn:username>${DISTRIBUTOR.username}</urn:username><urn:password>${DISTRIBUTOR.password}</urn:password>`;
    const login = await eduix(
      `<urn:loginHeader>${wrap("__proto__", creds)}</urn:loginHeader>`,
      "<urn:loginRequest/>",
    );
    expect(eduixFaultCode(login.text)).toBe(2);
    const loginViaAuth = await eduix(
      `<urn:authHeader>${wrap("constructor", `<urn:loginHeader>${creds}</urn:loginHeader>`)}</urn:authHeader>`,
      `<urn:getKeyRequest><urn:profileID>${FREE_PROFILE}</urn:profileID></urn:getKeyRequest>`,
    );
    expect(eduixFaultCode(loginViaAuth.text)).toBe(6);
    const auth = authLoginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password);
    const getKey = await eduix(
      auth,
      `<urn:getKeyRequest>${wrap("prototype", `<urn:profileID>${FREE_PROFILE}</urn:profileID>`)}</urn:getKeyRequest>`,
    );
    expect(eduixFaultCode(getKey.text)).toBe(6);
    const deleteKey = await eduix(
      auth,
      `<urn:deleteKeyRequest>${wrap("__proto__", `<urn:userID>${SEEDED_USER}</urn:userID>`)}</urn:deleteKeyRequest>`,
    );
    expect(eduixFaultCode(deleteKey.text)).toBe(6);
    // In another namespace prefix, or as a leaf: still the element's local name.
    const leaf = await eduix(
      auth,
      `<urn:getKeyRequest xmlns:x="${EDUIX_NS}"><x:profileID>${FREE_PROFILE}</x:profileID><x:__proto__/></urn:getKeyRequest>`,
    );
    expect(eduixFaultCode(leaf.text)).toBe(6);
    expect(await state()).toBe(before);
  });

  it("the same requests without the wrapper still work", async () => {
    const res = await eduix(
      authLoginHeader(DISTRIBUTOR.username, DISTRIBUTOR.password),
      `<urn:createKeyRequest><urn:profileID>${FREE_PROFILE}</urn:profileID><urn:userID>${eckId("plain")}</urn:userID></urn:createKeyRequest>`,
    );
    expect(res.status).toBe(200);
  });
});

describe("Moka: a reserved member name is an InvalidRequest", () => {
  const auth = {
    DealerCode: MOKA_DEALER.dealerCode,
    Username: MOKA_DEALER.username,
    Password: MOKA_DEALER.password,
    CheckKey: mokaCheckKey(MOKA_DEALER.dealerCode, MOKA_DEALER.username, MOKA_DEALER.password),
  };
  const call = async (path: string, text: string) =>
    JSON.parse(
      (
        await raw(`${sb.urls.moka}${path}`, {
          method: "POST",
          body: text,
          headers: { "content-type": "application/json" },
        })
      ).text,
    ) as { ResultCode: string };

  it.each(NAMES)("%s at the top, in the authentication, in the request, escaped", async (name) => {
    const authText = JSON.stringify(auth).slice(1, -1);
    const bodies = [
      `{"${name}":{"DealerCustomerAuthentication":${JSON.stringify(auth)}},"DealerCustomerRequest":{"CustomerCode":"Customer"}}`,
      `{"DealerCustomerAuthentication":{${authText},"${name}":{}},"DealerCustomerRequest":{"CustomerCode":"Customer"}}`,
      `{"DealerCustomerAuthentication":${JSON.stringify(auth)},"DealerCustomerRequest":{"${name}":{"CustomerCode":"Customer"}}}`,
      `{"DealerCustomerAuthentication":${JSON.stringify(auth)},"DealerCustomerRequest":{"CustomerCode":"Customer","\\u00${name.charCodeAt(0).toString(16)}${name.slice(1)}":1}}`,
    ];
    for (const body of bodies) {
      expect((await call("/DealerCustomer/GetCardList", body)).ResultCode, body).toBe(
        "DealerCustomer.GetCardList.InvalidRequest",
      );
    }
    const list = `{"DealerCustomerAuthentication":{${authText},"${name}":null}}`;
    expect((await call("/DealerCustomer/GetCustomerList", list)).ResultCode).toBe(
      "DealerCustomer.GetCustomer.InvalidRequest",
    );
    // The names as values are ordinary data.
    const asValue = `{"DealerCustomerAuthentication":${JSON.stringify(auth)},"DealerCustomerRequest":{"CustomerCode":"${name}"}}`;
    expect((await call("/DealerCustomer/GetCardList", asValue)).ResultCode).toBe(
      "DealerCustomer.GetCardList.DealerCustomerNotFound",
    );
  });
});

describe("ESWS: reserved names are ordinary data to PHP, and reach no prototype", () => {
  it.each(NAMES)("a p_infoFields key %s is ignored like any key outside info1..info14", async (name) => {
    const res = await post(
      sb.urls.easysecure,
      eswsRequest(
        "Esws.updateUserDotweb",
        userParams({ p_wsAltUserId: "PROTO-1", p_infoFields: { [name]: "x", info1: "proto@example.com" } }),
      ),
    );
    expect(eswsReturn(res.text)).toBe("INSERTED");
    const user = JSON.parse(await state()).easysecure.companies[0].users.find(
      (u: { wsAltUserId: string }) => u.wsAltUserId === "PROTO-1",
    );
    expect(Object.keys(user.infoFields).sort()).toEqual(["info1", "info14"]);
    expect(user.infoFields.info1).toBe("proto@example.com");
  });

  it.each(NAMES)("a parameter element named %s is read by position, as NuSOAP does", async (name) => {
    const res = await post(
      sb.urls.easysecure,
      eswsRequest("Esws.syncMOCA", [
        [name, "FAKE-SECURITY-CODE-FOR-TESTS-001"],
        ["p_wsAltUserId", "EMP-0003"],
      ]),
    );
    expect(eswsReturn(res.text)).toBe("MOBILE_CARD_ALREADY_ISSUED");
  });
});
