import type { OperationView } from "./service-view.js";
/** `<x:idempotent>` is declared on every operation: retrying a write must be a decision written in the contract. */
export function declaredIdempotent(view: OperationView): boolean {
  const { idempotent } = view.abstract;
  if (idempotent === undefined)
    throw new Error(`operation ${view.name}: no <x:idempotent value="true|false"/>`);
  return idempotent;
}
