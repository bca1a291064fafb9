import { operations } from "@integrations/moka-types";
import { scrubExchange } from "@integrations/runtime/recording";
import { describe, expect, it } from "vitest";
import { luhnValid } from "./card-number.js";
import { computeCheckKey } from "./check-key.js";
import { mokaScrubRules, PLACEHOLDER_CARD_NUMBER } from "./scrub-rules.js";

const password = `pa"ss<&>\\${"w".repeat(1100)}`;
const cardNumber = "5406675406675403";

function sent(op: keyof typeof operations, request?: Record<string, unknown>) {
  const body = {
    DealerCustomerAuthentication: {
      DealerCode: "D1",
      Username: "api-user",
      Password: password,
      CheckKey: computeCheckKey("D1", "api-user", password),
    },
    ...(request === undefined ? {} : { DealerCustomerRequest: request }),
  };
  const out = scrubExchange({
    secrets: operations[op].secrets,
    rules: mokaScrubRules,
    request: { format: "json", text: JSON.stringify(body) },
  });
  return { out, body: JSON.parse(out.request!.text) as typeof body };
}

describe("mokaScrubRules", () => {
  it("recomputes the CheckKey from the placeholder credentials: a recorded request is consistent", () => {
    const { out, body } = sent("GetCustomerList");
    const auth = body.DealerCustomerAuthentication;
    expect(auth.Password).toBe("REDACTED-Password");
    expect(auth.CheckKey).toBe(computeCheckKey("D1", "api-user", "REDACTED-Password"));
    expect(auth.CheckKey).toMatch(/^[0-9a-f]{64}$/);
    expect(out.scrubbed).toEqual([
      "DealerCustomerAuthentication.Password",
      "DealerCustomerAuthentication.CheckKey",
    ]);
    expect(operations.GetCustomerList.validateRequest(body)).toEqual([]);
  });

  it("puts a Luhn-valid test card number in a card number's place, valid against the contract", () => {
    expect(luhnValid(PLACEHOLDER_CARD_NUMBER)).toBe(true);
    const { out, body } = sent("AddCard", {
      DealerCustomerId: 1034,
      CardHolderFullName: "Elif Y",
      CardNumber: cardNumber,
      ExpMonth: "12",
      ExpYear: "2030",
    });
    expect(
      (body as { DealerCustomerRequest?: { CardNumber?: string } }).DealerCustomerRequest?.CardNumber,
    ).toBe(PLACEHOLDER_CARD_NUMBER);
    expect(out.request!.text).not.toContain(cardNumber);
    expect(operations.AddCard.validateRequest(body)).toEqual([]);
  });
});
