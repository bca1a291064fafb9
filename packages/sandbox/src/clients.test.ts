/**
 * End to end: the real client packages against the sandbox over real HTTP on 127.0.0.1 (free ports), every
 * client operation, on the success path and with the documented errors.
 */
import {
  createEasySecureClient,
  EasySecureError,
  type UpdateUserDotwebInput,
} from "@integrations/easysecure-client";
import { createEduixClient, EduixError } from "@integrations/eduix-client";
import { createMokaClient, MokaError } from "@integrations/moka-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DISTRIBUTOR,
  eckId,
  MOKA_DEALER,
  MOKA_EMPTY,
  MOKA_LIMITED,
  OTHER_DISTRIBUTOR,
  PLUS_COMPANY,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await rejection(promise);
  expect(error).toMatchObject({ kind: "service" });
  return (error as { code: unknown }).code;
}

describe("Moka client against the sandbox", () => {
  const moka = (d = MOKA_DEALER) => createMokaClient({ baseUrl: sb.urls.moka, ...d, retry: false });

  it("getCardList by CustomerCode and by DealerCustomerId", async () => {
    const data = await moka().getCardList({ CustomerCode: "Customer" });
    expect(data.DealerCustomer.DealerCustomerId).toBe(1034);
    expect(data.CardList[0]?.CardToken).toBe("9de41bb0-e82f-4670-b36bd71ff27a3111");
    expect((await moka().getCardList({ DealerCustomerId: 1035 })).CardListCount).toBe(2);
    expect(
      (await moka().getCardList({ DealerCustomerId: 1036, CustomerCode: "Customer2" })).CardList,
    ).toEqual([]);
  });

  it("getCardList's documented errors arrive as MokaError", async () => {
    const notFound = await rejection(moka().getCardList({ CustomerCode: "Nobody" }));
    expect(notFound).toBeInstanceOf(MokaError);
    expect(notFound).toMatchObject({ code: "DealerCustomer.GetCardList.DealerCustomerNotFound" });
    expect(await codeOf(moka().getCardList({ DealerCustomerId: 1034, CustomerCode: "Customer1" }))).toBe(
      "DealerCustomer.GetCardList.CustomerCodeDoesntMatchDealerCustomerId",
    );
    expect(
      await codeOf(moka({ ...MOKA_DEALER, password: "wrong" }).getCardList({ CustomerCode: "Customer" })),
    ).toBe("DealerCustomer.GetCardList.InvalidRequest");
  });

  it("getCustomerList and its documented errors", async () => {
    expect((await moka().getCustomerList()).DealerCustomerListCount).toBe(3);
    expect(await codeOf(moka(MOKA_LIMITED).getCustomerList())).toBe(
      "DealerCustomer.GetCustomerList.PermissionDenied",
    );
    expect(await codeOf(moka(MOKA_EMPTY).getCustomerList())).toBe(
      "DealerCustomer.GetCustomerList.DealerCustomerNotFound",
    );
    expect(await codeOf(moka({ ...MOKA_DEALER, username: "nope" }).getCustomerList())).toBe(
      "DealerCustomer.GetCustomer.InvalidRequest",
    );
  });
});

describe("EasySecure client against the sandbox", () => {
  const esws = (companyId = PLUS_COMPANY) =>
    createEasySecureClient({ endpoint: sb.urls.easysecure, companyId });
  const user = (id: string, extra: Partial<UpdateUserDotwebInput> = {}): UpdateUserDotwebInput => ({
    p_ws_StoreId: 1234,
    p_wsAltUserId: id,
    p_PIN: "",
    p_Achternaam: "Müller",
    p_Voornaam: "José",
    p_Admin: 0,
    p_Security: 0,
    p_infoFields: { info1: `${id.toLowerCase()}@example.com` },
    ...extra,
  });

  it("updateUserDotweb: INSERTED, then UPDATED", async () => {
    expect(await esws().updateUserDotweb(user("C-0001"))).toBe("INSERTED");
    expect(
      await esws().updateUserDotweb(
        user("C-0001", { p_PIN: "7777", p_groupName: ["A", "B"], p_locationID: 3 }),
      ),
    ).toBe("UPDATED");
  });

  it("updateUserDotweb's documented errors arrive as EasySecureError", async () => {
    const pin = await rejection(esws().updateUserDotweb(user("C-0002", { p_PIN: "1001" })));
    expect(pin).toBeInstanceOf(EasySecureError);
    expect(pin).toMatchObject({ code: "PIN must be unique", documented: true });
    expect(await codeOf(esws().updateUserDotweb(user("C-0002", { p_ws_StoreId: 42 })))).toBe(
      "ERROR_UNKNOWN_STORE_ID",
    );
    expect(await codeOf(esws("UNKNOWN-COMPANY").updateUserDotweb(user("C-0002")))).toBe(
      "ERROR_UNKNOWN_SECURITY_HASH",
    );
    const branches = esws("FAKE-SECURITY-CODE-BRANCHES-002");
    expect(await codeOf(branches.updateUserDotweb(user("C-0003", { p_ws_StoreId: 2001 })))).toBe(
      "Company is Branches but no group name specified. It is required for this type of company.",
    );
    expect(
      await codeOf(branches.updateUserDotweb(user("C-0003", { p_ws_StoreId: 2001, p_groupName: "Nope" }))),
    ).toBe("Company is Branches but the group name specified does not exists.");
    expect(
      await branches.updateUserDotweb(user("C-0003", { p_ws_StoreId: 2001, p_groupName: "Kassa" })),
    ).toBe("INSERTED");
    expect(
      await codeOf(
        esws("FAKE-SECURITY-CODE-NO-ALTID-006").updateUserDotweb(user("C-0004", { p_ws_StoreId: 6001 })),
      ),
    ).toBe("NO_WS_ALT_USER_ID_LABEL");
    expect(
      await codeOf(esws().updateUserDotweb(user("C-0005", { p_infoFields: { info3: "2024-01-01" } }))),
    ).toBe("INVALID_INFO_DATE_FORMAT");
    expect(await codeOf(esws().updateUserDotweb(user("C-0005", { p_infoFields: { info5: "1" } })))).toBe(
      "STORE_ID_MUST_MATCH_INFO_FIELD",
    );
  });

  it("syncMOCA: OK once, then MOBILE_CARD_ALREADY_ISSUED; and the other documented errors", async () => {
    expect(await esws().updateUserDotweb(user("C-0010"))).toBe("INSERTED");
    expect(await esws().syncMOCA({ p_wsAltUserId: "C-0010" })).toBe("OK");
    expect(await codeOf(esws().syncMOCA({ p_wsAltUserId: "C-0010" }))).toBe("MOBILE_CARD_ALREADY_ISSUED");
    expect(await codeOf(esws().syncMOCA({ p_wsAltUserId: "EMP-0002" }))).toBe("NO_EMAIL");
    expect(await codeOf(esws().syncMOCA({ p_wsAltUserId: "nobody" }))).toBe("NO_USER_ID_FOUND");
    expect(await codeOf(esws("FAKE-SECURITY-CODE-NO-EMAIL-005").syncMOCA({ p_wsAltUserId: "NE-0001" }))).toBe(
      "NO_EMAIL_INFOFIELD",
    );
    expect(await codeOf(esws("FAKE-SECURITY-CODE-NO-ALTID-006").syncMOCA({ p_wsAltUserId: "x" }))).toBe(
      "NO_WS_ALT_USER_ID_INFOFIELD",
    );
    expect(await codeOf(esws("FAKE-SECURITY-CODE-NO-MOCA-0004").syncMOCA({ p_wsAltUserId: "NM-0001" }))).toBe(
      "MOCA_SITE_ID_NOT_SET",
    );
    const unauthorized = await rejection(
      esws("FAKE-SECURITY-CODE-MOCA-401-007").syncMOCA({ p_wsAltUserId: "MR-0001" }),
    );
    expect(unauthorized).toMatchObject({ code: "UNAUTHORIZED", detail: "Invalid client credentials" });
    const invalid = await rejection(
      esws("FAKE-SECURITY-CODE-MOCA-503-008").syncMOCA({ p_wsAltUserId: "MD-0001" }),
    );
    expect(invalid).toMatchObject({
      code: "MOCA_INVALID_RESPONSE",
      detail: "503 Service Unavailable",
      retryable: true,
    });
    expect(await codeOf(esws("UNKNOWN-COMPANY").syncMOCA({ p_wsAltUserId: "x" }))).toBe(
      "ERROR_UNKNOWN_SECURITY_HASH",
    );
    // The vendor's doc sample company and user.
    expect(await esws("^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0").syncMOCA({ p_wsAltUserId: "6666" })).toBe("OK");
  });
});

describe("Edu-iX client against the sandbox", () => {
  const eduix = (creds = DISTRIBUTOR) => createEduixClient({ endpoint: sb.urls.eduix, ...creds });

  it("login, createKey, getKey, deleteKey", async () => {
    const client = eduix();
    expect(await client.login()).toMatch(/^[0-9a-f]{32}$/);
    const userID = eckId("e1");
    expect(await client.createKey({ profileID: 48213976, userID })).toBeUndefined();
    expect(await client.getKey({ userID })).toEqual([
      { profileID: 48213976, distributorPersonID: "5f0c2a8e-3d71-4b9e-9a64-2c1e7b3d9f10", userID },
    ]);
    const byPerson = await client.getKey({ distributorPersonID: "5f0c2a8e-3d71-4b9e-9a64-2c1e7b3d9f10" });
    expect(byPerson.map((k) => k.profileID).sort()).toEqual([48213976, 9876543210]);
    expect(await client.getKey({ profileID: 1073741 })).toEqual([{ profileID: 1073741 }]);
    expect(await client.deleteKey({ userID })).toBeUndefined();
    expect(await client.getKey({ userID })).toEqual([]);
  });

  it("the documented faults arrive as EduixError", async () => {
    const wrong = await rejection(eduix({ ...DISTRIBUTOR, password: "wrong" }).login());
    expect(wrong).toBeInstanceOf(EduixError);
    expect(wrong).toMatchObject({ code: 2 });
    const client = eduix();
    const userID = eckId("e2");
    await client.createKey({ profileID: 48213976, userID });
    expect(await codeOf(client.createKey({ profileID: 48213976, userID: eckId("e3") }))).toBe(4426);
    expect(await codeOf(client.createKey({ profileID: 1073741, userID }))).toBe(7766);
    expect(await codeOf(client.createKey({ profileID: 55500002, userID: eckId("e4") }))).toBe(4428);
    expect(await codeOf(client.createKey({ profileID: 1073741, userID: "urn:elsewhere:1" }))).toBe(5287);
    expect(await codeOf(client.deleteKey({ userID: eckId("never") }))).toBe(7747);
    const othersUser = (await eduix(OTHER_DISTRIBUTOR).getKey({ profileID: 55500001 }))[0]!.userID!;
    expect(await codeOf(client.deleteKey({ userID: othersUser }))).toBe(7748);
    expect(await codeOf(client.getKey({ userID: "urn:elsewhere:2" }))).toBe(5287);
  });

  it("survives a session expiry by logging in again", async () => {
    const client = eduix();
    await client.login();
    const before = sb.history.length;
    expect(sb.expireEduixSessions()).toBe(1);
    expect(await client.getKey({ profileID: 48213976 })).toHaveLength(1);
    const calls = sb.history.slice(before).map((r) => `${r.operation} ${r.outcome}`);
    expect(calls).toEqual(["getKey fault 12", "login ok", "getKey ok"]);
    // Through the admin endpoint too, for a write.
    await fetch(`${sb.urls.admin}/eduix/expire-sessions`, { method: "POST" });
    expect(await client.createKey({ profileID: 1073741, userID: eckId("e5") })).toBeUndefined();
  });

  it("gives up with a typed error when every session expires at once (expire-session for the whole run)", async () => {
    const client = eduix();
    await client.login();
    sb.faults.set("eduix:expire-session");
    try {
      const error = await rejection(client.getKey({ profileID: 48213976 }));
      expect(error).toBeInstanceOf(EduixError);
      expect(error).toMatchObject({ code: 12, sessionExpired: true });
    } finally {
      sb.faults.clear();
    }
    expect(await client.getKey({ profileID: 48213976 })).toHaveLength(1);
  });
});
