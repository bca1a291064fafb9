import { describe, expect, it } from "vitest";
import * as generated from "./generated/validators.js";
import * as index from "./index.js";
import {
  operations,
  validateAccountFault,
  validateAuthHeader,
  validateCreateKeyRequest,
  validateGetKeyRequest,
  validateGetKeyResponse,
  validateLoginHeader,
} from "./index.js";

const brief = (issues: { field: string; rule: string; message: string }[]) =>
  issues.map((i) => [i.field, i.rule, i.message]);
const ECK = "https://ketenid.nl/201703/".padEnd(180, "a");

describe("Edu-iX validators", () => {
  it("are re-exported one by one from the package, and referenced by the descriptors", () => {
    for (const [name, fn] of Object.entries(generated)) {
      if (name.startsWith("validate")) expect((index as Record<string, unknown>)[name]).toBe(fn);
    }
    expect(operations.getKey.validateRequest).toBe(validateGetKeyRequest);
    expect(operations.getKey.validateResponse).toBe(validateGetKeyResponse);
    expect(operations.getKey.binding.validateHeader).toBe(validateAuthHeader);
    expect(operations.login.binding.validateHeader).toBe(validateLoginHeader);
  });

  it("ask for exactly one of the getKey selectors, naming the ones given", () => {
    expect(validateGetKeyRequest({ userID: ECK })).toEqual([]);
    expect(brief(validateGetKeyRequest({ profileID: 48213976, userID: ECK }))).toEqual([
      ["", "oneOf", "give exactly one of profileID, distributorPersonID, userID (got profileID and userID)"],
    ]);
    expect(brief(validateGetKeyRequest({ profileID: 1, distributorPersonID: "d", userID: "u" }))).toEqual([
      [
        "",
        "oneOf",
        "give exactly one of profileID, distributorPersonID, userID (got profileID, distributorPersonID and userID)",
      ],
    ]);
    expect(brief(validateGetKeyRequest({}))).toEqual([
      ["", "oneOf", "give exactly one of profileID, distributorPersonID, userID (got none)"],
    ]);
    // A selector given with a wrong value is reported on its own field only.
    expect(brief(validateGetKeyRequest({ profileID: 0 }))).toEqual([
      ["profileID", "minimum", "must be at least 1"],
    ]);
  });

  it("ask for exactly one of the headers", () => {
    expect(validateAuthHeader({ sessionIDHeader: { sessionID: "s" } })).toEqual([]);
    expect(brief(validateAuthHeader({}))).toEqual([
      ["", "oneOf", "give exactly one of loginHeader, sessionIDHeader (got none)"],
    ]);
    expect(brief(validateAuthHeader({ loginHeader: {}, sessionIDHeader: { sessionID: "s" } }))).toEqual([
      ["", "oneOf", "give exactly one of loginHeader, sessionIDHeader (got loginHeader and sessionIDHeader)"],
    ]);
    expect(brief(validateAuthHeader({ sessionIDHeader: {} }))).toEqual([
      ["sessionIDHeader.sessionID", "required", "is required"],
    ]);
  });

  it("give limits, types and required fields in words, without the value", () => {
    const password = `pw-${"p".repeat(70)}`;
    const issues = validateLoginHeader({ username: "u".repeat(101), password });
    expect(brief(issues)).toEqual([
      ["username", "maxLength", "must be at most 100 characters (got 101)"],
      ["password", "maxLength", "must be at most 64 characters (got 73)"],
    ]);
    expect(JSON.stringify(issues)).not.toContain("pw-");
    expect(brief(validateCreateKeyRequest({ profileID: 12345678901, userID: "u" }))).toEqual([
      ["profileID", "maximum", "must be at most 9999999999"],
    ]);
    expect(brief(validateCreateKeyRequest({ profileID: "1" }))).toEqual([
      ["userID", "required", "is required"],
      ["profileID", "type", "must be an integer"],
    ]);
    expect(brief(validateGetKeyResponse({ key: [{ profileID: 1 }, { userID: "u".repeat(257) }] }))).toEqual([
      ["key.1.profileID", "required", "is required"],
      ["key.1.userID", "maxLength", "must be at most 256 characters (got 257)"],
    ]);
    expect(brief(validateAccountFault({ code: "12", message: "x" }))).toEqual([
      ["code", "type", "must be an integer"],
    ]);
  });

  it("stay linear and never throw on hostile values", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(brief(validateGetKeyResponse({ key: deep }))).toEqual([["key.0", "type", "must be an object"]]);
    const many = Array.from({ length: 50_000 }, () => ({ profileID: 0 }));
    const issues = validateGetKeyResponse({ key: many });
    expect(issues).toHaveLength(50_000);
    expect(issues[49_999]).toEqual({
      field: "key.49999.profileID",
      rule: "minimum",
      message: "must be at least 1",
    });
    const proto = JSON.parse('{"__proto__": {"x": 1}, "userID": "u"}');
    expect(brief(validateGetKeyRequest(proto))).toEqual([
      ["__proto__", "additionalProperties", "is not allowed here"],
    ]);
  });
});
