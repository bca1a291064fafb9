export type {
  CreateKeyRequest,
  DeleteKeyRequest,
  EduixFaultCode,
  GetKeyRequest,
  Key,
  ProfileID,
} from "@integrations/eduix-types";
export type { CallOptions, CodeCatalog, CodeInfo } from "@integrations/runtime";
export {
  AbortError,
  HttpStatusError,
  IntegrationError,
  MalformedResponseError,
  NetworkError,
  SoapFaultError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "@integrations/runtime";
export {
  codeCatalog,
  type EduixOperation,
  type FaultCodeInfo,
  faultCatalog,
} from "./catalog.js";
export { createEduixClient, type EduixClient } from "./client.js";
export { EduixError, type EduixErrorCode, isSessionExpired } from "./eduix-error.js";
export { parseFaultCode } from "./fault-code.js";
export {
  DEFAULT_ENVIRONMENT,
  type EduixClientOptions,
  type EduixEnvironment,
} from "./options.js";
