import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { validationIssues } from "./validation.js";
import { directCheck } from "./validation-direct.js";

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  additionalProperties: false,
  required: ["id", "code"],
  properties: {
    id: { $ref: "#/$defs/id" },
    code: { type: "string", minLength: 1, maxLength: 4 },
    note: { type: "string", maxLength: 3 },
  },
  $defs: { id: { type: "string", pattern: "^(?:[A-Za-z0-9\\-]+)$", description: "an id" } },
} as const;

/** A deterministic generator (no Math.random: the test is the same every run). */
function* values(count: number): Generator<unknown> {
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pieces = ["a", "Z", "9", "-", "_", " ", "é", "😀", "\ud800", "\udc00", "ab", ""];
  const text = () =>
    Array.from({ length: Math.floor(next() * 7) }, () => pieces[Math.floor(next() * pieces.length)]).join("");
  const field = () => {
    const r = next();
    return r < 0.7 ? text() : r < 0.8 ? 12 : r < 0.9 ? undefined : null;
  };
  for (let i = 0; i < count; i++) {
    const value: Record<string, unknown> = {};
    if (next() < 0.9) value.id = field();
    if (next() < 0.9) value.code = field();
    if (next() < 0.5) value.note = field();
    if (next() < 0.05) value.extra = "x";
    yield next() < 0.02 ? [value] : value;
  }
}

describe("direct validity check", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  const check = directCheck(schema)!;

  it("exists for simple schemas and not for anything else", () => {
    expect(check).toBeTypeOf("function");
    expect(
      directCheck({ type: "object", properties: { n: { type: "integer" } }, additionalProperties: false }),
    ).toBeUndefined();
    expect(directCheck({ anyOf: [{ type: "string" }] })).toBeUndefined();
  });

  it("never calls an invalid value valid, and agrees with ajv on 20 000 generated values", () => {
    let valid = 0;
    for (const value of values(20_000)) {
      const expected = ajv(value);
      expect(check(value), JSON.stringify(value)).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(300);
  });

  it("leaves every reported issue to ajv", () => {
    expect(validationIssues(schema, { id: "a b", code: "" }).map((i) => [i.field, i.rule])).toEqual([
      ["id", "pattern"],
      ["code", "minLength"],
    ]);
    expect(validationIssues(schema, { id: "ok", code: "ok" })).toEqual([]);
  });
});
