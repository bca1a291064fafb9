import { describe, expect, it } from "vitest";
import { clientMethodsInterface, methodName } from "./client-methods.js";
import { DESCRIPTOR_FIELDS, descriptorFields, summaryOf, TsCode } from "./descriptor.js";
import type { JsonObject } from "./json-schema.js";
import { secretPaths } from "./secret-paths.js";

describe("secretPaths", () => {
  const components: Record<string, JsonObject> = {
    Auth: {
      type: "object",
      properties: { User: { type: "string" }, Key: { type: "string", "x-secret": true } },
    },
    Card: {
      type: "object",
      properties: { Number: { type: "string", "x-secret": true }, Name: { type: "string" } },
    },
    Node: {
      type: "object",
      properties: { Next: { $ref: "#/components/schemas/Node" }, Pin: { "x-secret": true } },
    },
    Body: {
      type: "object",
      properties: {
        Auth: { $ref: "#/components/schemas/Auth" },
        Cards: { type: "array", items: { $ref: "#/components/schemas/Card" } },
        Maybe: { anyOf: [{ $ref: "#/components/schemas/Card" }, { type: "null" }] },
      },
    },
  };

  it("follows references, arrays and alternatives", () => {
    expect(secretPaths(components, "Body")).toEqual(["Auth.Key", "Cards[].Number", "Maybe.Number"]);
  });

  it("refuses a recursive schema instead of leaving deeper secrets unlisted", () => {
    const tree = {
      ...components,
      Tree: { type: "object", properties: { Root: { $ref: "#/components/schemas/Node" } } },
    };
    expect(() => secretPaths(tree, "Tree")).toThrow(/Root.Next refers back to Node/);
  });

  it("finds nothing where nothing is marked", () => {
    expect(secretPaths({ A: { type: "object", properties: { B: { type: "string" } } } }, "A")).toEqual([]);
  });
});

describe("descriptor fields", () => {
  it("writes the common fields first, in one order, with the binding last", () => {
    const text = descriptorFields({
      vendor: "v",
      operationId: "Op",
      wireName: "Svc.Op",
      summary: "Does it.",
      idempotent: false,
      secrets: ["a.b"],
      codes: "codes.OpCodes",
      binding: { kind: "json-post", path: "/x", absent: undefined, "odd-key": 1 },
    });
    const written = text.split("\n").map((l) => l.trim().split(":")[0]);
    expect(written).toEqual([
      "vendor",
      "operationId",
      "wireName",
      "summary",
      "idempotent",
      "secrets",
      "codes",
      "binding",
      "",
    ]);
    // In the order of the shape's field list (the optional fields this one lacks left out).
    expect(DESCRIPTOR_FIELDS.filter((f) => written.includes(f))).toEqual(written.slice(0, -1));
    expect(text).toContain('binding: { kind: "json-post", path: "/x", "odd-key": 1 },');
  });

  it("writes a binding's code references as expressions, not as strings", () => {
    const text = descriptorFields({
      vendor: "v",
      operationId: "Op",
      wireName: "Op",
      summary: undefined,
      idempotent: true,
      secrets: [],
      codes: "codes.OpCodes",
      binding: { kind: "soap-document-literal", validateHeader: new TsCode("validators.validateHeader") },
    });
    expect(text).toContain(
      'binding: { kind: "soap-document-literal", validateHeader: validators.validateHeader },',
    );
  });

  it("takes the first sentence of the documentation as the summary", () => {
    expect(summaryOf("Get the keys.  More text. And more.")).toBe("Get the keys.");
    expect(summaryOf("No period at all")).toBe("No period at all");
    expect(summaryOf("Version 4.3 of it. Rest")).toBe("Version 4.3 of it.");
    expect(summaryOf(undefined)).toBeUndefined();
    expect(summaryOf("  ")).toBeUndefined();
  });
});

describe("client methods", () => {
  it("names each method by the operation in camelCase, without a service prefix", () => {
    expect(["GetCardList", "Esws.syncMOCA", "getKey", "AddCustomerWithCard"].map(methodName)).toEqual([
      "getCardList",
      "syncMOCA",
      "getKey",
      "addCustomerWithCard",
    ]);
  });

  it("writes a method without input as taking only the options, and keeps comments closed", () => {
    const text = clientMethodsInterface("XOperations", "Doc.", [
      { name: "list", summary: "Lists */ all", input: undefined, output: "string[]" },
      { name: "get", summary: undefined, input: "{ id: number }", output: "string" },
    ]);
    expect(text).toContain("list(options?: O): Promise<string[]>;");
    expect(text).toContain("get(input: { id: number }, options?: O): Promise<string>;");
    expect(text).toContain("/** Lists *\\/ all */");
  });
});
