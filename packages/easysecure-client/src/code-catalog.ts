/**
 * The result-code catalog of each operation, from the contract (`x:resultCodes` in contracts/easysecure/esws.wsdl):
 * the codes every ESWS call can return, then the operation's own, each with its meaning, in the same shape as
 * the other clients' `codeCatalog`.
 */
import {
  generalResultCodes,
  operations,
  type SyncMOCAResultCode,
  type UpdateUserDotwebResultCode,
} from "@integrations/easysecure-types";
import type { CodeCatalog, CodeInfo } from "@integrations/runtime";

/** The client's methods, which name the operations (`Esws.syncMOCA`, `Esws.updateUserDotweb`). */
export type EasySecureOperation = keyof typeof operations;

/**
 * A return code: the documented ones (the success codes `OK`, `INSERTED`, `UPDATED` included) and, like
 * `EasySecureError["code"]`, any undocumented return, so that `codeCatalog(op).get(error.code)` type-checks.
 */
export type EasySecureResultCode =
  | SyncMOCAResultCode
  | UpdateUserDotwebResultCode
  // Keeps autocompletion of the documented codes while admitting undocumented returns.
  | (string & {});

interface ContractEntry {
  readonly code: EasySecureResultCode;
  readonly meaning: string;
  readonly outcome: "success" | "error";
  readonly retryable: boolean;
}

const catalogs = new Map<EasySecureOperation, CodeCatalog<EasySecureResultCode>>();

/**
 * The documented return codes of `operation` (a method name). The order is the one the client resolves a
 * return in: a code listed twice keeps its first (general) entry, so `meaning` here is the one an
 * `EasySecureError` carries.
 */
export function codeCatalog(operation: EasySecureOperation): CodeCatalog<EasySecureResultCode> {
  let catalog = catalogs.get(operation);
  if (catalog === undefined) {
    const entries = new Map<EasySecureResultCode, CodeInfo<EasySecureResultCode>>();
    const all: ReadonlyArray<ContractEntry> = [...generalResultCodes, ...operations[operation].codes];
    for (const { code, meaning, outcome, retryable } of all) {
      if (!entries.has(code)) entries.set(code, { code, meaning, outcome, retryable });
    }
    catalog = entries;
    catalogs.set(operation, catalog);
  }
  return catalog;
}
