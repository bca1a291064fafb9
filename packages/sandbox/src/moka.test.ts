import { computeCheckKey } from "@integrations/moka-client";
import { operations } from "@integrations/moka-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixture,
  MOKA_DEALER,
  MOKA_EMPTY,
  MOKA_LIMITED,
  raw,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";
import { CatalogError, mokaCode } from "./catalog.js";
import { mokaCheckKey } from "./moka.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

type Dealer = typeof MOKA_DEALER;
const auth = (d: Dealer, checkKey = mokaCheckKey(d.dealerCode, d.username, d.password)) => ({
  DealerCode: d.dealerCode,
  Username: d.username,
  Password: d.password,
  CheckKey: checkKey,
});

interface Envelope {
  Data: Record<string, unknown> | null;
  ResultCode: string;
  ResultMessage: string | null;
  Exception: string | null;
}

async function call(path: string, body: unknown): Promise<Envelope> {
  const res = await raw(`${sb.urls.moka}${path}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  return JSON.parse(res.text) as Envelope;
}
const cardList = (request: unknown, dealer: Dealer = MOKA_DEALER) =>
  call("/DealerCustomer/GetCardList", {
    DealerCustomerAuthentication: auth(dealer),
    DealerCustomerRequest: request,
  });
const customerList = (dealer: Dealer = MOKA_DEALER) =>
  call("/DealerCustomer/GetCustomerList", { DealerCustomerAuthentication: auth(dealer) });

describe("Moka CheckKey", () => {
  it("is the lowercase hex SHA-256 the client computes", () => {
    expect(mokaCheckKey("xxx", "xxx", "xxx")).toBe(
      "68d0ce4345d284aa4e5fac4d0d7f27e5d0ed7f83002e16651f050f467efe14d0",
    );
    expect(mokaCheckKey("D", "U", "P")).toBe(computeCheckKey("D", "U", "P"));
  });
});

describe("Moka GetCardList", () => {
  it("finds a customer by CustomerCode and by DealerCustomerId, with the documented envelope", async () => {
    const byCode = await cardList({ DealerCustomerId: "", CustomerCode: "Customer" });
    expect(byCode.ResultCode).toBe("Success");
    expect(byCode.ResultMessage).toBe("");
    expect(byCode.Exception).toBeNull();
    expect(operations.GetCardList.validateResponse(byCode)).toEqual([]);
    // The seed carries the vendor's sample customer: the answer is the sample's Data.
    const sample = JSON.parse(
      fixture("moka/fixtures/GetCardList/doc-sample-success/response.json"),
    ) as Envelope;
    expect(byCode.Data).toEqual(sample.Data);
    const byId = await cardList({ DealerCustomerId: 1035 });
    expect(byId.ResultCode).toBe("Success");
    expect(byId.Data?.CardListCount).toBe(2);
    const both = await cardList({ DealerCustomerId: 1036, CustomerCode: "Customer2" });
    expect(both.Data?.CardList).toEqual([]);
    expect(operations.GetCardList.validateResponse(both)).toEqual([]);
  });

  it("answers the documented errors", async () => {
    const code = (r: Envelope) => {
      expect(r.Data).toBeNull();
      return r.ResultCode;
    };
    expect(code(await cardList({}))).toBe(
      "DealerCustomer.GetCardList.CustomerCodeOrDealerCustomerIdMustBeGiven",
    );
    expect(code(await cardList({ DealerCustomerId: "" }))).toBe(
      "DealerCustomer.GetCardList.CustomerCodeOrDealerCustomerIdMustBeGiven",
    );
    expect(code(await cardList({ CustomerCode: "Nobody" }))).toBe(
      "DealerCustomer.GetCardList.DealerCustomerNotFound",
    );
    expect(code(await cardList({ DealerCustomerId: 99999 }))).toBe(
      "DealerCustomer.GetCardList.DealerCustomerNotFound",
    );
    expect(code(await cardList({ DealerCustomerId: 1034, CustomerCode: "Customer1" }))).toBe(
      "DealerCustomer.GetCardList.CustomerCodeDoesntMatchDealerCustomerId",
    );
    // Another dealer's customer is not found.
    expect(code(await cardList({ CustomerCode: "Customer" }, MOKA_LIMITED))).toBe(
      "DealerCustomer.GetCardList.DealerCustomerNotFound",
    );
  });

  it("answers InvalidRequest for a bad CheckKey, bad credentials, bad JSON or a body that breaks the contract", async () => {
    const invalid = "DealerCustomer.GetCardList.InvalidRequest";
    const req = { CustomerCode: "Customer" };
    const path = "/DealerCustomer/GetCardList";
    const base64 = Buffer.from(
      mokaCheckKey(MOKA_DEALER.dealerCode, MOKA_DEALER.username, MOKA_DEALER.password),
      "hex",
    ).toString("base64");
    for (const body of [
      { DealerCustomerAuthentication: auth(MOKA_DEALER, "aabbccddeeff"), DealerCustomerRequest: req },
      { DealerCustomerAuthentication: auth(MOKA_DEALER, base64), DealerCustomerRequest: req },
      {
        DealerCustomerAuthentication: auth(MOKA_DEALER, auth(MOKA_DEALER).CheckKey.toUpperCase()),
        DealerCustomerRequest: req,
      },
      {
        DealerCustomerAuthentication: { ...auth(MOKA_DEALER), Password: "wrong" },
        DealerCustomerRequest: req,
      },
      {
        DealerCustomerAuthentication: auth({ ...MOKA_DEALER, dealerCode: "NOPE" }),
        DealerCustomerRequest: req,
      },
      { DealerCustomerRequest: req },
      { DealerCustomerAuthentication: auth(MOKA_DEALER) },
      {
        DealerCustomerAuthentication: auth(MOKA_DEALER),
        DealerCustomerRequest: { DealerCustomerId: "1034" },
      },
      {
        DealerCustomerAuthentication: auth(MOKA_DEALER),
        DealerCustomerRequest: { CustomerCode: "C", Extra: 1 },
      },
      { DealerCustomerAuthentication: auth(MOKA_DEALER), DealerCustomerRequest: req, Extra: true },
      [],
      "null",
      "{not json",
      "",
    ]) {
      expect((await call(path, body)).ResultCode).toBe(invalid);
    }
    // The vendor's own sample request carries a placeholder CheckKey.
    expect(
      (await call(path, fixture("moka/fixtures/GetCardList/doc-sample-request/request.json"))).ResultCode,
    ).toBe(invalid);
  });
});

describe("Moka GetCustomerList", () => {
  it("returns all customers of the dealer", async () => {
    const res = await customerList();
    expect(res.ResultCode).toBe("Success");
    expect(res.Data?.DealerCustomerListCount).toBe(3);
    expect(operations.GetCustomerList.validateResponse(res)).toEqual([]);
  });

  it("answers PermissionDenied, DealerCustomerNotFound and InvalidRequest (the doc's spelling)", async () => {
    expect((await customerList(MOKA_LIMITED)).ResultCode).toBe(
      "DealerCustomer.GetCustomerList.PermissionDenied",
    );
    expect((await customerList(MOKA_EMPTY)).ResultCode).toBe(
      "DealerCustomer.GetCustomerList.DealerCustomerNotFound",
    );
    const bad = await call("/DealerCustomer/GetCustomerList", {
      DealerCustomerAuthentication: auth(MOKA_DEALER, "x"),
    });
    expect(bad.ResultCode).toBe("DealerCustomer.GetCustomer.InvalidRequest");
    expect((await call("/DealerCustomer/GetCustomerList", "]")).ResultCode).toBe(
      "DealerCustomer.GetCustomer.InvalidRequest",
    );
  });
});

describe("Moka routing", () => {
  it("routes case-insensitively and answers unknown paths and methods like ASP.NET", async () => {
    expect(
      (await call("/dealercustomer/getcustomerlist", { DealerCustomerAuthentication: auth(MOKA_DEALER) }))
        .ResultCode,
    ).toBe("Success");
    const missing = await raw(`${sb.urls.moka}/DealerCustomer/AddCustomers`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).Message).toContain("No HTTP resource was found");
    const get = await raw(`${sb.urls.moka}/DealerCustomer/GetCardList`);
    expect(get.status).toBe(405);
  });
});

describe("catalog lookups", () => {
  it("fail loudly for a name the generated catalog does not have", () => {
    expect(mokaCode("GetCardList", "DealerCustomerNotFound")).toBe(
      "DealerCustomer.GetCardList.DealerCustomerNotFound",
    );
    expect(() => mokaCode("GetCardList", "PermissionDenied")).toThrow(CatalogError);
  });
});
