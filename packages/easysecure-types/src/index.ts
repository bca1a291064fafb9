/**
 * Types, JSON Schemas, result-code catalogs and operation descriptors generated from the EasySecure ESWS WSDL
 * (contracts/easysecure/esws.wsdl). wsdl-tsclient's raw definitions (src/generated/wsdl-tsclient/) are internal.
 */

export { contractWsdl } from "./generated/contract.js";
export { defaultEndpoint, namespace, operations } from "./generated/descriptors.js";
export type * from "./generated/messages.js";
export type { EasySecureOperations } from "./generated/methods.js";
export * from "./generated/result-codes.js";
export * from "./generated/schemas.js";
// Every generated validator, by name: a static re-export, so bundlers keep the ones a client uses and drop the rest.
// A new operation's validators are exported by codegen alone.
export * from "./generated/validators.js";
