import { describe, expect, it } from "vitest";
import { contractText } from "../__tests__/contracts.js";
import { openApiExtensionIssues } from "./extension-rules.js";
import { loadOpenApi } from "./read.js";

const operation = (extra: Record<string, unknown>) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/Things/Get": {
      post: {
        operationId: "GetThing",
        "x-idempotent": true,
        "x-result-codes": [{ code: "Success", meaning: "Done", retryable: false }],
        responses: { "200": { description: "ok" } },
        ...extra,
      },
    },
  },
  components: {
    schemas: { Card: { type: "object", properties: { Number: { type: "string", "x-secret": true } } } },
  },
});

const issuesOf = (doc: unknown) => openApiExtensionIssues(loadOpenApi(JSON.stringify(doc)));

describe("the OpenAPI contract extension rules", () => {
  it("find nothing wrong in a well-formed contract, nor in the real one", () => {
    expect(issuesOf(operation({}))).toEqual([]);
    expect(openApiExtensionIssues(loadOpenApi(contractText("contracts/moka/openapi.yaml")))).toEqual([]);
  });

  it("require every operation to declare x-idempotent and its result codes", () => {
    expect(issuesOf(operation({ "x-idempotent": undefined, "x-result-codes": [] }))).toEqual([
      { at: "GetThing", message: "x-idempotent must be declared, true or false" },
      { at: "GetThing", message: "x-result-codes must list the operation's documented codes" },
    ]);
    expect(issuesOf(operation({ "x-idempotent": "yes" })).map((i) => i.message)).toEqual([
      'x-idempotent is "yes"; it must be true or false',
    ]);
  });

  it("name each malformed result code", () => {
    const codes = [
      { code: "Success", meaning: "Done" },
      { code: "Success", meaning: "Again", retryable: "no" },
      { code: 7 },
      "Oops",
    ];
    expect(issuesOf(operation({ "x-result-codes": codes })).map((i) => [i.at, i.message])).toEqual([
      ["GetThing › x-result-codes[1]", 'code "Success" is listed more than once'],
      ["GetThing › x-result-codes[1]", 'retryable is "no"; it must be true or false'],
      ["GetThing › x-result-codes[2]", 'code "7" has no meaning'],
      ["GetThing › x-result-codes[3]", "a result code must be an object { code, meaning, retryable }"],
    ]);
  });

  it("require x-secret to be true or false wherever a schema carries it", () => {
    const doc = operation({});
    (doc.components.schemas.Card.properties.Number as Record<string, unknown>)["x-secret"] = "yes";
    expect(issuesOf(doc)).toEqual([
      { at: "schema Card.properties.Number", message: 'x-secret is "yes"; it must be true or false' },
    ]);
  });
});
