import { describe, expect, it } from "vitest";
import { contractText } from "../__tests__/contracts.js";
import { ContractFormatError } from "../errors.js";
import { componentSchemaName, jsonPointer, loadOpenApi } from "./read.js";

const SPEC = `
openapi: 3.1.0
info: { title: t, version: "1" }
servers:
  - url: https://test.example/api
    description: Test
    x-environment: test
  - url: https://example/api
paths:
  /cards/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
      - $ref: "#/components/parameters/Trace"
    post:
      operationId: GetCard
      summary: One card.
      x-idempotent: true
      x-quirk: The id is case-sensitive.
      x-result-codes:
        - { code: Success, meaning: OK, retryable: false }
        - { code: 500, meaning: Busy, retryable: true }
      parameters:
        - { name: trace, in: header, required: true, schema: { type: string, maxLength: 8 } }
      requestBody:
        $ref: "#/components/requestBodies/Card"
      responses:
        "200":
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Card" }
    get:
      operationId: ListCards
      responses: {}
    summary: not an operation
components:
  parameters:
    Trace: { name: trace, in: header, schema: { type: string } }
  requestBodies:
    Card:
      required: true
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Card" }
  schemas:
    Card:
      type: object
      properties:
        number: { type: string, x-secret: true }
        holder:
          type: object
          properties:
            pin: { type: string, x-secret: true }
            name: { type: string }
        history:
          type: array
          items: { type: object, properties: { cvc: { type: string, x-secret: true } } }
    "Odd/Name": { type: string }
`;

describe("loadOpenApi", () => {
  const model = loadOpenApi(SPEC);

  it("lists operations in document order, methods as written", () => {
    expect(model.operations.map((o) => o.key)).toEqual(["POST /cards/{id}", "GET /cards/{id}"]);
    expect(model.paths).toEqual(["/cards/{id}"]);
    expect(model.openapi).toBe("3.1.0");
  });

  it("reads the contract extensions of an operation", () => {
    const op = model.operations[0]!;
    expect(op).toMatchObject({
      method: "post",
      path: "/cards/{id}",
      operationId: "GetCard",
      summary: "One card.",
      idempotent: true,
      quirk: "The id is case-sensitive.",
    });
    expect(op.resultCodes!.map((c) => [c.code, c.meaning, c.retryable])).toEqual([
      ["Success", "OK", false],
      ["500", "Busy", true],
    ]);
    expect(Object.keys(op.extensions)).toEqual(["x-idempotent", "x-quirk", "x-result-codes"]);
    expect(model.operations[1]).toMatchObject({
      idempotent: undefined,
      resultCodes: undefined,
      quirk: undefined,
    });
  });

  it("merges path and operation parameters (the operation's win) and follows $refs", () => {
    const op = model.operations[0]!;
    expect(op.parameters.map((p) => [p.in, p.name, p.required])).toEqual([
      ["path", "id", true],
      ["header", "trace", true],
    ]);
    expect(op.requestBody).toMatchObject({ required: true });
    expect(model.deref({ $ref: "#/components/parameters/Trace" })).toMatchObject({ name: "trace" });
  });

  it("reads servers with their x-environment", () => {
    expect(model.servers.map((s) => [s.url, s.description, s.environment])).toEqual([
      ["https://test.example/api", "Test", "test"],
      ["https://example/api", undefined, undefined],
    ]);
  });

  it("lists the component schemas and the properties marked x-secret", () => {
    expect([...model.schemas.keys()]).toEqual(["Card", "Odd/Name"]);
    expect(model.schemas.get("Card")!.secretProperties).toEqual(["number", "holder.pin", "history[].cvc"]);
    expect(model.schemas.get("Odd/Name")!.secretProperties).toEqual([]);
    expect(componentSchemaName("#/components/schemas/Odd~1Name")).toBe("Odd~1Name");
    expect(componentSchemaName("#/components/parameters/Trace")).toBeUndefined();
    expect(jsonPointer(model.document, "#/components/schemas/Odd~1Name")).toEqual({ type: "string" });
  });

  it("reads the real Moka contract: x-result-codes, x-idempotent, x-environment", () => {
    const moka = loadOpenApi(contractText("contracts/moka/openapi.yaml"));
    expect(moka.operations.map((o) => o.operationId)).toEqual([
      "GetCardList",
      "GetCustomerList",
      "AddCustomer",
      "AddCustomerWithCard",
      "UpdateCustomer",
      "GetCustomer",
      "RemoveCustomer",
      "AddCard",
      "UpdateCard",
      "GetCard",
      "RemoveCard",
    ]);
    expect(moka.operations.every((o) => (o.resultCodes?.length ?? 0) > 0)).toBe(true);
    // Only the reads are idempotent.
    expect(moka.operations.filter((o) => o.idempotent === true).map((o) => o.operationId)).toEqual([
      "GetCardList",
      "GetCustomerList",
      "GetCustomer",
      "GetCard",
    ]);
    expect(moka.servers.map((s) => s.environment)).toEqual(["test", "production"]);
  });

  it("refuses a document whose root is not a mapping", () => {
    expect(() => loadOpenApi("- a\n- b\n")).toThrow(ContractFormatError);
    expect(() => loadOpenApi("just text")).toThrow(/not an OpenAPI document/);
  });
});
