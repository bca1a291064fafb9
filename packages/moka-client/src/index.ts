export type {
  Card,
  CardReference,
  CardRename,
  CustomerUpdate,
  DealerCustomer,
  DealerCustomerRequest,
  DealerCustomerWithCards,
  GetCardListData,
  GetCustomerListData,
  NewCard,
  NewCustomer,
  NewCustomerWithCard,
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
export { luhnValid } from "./card-number.js";
export { computeCheckKey } from "./check-key.js";
export {
  createMokaClient,
  type GetCardListInput,
  type MokaClient,
  type MokaClientOptions,
  type MokaEnvironment,
  mokaEnvironments,
} from "./client.js";
export {
  codeCatalog,
  type DocumentedMokaResultCode,
  type MokaCodeInfo,
  type MokaCodeSource,
  type MokaOperation,
  type MokaResultCode,
} from "./code-catalog.js";
export { MokaError, type MokaErrorCode } from "./moka-error.js";
export {
  UpsertCustomerWithCardError,
  type UpsertCustomerWithCardInput,
  type UpsertCustomerWithCardOptions,
  type UpsertCustomerWithCardResult,
  type UpsertOperation,
  type UpsertStep,
} from "./upsert.js";
