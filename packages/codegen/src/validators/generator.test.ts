import { describe, expect, it } from "vitest";
import { validatorFor } from "./__tests__/load-generated.js";
import { validatorName, validatorRef, validatorsSource } from "./module.js";
import { patternWords } from "./pattern-words.js";
import type { SchemaObject } from "./schema.js";
import { readSchemaExports } from "./schema-exports.js";

const generate = (schema: SchemaObject) => validatorsSource([{ exportName: "TestSchema", schema }], "a test");

describe("the validator generator", () => {
  it("fails codegen on a keyword it does not implement, naming the keyword and the place", () => {
    expect(() =>
      generate({ type: "object", properties: { a: { type: "string", format: "email" } } }),
    ).toThrow(/TestSchema#\/properties\/a: the keyword "format" is not supported/);
    expect(() => generate({ type: "array", minItems: 1 })).toThrow(/"minItems" is not supported/);
    expect(() => generate({ $ref: "https://example.com/x.json" })).toThrow(
      /only "#\/\$defs\/<name>" is supported/,
    );
    expect(() => generate({ type: "string", pattern: "(" })).toThrow(
      /not a valid JavaScript regular expression/,
    );
    expect(() => generate({ enum: [{ a: 1 }] })).toThrow(/enum of objects/);
  });

  it("refuses a recursive $ref: the validators' depth is the schema's, never the value's", () => {
    const tree: SchemaObject = {
      $ref: "#/$defs/node",
      $defs: { node: { type: "object", properties: { child: { $ref: "#/$defs/node" } } } },
    };
    expect(() => generate(tree)).toThrow(/recursive \$ref/);
  });

  it("generates one pair of functions for identical subschemas, and names exports after the schemas", () => {
    const source = generate({
      type: "object",
      properties: {
        a: { type: "string", maxLength: 2 },
        b: { description: "same rule", type: "string", maxLength: 2 },
      },
    });
    expect(source.match(/^function is\d+/gm)).toHaveLength(2);
    expect(source).toContain("export function validateTest(value: unknown): ValidationIssue[]");
    expect(source).not.toMatch(/^import /m);
    expect(validatorName("GetKeyRequestSchema")).toBe("validateGetKeyRequest");
    expect(validatorRef("schemas.GetKeyRequestSchema")).toBe("validators.validateGetKeyRequest");
  });

  it("reads back the schemas codegen wrote, and refuses an export it cannot read", () => {
    const text =
      'export const ASchema = {\n  "type": "string"\n} as const;\n\nexport const BSchema = {\n  "enum": [\n    1\n  ]\n} as const;\n';
    expect(readSchemaExports(text)).toEqual([
      { exportName: "ASchema", schema: { type: "string" } },
      { exportName: "BSchema", schema: { enum: [1] } },
    ]);
    expect(() => readSchemaExports("export const A = 1;\n")).toThrow(/not named <Name>Schema/);
    expect(() => readSchemaExports("export type X = string;\n")).toThrow(/not JSON Schema constants/);
  });

  it("counts length in code points, as ajv does", () => {
    const validate = validatorFor({ type: "string", minLength: 2, maxLength: 2 });
    expect(validate("\u{1F600}\u{1F600}")).toEqual([]);
    expect(validate("\u{1F600}")).toHaveLength(1);
    expect(validate("\uD800\uD800")).toEqual([]); // lone surrogates count one each
  });

  it("follows ajv on JavaScript values JSON cannot hold", () => {
    const integer = validatorFor({ type: "integer" });
    expect(integer(Number.POSITIVE_INFINITY)).toEqual([]); // ajv's integer test (strictNumbers off)
    expect(integer(Number.NaN)).toHaveLength(1);
    const object = validatorFor({
      type: "object",
      required: ["a"],
      additionalProperties: false,
      properties: { a: {} },
    });
    expect(object({ a: undefined })).toEqual([{ field: "a", rule: "required", message: "is required" }]);
  });
});

describe("patterns in words", () => {
  it.each([
    ["^(?:[A-Za-z0-9\\-]+)$", "contain only letters, digits and '-', and not be empty"],
    ["^[A-Za-z0-9-]+$", "contain only letters, digits and '-', and not be empty"],
    ["^(?:[0-9]*)$", "contain only digits"],
    ["^(?:([0-9]+)?)$", "contain only digits"],
    ["^[0-9]{6}$", "be exactly 6 digits"],
    ["^\\d{2,3}$", "be 2 to 3 digits"],
    ["^[a-z]{2}$", "be exactly 2 characters, each one of small letters"],
    [
      "^(?:[\\t\\n\\r -ÿ]*)$",
      "contain only tab, line feed, carriage return and Latin-1 characters (U+0020 to U+00FF)",
    ],
    [
      "^(?:([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})?)$",
      "have the form ####-##-## ##:##:## (# is a digit), or be empty",
    ],
    ["^(?:([0-9]{4})?)$", "be exactly 4 digits, or be empty"],
  ])("%s", (pattern, words) => {
    expect(patternWords(pattern)).toBe(words);
  });

  it.each(["^(0[1-9]|1[0-2])$", "^info(?:[1-9]|1[0-4])$", "[0-9]+", "^[^a]$", "^\\w+$", "^a+?$", "^abc$"])(
    "leaves %s as a pattern",
    (pattern) => {
      expect(patternWords(pattern)).toBeUndefined();
    },
  );
});
