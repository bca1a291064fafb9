import { describe, expect, it } from "vitest";
import { MalformedResponseError, ValidationError } from "./errors.js";
import { assertValidRequest, assertValidResponse, validationIssues } from "./validation.js";

const schema = {
  type: "object",
  required: ["Auth", "Request"],
  additionalProperties: false,
  properties: {
    Auth: {
      type: "object",
      required: ["Password"],
      properties: { Password: { type: "string", minLength: 1 } },
    },
    Request: {
      type: "object",
      additionalProperties: false,
      properties: { Code: { type: "string", maxLength: 3 }, Id: { type: "integer", minimum: 1 } },
    },
  },
} as const;

describe("validation", () => {
  it("accepts a valid value", () => {
    expect(validationIssues(schema, { Auth: { Password: "p" }, Request: { Code: "abc" } })).toEqual([]);
  });

  it("names every offending field and the rule it broke", () => {
    const issues = validationIssues(schema, {
      Auth: {},
      Request: { Code: "abcd", Id: 0, Extra: 1 },
      More: 1,
    });
    expect(issues.map((i) => [i.field, i.rule])).toEqual(
      expect.arrayContaining([
        ["More", "additionalProperties"],
        ["Auth.Password", "required"],
        ["Request.Extra", "additionalProperties"],
        ["Request.Code", "maxLength"],
        ["Request.Id", "minimum"],
      ]),
    );
  });

  it("throws ValidationError with the operation, and never echoes values", () => {
    const secret = "s3cr3t-password-value";
    try {
      assertValidRequest(schema, { Auth: { Password: 42 }, Request: { Code: secret } }, "Op");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      expect(e.operation).toBe("Op");
      expect(e.message).toContain("Auth.Password");
      expect(e.message).toContain("Request.Code");
      expect(e.message).not.toContain(secret);
      expect(JSON.stringify(e)).not.toContain(secret);
    }
  });

  it("turns a response that breaks the contract into MalformedResponseError(schema)", () => {
    expect(() => assertValidResponse(schema, { Auth: {} }, "Op", 200)).toThrow(MalformedResponseError);
  });
});
