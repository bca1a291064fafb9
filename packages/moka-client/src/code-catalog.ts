/**
 * The ResultCode catalog of each operation, from the contract (`x-result-codes` in contracts/moka/openapi.yaml):
 * every documented code with its meaning, in the same shape as the other clients' `codeCatalog`.
 */
import {
  type GetCardListResultCode,
  type GetCustomerListResultCode,
  operations,
} from "@integrations/moka-types";
import type { CodeCatalog, CodeInfo } from "@integrations/runtime";

/** The client's methods, which name the operations. */
export type MokaOperation = "getCardList" | "getCustomerList";

/**
 * A ResultCode: the documented ones (`Success` included) and, like `MokaError["code"]`, any code the vendor
 * adds later, so that `codeCatalog(op).get(error.code)` type-checks.
 */
export type MokaResultCode =
  | GetCardListResultCode
  | GetCustomerListResultCode
  // Keeps autocompletion of the documented codes while admitting unknown ones.
  | (string & {});

const CONTRACT_OPERATION = { getCardList: "GetCardList", getCustomerList: "GetCustomerList" } as const;

const catalogs = new Map<MokaOperation, CodeCatalog<MokaResultCode>>();

/**
 * The documented ResultCodes of `operation` (a method name), each with its meaning, whether it is a success
 * (only `Success` is), and whether repeating the same call may succeed (only `EX`).
 */
export function codeCatalog(operation: MokaOperation): CodeCatalog<MokaResultCode> {
  let catalog = catalogs.get(operation);
  if (catalog === undefined) {
    const entries = new Map<MokaResultCode, CodeInfo<MokaResultCode>>();
    for (const { code, meaning, retryable } of operations[CONTRACT_OPERATION[operation]].codes) {
      if (entries.has(code)) continue;
      // The envelope's rule (contracts/moka/README.md, "Envelope"): `Success` is the only success.
      entries.set(code, { code, meaning, retryable, outcome: code === "Success" ? "success" : "error" });
    }
    catalog = entries;
    catalogs.set(operation, catalog);
  }
  return catalog;
}
