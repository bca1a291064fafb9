import { describe, expect, it } from "vitest";
import { MalformedResponseError, ValidationError, type ValidationIssue } from "./errors.js";
import { assertValidRequest, assertValidResponse, type Validator } from "./validation.js";

/** Stands in for a generated validator: the issues it returns are the generator's business (codegen tests). */
const returning =
  (...issues: ValidationIssue[]): Validator =>
  () =>
    issues;

const issue = (field: string, rule: string, message: string): ValidationIssue => ({ field, rule, message });

describe("validation with generated validators", () => {
  it("accepts what the validator accepts, and hands it the value", () => {
    const seen: unknown[] = [];
    const value = { a: 1 };
    const validate: Validator = (v) => {
      seen.push(v);
      return [];
    };
    expect(() => assertValidRequest(validate, value, "Op")).not.toThrow();
    expect(() => assertValidResponse(validate, value, "Op", 200)).not.toThrow();
    expect(seen).toEqual([value, value]);
  });

  it("throws ValidationError with every issue and the operation, each issue as a sentence", () => {
    const validate = returning(
      issue("Request.Code", "maxLength", "must be at most 3 characters (got 4)"),
      issue("Auth.Password", "required", "is required"),
      issue("Request", "anyOf", "give at least one of Id, Code"),
      issue("", "oneOf", "give exactly one of a, b (got none)"),
    );
    try {
      assertValidRequest(validate, {}, "Op");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      expect(e.operation).toBe("Op");
      expect(e.issues).toHaveLength(4);
      expect(e.message).toBe(
        "Op: invalid request: Request.Code must be at most 3 characters (got 4) [maxLength]; " +
          "Auth.Password is required [required]; Request: give at least one of Id, Code [anyOf]; " +
          "give exactly one of a, b (got none) [oneOf]",
      );
    }
  });

  it("turns a response that breaks the contract into MalformedResponseError(schema), showing five issues", () => {
    const many = Array.from({ length: 7 }, (_, i) => issue(`key.${i}.profileID`, "required", "is required"));
    try {
      assertValidResponse(returning(...many), {}, "getKey", 200);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedResponseError);
      const e = error as MalformedResponseError;
      expect(e.reason).toBe("schema");
      expect(e.status).toBe(200);
      expect(e.message).toContain("key.4.profileID is required [required]; and 2 more");
      expect(e.message).not.toContain("key.5.profileID");
    }
  });
});
