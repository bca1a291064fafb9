import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeCheckKey } from "./check-key.js";
import { createMokaClient } from "./client.js";

const BASE = "http://moka.test";
const creds = { dealerCode: 'D\u00e9"100', username: "api\\user\u2028", password: "Sup3r-Secret-Pw\ud800" };
const authentication = {
  DealerCode: creds.dealerCode,
  Username: creds.username,
  Password: creds.password,
  CheckKey: computeCheckKey(creds.dealerCode, creds.username, creds.password),
};
const success = JSON.stringify({
  Data: { DealerCustomer: { DealerCustomerId: 1, CustomerCode: "C" }, CardListCount: 0, CardList: [] },
  ResultCode: "Success",
  ResultMessage: "",
  Exception: null,
});

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(() => agent.close());

/** The bytes sent for each call, in order. */
function capture(path: string, times: number): string[] {
  const sent: string[] = [];
  agent
    .get(BASE)
    .intercept({ path, method: "POST" })
    .reply(
      200,
      (opts) => {
        sent.push(String(opts.body));
        return success;
      },
      { headers: { "content-type": "application/json" } },
    )
    .times(times);
  return sent;
}

describe("request body", () => {
  it("is byte for byte JSON.stringify of the whole body", async () => {
    const client = createMokaClient({ ...creds, baseUrl: BASE, dispatcher: agent });
    const requests = [
      { CustomerCode: "Customer1" },
      { DealerCustomerId: 1034 },
      { CustomerCode: '\u00fcn\u2028i"co\\de\ud83d\ude00' },
    ];
    const sent = capture("/DealerCustomer/GetCardList", requests.length);
    for (const request of requests) await client.getCardList(request);
    expect(sent).toEqual(
      requests.map((request) =>
        JSON.stringify({ DealerCustomerAuthentication: authentication, DealerCustomerRequest: request }),
      ),
    );
  });

  it("is JSON.stringify of the authentication alone for GetCustomerList", async () => {
    const client = createMokaClient({ ...creds, baseUrl: BASE, dispatcher: agent });
    const sent = capture("/DealerCustomer/GetCustomerList", 1);
    await client.getCustomerList().catch(() => undefined);
    expect(sent).toEqual([JSON.stringify({ DealerCustomerAuthentication: authentication })]);
  });
});
