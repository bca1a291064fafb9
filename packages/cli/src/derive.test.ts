import { operations as easysecureOperations } from "@integrations/easysecure-types";
import { operations as eduixOperations } from "@integrations/eduix-types";
import { operations as mokaOperations } from "@integrations/moka-types";
import { describe, expect, it } from "vitest";
import { type CliDescriptor, deriveOperation, flagName } from "./derive.js";
import { OPERATIONS } from "./operations.js";

const noKeyValues = () => ({});

describe("flag names", () => {
  it("are the field in kebab-case, without ESWS's p_ prefix", () => {
    expect(
      [
        "CustomerCode",
        "DealerCustomerId",
        "p_wsAltUserId",
        "p_ws_StoreId",
        "p_PIN",
        "p_locationID",
        "profileID",
        "distributorPersonID",
        "userID",
      ].map(flagName),
    ).toEqual([
      "customer-code",
      "dealer-customer-id",
      "ws-alt-user-id",
      "ws-store-id",
      "pin",
      "location-id",
      "profile-id",
      "distributor-person-id",
      "user-id",
    ]);
  });
});

describe("commands derived from the contracts", () => {
  it("has one command per operation of every contract, named by its operationId in kebab-case", () => {
    // The registry's order: easysecure, eduix, moka.
    const all = [
      ...Object.values(easysecureOperations),
      ...Object.values(eduixOperations),
      ...Object.values(mokaOperations),
    ];
    expect(OPERATIONS.map((op) => `${op.vendor} ${op.name}`)).toEqual(
      all.map((d) => `${d.vendor} ${d.operationId.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}`),
    );
  });

  it("reads required fields, choices, limits and enumerations from the input schema", () => {
    const descriptor: CliDescriptor = {
      vendor: "moka",
      operationId: "AddThing",
      wireName: "AddThing",
      summary: "Adds a thing.",
      idempotent: false,
      secrets: [],
      codes: [],
      validateRequest: () => [],
      binding: { kind: "json-post", method: "POST", path: "/Thing/AddThing", inputMember: "Request" },
      inputSchema: {
        type: "object",
        properties: {
          Name: { type: "string", maxLength: 50, description: "The name. More words.", examples: ["Widget"] },
          Count: { $ref: "#/$defs/count" },
          Kind: { type: "integer", enum: [1, 2], description: "1 small, 2 large." },
          Id: { type: "integer" },
          Code: { type: "string" },
          Tags: { type: "object", additionalProperties: { type: "string" } },
        },
        required: ["Name", "Count", "Tags"],
        oneOf: [{ required: ["Id"] }, { required: ["Code"] }],
        $defs: { count: { type: "integer", minimum: 1, maximum: 9, description: "How many." } },
      },
    };
    const op = deriveOperation(descriptor, {}, noKeyValues);
    expect(op).toMatchObject({
      vendor: "moka",
      name: "add-thing",
      method: "addThing",
      contract: "POST /Thing/AddThing",
    });
    expect(op.flags.map((f) => [f.name, f.field, f.kind, f.value, f.required])).toEqual([
      ["name", "Request.Name", "string", "X", true],
      ["count", "Request.Count", "integer", "N", true],
      ["kind", "Request.Kind", "integer", "1|2", false],
      ["id", "Request.Id", "integer", "N", false],
      ["code", "Request.Code", "string", "X", false],
      // A map may be empty, so its flag is never required.
      ["tags", "Request.Tags", "string", "KEY=VALUE", false],
    ]);
    expect(op.flags[0]!.description).toBe("The name. (at most 50 characters)");
    expect(op.flags[1]!.description).toBe("How many. (1 to 9)");
    expect(op.flags[2]!.description).toBe("1 small, 2 large. (one of 1, 2)");
    expect(op.choice).toEqual({ names: ["id", "code"], mode: "exactly-one" });
    expect(op.examples).toEqual([
      "integrations moka add-thing --id <N> --name Widget --count <N>",
      "integrations moka add-thing --code <X> --name Widget --count <N>",
    ]);
  });

  it("gives an operation without input no flags, and a secret result a --show flag", () => {
    const op = OPERATIONS.find((o) => o.vendor === "eduix" && o.name === "login")!;
    expect(op.flags.map((f) => f.name)).toEqual(["show-session-id"]);
    expect(op.output).toContain("[REDACTED]");
  });
});
