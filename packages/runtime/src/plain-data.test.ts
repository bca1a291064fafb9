import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import { copyPlainData, plainRequest } from "./plain-data.js";

class Customer {
  constructor(readonly CustomerCode: string) {}
  toJSON() {
    return { CustomerCode: "someone-else" };
  }
}

describe("copyPlainData", () => {
  it("copies own, plain data exactly, and leaves undefined fields out as JSON does", () => {
    const values: unknown[] = [
      { CustomerCode: "Customer1" },
      { DealerCustomerId: 1034, CustomerCode: "" },
      { a: [1, "x", true, null, { b: [] }], c: { d: -0.5 } },
      Object.assign(Object.create(null), { x: 1 }),
      [],
      "text",
      9007199254740991,
      null,
    ];
    for (const value of values) {
      const { value: copy, issues } = copyPlainData(value);
      expect(issues).toEqual([]);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      if (value !== null && typeof value === "object") expect(copy).not.toBe(value);
    }
    expect(copyPlainData({ a: undefined, b: 1 }).value).toEqual({ b: 1 });
  });

  it("refuses what JSON.stringify would send differently from what a schema check sees", () => {
    const inherited = Object.create({ CustomerCode: "Customer1" }) as object;
    const cases: [unknown, string, string][] = [
      [inherited, "DealerCustomerRequest", "plainObject"],
      [new Customer("Customer1"), "DealerCustomerRequest", "plainObject"],
      [{ CustomerCode: new Date(0) }, "DealerCustomerRequest.CustomerCode", "plainObject"],
      [{ CustomerCode: new Map() }, "DealerCustomerRequest.CustomerCode", "plainObject"],
      [{ DealerCustomerId: 1e21 }, "DealerCustomerRequest.DealerCustomerId", "safeInteger"],
      [{ DealerCustomerId: 2 ** 53 + 2 }, "DealerCustomerRequest.DealerCustomerId", "safeInteger"],
      [{ DealerCustomerId: -(2 ** 60) }, "DealerCustomerRequest.DealerCustomerId", "safeInteger"],
      [{ DealerCustomerId: Number.NaN }, "DealerCustomerRequest.DealerCustomerId", "finite"],
      [{ DealerCustomerId: Number.POSITIVE_INFINITY }, "DealerCustomerRequest.DealerCustomerId", "finite"],
      [{ DealerCustomerId: 10n }, "DealerCustomerRequest.DealerCustomerId", "type"],
      [{ CustomerCode: "x", toJSON: () => ({}) }, "DealerCustomerRequest.toJSON", "type"],
      [{ list: ["a", undefined] }, "DealerCustomerRequest.list.1", "type"],
      [{ s: Symbol("x") }, "DealerCustomerRequest.s", "type"],
    ];
    for (const [value, field, rule] of cases) {
      const { issues } = copyPlainData(value, "DealerCustomerRequest");
      expect(issues, `${field} ${rule}`).toEqual([expect.objectContaining({ field, rule })]);
    }
  });

  it("reads each field once: the copy is what a getter answered the first time", () => {
    let reads = 0;
    const request = {
      get CustomerCode() {
        reads++;
        return reads === 1 ? "Customer1" : "x".repeat(500);
      },
    };
    const { value } = copyPlainData(request);
    expect(value).toEqual({ CustomerCode: "Customer1" });
    expect(reads).toBe(1);
  });

  it("keeps a __proto__ key as data, and reports cycles and excessive nesting", () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as object;
    const copy = copyPlainData(parsed).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(copyPlainData(cyclic).issues).toEqual([expect.objectContaining({ field: "self", rule: "cycle" })]);
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(copyPlainData(deep).issues[0]).toMatchObject({ rule: "depth" });
    // The same object twice (not a cycle) is fine.
    const shared = { x: 1 };
    expect(copyPlainData({ a: shared, b: shared }).issues).toEqual([]);
  });

  it("plainRequest throws one ValidationError listing every issue", () => {
    const error = (() => {
      try {
        plainRequest({ a: Number.NaN, b: new Customer("c") }, "req", "GetCardList");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(["req.a", "req.b"]);
  });
});
