/**
 * The JSON Schema of the seed file (our own format, not a vendor contract; described in README.md, "Seed
 * format"). `pnpm codegen` turns it into src/generated/seed-validator.ts, so the seed is checked at start-up
 * without compiling a schema.
 */
const nonEmpty = { type: "string", minLength: 1 } as const;
const nullableString = { type: ["string", "null"] } as const;
const infoMap = {
  type: "object",
  propertyNames: { pattern: "^info(?:[1-9]|1[0-4])$" },
  additionalProperties: { type: "string" },
} as const;

/** JSON Schema of the seed file (our own format). */
export const seedSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  additionalProperties: false,
  required: ["easysecure", "moka", "eduix"],
  properties: {
    $schema: { type: "string" },
    description: { type: "string" },
    easysecure: {
      type: "object",
      additionalProperties: false,
      required: ["companies"],
      properties: {
        companies: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name", "securityHash", "type", "storeIds", "infoLabels"],
            properties: {
              name: nonEmpty,
              securityHash: { type: "string", minLength: 1, maxLength: 32 },
              type: { enum: ["Standard", "Branches"] },
              storeIds: { type: "array", items: { type: "integer" } },
              groups: { type: "array", items: nonEmpty },
              infoLabels: infoMap,
              moca: {
                type: "object",
                additionalProperties: false,
                properties: {
                  siteId: { type: "string" },
                  username: { type: "string" },
                  password: { type: "string" },
                  response: { enum: ["ok", "unauthorized", "invalid-response"] },
                  message: { type: "string" },
                },
              },
              users: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["wsAltUserId", "firstName", "lastName"],
                  properties: {
                    wsAltUserId: { type: "string", pattern: "^[A-Za-z0-9-]+$" },
                    storeId: { type: "integer" },
                    firstName: nonEmpty,
                    lastName: nonEmpty,
                    pin: { type: "string", pattern: "^[0-9]*$" },
                    admin: { enum: [0, 1] },
                    security: { enum: [0, 1] },
                    startDate: { type: "string" },
                    expireDate: { type: "string" },
                    infoFields: infoMap,
                    groups: { type: "array", items: nonEmpty },
                    licensePlate: { type: "string" },
                    mobileCardIssued: { type: "boolean" },
                  },
                },
              },
            },
          },
        },
      },
    },
    moka: {
      type: "object",
      additionalProperties: false,
      required: ["dealers"],
      properties: {
        dealers: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["dealerCode", "username", "password", "permissions", "customers"],
            properties: {
              dealerCode: nonEmpty,
              username: nonEmpty,
              password: nonEmpty,
              permissions: { type: "array", items: nonEmpty },
              customers: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["DealerCustomerId", "CustomerCode"],
                  properties: {
                    DealerCustomerId: { type: "integer", minimum: 1 },
                    CustomerCode: { type: "string", minLength: 1, maxLength: 100 },
                    Password: nullableString,
                    FirstName: nullableString,
                    LastName: nullableString,
                    Gender: { enum: [1, 2, null] },
                    BirthDate: nullableString,
                    GsmNumber: nullableString,
                    Email: nullableString,
                    Address: nullableString,
                    cards: {
                      type: "array",
                      items: {
                        type: "object",
                        additionalProperties: false,
                        required: [
                          "CardToken",
                          "CardNumberFirstSix",
                          "CardNumberLastFour",
                          "CardHolderFullName",
                          "ExpMonth",
                          "ExpYear",
                        ],
                        properties: {
                          CardToken: nonEmpty,
                          CardName: nullableString,
                          BankName: nullableString,
                          CardNumberFirstSix: { type: "string" },
                          CardNumberLastFour: { type: "string" },
                          CardHolderFullName: { type: "string" },
                          ExpMonth: { type: "string" },
                          ExpYear: { type: "string" },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    eduix: {
      type: "object",
      additionalProperties: false,
      required: ["accounts", "profiles"],
      properties: {
        accounts: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["username", "password", "role"],
            properties: {
              username: nonEmpty,
              password: nonEmpty,
              role: { enum: ["Distributor", "ELO"] },
              name: { type: "string" },
            },
          },
        },
        realms: { type: "array", items: nonEmpty },
        profiles: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["profileID", "owner"],
            properties: {
              profileID: { type: "integer", minimum: 1 },
              owner: nonEmpty,
              distributorPersonID: nonEmpty,
              userID: nonEmpty,
            },
          },
        },
      },
    },
  },
} as const;
