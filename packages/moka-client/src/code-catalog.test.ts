import { operations } from "@integrations/moka-types";
import { methodName } from "@integrations/runtime";
import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { createMokaClient } from "./client.js";
import { codeCatalog, type MokaOperation } from "./code-catalog.js";
import { MokaError } from "./moka-error.js";

type Entry = { code: string; meaning: string; retryable: boolean; source?: string; citation?: string };
const contract = Object.fromEntries(
  Object.values(operations).map((op) => [methodName(op.operationId), op.codes as readonly Entry[]]),
) as Record<MokaOperation, readonly Entry[]>;

describe("codeCatalog", () => {
  it.each(Object.keys(contract) as MokaOperation[])("lists every documented code of %s", (operation) => {
    const catalog = codeCatalog(operation);
    expect([...catalog.keys()]).toEqual(contract[operation].map((c) => c.code));
    for (const entry of contract[operation]) {
      expect(catalog.get(entry.code)).toEqual({
        code: entry.code,
        meaning: entry.meaning,
        retryable: entry.retryable,
        outcome: entry.code === "Success" ? "success" : "error",
        source: entry.source,
        citation: entry.citation,
      });
      expect(["vendor-page", "public-client", "family-pattern"], `${entry.code} has a source`).toContain(
        entry.source,
      );
    }
  });

  it("gives the meaning a MokaError carries, looked up by the error's code", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("http://moka.test")
      .intercept({ path: "/DealerCustomer/GetCardList", method: "POST" })
      .reply(
        200,
        {
          Data: null,
          ResultCode: "DealerCustomer.GetCardList.DealerCustomerNotFound",
          ResultMessage: "",
          Exception: null,
        },
        { headers: { "content-type": "application/json" } },
      );
    const moka = createMokaClient({
      dealerCode: "D",
      username: "u",
      password: "p",
      baseUrl: "http://moka.test",
      dispatcher: agent,
    });
    const error = await moka.getCardList({ CustomerCode: "nobody" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MokaError);
    const info = codeCatalog("getCardList").get((error as MokaError).code);
    expect(info?.meaning).toBe((error as MokaError).meaning);
    expect(info?.outcome).toBe("error");
    await agent.close();
  });
});
