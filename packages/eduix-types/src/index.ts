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
// Named one by one (not `export *`) so that bundlers keep exactly the validators a client uses.
export {
  validateAccountFault,
  validateAuthHeader,
  validateCreateKeyRequest,
  validateCreateKeyResponse,
  validateDeleteKeyRequest,
  validateDeleteKeyResponse,
  validateGetKeyRequest,
  validateGetKeyResponse,
  validateKey,
  validateLoginHeader,
  validateLoginRequest,
  validateLoginResponse,
  validateSessionIDHeader,
} from "./generated/validators.js";
