export type {
  Card,
  DealerCustomer,
  DealerCustomerRequest,
  GetCardListData,
  GetCustomerListData,
} from "@integrations/moka-types";
export type { CallOptions, CodeCatalog, CodeInfo } from "@integrations/runtime";
export {
  AbortError,
  HttpStatusError,
  IntegrationError,
  MalformedResponseError,
  NetworkError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "@integrations/runtime";
export { computeCheckKey } from "./check-key.js";
export {
  createMokaClient,
  type GetCardListInput,
  type MokaClient,
  type MokaClientOptions,
  type MokaEnvironment,
  mokaEnvironments,
} from "./client.js";
export { codeCatalog, type MokaOperation, type MokaResultCode } from "./code-catalog.js";
export { MokaError, type MokaErrorCode } from "./moka-error.js";
