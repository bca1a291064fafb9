import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { luhnValid, redactCardNumbers } from "./card-number.js";
import { createMokaClient } from "./client.js";
import { ValidationError } from "./index.js";
import { MokaError } from "./moka-error.js";

const VALID = "4111111111111111";
const CARD = { CardHolderFullName: "elif yetimoglu", ExpMonth: "01", ExpYear: "2030", CardName: "Bonus" };

function setup(reply?: (body: string) => object) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: string[] = [];
  if (reply) {
    agent
      .get("http://moka.test")
      .intercept({ path: /.*/, method: "POST" })
      .reply(200, (opts) => {
        sent.push(String(opts.body));
        return reply(String(opts.body));
      })
      .persist();
  }
  const logs: string[] = [];
  const moka = createMokaClient({
    dealerCode: "D",
    username: "u",
    password: "api-password-secret",
    baseUrl: "http://moka.test",
    dispatcher: agent,
    retry: false,
    logger: (event) => logs.push(JSON.stringify(event)),
  });
  return { agent, moka, sent, logs };
}

describe("luhnValid", () => {
  it("accepts numbers whose check digit is right and refuses the others", () => {
    expect(luhnValid(VALID)).toBe(true);
    expect(luhnValid("5406675406675403")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    // The AddCard page's sample number (quirk Q26).
    expect(luhnValid("1111222233335555")).toBe(false);
    expect(luhnValid("41111111111a1111")).toBe(false);
  });
});

describe("redactCardNumbers", () => {
  it("replaces card-number-shaped digit runs, grouped or not, and leaves short numbers alone", () => {
    expect(redactCardNumbers(`card ${VALID} refused`)).toBe("card [REDACTED] refused");
    expect(redactCardNumbers("card 4111 1111 1111 1111 / 4111-1111-1111-1111")).toBe(
      "card [REDACTED] / [REDACTED]",
    );
    expect(redactCardNumbers("customer 1033, month 01, year 2030")).toBe(
      "customer 1033, month 01, year 2030",
    );
  });

  it("stays linear on a long run of digits and separators", () => {
    const text = "1 ".repeat(200_000);
    expect(redactCardNumbers(text)).not.toContain("1 1 1 1 1 1 1 1 1 1 1 1");
  });
});

describe("the card number on the way in", () => {
  it.each([
    ["addCard", { CustomerCode: "Customer", ...CARD }],
    ["addCustomerWithCard", { CustomerCode: "Customer", ...CARD }],
  ] as const)(
    "%s refuses a number that fails the Luhn check, naming field and rule, sending nothing",
    async (method, base) => {
      const { moka, sent, agent } = setup(() => ({}));
      const error = await moka[method]({ ...base, CardNumber: "4111111111111112" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues;
      expect(issues).toEqual([
        expect.objectContaining({ field: "DealerCustomerRequest.CardNumber", rule: "luhn" }),
      ]);
      expect(issues[0]!.message).toMatch(/Luhn/);
      const shown = JSON.stringify(error) + String(error) + (error as Error).stack;
      expect(shown).not.toContain("4111111111111112");
      expect(sent).toEqual([]);
      await agent.close();
    },
  );

  it("reports a number with spaces once, as the contract's pattern, not also as Luhn", async () => {
    const { moka, agent } = setup();
    const error = (await moka
      .addCard({ CustomerCode: "Customer", ...CARD, CardNumber: "4111 1111 1111 1111" })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => [i.field, i.rule])).toEqual([
      ["DealerCustomerRequest.CardNumber", "pattern"],
    ]);
    expect(JSON.stringify(error) + error.message).not.toContain("4111 1111 1111 1111");
    await agent.close();
  });

  it("sends a valid number as given", async () => {
    const { moka, sent, agent } = setup(() => ({
      Data: null,
      ResultCode: "DealerCustomer.AddCard.DealerCustomerNotFound",
      ResultMessage: "",
      Exception: null,
    }));
    await expect(
      moka.addCard({ CustomerCode: "Customer", ...CARD, CardNumber: VALID }),
    ).rejects.toBeInstanceOf(MokaError);
    expect(JSON.parse(sent[0]!).DealerCustomerRequest.CardNumber).toBe(VALID);
    await agent.close();
  });
});

describe("the card number on the way back", () => {
  it("never reaches an error or a log event, when the vendor echoes it in any form", async () => {
    const echoes = [
      VALID,
      "4111 1111 1111 1111",
      // JSON \u escapes and URL encoding of every digit: the forms the runtime's redactor knows.
      [...VALID].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join(""),
      [...VALID].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(""),
    ];
    for (const echo of echoes) {
      const { moka, agent, logs } = setup(() => ({
        Data: null,
        ResultCode: `Card ${echo} refused`,
        ResultMessage: `The card ${echo} is not accepted`,
        Exception: `System.Exception: card ${echo}`,
      }));
      const error = await moka
        .addCard({ CustomerCode: "Customer", ...CARD, CardNumber: VALID })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MokaError);
      const shown = [JSON.stringify(error), String(error), (error as Error).stack, ...logs].join("\n");
      expect(shown).not.toContain(echo);
      expect(shown).not.toContain(VALID);
      await agent.close();
    }
  });
});
