/**
 * upsertCustomerWithCard: every path of the flow (upsert.ts), against a scripted vendor: what each step answers,
 * which requests go out, and what the caller sees when a step fails halfway.
 */
import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { createMokaClient } from "./client.js";
import { NetworkError, ValidationError } from "./index.js";
import { MokaError } from "./moka-error.js";
import { UpsertCustomerWithCardError } from "./upsert.js";

const NUMBER = "4111111111111111";
const INPUT = {
  CustomerCode: "Customer",
  FirstName: "Elif",
  CardHolderFullName: "elif yetimoglu",
  CardNumber: NUMBER,
  ExpMonth: "01",
  ExpYear: "2030",
  CardName: "Bonus",
};
const CUSTOMER = { DealerCustomerId: 1033, CustomerCode: "Customer" };
const card = (token: string) => ({
  CardToken: token,
  CardName: "Bonus",
  BankName: null,
  CardNumberFirstSix: "411111",
  CardNumberLastFour: "1111",
  CardHolderFullName: "elif yetimoglu",
  ExpMonth: "01",
  ExpYear: "2030",
});
const wrap = (...tokens: string[]) => ({
  DealerCustomer: CUSTOMER,
  CardListCount: tokens.length,
  CardList: tokens.map(card),
});
const ok = (data: unknown) => ({ Data: data, ResultCode: "Success", ResultMessage: "", Exception: null });
const fail = (code: string) => ({ Data: null, ResultCode: code, ResultMessage: "", Exception: null });
const ALREADY = fail("DealerCustomer.AddCustomerWithCard.CustomerCodeAlreadyUsing");

type Answer = object | "drop";

/** A vendor that answers each operation from its script, in order, and records what it was sent. */
function vendor(script: Record<string, Answer[]>) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: Array<{ operation: string; body: Record<string, unknown> }> = [];
  const pool = agent.get("http://moka.test");
  for (const [operation, answers] of Object.entries(script)) {
    for (const answer of answers) {
      const scope = pool.intercept({ path: `/DealerCustomer/${operation}`, method: "POST" });
      // A dropped connection sends nothing back; the interceptor is used up all the same (see pendingInterceptors).
      if (answer === "drop") scope.replyWithError(new Error("connection reset"));
      else {
        scope.reply((request) => {
          sent.push({ operation, body: JSON.parse(String(request.body)).DealerCustomerRequest });
          return {
            statusCode: 200,
            data: answer,
            responseOptions: { headers: { "content-type": "application/json" } },
          };
        });
      }
    }
  }
  const moka = createMokaClient({
    dealerCode: "D",
    username: "u",
    password: "p",
    baseUrl: "http://moka.test",
    dispatcher: agent,
  });
  return { moka, sent, agent };
}

describe("upsertCustomerWithCard", () => {
  it("a new customer: one AddCustomerWithCard", async () => {
    const { moka, sent, agent } = vendor({ AddCustomerWithCard: [ok(wrap("new"))] });
    const result = await moka.upsertCustomerWithCard(INPUT);
    expect(result.outcome).toBe("created");
    expect(result.card?.CardToken).toBe("new");
    expect(result.steps).toEqual([{ operation: "AddCustomerWithCard", outcome: "success", code: "Success" }]);
    expect(sent.map((s) => s.operation)).toEqual(["AddCustomerWithCard"]);
    await agent.close();
  });

  it("an existing customer with cards: GetCardList, AddCard by id, then RemoveCard of each earlier card", async () => {
    const { moka, sent, agent } = vendor({
      AddCustomerWithCard: [ALREADY],
      GetCardList: [ok(wrap("old-1", "old-2"))],
      AddCard: [ok(wrap("old-1", "old-2", "new"))],
      RemoveCard: [ok(true), ok(true)],
    });
    const result = await moka.upsertCustomerWithCard(INPUT);
    expect(result.outcome).toBe("card-replaced");
    expect(result.card?.CardToken).toBe("new");
    expect(result.removedCardTokens).toEqual(["old-1", "old-2"]);
    expect(result.steps.map((s) => [s.operation, s.outcome, s.cardToken])).toEqual([
      ["AddCustomerWithCard", "error", undefined],
      ["GetCardList", "success", undefined],
      ["AddCard", "success", undefined],
      ["RemoveCard", "success", "old-1"],
      ["RemoveCard", "success", "old-2"],
    ]);
    expect(result.steps[0]!.code).toBe("DealerCustomer.AddCustomerWithCard.CustomerCodeAlreadyUsing");
    expect(sent.map((s) => s.operation)).toEqual([
      "AddCustomerWithCard",
      "GetCardList",
      "AddCard",
      "RemoveCard",
      "RemoveCard",
    ]);
    expect(sent[1]!.body).toEqual({ CustomerCode: "Customer" });
    // The card fields only, to the customer's id; the customer's own fields stay as stored.
    expect(sent[2]!.body).toEqual({
      DealerCustomerId: 1033,
      CardHolderFullName: "elif yetimoglu",
      CardNumber: NUMBER,
      ExpMonth: "01",
      ExpYear: "2030",
      CardName: "Bonus",
    });
    await agent.close();
  });

  it("an existing customer without cards: card-added, nothing removed", async () => {
    const { moka, agent } = vendor({
      AddCustomerWithCard: [ALREADY],
      GetCardList: [ok(wrap())],
      AddCard: [ok(wrap("new"))],
    });
    const result = await moka.upsertCustomerWithCard(INPUT);
    expect(result.outcome).toBe("card-added");
    expect(result.removedCardTokens).toEqual([]);
    await agent.close();
  });

  it("keepExistingCards: the earlier cards stay", async () => {
    const { moka, sent, agent } = vendor({
      AddCustomerWithCard: [ALREADY],
      GetCardList: [ok(wrap("old-1"))],
      AddCard: [ok(wrap("old-1", "new"))],
    });
    const result = await moka.upsertCustomerWithCard(INPUT, { keepExistingCards: true });
    expect(result.outcome).toBe("card-replaced");
    expect(result.removedCardTokens).toEqual([]);
    expect(sent.map((s) => s.operation)).not.toContain("RemoveCard");
    await agent.close();
  });

  it("invalid input: a ValidationError before anything is sent", async () => {
    const { moka, sent, agent } = vendor({});
    const error = await moka
      .upsertCustomerWithCard({ ...INPUT, CardNumber: "4111111111111112" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(sent).toEqual([]);
    await agent.close();
  });

  it("AddCustomerWithCard fails otherwise: that error, as it is, and nothing else is called", async () => {
    const { moka, sent, agent } = vendor({ AddCustomerWithCard: [fail("EX")] });
    const error = await moka.upsertCustomerWithCard(INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MokaError);
    expect((error as MokaError).code).toBe("EX");
    expect(sent).toHaveLength(1);
    await agent.close();
  });

  it("halfway, GetCardList fails: nothing changed, the error says so", async () => {
    const { moka, agent } = vendor({
      AddCustomerWithCard: [ALREADY],
      GetCardList: [fail("DealerCustomer.GetCardList.DealerCustomerNotFound")],
    });
    const error = (await moka
      .upsertCustomerWithCard(INPUT)
      .catch((e: unknown) => e)) as UpsertCustomerWithCardError;
    expect(error).toBeInstanceOf(UpsertCustomerWithCardError);
    expect(error.failedStep).toBe("GetCardList");
    expect(error.cardStored).toBe(false);
    expect(error.cause).toBeInstanceOf(MokaError);
    expect(error.message).toContain("nothing was changed");
    expect(error.steps.at(-1)).toEqual({
      operation: "GetCardList",
      outcome: "error",
      code: "DealerCustomer.GetCardList.DealerCustomerNotFound",
    });
    await agent.close();
  });

  it("halfway, AddCard fails (a dropped connection, not retried: a write): the earlier cards are untouched", async () => {
    const { moka, sent, agent } = vendor({
      AddCustomerWithCard: [ALREADY],
      GetCardList: [ok(wrap("old-1"))],
      AddCard: ["drop"],
    });
    const error = (await moka
      .upsertCustomerWithCard(INPUT)
      .catch((e: unknown) => e)) as UpsertCustomerWithCardError;
    expect(error.failedStep).toBe("AddCard");
    expect(error.cardStored).toBe(false);
    expect(error.cause).toBeInstanceOf(NetworkError);
    expect(error.steps.at(-1)).toMatchObject({ operation: "AddCard", outcome: "error", code: "network" });
    expect(sent.map((s) => s.operation)).toEqual(["AddCustomerWithCard", "GetCardList"]);
    expect(agent.pendingInterceptors(), "AddCard was called once, and nothing after it").toEqual([]);
    expect(JSON.stringify(error) + String(error) + error.stack).not.toContain(NUMBER);
    await agent.close();
  });

  it("halfway, a RemoveCard fails: the new card is stored, the cards left are named", async () => {
    const { moka, agent } = vendor({
      AddCustomerWithCard: [ALREADY],
      GetCardList: [ok(wrap("old-1", "old-2"))],
      AddCard: [ok(wrap("old-1", "old-2", "new"))],
      RemoveCard: [ok(true), fail("DealerCustomer.RemoveCard.CardNotFound")],
    });
    const error = (await moka
      .upsertCustomerWithCard(INPUT)
      .catch((e: unknown) => e)) as UpsertCustomerWithCardError;
    expect(error.failedStep).toBe("RemoveCard");
    expect(error.cardStored).toBe(true);
    expect(error.card?.CardToken).toBe("new");
    expect(error.remainingCardTokens).toEqual(["old-2"]);
    expect(error.steps.slice(-2)).toEqual([
      { operation: "RemoveCard", outcome: "success", code: "Success", cardToken: "old-1" },
      {
        operation: "RemoveCard",
        outcome: "error",
        code: "DealerCustomer.RemoveCard.CardNotFound",
        cardToken: "old-2",
      },
    ]);
    expect(error.message).toContain("the new card is stored");
    await agent.close();
  });
});
