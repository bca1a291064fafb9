/**
 * Types, JSON Schemas, the fault-code catalog and operation descriptors generated from the Edu-iX Account 4.3
 * WSDL (contracts/eduix/account.wsdl). wsdl-tsclient's raw definitions (src/generated/wsdl-tsclient/) are
 * internal.
 */

export { contractWsdl } from "./generated/contract.js";
export { endpoints, namespace, operations } from "./generated/descriptors.js";
export type * from "./generated/messages.js";
export type { EduixOperations } from "./generated/methods.js";
export * from "./generated/result-codes.js";
export * from "./generated/schemas.js";
// Every generated validator, by name: a static re-export, so bundlers keep the ones a client uses and drop the rest.
// A new operation's validators are exported by codegen alone.
export * from "./generated/validators.js";
