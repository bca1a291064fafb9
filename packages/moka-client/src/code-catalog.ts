/**
 * The ResultCode catalog of each operation, from the contract (`x-result-codes` in contracts/moka/openapi.yaml):
 * every code with its meaning and where it comes from, in the same shape as the other clients' `codeCatalog`.
 */
import { type OperationId, operations } from "@integrations/moka-types";
import { type CodeCatalog, type CodeInfo, methodName } from "@integrations/runtime";

/** The client's methods, which name the operations (`GetCardList` → `getCardList`). */
export type MokaOperation = Uncapitalize<OperationId>;

/** Every ResultCode the contract lists, over all operations. */
export type DocumentedMokaResultCode = (typeof operations)[OperationId]["codes"][number]["code"];

/**
 * A ResultCode: the documented ones (`Success` included) and, like `MokaError["code"]`, any code the vendor
 * adds later, so that `codeCatalog(op).get(error.code)` type-checks.
 */
export type MokaResultCode =
  | DocumentedMokaResultCode
  // Keeps autocompletion of the documented codes while admitting unknown ones.
  | (string & {});

/** Where a code comes from (contracts/moka/README.md): the operation's own page, a public client, or the family pattern. */
export type MokaCodeSource = "vendor-page" | "public-client" | "family-pattern";

export interface MokaCodeInfo extends CodeInfo<MokaResultCode> {
  /** Where the contract has the code from; a `family-pattern` code is modelled, not documented for this operation. */
  readonly source: MokaCodeSource | undefined;
  /** The page, client or pattern, in words. */
  readonly citation: string | undefined;
}

const catalogs = new Map<MokaOperation, CodeCatalog<MokaResultCode>>();

/**
 * The documented ResultCodes of `operation` (a method name), each with its meaning, whether it is a success
 * (only `Success` is), whether repeating the same call may succeed (only `EX`), and its source.
 */
export function codeCatalog(operation: MokaOperation): ReadonlyMap<MokaResultCode, MokaCodeInfo> {
  let catalog = catalogs.get(operation);
  if (catalog === undefined) {
    const op = Object.values(operations).find((o) => methodName(o.operationId) === operation);
    if (op === undefined) throw new TypeError(`codeCatalog: no Moka operation ${String(operation)}`);
    const entries = new Map<MokaResultCode, MokaCodeInfo>();
    for (const entry of op.codes as ReadonlyArray<{
      code: string;
      meaning: string;
      retryable: boolean;
      source?: string;
      citation?: string;
    }>) {
      if (entries.has(entry.code)) continue;
      entries.set(entry.code, {
        code: entry.code,
        meaning: entry.meaning,
        retryable: entry.retryable,
        // The envelope's rule (contracts/moka/README.md, "Envelope"): `Success` is the only success.
        outcome: entry.code === "Success" ? "success" : "error",
        source: entry.source as MokaCodeSource | undefined,
        citation: entry.citation,
      });
    }
    catalog = entries;
    catalogs.set(operation, catalog);
  }
  return catalog as ReadonlyMap<MokaResultCode, MokaCodeInfo>;
}
