/** What is validated is what is sent: the request's own, plain data, read once. */
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMokaClient, type GetCardListInput } from "./client.js";

const BASE = "http://moka.test";
const creds = { dealerCode: "D100", username: "apiuser", password: "Sup3r-Secret-Pw" };

let agent: MockAgent;
let sent: Record<string, unknown>[];
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  sent = [];
  agent
    .get(BASE)
    .intercept({ path: "/DealerCustomer/GetCardList", method: "POST" })
    .reply(
      200,
      (opts) => {
        sent.push(JSON.parse(String(opts.body)) as Record<string, unknown>);
        return JSON.stringify({
          Data: {
            DealerCustomer: { DealerCustomerId: 1, CustomerCode: "C" },
            CardListCount: 0,
            CardList: [],
          },
          ResultCode: "Success",
          ResultMessage: "",
          Exception: null,
        });
      },
      { headers: { "content-type": "application/json" } },
    )
    .persist();
});
afterEach(() => agent.close());

const client = () => createMokaClient({ ...creds, baseUrl: BASE, dispatcher: agent });

async function validationOf(request: unknown): Promise<{ field: string; rule: string }[]> {
  try {
    await client().getCardList(request as GetCardListInput);
  } catch (error) {
    expect((error as { kind?: string }).kind).toBe("validation");
    return (error as { issues: { field: string; rule: string }[] }).issues.map(({ field, rule }) => ({
      field,
      rule,
    }));
  }
  throw new Error("the request was accepted");
}

class Lookup {
  constructor(readonly CustomerCode: string) {}
  toJSON() {
    return { CustomerCode: "somebody-else" };
  }
}

describe("getCardList: the request sent is the request validated", () => {
  it("refuses inherited fields, class instances and toJSON, and sends nothing", async () => {
    const cases: [unknown, { field: string; rule: string }][] = [
      [Object.create({ CustomerCode: "Customer1" }), { field: "DealerCustomerRequest", rule: "plainObject" }],
      [Object.create({ DealerCustomerId: 1034 }), { field: "DealerCustomerRequest", rule: "plainObject" }],
      [new Lookup("Customer1"), { field: "DealerCustomerRequest", rule: "plainObject" }],
      [
        { CustomerCode: "Customer1", toJSON: () => ({ CustomerCode: "x" }) },
        { field: "DealerCustomerRequest.toJSON", rule: "type" },
      ],
      [
        { CustomerCode: new String("Customer1") },
        { field: "DealerCustomerRequest.CustomerCode", rule: "plainObject" },
      ],
    ];
    for (const [request, issue] of cases) {
      expect(await validationOf(request)).toEqual([issue]);
    }
    expect(sent).toEqual([]);
  });

  it("refuses integers JSON would not carry exactly (1e21 goes out as 1e+21)", async () => {
    for (const id of [1e21, 2 ** 53, 2 ** 64, Number.MAX_VALUE]) {
      expect(await validationOf({ DealerCustomerId: id })).toEqual([
        { field: "DealerCustomerRequest.DealerCustomerId", rule: "safeInteger" },
      ]);
    }
    expect(sent).toEqual([]);
    await client().getCardList({ DealerCustomerId: 2 ** 53 - 1 });
    expect(sent[0]!.DealerCustomerRequest).toEqual({ DealerCustomerId: 2 ** 53 - 1 });
  });

  it("reads a getter once: the value checked is the value sent", async () => {
    let reads = 0;
    const request = {
      get CustomerCode() {
        reads++;
        return reads === 1 ? "Customer1" : "x".repeat(500);
      },
    } as GetCardListInput;
    await client().getCardList(request);
    expect(reads).toBe(1);
    expect(sent[0]!.DealerCustomerRequest).toEqual({ CustomerCode: "Customer1" });
  });
});
