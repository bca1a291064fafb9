/**
 * The fault-code catalog of one operation, from the contract (account.wsdl, `x:resultCodes`): the
 * operation's own codes, then the general codes every operation can return. Generated data, looked up here.
 */
import { type EduixFaultCode, generalFaultCodes, operations } from "@integrations/eduix-types";

export type EduixOperation = keyof typeof operations;

export interface FaultCodeInfo {
  readonly code: EduixFaultCode;
  readonly meaning: string;
  readonly retryable: boolean;
  /** `"login"` on the session-expired codes (12, and 3 from another Edu-iX page, contracts/eduix/README.md): log in again, then retry the call. */
  readonly recovery?: "login" | undefined;
}

const catalogs = new Map<EduixOperation, ReadonlyMap<number, FaultCodeInfo>>();

/**
 * Code → info for `operation`. The first entry for a code wins and the operation's own list comes first, so
 * createKey's 6 reads "Missing required fields: userID or eckID", the wording of that operation's table.
 */
export function faultCatalog(operation: EduixOperation): ReadonlyMap<number, FaultCodeInfo> {
  let catalog = catalogs.get(operation);
  if (catalog === undefined) {
    const entries = new Map<number, FaultCodeInfo>();
    const all: ReadonlyArray<FaultCodeInfo> = [...operations[operation].faultCodes, ...generalFaultCodes];
    for (const info of all) if (!entries.has(info.code)) entries.set(info.code, info);
    catalog = entries;
    catalogs.set(operation, catalog);
  }
  return catalog;
}
