/**
 * The generated validators agree with ajv (Ajv2020 configured as the runtime configured it before the
 * validators replaced it) on every JSON Schema the three vendors' codegen emits: for schema-guided values,
 * valid and invalid, a validator returns no issue exactly when ajv says valid.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../emit.js";
import { readVendors } from "../vendor.js";
import { arbitraryFor } from "./__tests__/arbitrary.js";
import { validatorsFor } from "./__tests__/load-generated.js";
import { readSchemaExports, type SchemaExport } from "./schema-exports.js";

/** Every vendor of the registry (contracts/<vendor>/vendor.json). */
const VENDORS = readVendors().map((v) => v.id);
const RUNS = 1500;

function schemasOf(vendor: string) {
  return readSchemaExports(
    readFileSync(`${REPO_ROOT}packages/${vendor}-types/src/generated/schemas.ts`, "utf8"),
  );
}

/** Every keyword in combinations the contracts do not have (yet): overlapping oneOf, number, boolean, … */
const SYNTHETIC: SchemaExport[] = [
  {
    exportName: "KitchenSinkSchema",
    schema: {
      type: "object",
      required: ["id", "tags"],
      maxProperties: 5,
      properties: {
        id: {
          oneOf: [
            { type: "integer", minimum: 0 },
            { type: "number", maximum: 10 },
          ],
        },
        tags: { type: "array", items: { type: "string", minLength: 2, maxLength: 3, pattern: "^[a-z]+$" } },
        flag: { type: ["boolean", "null"] },
        nested: { allOf: [{ $ref: "#/$defs/pair" }, { required: ["a"] }] },
      },
      additionalProperties: { type: "integer", enum: [1, 2, 3] },
      propertyNames: { maxLength: 6 },
      $defs: {
        pair: {
          type: "object",
          properties: { a: { const: "x" }, b: { type: "number" } },
          additionalProperties: false,
        },
      },
    },
  },
  {
    exportName: "ScalarChoiceSchema",
    schema: {
      anyOf: [
        { type: "string", pattern: "^(?:[0-9]{2})?$" },
        { type: "array", items: { type: "null" } },
        { const: 7 },
      ],
    },
  },
];

const SUITES: [string, SchemaExport[]][] = [
  ...VENDORS.map((v): [string, SchemaExport[]] => [v, schemasOf(v)]),
  ["synthetic", SYNTHETIC],
];

describe.each(SUITES)("%s: generated validators agree with ajv", (_suite, schemas) => {
  const validators = validatorsFor(schemas);
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });

  it.each(schemas.map((s) => [s.exportName, s] as const))("%s", (_name, { exportName, schema }) => {
    const validate = validators.get(exportName)!;
    const reference = ajv.compile(schema);
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(arbitraryFor(schema), (value) => {
        const issues = validate(value);
        const expected = reference(value);
        if (expected) valid++;
        else invalid++;
        expect(issues.length === 0, JSON.stringify(issues)).toBe(expected);
        // The catch-all issue means the reporting pass missed a rule the boolean test found.
        expect(issues.filter((i) => i.rule === "schema")).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261204 },
    );
    // Both sides of the rules were exercised (schemas without constraints have few invalid values).
    expect(valid).toBeGreaterThan(RUNS / 20);
    expect(invalid).toBeGreaterThan(RUNS / 20);
  });
});
