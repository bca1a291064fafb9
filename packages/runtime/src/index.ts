export type { Dispatcher } from "undici";
export { type CallContext, type RetryOption, resolveRetryPolicy, runCall } from "./call.js";
export {
  type CallerOptions,
  createCaller,
  type EncodedRequest,
  type OperationCaller,
  type PreparedRequest,
  type SessionHooks,
  type VendorProtocol,
} from "./caller.js";
export type { CallOptions, ClientTransportOptions } from "./client-options.js";
export type { CodeCatalog, CodeInfo } from "./code-catalog.js";
export {
  AbortError,
  type ErrorKind,
  HttpStatusError,
  IntegrationError,
  type IntegrationErrorOptions,
  isIntegrationError,
  type MalformedReason,
  MalformedResponseError,
  NetworkError,
  type ResultCodeInfo,
  ServiceError,
  type ServiceErrorOptions,
  SoapFaultError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "./errors.js";
export { parseJsonBody } from "./json-body.js";
export type { ClientLogEvent, ClientLogger } from "./logging.js";
export {
  commandName,
  methodName,
  type OperationCode,
  type OperationDescriptor,
} from "./operation.js";
export { createRedactor, REDACTED, type Redactor, scrubError } from "./redact.js";
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isTransientFailure,
  NO_RETRY,
  type RetryContext,
  type RetryPolicy,
  withRetry,
} from "./retry.js";
export * from "./soap/index.js";
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type HttpRequest,
  type HttpResponse,
  sendHttp,
  type TransportOptions,
} from "./transport.js";
export { assertValidRequest, assertValidResponse, type Validator } from "./validation.js";
export * from "./xml/index.js";
