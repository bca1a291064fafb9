import { describe, expect, it } from "vitest";
import { contractWsdl, generalResultCodes, operations } from "./index.js";

describe("generated ESWS artifacts", () => {
  it("keep the parts in contract order, with unique names and an xsi:type each", () => {
    for (const op of Object.values(operations)) {
      const names = op.binding.parts.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names[0]).toBe("p_companyID");
      for (const p of op.binding.parts) expect(p.xsiType).toMatch(/^(xsd|ns2):/);
    }
    expect(operations.syncMOCA.binding.parts.map((p) => p.name)).toEqual(["p_companyID", "p_wsAltUser_id"]);
    expect(operations.updateUserDotweb.binding.parts.at(-1)?.name).toBe("p_locationID");
  });

  it("give every operation its codes plus the general ones, with compilable match patterns", () => {
    for (const op of Object.values(operations)) {
      const codes = op.codes.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const g of generalResultCodes) expect(codes).toContain(g.code);
      expect(op.codes.some((c) => c.outcome === "success")).toBe(true);
      for (const c of op.codes) if (c.match) expect(() => new RegExp(c.match!)).not.toThrow();
    }
  });

  it("carry the contract WSDL verbatim", () => {
    expect(contractWsdl).toContain('targetNamespace="uen:esws"');
  });
});
