import { describe, expect, it } from "vitest";
import * as generated from "./generated/validators.js";
import * as index from "./index.js";
import {
  operations,
  validateGetCardListRequest,
  validateGetCardListResponse,
  validateGetCustomerListRequest,
} from "./index.js";

const auth = { DealerCode: "D1", Username: "u", Password: "secret-pw", CheckKey: "c".repeat(64) };
const cardList = (request: Record<string, unknown>) =>
  validateGetCardListRequest({ DealerCustomerAuthentication: auth, DealerCustomerRequest: request });
const brief = (issues: { field: string; rule: string; message: string }[]) =>
  issues.map((i) => [i.field, i.rule, i.message]);

const card = {
  CardToken: "t",
  CardNumberFirstSix: "123456",
  CardNumberLastFour: "1234",
  CardHolderFullName: "A B",
  ExpMonth: "03",
  ExpYear: "2030",
};
const customer = { DealerCustomerId: 7, CustomerCode: "C7" };
const cardListResponse = (data: unknown) =>
  validateGetCardListResponse({ Data: data, ResultCode: "Success", ResultMessage: "", Exception: null });

describe("Moka validators", () => {
  it("are re-exported one by one from the package, and referenced by the descriptors", () => {
    for (const [name, fn] of Object.entries(generated)) {
      if (name.startsWith("validate")) expect((index as Record<string, unknown>)[name]).toBe(fn);
    }
    expect(operations.GetCardList.validateRequest).toBe(validateGetCardListRequest);
    expect(operations.GetCardList.validateResponse).toBe(validateGetCardListResponse);
    expect(operations.GetCustomerList.validateRequest).toBe(validateGetCustomerListRequest);
  });

  it("accept the documented shapes", () => {
    expect(cardList({ CustomerCode: "Customer1" })).toEqual([]);
    expect(cardList({ DealerCustomerId: 12, CustomerCode: "X" })).toEqual([]);
    expect(cardList({ DealerCustomerId: "", CustomerCode: "C" })).toEqual([]);
    expect(cardListResponse({ DealerCustomer: customer, CardListCount: 1, CardList: [card] })).toEqual([]);
    expect(cardListResponse(null)).toEqual([]);
  });

  it("give ONE issue for a DealerCustomerId that is neither a positive integer nor empty", () => {
    for (const id of [0, -3, 1.5, "12", "abc", true, null]) {
      expect(brief(cardList({ DealerCustomerId: id }))).toEqual([
        [
          "DealerCustomerRequest.DealerCustomerId",
          "anyOf",
          "must be an integer of at least 1 or an empty string",
        ],
      ]);
    }
  });

  it("ask for DealerCustomerId or CustomerCode when neither is given ('' means not given)", () => {
    for (const request of [{}, { DealerCustomerId: "" }]) {
      expect(brief(cardList(request))).toEqual([
        ["DealerCustomerRequest", "anyOf", "give at least one of DealerCustomerId, CustomerCode"],
      ]);
    }
  });

  it("count CustomerCode's length in characters (code points), and say the limit and the length", () => {
    expect(brief(cardList({ CustomerCode: "x".repeat(140) }))).toEqual([
      ["DealerCustomerRequest.CustomerCode", "maxLength", "must be at most 100 characters (got 140)"],
    ]);
    expect(cardList({ CustomerCode: "\u{1F600}".repeat(100) })).toEqual([]);
    expect(brief(cardList({ CustomerCode: "\u{1F600}".repeat(101) }))[0]?.[2]).toBe(
      "must be at most 100 characters (got 101)",
    );
    expect(brief(cardList({ CustomerCode: "" }))).toEqual([
      ["DealerCustomerRequest.CustomerCode", "minLength", "must not be empty"],
    ]);
  });

  it("name a missing, a mistyped and an unexpected field, one issue each, never quoting a value", () => {
    const issues = validateGetCardListRequest({
      DealerCustomerAuthentication: { ...auth, Password: 42, CheckKey: undefined, Extra: "secret-extra" },
      DealerCustomerRequest: { CustomerCode: "C" },
      Other: "secret-other",
    });
    expect(brief(issues)).toEqual([
      ["DealerCustomerAuthentication.CheckKey", "required", "is required"],
      ["DealerCustomerAuthentication.Password", "type", "must be a string"],
      ["DealerCustomerAuthentication.Extra", "additionalProperties", "is not allowed here"],
      ["Other", "additionalProperties", "is not allowed here"],
    ]);
    expect(JSON.stringify(issues)).not.toMatch(/secret|42/);
    expect(brief(validateGetCustomerListRequest(null))).toEqual([["", "type", "must be an object"]]);
  });

  it("report a response's broken field by its path, in words", () => {
    const cases: [unknown, [string, string, string]][] = [
      ["nope", ["Data", "anyOf", "must be an object or null"]],
      [
        { DealerCustomer: customer, CardListCount: -1, CardList: [] },
        ["Data.CardListCount", "minimum", "must be at least 0"],
      ],
      [
        { DealerCustomer: { ...customer, Gender: 3 }, CardListCount: 0, CardList: [] },
        ["Data.DealerCustomer.Gender", "enum", "must be one of 1, 2 or null"],
      ],
      [
        { DealerCustomer: { ...customer, BirthDate: "1985" }, CardListCount: 0, CardList: [] },
        ["Data.DealerCustomer.BirthDate", "pattern", "must be exactly 8 digits"],
      ],
      [
        { DealerCustomer: customer, CardListCount: 1, CardList: [{ ...card, ExpMonth: "13" }] },
        ["Data.CardList.0.ExpMonth", "pattern", "must match the pattern ^(0[1-9]|1[0-2])$"],
      ],
      [
        { DealerCustomer: customer, CardListCount: 1, CardList: [{ ...card, CardNumberFirstSix: "12345" }] },
        ["Data.CardList.0.CardNumberFirstSix", "pattern", "must be exactly 6 digits"],
      ],
      [{ DealerCustomer: customer, CardListCount: 0 }, ["Data.CardList", "required", "is required"]],
      [
        { DealerCustomer: customer, CardListCount: 0, CardList: {} },
        ["Data.CardList", "type", "must be a list"],
      ],
    ];
    for (const [data, expected] of cases) expect(brief(cardListResponse(data))).toEqual([expected]);
  });
});
