/**
 * The DealerCustomer family against the sandbox, through the real client: the done-when scenario of the family
 * (AddCustomer → … → GetCustomer gives DealerCustomerNotFound), each documented error the sandbox plays, the
 * upsert, and what the sandbox keeps of a card number.
 */
import { createMokaClient, type MokaClient, MokaError } from "@integrations/moka-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MOKA_DEALER, startTestSandbox, type TestSandbox } from "../__tests__/helpers.js";
import { DealerStore } from "./store.js";

const seed = { dealerCode: "D", username: "u", password: "p", permissions: [], customers: [] };

const NUMBER = "4111111111111111";
const CARD = { CardHolderFullName: "Elif Yetimoglu", CardNumber: NUMBER, ExpMonth: "03", ExpYear: "2030" };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sb: TestSandbox;
let moka: MokaClient;
let run = 0;
beforeAll(async () => {
  sb = await startTestSandbox();
  moka = createMokaClient({ ...MOKA_DEALER, baseUrl: sb.urls.moka });
});
afterAll(() => sb.close());

const code = () => `FAMILY-${Date.now().toString(36)}-${++run}`;
const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "Success",
    (e: unknown) => (e instanceof MokaError ? e.code : String(e)),
  );

describe("the DealerCustomer family on the sandbox", () => {
  it("the scenario: customers and cards persist from call to call", async () => {
    const CustomerCode = code();
    const added = await moka.addCustomer({
      CustomerCode,
      FirstName: "Elif",
      Gender: "2",
      BirthDate: "19901218",
    });
    expect(added.CardList).toEqual([]);
    expect(added.DealerCustomer.Gender).toBe(2);
    const id = added.DealerCustomer.DealerCustomerId;

    const got = await moka.getCustomer({ CustomerCode });
    expect(got.DealerCustomer).toMatchObject({ DealerCustomerId: id, FirstName: "Elif" });

    const withCard = await moka.addCard({ DealerCustomerId: id, ...CARD, CardName: "Bonus" });
    const token = withCard.CardList[0]!.CardToken;
    expect(token).toMatch(GUID);

    const list = await moka.getCardList({ CustomerCode });
    expect(list.CardList).toEqual([
      expect.objectContaining({
        CardToken: token,
        CardName: "Bonus",
        CardNumberFirstSix: "411111",
        CardNumberLastFour: "1111",
        ExpMonth: "03",
        ExpYear: "2030",
      }),
    ]);

    const renamed = await moka.updateCard({ CardToken: token, CardName: "Maximum" });
    expect(renamed.CardList).toEqual([expect.objectContaining({ CardToken: token, CardName: "Maximum" })]);
    // The token as the doc samples write it (braces, upper case; quirk Q15) finds the same card.
    const card = await moka.getCard({ CardToken: `{${token.toUpperCase()}}` });
    expect(card.CardList[0]).toMatchObject({ CardToken: token, CardName: "Maximum" });

    expect(await moka.removeCard({ CardToken: token })).toBe(true);
    expect(await errorCode(moka.getCard({ CardToken: token }))).toBe("DealerCustomer.GetCard.CardNotFound");

    expect(await moka.removeCustomer({ DealerCustomerId: id })).toEqual({});
    expect(await errorCode(moka.getCustomer({ CustomerCode }))).toBe(
      "DealerCustomer.GetCustomer.DealerCustomerNotFound",
    );
  });

  it("answers the documented errors", async () => {
    const CustomerCode = code();
    await moka.addCustomer({ CustomerCode });
    expect(await errorCode(moka.addCustomer({ CustomerCode }))).toBe(
      "DealerCustomer.AddCustomer.CustomerCodeAlreadyUsing",
    );
    expect(await errorCode(moka.addCustomerWithCard({ CustomerCode, ...CARD }))).toBe(
      "DealerCustomer.AddCustomerWithCard.CustomerCodeAlreadyUsing",
    );
    expect(await errorCode(moka.updateCustomer({ CustomerCode: `${CustomerCode}-X`, Email: "a@b.c" }))).toBe(
      "DealerCustomer.UpdateCustomer.DealerCustomerNotFound",
    );
    expect(await errorCode(moka.removeCustomer({ DealerCustomerId: 1034, CustomerCode }))).toBe(
      "DealerCustomer.RemoveCustomer.CustomerCodeDoesntMatchDealerCustomerId",
    );
    expect(await errorCode(moka.addCard({ CustomerCode: `${CustomerCode}-X`, ...CARD }))).toBe(
      "DealerCustomer.AddCard.DealerCustomerNotFound",
    );
    expect(
      await errorCode(
        moka.updateCard({ CardToken: "{00000000-0000-0000-0000-000000000000}", CardName: "x" }),
      ),
    ).toBe("DealerCustomer.UpdateCard.CardNotFound");
    expect(await errorCode(moka.removeCard({ CardToken: "00000000-0000-0000-0000-000000000000" }))).toBe(
      "DealerCustomer.RemoveCard.CardNotFound",
    );
  });

  it("answers CardTokenIsRequired and CustomerCodeOrDealerCustomerIdMustBeGiven to a request without them", async () => {
    const auth = {
      DealerCode: MOKA_DEALER.dealerCode,
      Username: MOKA_DEALER.username,
      Password: MOKA_DEALER.password,
      CheckKey: (await import("../moka.js")).mokaCheckKey(
        MOKA_DEALER.dealerCode,
        MOKA_DEALER.username,
        MOKA_DEALER.password,
      ),
    };
    const post = async (op: string, request: unknown) => {
      const res = await fetch(`${sb.urls.moka}/DealerCustomer/${op}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ DealerCustomerAuthentication: auth, DealerCustomerRequest: request }),
      });
      return ((await res.json()) as { ResultCode: string }).ResultCode;
    };
    expect(await post("RemoveCard", {})).toBe("DealerCustomer.RemoveCard.CardTokenIsRequired");
    expect(await post("GetCard", { CardToken: "" })).toBe("DealerCustomer.GetCard.CardTokenIsRequired");
    expect(await post("GetCustomer", { DealerCustomerId: "" })).toBe(
      "DealerCustomer.GetCustomer.CustomerCodeOrDealerCustomerIdMustBeGiven",
    );
    expect(await post("AddCustomer", { CustomerCode: "X", Shoe: 42 })).toBe(
      "DealerCustomer.AddCustomer.InvalidRequest",
    );
  });

  it("upsertCustomerWithCard: creates, then replaces the card", async () => {
    const CustomerCode = code();
    const first = await moka.upsertCustomerWithCard({ CustomerCode, ...CARD });
    expect(first.outcome).toBe("created");
    const second = await moka.upsertCustomerWithCard({
      CustomerCode,
      ...CARD,
      CardNumber: "5406675406675403",
    });
    expect(second.outcome).toBe("card-replaced");
    expect(second.removedCardTokens).toEqual([first.card!.CardToken]);
    const { CardList } = await moka.getCardList({ CustomerCode });
    expect(CardList.map((c) => c.CardNumberLastFour)).toEqual(["5403"]);
  });

  it("keeps only the first six and last four digits of a card number", async () => {
    const CustomerCode = code();
    const data = await moka.addCustomerWithCard({ CustomerCode, ...CARD });
    expect(data.CardList[0]).toMatchObject({ CardNumberFirstSix: "411111", CardNumberLastFour: "1111" });
    const state = await (await fetch(`${sb.urls.moka}/__sandbox/state`)).text();
    expect(state).not.toContain(NUMBER);
    // The store itself: what a dealer's customers hold after a card is added.
    const store = new DealerStore(structuredClone(seed));
    store.addCard(store.addCustomer("C", {}), { ...CARD, CardName: undefined });
    expect(JSON.stringify(store.customers)).not.toContain(NUMBER);
    expect(JSON.stringify(store.customers)).not.toContain(NUMBER.slice(6, 12));
  });
});
