/**
 * Every operation the CLI can call, as data: its flags, the vendor field each flag maps to (1:1), and how the
 * parsed flags become the client's input. `--help` and the README are written from this table.
 */
import type { EasySecureClient, UpdateUserDotwebInput } from "@integrations/easysecure-client";
import type { EduixClient } from "@integrations/eduix-client";
import type { MokaClient } from "@integrations/moka-client";
import type { Vendor } from "./config.js";
import { UsageError } from "./errors.js";

export type FlagKind = "string" | "integer" | "boolean";

export interface FlagSpec {
  /** The long flag, without `--`. */
  name: string;
  /** The vendor field it sets, as the contract names it; absent for flags that only steer the CLI. */
  field?: string;
  kind: FlagKind;
  /** The value placeholder in help, e.g. `X`, `N`, `0|1`. */
  value?: string;
  required?: boolean;
  /** May be given more than once. */
  multiple?: boolean;
  description: string;
}

/** The parsed flags of one invocation, with typed accessors. */
export interface Flags {
  has(name: string): boolean;
  string(name: string): string | undefined;
  /** An integer flag as a number (the parser has already rejected values that are not decimal integers). */
  integer(name: string): number | undefined;
  boolean(name: string): boolean;
  list(name: string): string[];
}

/** The clients, created on first use from the environment (their packages are loaded only then). */
export interface Clients {
  moka(): Promise<MokaClient>;
  easysecure(options?: { transliterate?: boolean }): Promise<EasySecureClient>;
  eduix(): Promise<EduixClient>;
}

export interface RunContext {
  flags: Flags;
  clients: Clients;
  signal: AbortSignal | undefined;
  /** Registers a run-time secret (a sessionID) with the output guard. */
  secret(value: string): void;
}

export interface OperationSpec {
  vendor: Vendor;
  /** The command, e.g. `get-card-list`. */
  name: string;
  /** The contract operation, e.g. `POST /DealerCustomer/GetCardList`, `Esws.syncMOCA`, `getKey`. */
  contract: string;
  /** The client method it calls. */
  method: string;
  summary: string;
  flags: readonly FlagSpec[];
  /** Exactly one of these flags is required (a choice in the contract). */
  exactlyOne?: readonly string[];
  /** What is printed on stdout on success. */
  output: string;
  examples: readonly string[];
  /** Calls the operation and resolves to what is printed (as JSON) on stdout. */
  run(ctx: RunContext): Promise<unknown>;
}

export interface VendorSpec {
  name: Vendor;
  title: string;
  protocol: string;
}

export const VENDORS: readonly VendorSpec[] = [
  { name: "moka", title: "Moka United", protocol: "DealerCustomer API, JSON over HTTPS POST" },
  { name: "easysecure", title: "EasySecure ESWS", protocol: "SOAP 1.1 rpc/encoded" },
  {
    name: "eduix",
    title: "Edu-iX Account service 4.3",
    protocol: "SOAP 1.1 document/literal, with a session",
  },
];

/** Printed for operations that resolve to nothing (createKey, deleteKey: "an empty response"). */
const OK = Object.freeze({ ok: true });

const EDUIX_USER_ID = "The ECK iD (a string of at most 256 characters).";

/**
 * An Edu-iX call whose sessionID the output guard knows. The client validates its input before anything is
 * sent (not even a login) and starts nothing for an already aborted signal, so a first call with an aborted
 * signal is a pure validation: bad input fails here with its ValidationError and nothing is sent. Then an
 * explicit login (which the client would have made lazily anyway) hands us the sessionID to scrub, and the
 * call reuses that session.
 */
async function withSession<T>(
  { clients, signal, secret }: RunContext,
  call: (client: EduixClient, options: { signal?: AbortSignal | undefined }) => Promise<T>,
): Promise<T> {
  const client = await clients.eduix();
  try {
    await call(client, { signal: AbortSignal.abort() });
  } catch (error) {
    if ((error as { kind?: unknown }).kind !== "abort") throw error;
  }
  secret(await client.login({ signal }));
  return call(client, { signal });
}

/** The value of a repeatable `key=value` flag as an object; a malformed or repeated key is a usage error. */
function keyValues(flag: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq < 1) {
      throw new UsageError(
        `--${flag} takes key=value`,
        `For example: --${flag} info1=jan@example.com (repeat the flag for more fields).`,
      );
    }
    const key = item.slice(0, eq);
    if (Object.hasOwn(out, key)) {
      throw new UsageError(`--${flag} sets ${key} more than once`);
    }
    out[key] = item.slice(eq + 1);
  }
  return out;
}

export const OPERATIONS: readonly OperationSpec[] = [
  {
    vendor: "moka",
    name: "get-card-list",
    contract: "POST /DealerCustomer/GetCardList",
    method: "getCardList",
    summary: "A dealer customer and its stored cards, by CustomerCode or DealerCustomerId.",
    flags: [
      {
        name: "customer-code",
        field: "DealerCustomerRequest.CustomerCode",
        kind: "string",
        value: "X",
        description: "The dealer's own customer code (at most 100 characters).",
      },
      {
        name: "dealer-customer-id",
        field: "DealerCustomerRequest.DealerCustomerId",
        kind: "integer",
        value: "N",
        description: "Moka's customer id (an integer, 1 or more).",
      },
    ],
    exactlyOne: ["customer-code", "dealer-customer-id"],
    output: "Data: { DealerCustomer, CardListCount, CardList }",
    examples: [
      "integrations moka get-card-list --customer-code Customer1",
      "integrations moka get-card-list --dealer-customer-id 1035",
    ],
    run: async ({ flags, clients, signal }) => {
      const code = flags.string("customer-code");
      const request =
        code !== undefined
          ? { CustomerCode: code }
          : { DealerCustomerId: flags.integer("dealer-customer-id")! };
      return (await clients.moka()).getCardList(request, { signal });
    },
  },
  {
    vendor: "moka",
    name: "get-customer-list",
    contract: "POST /DealerCustomer/GetCustomerList",
    method: "getCustomerList",
    summary: "Every customer of the dealer.",
    flags: [],
    output: "Data: { DealerCustomerList }",
    examples: ["integrations moka get-customer-list"],
    run: async ({ clients, signal }) => (await clients.moka()).getCustomerList({ signal }),
  },
  {
    vendor: "easysecure",
    name: "sync-moca",
    contract: "Esws.syncMOCA",
    method: "syncMOCA",
    summary: "Issues a mobile credential card at MOCA for a user.",
    flags: [
      {
        name: "ws-alt-user-id",
        field: "p_wsAltUserId",
        kind: "string",
        value: "X",
        required: true,
        description:
          "The user's id in the 3rd-party application (A-Z, a-z, 0-9 and '-'); sent as p_wsAltUser_id.",
      },
    ],
    output: 'the return code: "OK"',
    examples: ["integrations easysecure sync-moca --ws-alt-user-id EMP-0001"],
    run: async ({ flags, clients, signal }) =>
      (await clients.easysecure()).syncMOCA({ p_wsAltUserId: flags.string("ws-alt-user-id")! }, { signal }),
  },
  {
    vendor: "easysecure",
    name: "update-user-dotweb",
    contract: "Esws.updateUserDotweb",
    method: "updateUserDotweb",
    summary: "Inserts or updates the user with this wsAltUserId.",
    flags: [
      {
        name: "store-id",
        field: "p_ws_StoreId",
        kind: "integer",
        value: "N",
        required: true,
        description: "The company's DotWeb store_id.",
      },
      {
        name: "ws-alt-user-id",
        field: "p_wsAltUserId",
        kind: "string",
        value: "X",
        required: true,
        description: "Identifies the user (A-Z, a-z, 0-9 and '-'): updated if found, inserted otherwise.",
      },
      {
        name: "pin",
        field: "p_PIN",
        kind: "string",
        value: "P",
        required: true,
        description: 'The PIN, digits only; --pin "" for a user without a PIN.',
      },
      {
        name: "last-name",
        field: "p_Achternaam",
        kind: "string",
        value: "X",
        required: true,
        description: "Last name (Latin-1 text).",
      },
      {
        name: "first-name",
        field: "p_Voornaam",
        kind: "string",
        value: "X",
        required: true,
        description: "First name (Latin-1 text).",
      },
      {
        name: "admin",
        field: "p_Admin",
        kind: "integer",
        value: "0|1",
        required: true,
        description: "1 if admin, 0 if not.",
      },
      {
        name: "security",
        field: "p_Security",
        kind: "integer",
        value: "0|1",
        required: true,
        description: "0 or 1 (the vendor's table describes it with p_Admin's words).",
      },
      {
        name: "start-date",
        field: "p_StartDate",
        kind: "string",
        value: '"yyyy-mm-dd hh:ii:ss"',
        description: "Active from (vendor local time); absent: ESWS uses the current date.",
      },
      {
        name: "expire-date",
        field: "p_ExpireDate",
        kind: "string",
        value: '"yyyy-mm-dd hh:ii:ss"',
        description: "Active until; absent: ESWS uses 2030-12-31. Not before --start-date.",
      },
      {
        name: "info",
        field: "p_infoFields",
        kind: "string",
        value: "infoN=V",
        multiple: true,
        description: "One info field, info1 ... info14 (repeat for more); none: an empty map.",
      },
      {
        name: "group-name",
        field: "p_groupName",
        kind: "string",
        value: "G",
        multiple: true,
        description: "A group the user belongs to (repeat for more; joined with ';'). Required for Branches.",
      },
      {
        name: "group-update",
        field: "p_groupUpdate",
        kind: "integer",
        value: "0|1",
        description: "0 or 1.",
      },
      {
        name: "license-plate",
        field: "p_licensePlate",
        kind: "string",
        value: "X",
        description: "The user's licence plate.",
      },
      {
        name: "location-id",
        field: "p_locationID",
        kind: "integer",
        value: "N",
        description: "Branches: replace only the groups linked to this location.",
      },
      {
        name: "transliterate",
        kind: "boolean",
        description:
          "Transliterate free text to Latin-1 (Ł → L, ’ → ') instead of rejecting it; ESWS would store '?'.",
      },
    ],
    output: 'the return code: "INSERTED" or "UPDATED"',
    examples: [
      "integrations easysecure update-user-dotweb --store-id 1234 --ws-alt-user-id EMP-0042 --pin 4711 \\\n" +
        "    --last-name Jansen --first-name Piet --admin 0 --security 0 --info info1=piet@example.com",
      "integrations easysecure update-user-dotweb --store-id 1234 --ws-alt-user-id EMP-0042 --pin '' \\\n" +
        "    --last-name Müller --first-name Łukasz --admin 1 --security 0 --group-name Group1 --group-name Group2 \\\n" +
        '    --group-update 1 --start-date "2024-01-01 00:00:00" --expire-date "2030-12-31 23:59:59" --transliterate',
    ],
    run: async ({ flags, clients, signal }) => {
      const input: UpdateUserDotwebInput = {
        p_ws_StoreId: flags.integer("store-id")!,
        p_wsAltUserId: flags.string("ws-alt-user-id")!,
        p_PIN: flags.string("pin")!,
        p_Achternaam: flags.string("last-name")!,
        p_Voornaam: flags.string("first-name")!,
        p_Admin: flags.integer("admin") as UpdateUserDotwebInput["p_Admin"],
        p_Security: flags.integer("security") as UpdateUserDotwebInput["p_Security"],
        p_infoFields: keyValues("info", flags.list("info")) as UpdateUserDotwebInput["p_infoFields"],
      };
      const startDate = flags.string("start-date");
      if (startDate !== undefined) input.p_StartDate = startDate;
      const expireDate = flags.string("expire-date");
      if (expireDate !== undefined) input.p_ExpireDate = expireDate;
      const groups = flags.list("group-name");
      if (groups.length > 0) input.p_groupName = groups.length === 1 ? groups[0] : groups;
      const groupUpdate = flags.integer("group-update");
      if (groupUpdate !== undefined)
        input.p_groupUpdate = groupUpdate as UpdateUserDotwebInput["p_groupUpdate"];
      const plate = flags.string("license-plate");
      if (plate !== undefined) input.p_licensePlate = plate;
      const location = flags.integer("location-id");
      if (location !== undefined) input.p_locationID = location;
      const client = await clients.easysecure({ transliterate: flags.boolean("transliterate") });
      return client.updateUserDotweb(input, { signal });
    },
  },
  {
    vendor: "eduix",
    name: "login",
    contract: "login",
    method: "login",
    summary: "Logs in with EDUIX_USERNAME / EDUIX_PASSWORD: checks the credentials and the endpoint.",
    flags: [
      {
        name: "show-session-id",
        kind: "boolean",
        description: "Print the real sessionID (a bearer credential) instead of [REDACTED].",
      },
    ],
    output: '{ "ok": true, "sessionID": "[REDACTED]" } (the real sessionID only with --show-session-id)',
    examples: ["integrations eduix login", "integrations eduix login --show-session-id"],
    run: async ({ flags, clients, signal, secret }) => {
      const sessionID = await (await clients.eduix()).login({ signal });
      const show = flags.boolean("show-session-id");
      if (!show) secret(sessionID);
      return { ok: true, sessionID: show ? sessionID : "[REDACTED]" };
    },
  },
  {
    vendor: "eduix",
    name: "create-key",
    contract: "createKey",
    method: "createKey",
    summary: "Links a userID (ECK iD) to a profileID (creates a prematch).",
    flags: [
      {
        name: "profile-id",
        field: "profileID",
        kind: "integer",
        value: "N",
        required: true,
        description: "The profile (an integer, 1 to 9999999999).",
      },
      {
        name: "user-id",
        field: "userID",
        kind: "string",
        value: "X",
        required: true,
        description: EDUIX_USER_ID,
      },
    ],
    output: '{ "ok": true } (createKey answers with an empty response)',
    examples: [
      "integrations eduix create-key --profile-id 48213976 --user-id https://ketenid.nl/201703/3bbc…",
    ],
    run: async (ctx) => {
      const request = { profileID: ctx.flags.integer("profile-id")!, userID: ctx.flags.string("user-id")! };
      await withSession(ctx, (client, options) => client.createKey(request, options));
      return OK;
    },
  },
  {
    vendor: "eduix",
    name: "delete-key",
    contract: "deleteKey",
    method: "deleteKey",
    summary: "Deletes the key (prematch) of a userID.",
    flags: [
      {
        name: "user-id",
        field: "userID",
        kind: "string",
        value: "X",
        required: true,
        description: EDUIX_USER_ID,
      },
    ],
    output: '{ "ok": true } (deleteKey answers with an empty response)',
    examples: ["integrations eduix delete-key --user-id https://ketenid.nl/201703/3bbc…"],
    run: async (ctx) => {
      const request = { userID: ctx.flags.string("user-id")! };
      await withSession(ctx, (client, options) => client.deleteKey(request, options));
      return OK;
    },
  },
  {
    vendor: "eduix",
    name: "get-key",
    contract: "getKey",
    method: "getKey",
    summary: "The keys found by exactly one of profileID, distributorPersonID or userID.",
    flags: [
      {
        name: "profile-id",
        field: "profileID",
        kind: "integer",
        value: "N",
        description: "The profile (an integer, 1 to 9999999999).",
      },
      {
        name: "distributor-person-id",
        field: "distributorPersonID",
        kind: "string",
        value: "X",
        description: "The distributor's own id of the person.",
      },
      { name: "user-id", field: "userID", kind: "string", value: "X", description: EDUIX_USER_ID },
    ],
    exactlyOne: ["profile-id", "distributor-person-id", "user-id"],
    output: "the keys: [{ profileID, distributorPersonID, userID }, …] (0 or more)",
    examples: [
      "integrations eduix get-key --profile-id 48213976",
      "integrations eduix get-key --distributor-person-id 5f0c2a8e-3d71-4b9e-9a64-2c1e7b3d9f10",
      "integrations eduix get-key --user-id https://ketenid.nl/201703/3bbc…",
    ],
    run: (ctx) => {
      const profileID = ctx.flags.integer("profile-id");
      const distributorPersonID = ctx.flags.string("distributor-person-id");
      const request =
        profileID !== undefined
          ? { profileID }
          : distributorPersonID !== undefined
            ? { distributorPersonID }
            : { userID: ctx.flags.string("user-id")! };
      return withSession(ctx, (client, options) => client.getKey(request, options));
    },
  },
];

export function operationsOf(vendor: Vendor): OperationSpec[] {
  return OPERATIONS.filter((op) => op.vendor === vendor);
}

/** The client-level operation name, as the clients put it in their errors (`GetCardList`, `Esws.syncMOCA`, `getKey`). */
export function operationName(spec: OperationSpec): string {
  return spec.contract.replace(/^POST \/DealerCustomer\//, "");
}
