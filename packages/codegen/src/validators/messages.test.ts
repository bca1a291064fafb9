/**
 * The words of every rule kind, on small schemas: one issue per field, the facet's own values, never the
 * offending value. (The contracts' own targets are tested in each types package.)
 */
import { describe, expect, it } from "vitest";
import { validatorFor } from "./__tests__/load-generated.js";
import type { SchemaObject } from "./schema.js";

const issuesOf = (schema: SchemaObject, value: unknown) =>
  validatorFor(schema)(value).map((i) => [i.field, i.rule, i.message]);

describe("messages for people", () => {
  it.each([
    [{ type: "string" }, 1, "must be a string"],
    [{ type: "integer" }, 1.25, "must be an integer"],
    [{ type: "number" }, "1", "must be a number"],
    [{ type: "boolean" }, 0, "must be true or false"],
    [{ type: "null" }, 0, "must be null"],
    [{ type: "object" }, [], "must be an object"],
    [{ type: "array" }, {}, "must be a list"],
    [{ type: ["string", "null"] }, 3, "must be a string or null"],
    [{ type: ["string", "integer", "null"] }, true, "must be a string, an integer or null"],
  ] as [SchemaObject, unknown, string][])("type %j", (schema, value, message) => {
    expect(issuesOf(schema, value)).toEqual([["", "type", message]]);
  });

  it("lists allowed values: two with 'or', more as 'one of', numbered runs as a range", () => {
    expect(issuesOf({ enum: [0, 1] }, 2)).toEqual([["", "enum", "must be 0 or 1"]]);
    expect(issuesOf({ enum: ["a", "b", "c"] }, "d")).toEqual([
      ["", "enum", 'must be one of "a", "b" or "c"'],
    ]);
    expect(issuesOf({ enum: ["k1", "k2", "k3", "k4"] }, "k5")).toEqual([
      ["", "enum", 'must be one of "k1" to "k4"'],
    ]);
    expect(issuesOf({ enum: ["k1", "k3", "k4", "k5"] }, "k2")[0]?.[2]).toBe(
      'must be one of "k1", "k3", "k4" or "k5"',
    );
    expect(issuesOf({ const: "" }, "x")).toEqual([["", "const", "must be an empty string"]]);
    expect(issuesOf({ const: 7 }, 8)).toEqual([["", "const", "must be 7"]]);
  });

  it("gives lengths in characters with the length found, and numeric bounds", () => {
    expect(issuesOf({ type: "string", maxLength: 3 }, "abcd")).toEqual([
      ["", "maxLength", "must be at most 3 characters (got 4)"],
    ]);
    expect(issuesOf({ type: "string", maxLength: 1 }, "ab")).toEqual([
      ["", "maxLength", "must be at most 1 character (got 2)"],
    ]);
    expect(issuesOf({ type: "string", minLength: 2 }, "a")).toEqual([
      ["", "minLength", "must be at least 2 characters (got 1)"],
    ]);
    expect(issuesOf({ type: "string", minLength: 2, maxLength: 2 }, "abc")).toEqual([
      ["", "maxLength", "must be exactly 2 characters (got 3)"],
    ]);
    expect(issuesOf({ type: "string", minLength: 1 }, "")).toEqual([["", "minLength", "must not be empty"]]);
    expect(issuesOf({ type: "integer", minimum: 5 }, 4)).toEqual([["", "minimum", "must be at least 5"]]);
    expect(issuesOf({ type: "number", maximum: 0.5 }, 0.75)).toEqual([
      ["", "maximum", "must be at most 0.5"],
    ]);
  });

  it("reports the first broken rule of a field only", () => {
    expect(issuesOf({ type: "string", maxLength: 2, pattern: "^[0-9]*$" }, "abc")).toEqual([
      ["", "maxLength", "must be at most 2 characters (got 3)"],
    ]);
  });

  it("puts simple patterns in words and quotes the others", () => {
    expect(issuesOf({ type: "string", pattern: "^[0-9]{4}$" }, "123")[0]?.[2]).toBe(
      "must be exactly 4 digits",
    );
    expect(issuesOf({ type: "string", pattern: "^a|b$" }, "c")[0]?.[2]).toBe("must match the pattern ^a|b$");
  });

  it("names missing, unexpected and badly named keys at the key, and counts entries", () => {
    const schema: SchemaObject = {
      type: "object",
      required: ["id"],
      properties: { id: { type: "integer" }, list: { type: "array", items: { type: "string" } } },
      additionalProperties: false,
    };
    expect(issuesOf(schema, { list: ["a", 2], extra: 1 })).toEqual([
      ["id", "required", "is required"],
      ["list.1", "type", "must be a string"],
      ["extra", "additionalProperties", "is not allowed here"],
    ]);
    const map: SchemaObject = { type: "object", maxProperties: 1, propertyNames: { pattern: "^[a-z]+$" } };
    expect(issuesOf(map, { a: 1, B: 2 })).toEqual([
      ["", "maxProperties", "must have at most 1 entry (got 2)"],
      [
        "B",
        "propertyNames",
        "is not an allowed key: a key must contain only small letters, and not be empty",
      ],
    ]);
  });

  it("describes a scalar that matches no alternative in one issue, and follows an object into its alternative", () => {
    const schema: SchemaObject = {
      anyOf: [{ type: "integer", minimum: 1 }, { const: "" }, { type: "object", required: ["a"] }],
    };
    expect(issuesOf(schema, 0)).toEqual([
      ["", "anyOf", "must be an integer of at least 1, an empty string or an object"],
    ]);
    expect(issuesOf(schema, {})).toEqual([["a", "required", "is required"]]);
    const one: SchemaObject = { oneOf: [{ type: "integer" }, { type: "number", maximum: 10 }] };
    expect(issuesOf(one, 3)).toEqual([
      ["", "oneOf", "must be only one of an integer or a number of at most 10 (it is 2)"],
    ]);
    expect(issuesOf(one, 3.5)).toEqual([]);
  });

  it("recognises alternatives of required members as 'at least one of' / 'exactly one of'", () => {
    const any: SchemaObject = { type: "object", anyOf: [{ required: ["a"] }, { required: ["b"] }] };
    expect(issuesOf(any, {})).toEqual([["", "anyOf", "give at least one of a, b"]]);
    const exactly: SchemaObject = { type: "object", oneOf: [{ required: ["a"] }, { required: ["b"] }] };
    expect(issuesOf(exactly, { a: 1, b: 2 })).toEqual([
      ["", "oneOf", "give exactly one of a, b (got a and b)"],
    ]);
    const untyped: SchemaObject = { oneOf: [{ required: ["a"] }, { required: ["b"] }] };
    expect(issuesOf(untyped, "x")).toEqual([["", "oneOf", "must be an object with exactly one of a, b"]]);
  });

  it("never quotes the value, whatever the rule", () => {
    const secret = "S3cr3t-value";
    const schemas: SchemaObject[] = [
      { type: "integer" },
      { enum: ["a"] },
      { const: "a" },
      { type: "string", maxLength: 3 },
      { type: "string", pattern: "^[0-9]+$" },
      { anyOf: [{ type: "integer" }, { const: "" }] },
      { type: "object", propertyNames: { maxLength: 2 } },
    ];
    for (const schema of schemas) {
      const issues = validatorFor(schema)(schema.type === "object" ? { [secret]: 1 } : secret);
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue.message).not.toContain(secret);
    }
  });
});
