import { operations } from "@integrations/easysecure-types";
import { describe, expect, it } from "vitest";
import { createDateFormatter } from "./dates.js";
import type { OperationDescriptor, OperationSpec } from "./operation.js";
import { type ParamsContext, prepareOperation, toWireParams } from "./params.js";

const SYNC_MOCA: OperationSpec = {
  descriptor: operations.syncMOCA as OperationDescriptor,
  apiNames: { p_wsAltUser_id: "p_wsAltUserId" },
};
const UPDATE: OperationSpec = {
  descriptor: operations.updateUserDotweb as OperationDescriptor,
  apiNames: {},
};
const context: ParamsContext = {
  companyId: "company-code-1",
  transliterate: false,
  formatDate: createDateFormatter("Europe/Amsterdam"),
};
const minimal = {
  p_ws_StoreId: 1234,
  p_wsAltUserId: "EMP-0042",
  p_PIN: "",
  p_Achternaam: "Jansen",
  p_Voornaam: "Piet",
  p_Admin: 0,
  p_Security: 0,
  p_infoFields: { info1: "piet@example.com" },
};

const issues = (spec: OperationSpec, input: unknown, ctx = context) =>
  toWireParams(prepareOperation(spec), input, ctx).issues;

describe("toWireParams: keys named like Object.prototype's members", () => {
  it("reports them as unknown parameters, never quoting a function", () => {
    for (const key of [
      "constructor",
      "toString",
      "valueOf",
      "hasOwnProperty",
      "__proto__",
      "isPrototypeOf",
    ]) {
      for (const [spec, base] of [
        [SYNC_MOCA, { p_wsAltUserId: "EMP-1" }],
        [UPDATE, minimal],
      ] as const) {
        // An own property, also for __proto__ (as JSON.parse makes it).
        const input = Object.defineProperty({ ...base }, key, { value: "x", enumerable: true });
        const found = issues(spec, input);
        expect(found, key).toEqual([
          {
            field: key,
            rule: "additionalProperties",
            message: `is not a parameter of ${spec.descriptor.wireName}`,
          },
        ]);
        expect(JSON.stringify(found)).not.toMatch(/function|native code|\[object/);
      }
    }
  });
});

describe("toWireParams: p_groupName", () => {
  it("refuses empty group names in a string as it does in a list", () => {
    for (const groupName of ["A;;B;", ";A", "A;", ";", "A;;", "A;B;;C"]) {
      expect(issues(UPDATE, { ...minimal, p_groupName: groupName }), groupName).toEqual([
        expect.objectContaining({ field: "p_groupName", rule: "groupNameElement" }),
      ]);
      const list = groupName.split(";");
      expect(issues(UPDATE, { ...minimal, p_groupName: list }).map((i) => i.rule)).toContain(
        "groupNameElement",
      );
    }
    for (const groupName of ["", "A", "A;B", "Group 1;Group 2;x"]) {
      expect(issues(UPDATE, { ...minimal, p_groupName: groupName }), groupName).toEqual([]);
    }
  });
});

describe("toWireParams: control characters U+007F–U+009F", () => {
  it("are refused in every free-text field, also when transliterating, with the likely intent", () => {
    for (const cp of [0x7f, 0x80, 0x85, 0x92, 0x9f]) {
      const ch = String.fromCharCode(cp);
      for (const transliterate of [false, true]) {
        const ctx = { ...context, transliterate };
        const found = issues(
          UPDATE,
          {
            ...minimal,
            p_Achternaam: `D${ch}Angelo`,
            p_infoFields: { info3: `x${ch}` },
            p_groupName: [`G${ch}`],
            p_licensePlate: ch,
          },
          ctx,
        );
        expect(found.map((i) => `${i.field}:${i.rule}`)).toEqual([
          "p_Achternaam:controlCharacter",
          "p_infoFields.info3:controlCharacter",
          "p_groupName.0:controlCharacter",
          "p_licensePlate:controlCharacter",
        ]);
        const hex = cp.toString(16).toUpperCase().padStart(4, "0");
        expect(found[0]!.message).toContain(`U+${hex}`);
        expect(found[0]!.message).not.toContain(ch);
      }
    }
    const found = issues(UPDATE, { ...minimal, p_Achternaam: "D\u0092Angelo" });
    expect(found[0]!.message).toContain('windows-1252 text read as Latin-1 (meant: "’")');
    // The rest of Latin-1 stays fine: U+00A0 (no-break space) to U+00FF, and tab/newline.
    expect(issues(UPDATE, { ...minimal, p_Achternaam: "\u00a0é ÿ\tx" })).toEqual([]);
  });
});
