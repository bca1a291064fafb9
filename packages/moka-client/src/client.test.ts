import {
  HttpStatusError,
  MalformedResponseError,
  NetworkError,
  ValidationError,
} from "@integrations/runtime";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeCheckKey } from "./check-key.js";
import { createMokaClient } from "./client.js";
import { MokaError } from "./moka-error.js";

const BASE = "http://moka.test";
const creds = { dealerCode: "D100", username: "apiuser", password: "Sup3r-Secret-Pw" };
const checkKey = computeCheckKey(creds.dealerCode, creds.username, creds.password);

const customer = { DealerCustomerId: 1034, CustomerCode: "Customer1" };
const cardListData = { DealerCustomer: customer, CardListCount: 0, CardList: [] };
const envelope = (over: Record<string, unknown>) =>
  JSON.stringify({ Data: null, ResultCode: "Success", ResultMessage: "", Exception: null, ...over });

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(() => agent.close());

function client(extra: Record<string, unknown> = {}) {
  return createMokaClient({ ...creds, baseUrl: BASE, dispatcher: agent, ...extra });
}
const pool = () => agent.get(BASE);
const json = { headers: { "content-type": "application/json" } };

describe("createMokaClient", () => {
  it("sends the authentication with a hex CheckKey and resolves to Data", async () => {
    let sent: Record<string, unknown> | undefined;
    pool()
      .intercept({ path: "/DealerCustomer/GetCardList", method: "POST" })
      .reply(
        200,
        (opts) => {
          sent = JSON.parse(String(opts.body));
          return envelope({ Data: cardListData });
        },
        json,
      );
    await expect(client().getCardList({ CustomerCode: "Customer1" })).resolves.toEqual(cardListData);
    expect(sent).toEqual({
      DealerCustomerAuthentication: {
        DealerCode: "D100",
        Username: "apiuser",
        Password: creds.password,
        CheckKey: checkKey,
      },
      DealerCustomerRequest: { CustomerCode: "Customer1" },
    });
  });

  it("rejects bad input before sending, naming every field and rule", async () => {
    const c = client();
    const err = await c
      .getCardList({ CustomerCode: "x".repeat(101), Extra: 1 } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues.map((i) => `${i.field}:${i.rule}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        "DealerCustomerRequest.CustomerCode:maxLength",
        "DealerCustomerRequest.Extra:additionalProperties",
      ]),
    );
    const none = await c.getCardList({} as never).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(ValidationError);
    // MockAgent with net connect disabled: any request would have failed with a network error instead.
  });

  it("rejects missing credentials and an unknown environment at creation", () => {
    expect(() => createMokaClient({ dealerCode: "", username: "u", password: "" })).toThrow(ValidationError);
    const err = (() => {
      try {
        createMokaClient({ ...creds, environment: "staging" as never });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      expect.objectContaining({ field: "environment", rule: "enum" }),
    ]);
  });

  it("throws MokaError with the documented meaning for a documented code", async () => {
    pool()
      .intercept({ path: "/DealerCustomer/GetCardList", method: "POST" })
      .reply(200, envelope({ ResultCode: "DealerCustomer.GetCardList.DealerCustomerNotFound" }), json);
    const err = await client()
      .getCardList({ DealerCustomerId: 9 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MokaError);
    expect(err).toMatchObject({
      kind: "service",
      vendor: "moka",
      code: "DealerCustomer.GetCardList.DealerCustomerNotFound",
      operation: "GetCardList",
      retryable: false,
      status: 200,
    });
    expect((err as MokaError).message).toContain("No dealer customer found");
  });

  it("admits unknown codes and marks EX retryable", async () => {
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, envelope({ ResultCode: "Brand.New.Code" }), json);
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, envelope({ ResultCode: "EX", ResultMessage: "boom" }), json);
    const c = client({ retry: false });
    await expect(c.getCustomerList()).rejects.toMatchObject({
      code: "Brand.New.Code",
      meaning: "Undocumented result code",
    });
    await expect(c.getCustomerList()).rejects.toMatchObject({
      code: "EX",
      retryable: true,
      resultMessage: "boom",
    });
  });

  it("never puts the password or CheckKey in an error, even when the vendor echoes them", async () => {
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(
        200,
        envelope({ ResultCode: "EX", ResultMessage: `bad ${creds.password}`, Exception: `key ${checkKey}` }),
        json,
      );
    const err = await client({ retry: false })
      .getCustomerList()
      .catch((e: unknown) => e);
    const text = `${(err as Error).message} ${JSON.stringify(err)} ${String(err)}`;
    expect(text).not.toContain(creds.password);
    expect(text).not.toContain(checkKey);
  });

  it("gives distinct typed errors for a non-200 status, a non-JSON body and a wrong envelope", async () => {
    const c = client({ retry: false });
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(500, "<html>oops</html>", { headers: { "content-type": "text/html" } });
    await expect(c.getCustomerList()).rejects.toBeInstanceOf(HttpStatusError);
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, '{"Data":', json);
    await expect(c.getCustomerList()).rejects.toMatchObject({
      kind: "malformed-response",
      reason: "not-json",
    });
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, '{"hello":"world"}', json);
    await expect(c.getCustomerList()).rejects.toMatchObject({
      kind: "malformed-response",
      reason: "envelope",
    });
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, "{}", { headers: { "content-type": "text/html" } });
    await expect(c.getCustomerList()).rejects.toMatchObject({ reason: "content-type" });
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, envelope({ Data: { DealerCustomerListCount: "many" } }), json);
    await expect(c.getCustomerList()).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it("retries reads after transport failures and 5xx, then succeeds", async () => {
    const data = { DealerCustomerListCount: 0, DealerCustomerList: [] };
    pool().intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" }).reply(503, "busy");
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .replyWithError(new Error("socket hang up"));
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .reply(200, envelope({ Data: data }), json);
    const events: string[] = [];
    const c = client({
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      logger: (e: { outcome: string; attempt: number }) => events.push(`${e.attempt}:${e.outcome}`),
    });
    await expect(c.getCustomerList()).resolves.toEqual(data);
    expect(events).toEqual(["1:error", "2:error", "3:success"]);
  });

  it("does not retry when retries are disabled", async () => {
    pool()
      .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
      .replyWithError(new Error("down"));
    await expect(client({ retry: false }).getCustomerList()).rejects.toBeInstanceOf(NetworkError);
  });
});
