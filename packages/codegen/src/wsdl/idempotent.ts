import type { OperationView } from "./service-view.js";

/**
 * `<x:idempotent>`, which every operation declares (retrying a write must be a decision written in the contract):
 * `serviceView`'s contract check applies that rule (contract-model's `wsdlExtensionIssues`) before any generator
 * reads it.
 */
export function declaredIdempotent(view: OperationView): boolean {
  const { idempotent } = view.abstract;
  if (idempotent === undefined)
    throw new Error(`internal: operation ${view.name} passed the check undeclared`);
  return idempotent;
}
