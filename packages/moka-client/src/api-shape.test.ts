/**
 * The client's methods come from the contract (generated `MokaOperations`); these checks keep them exactly the
 * signatures the client had when they were written by hand, and check that every operation has its method.
 */
import { operations } from "@integrations/moka-types";
import type { CallOptions } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import { createMokaClient, type GetCardListInput, type MokaClient } from "./client.js";
import type { GetCardListData, GetCustomerListData } from "./index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <T extends true>(value: T): T => value;

same<
  Equal<
    MokaClient["getCardList"],
    (input: GetCardListInput, options?: CallOptions) => Promise<GetCardListData>
  >
>(true);
same<Equal<MokaClient["getCustomerList"], (options?: CallOptions) => Promise<GetCustomerListData>>>(true);

describe("the client's methods", () => {
  it("has one method per contract operation, named by its operationId in camelCase, and the upsert", () => {
    const client = createMokaClient({ dealerCode: "d", username: "u", password: "p" });
    const expected = Object.keys(operations).map((id) => id.charAt(0).toLowerCase() + id.slice(1));
    expect(Object.keys(client).sort()).toEqual([...expected, "upsertCustomerWithCard"].sort());
  });
});
