import { describe, expect, it } from "vitest";
import * as generated from "./generated/validators.js";
import * as index from "./index.js";
import { operations, validateSyncMOCAParams, validateUpdateUserDotwebParams } from "./index.js";

const brief = (issues: { field: string; rule: string; message: string }[]) =>
  issues.map((i) => [i.field, i.rule, i.message]);

const user = {
  p_companyID: "0123456789abcdef0123456789abcdef",
  p_ws_StoreId: 12,
  p_wsAltUserId: "user-1",
  p_PIN: "1234",
  p_Achternaam: "Jansen",
  p_Voornaam: "Jan",
  p_Admin: 0,
  p_Security: 1,
  p_infoFields: { info1: "a" },
};
const update = (change: Record<string, unknown>) =>
  brief(validateUpdateUserDotwebParams({ ...user, ...change }));

describe("ESWS validators", () => {
  it("are re-exported one by one from the package, and are the descriptors' validateRequest", () => {
    for (const [name, fn] of Object.entries(generated)) {
      if (name.startsWith("validate")) expect((index as Record<string, unknown>)[name]).toBe(fn);
    }
    expect(operations.syncMOCA.validateRequest).toBe(validateSyncMOCAParams);
    expect(operations.updateUserDotweb.validateRequest).toBe(validateUpdateUserDotwebParams);
  });

  it("accept valid parameters, empty optional ones included", () => {
    expect(update({})).toEqual([]);
    expect(
      update({ p_StartDate: "", p_ExpireDate: "2030-12-31 00:00:00", p_groupUpdate: "1", p_locationID: "" }),
    ).toEqual([]);
    expect(validateSyncMOCAParams({ p_companyID: "c", p_wsAltUser_id: "A-1" })).toEqual([]);
  });

  it("list an enum's values: p_Admin must be 0 or 1", () => {
    for (const admin of [2, -1])
      expect(update({ p_Admin: admin })).toEqual([["p_Admin", "enum", "must be 0 or 1"]]);
    expect(update({ p_Admin: "1" })).toEqual([["p_Admin", "type", "must be an integer"]]);
    expect(update({ p_groupUpdate: "2" })).toEqual([
      ["p_groupUpdate", "enum", 'must be one of "", "0" or "1"'],
    ]);
  });

  it("say a required part is required, once", () => {
    const { p_infoFields: _omit, ...rest } = user;
    expect(brief(validateUpdateUserDotwebParams(rest))).toEqual([
      ["p_infoFields", "required", "is required"],
    ]);
  });

  it("put the contract's patterns in words", () => {
    expect(update({ p_wsAltUserId: "a b" })).toEqual([
      ["p_wsAltUserId", "pattern", "must contain only letters, digits and '-', and not be empty"],
    ]);
    expect(update({ p_PIN: "12a" })).toEqual([["p_PIN", "pattern", "must contain only digits"]]);
    expect(update({ p_Achternaam: "Łukasz" })).toEqual([
      [
        "p_Achternaam",
        "pattern",
        "must contain only tab, line feed, carriage return and Latin-1 characters (U+0020 to U+00FF)",
      ],
    ]);
    expect(update({ p_Voornaam: "" })).toEqual([["p_Voornaam", "minLength", "must not be empty"]]);
    expect(update({ p_StartDate: "2024-01-01" })).toEqual([
      ["p_StartDate", "pattern", "must have the form ####-##-## ##:##:## (# is a digit), or be empty"],
    ]);
    expect(update({ p_locationID: "x1" })).toEqual([["p_locationID", "pattern", "must contain only digits"]]);
  });

  it("give the limits of numbers and lengths", () => {
    expect(update({ p_ws_StoreId: 2 ** 31 })).toEqual([
      ["p_ws_StoreId", "maximum", "must be at most 2147483647"],
    ]);
    expect(update({ p_ws_StoreId: 1.5 })).toEqual([["p_ws_StoreId", "type", "must be an integer"]]);
    expect(update({ p_companyID: "c".repeat(33) })).toEqual([
      ["p_companyID", "maxLength", "must be at most 32 characters (got 33)"],
    ]);
  });

  it("check p_infoFields' keys and size", () => {
    expect(update({ p_infoFields: { info15: "x" } })).toEqual([
      [
        "p_infoFields.info15",
        "propertyNames",
        'is not an allowed key: a key must be one of "info1" to "info14"',
      ],
    ]);
    expect(update({ p_infoFields: { info2: 5 } })).toEqual([
      ["p_infoFields.info2", "type", "must be a string"],
    ]);
    const fifteen = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`info${i + 1}`, ""]));
    expect(update({ p_infoFields: fifteen })).toEqual([
      ["p_infoFields", "maxProperties", "must have at most 14 entries (got 15)"],
      [
        "p_infoFields.info15",
        "propertyNames",
        'is not an allowed key: a key must be one of "info1" to "info14"',
      ],
    ]);
  });

  it("name an unknown part without quoting it, and survive values that are not data", () => {
    expect(update({ p_secret: "s3cret" })).toEqual([
      ["p_secret", "additionalProperties", "is not allowed here"],
    ]);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
      },
    );
    expect(brief(validateSyncMOCAParams(hostile))).toEqual([
      ["", "type", "could not be read: it is not plain data"],
    ]);
  });
});
