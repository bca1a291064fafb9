export { abortable } from "./abortable.js";
export * from "./bulk/index.js";
export { type CallContext, type RetryOption, resolveRetryPolicy, runCall } from "./call.js";
export { CallDeadline } from "./call-deadline.js";
export {
  type CallerOptions,
  createCaller,
  type EncodedRequest,
  type OperationCaller,
  type PreparedRequest,
  type SessionHooks,
  type VendorProtocol,
} from "./caller.js";
export {
  type BodyDecodeContext,
  charsetOf,
  decodeTextBody,
  decodeXmlBody,
  isSupportedEncoding,
} from "./charset.js";
export {
  type CallOptions,
  type ClientTransportOptions,
  callOptionIssues,
  MAX_TIMEOUT_MS,
  transportOptionIssues,
} from "./client-options.js";
export type { CodeCatalog, CodeInfo } from "./code-catalog.js";
export {
  AbortError,
  type ErrorKind,
  HttpStatusError,
  type HttpStatusErrorOptions,
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
  firstSentence,
  kebabCase,
  methodName,
  type OperationCode,
  type OperationDescriptor,
} from "./operation.js";
export { copyPlainData, type PlainCopy, plainRequest } from "./plain-data.js";
export * from "./recording/index.js";
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
export { httpStatusErrorOf, parseRetryAfter } from "./retry-after.js";
export * from "./soap/index.js";
export type {
  TelemetryMeterProvider,
  TelemetryOption,
  TelemetryOptions,
  TelemetryTracerProvider,
} from "./telemetry/telemetry-options.js";
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type HttpRequest,
  type HttpResponse,
  sendHttp,
  type TransportOptions,
} from "./transport.js";
export type { HttpAgent } from "./transport-node.js";
export type {
  DispatchController,
  Dispatcher,
  DispatchHandler,
  DispatchHeaders,
  DispatchOptions,
} from "./undici-dispatcher.js";
export { assertValidRequest, assertValidResponse, type Validator } from "./validation.js";
export * from "./xml/index.js";
