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
// Named one by one (not `export *`) so that bundlers keep exactly the validators a client uses.
export { validateSyncMOCAParams, validateUpdateUserDotwebParams } from "./generated/validators.js";
