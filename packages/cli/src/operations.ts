/**
 * Every operation the CLI can call, as data: its flags, the vendor field each flag maps to (1:1), and how the
 * parsed flags become the client's input. The table is derived from the contracts' generated descriptors
 * (derive.ts); `--help` and the README are written from it.
 */
import { vendors } from "@integrations/vendors";
import type { Vendor } from "./config.js";
import { type CliDescriptor, deriveOperation, type VendorCli } from "./derive.js";
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
  /** A map field: each value is `key=value`, and the items make one object. */
  map?: boolean;
  description: string;
}

/**
 * An input field the contract marks secret (`x-secret`: a card number, a customer's password). It is never a flag,
 * because flags end up in shell history and process lists: its value comes from an environment variable, or from
 * stdin with a switch. Its own flag name is refused with a message that says so.
 */
export interface SecretInput {
  /** The vendor field, as the client reports it (`DealerCustomerRequest.CardNumber`). */
  field: string;
  /** The flag it would have had, refused (`card-number`). */
  flag: string;
  /** The switch that reads it from stdin (`card-number-stdin`). */
  stdinFlag: string;
  /** The environment variable that holds it (`MOKA_INPUT_CARD_NUMBER`). */
  env: string;
  required: boolean;
  description: string;
}

/** A choice in the contract: one field of several must be given (`exactly-one`), or at least one of them. */
export interface Choice {
  names: readonly string[];
  mode: "exactly-one" | "at-least-one";
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

/** A client's methods, by name. */
export type ClientMethods = Readonly<Record<string, unknown>> &
  Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>;

/** The clients, created on first use from the environment (their packages are loaded only then). */
export interface Clients {
  get(vendor: string, options?: Record<string, unknown>): Promise<ClientMethods>;
}

export interface RunContext {
  flags: Flags;
  clients: Clients;
  signal: AbortSignal | undefined;
  /** Registers a run-time secret (a sessionID, a card number) with the output guard. */
  secret(value: string): void;
  /** A variable of the environment the CLI was started with. */
  env(name: string): string | undefined;
  /** The first line of stdin (without its line break); read once. */
  stdin(): Promise<string>;
}

export interface OperationSpec {
  vendor: Vendor;
  /** The command, e.g. `get-card-list`. */
  name: string;
  /** The contract operation, e.g. `POST /DealerCustomer/GetCardList`, `Esws.syncMOCA`, `getKey`. */
  contract: string;
  /** The operation as the clients name it in errors (`GetCardList`, `Esws.syncMOCA`, `getKey`). */
  operation: string;
  /** The client method it calls. */
  method: string;
  summary: string;
  flags: readonly FlagSpec[];
  /** Secret input fields: from the environment or stdin, never flags. */
  secretInputs?: readonly SecretInput[] | undefined;
  /** A choice in the contract between some of the flags. */
  choice?: Choice | undefined;
  /** What is printed on stdout on success. */
  output: string;
  examples: readonly string[];
  /** Calls the operation and resolves to what is printed (as JSON) on stdout. */
  run(ctx: RunContext): Promise<unknown>;
  /** The client options the operation's CLI-only flags set (ESWS `--transliterate`); a bulk run uses them. */
  clientOptions(ctx: RunContext): Record<string, unknown>;
}

export interface VendorSpec {
  name: Vendor;
  title: string;
  protocol: string;
}

/** Every vendor of the registry (`contracts/<vendor>/vendor.json`), in its order. */
export const VENDORS: readonly VendorSpec[] = vendors.map((v) => ({
  name: v.id,
  title: v.title,
  protocol: v.protocol,
}));

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

/** What a vendor's commands take beyond the contract: client options as flags. */
const VENDOR_CLI: Readonly<Partial<Record<Vendor, VendorCli>>> = {
  easysecure: {
    extraFlags: [
      {
        name: "transliterate",
        kind: "boolean",
        description:
          "Transliterate free text to Latin-1 (Ł → L, ’ → ') instead of rejecting it; ESWS would store '?'.",
      },
    ],
    clientOptions: (ctx) => ({ transliterate: ctx.flags.boolean("transliterate") }),
  },
};

/** The help examples of a vendor's manifest (`contracts/<vendor>/vendor.json`, `cli.examples`). */
function examplesOf(vendor: string): Readonly<Record<string, readonly string[]>> | undefined {
  const entry = vendors.find((v) => v.id === vendor);
  return entry && "cli" in entry ? entry.cli.examples : undefined;
}

/**
 * Every operation of every contract, vendor by vendor in the registry's order: each vendor's types package
 * (named by the registry) holds its generated descriptors.
 */
const DESCRIPTORS: readonly CliDescriptor[] = (
  await Promise.all(
    vendors.map(
      async (v) =>
        (await import(v.packages.types)) as { readonly operations: Readonly<Record<string, CliDescriptor>> },
    ),
  )
).flatMap((types) => Object.values(types.operations));

export const OPERATIONS: readonly OperationSpec[] = DESCRIPTORS.map((descriptor) =>
  deriveOperation(
    descriptor,
    { ...VENDOR_CLI[descriptor.vendor as Vendor], examples: examplesOf(descriptor.vendor) },
    keyValues,
  ),
);

export function operationsOf(vendor: Vendor): OperationSpec[] {
  return OPERATIONS.filter((op) => op.vendor === vendor);
}

/** The client-level operation name, as the clients put it in their errors (`GetCardList`, `Esws.syncMOCA`, `getKey`). */
export function operationName(spec: OperationSpec): string {
  return spec.operation;
}
