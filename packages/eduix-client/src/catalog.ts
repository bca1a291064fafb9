/**
 * The fault-code catalog of one operation, from the contract (account.wsdl, `x:resultCodes`): the
 * operation's own codes, then the general codes every operation can return, in the same shape as the other
 * clients' `codeCatalog`. Generated data, looked up here.
 */
import { generalFaultCodes, operations } from "@integrations/eduix-types";
import type { CodeCatalog, CodeInfo } from "@integrations/runtime";
import type { EduixErrorCode } from "./eduix-error.js";

/** The client's methods, which name the operations. */
export type EduixOperation = keyof typeof operations;

/**
 * One documented fault code. `recovery` is `"login"` on the session-expired codes (12, and 3 from another
 * Edu-iX page, contracts/eduix/README.md): log in again, then retry the call.
 * @deprecated Use `CodeInfo<EduixErrorCode>`, the shape every client's `codeCatalog` shares.
 */
export type FaultCodeInfo = CodeInfo<EduixErrorCode>;

const catalogs = new Map<EduixOperation, CodeCatalog<EduixErrorCode>>();

/**
 * Code → what the contract says about it, for `operation` (a method name); keyed like `EduixError["code"]`. Every Edu-iX code is a fault, so
 * `outcome` is always `"error"`. The first entry for a code wins and the operation's own list comes first,
 * so createKey's 6 reads "Missing required fields: userID or eckID", the wording of that operation's table.
 */
export function codeCatalog(operation: EduixOperation): CodeCatalog<EduixErrorCode> {
  let catalog = catalogs.get(operation);
  if (catalog === undefined) {
    const entries = new Map<EduixErrorCode, CodeInfo<EduixErrorCode>>();
    for (const { code, meaning, retryable, recovery } of [
      ...operations[operation].codes,
      ...generalFaultCodes,
    ]) {
      if (!entries.has(code)) entries.set(code, { code, meaning, outcome: "error", retryable, recovery });
    }
    catalog = entries;
    catalogs.set(operation, catalog);
  }
  return catalog;
}

/**
 * The same catalog under its former name.
 * @deprecated Use `codeCatalog`, the name every client shares.
 */
export const faultCatalog: (operation: EduixOperation) => CodeCatalog<EduixErrorCode> = codeCatalog;
