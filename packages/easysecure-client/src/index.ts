export type { InfoFieldKey, InfoFields } from "@integrations/easysecure-types";
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
  createEasySecureClient,
  type EasySecureClient,
  type EasySecureClientOptions,
  type SyncMOCAInput,
  type SyncMOCAResult,
  type UpdateUserDotwebInput,
  type UpdateUserDotwebResult,
} from "./client.js";
export {
  codeCatalog,
  type EasySecureOperation,
  type EasySecureResultCode,
} from "./code-catalog.js";
export { DEFAULT_TIME_ZONE } from "./dates.js";
export { EasySecureError, type EasySecureErrorCode } from "./easysecure-error.js";
export { TRANSLITERATION_TABLE, transliterateToLatin1 } from "./latin1.js";
