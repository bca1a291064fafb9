/**
 * The attribute and instrument names we emit, as plain strings: `@opentelemetry/semantic-conventions` is not
 * a dependency (semconv.test.ts checks every name against version 1.45 of it). Sources: the OpenTelemetry
 * semantic conventions for RPC spans (https://opentelemetry.io/docs/specs/semconv/rpc/rpc-spans/), HTTP client
 * spans (https://opentelemetry.io/docs/specs/semconv/http/http-spans/) and HTTP metrics
 * (https://opentelemetry.io/docs/specs/semconv/http/http-metrics/).
 */

/** The RPC system (stable). Ours: `soap` (ESWS, Edu-iX) and `http_json` (Moka's JSON over POST). */
export const RPC_SYSTEM_NAME = "rpc.system.name";
/**
 * The same value under its name before RPC conventions 1.38 (`rpc.system`), which most backends still group by:
 * emitted beside the stable one, as the conventions' `rpc/dup` transition mode does.
 */
export const RPC_SYSTEM = "rpc.system";
/** The contract's wire name of the operation: `Esws.syncMOCA`, `GetCardList`, `getKey`. */
export const RPC_METHOD = "rpc.method";
/**
 * The vendor's service: the SOAP namespace (`uen:esws`, `urn:edu-ix:account:4.3`) or the first path segment
 * of a JSON operation (`DealerCustomer`). The conventions now fold it into a fully-qualified `rpc.method`; we
 * keep the contract's names for the method and carry the service here.
 */
export const RPC_SERVICE = "rpc.service";
/** The vendor's result or fault code, when documented in the contract (`_OTHER` when not). */
export const RPC_STATUS_CODE = "rpc.status_code";
/** Our error kind (validation, network, timeout, abort, http-status, malformed-response, soap-fault, service). */
export const ERROR_TYPE = "error.type";

export const HTTP_REQUEST_METHOD = "http.request.method";
export const HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
/** The attempt's place among the call's requests: 1 for the first repeat (after a retry or a new login). */
export const HTTP_REQUEST_RESEND_COUNT = "http.request.resend_count";
export const SERVER_ADDRESS = "server.address";
export const SERVER_PORT = "server.port";
export const URL_FULL = "url.full";
export const URL_SCHEME = "url.scheme";

/** The vendor's registry id (`moka`, `easysecure`, `eduix`). */
export const INTEGRATIONS_VENDOR = "integrations.vendor";
/** On an attempt after a failed one: the backoff waited before it, in ms. */
export const INTEGRATIONS_RETRY_BACKOFF_MS = "integrations.retry.backoff_ms";
/** The number of attempts a call made, on its span. */
export const INTEGRATIONS_ATTEMPTS = "integrations.attempts";

/** Duration of each HTTP request (attempt), in seconds, with the conventions' advised buckets. */
export const HTTP_CLIENT_REQUEST_DURATION = "http.client.request.duration";
export const HTTP_CLIENT_REQUEST_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
/** Client calls by outcome: vendor, operation, result code, error kind. */
export const INTEGRATIONS_CLIENT_CALLS = "integrations.client.calls";

/** The instrumentation scope of every span and instrument. */
export const SCOPE_NAME = "@integrations/runtime";
