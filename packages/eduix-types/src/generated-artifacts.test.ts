import { describe, expect, it } from "vitest";
import { contractWsdl, endpoints, generalFaultCodes, operations, sessionExpiredCodes } from "./index.js";

describe("generated Edu-iX artifacts", () => {
  it("give every operation its fault codes plus the general ones, unique", () => {
    for (const op of Object.values(operations)) {
      const codes = op.codes.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const g of generalFaultCodes) expect(codes).toContain(g.code);
    }
  });

  it("give every operation an example (the response element's minimal content) its response validator accepts", () => {
    for (const op of Object.values(operations)) expect(op.validateResponse(op.example)).toEqual([]);
  });

  it("mark both session-expired codes (12, and 3 from another Edu-iX page) for re-login", () => {
    expect([...sessionExpiredCodes].sort((a, b) => a - b)).toEqual([3, 12]);
  });

  it("list the three environments and carry the contract WSDL verbatim", () => {
    expect(Object.keys(endpoints).sort()).toEqual(["acceptance", "chain-test", "production"]);
    expect(contractWsdl).toContain('targetNamespace="urn:edu-ix:account:4.3"');
  });
});
