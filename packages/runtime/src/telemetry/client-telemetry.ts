/**
 * A client's telemetry: one span per call (RPC conventions), one child span per attempt (HTTP client
 * conventions) around the transport call, the Edu-iX login as its own span linked from the calls that waited
 * for it, and the two instruments. `startCall` returns undefined when nothing would be recorded (telemetry
 * off, the API absent, no SDK registered or the span not sampled, and no meter provider): the caller then does
 * no telemetry work at all for that call.
 *
 * What goes into a span or a measurement: the descriptor's constants (method, service, vendor), the attempt's
 * endpoint without secrets (endpoint.ts), HTTP status codes, documented vendor codes and error kinds
 * (outcome.ts), counts and durations. Never a request or response body, an input field, an error message or
 * a header: nothing a caller or a vendor wrote can reach an exporter.
 */
import type { Context, Link, Span, SpanContext, Tracer } from "@opentelemetry/api";
import type { OperationDescriptor } from "../operation.js";
import { type EndpointAttributes, EndpointCache } from "./endpoint.js";
import { type Instruments, instrumentsOf } from "./instruments.js";
import { globalProvidersRegistered, type OtelApiModule, otelApi, runtimeVersion } from "./otel-api.js";
import { errorOutcome, type Outcome, successOutcome } from "./outcome.js";
import { rpcAttributes } from "./rpc-identity.js";
import {
  ERROR_TYPE,
  HTTP_REQUEST_METHOD,
  HTTP_REQUEST_RESEND_COUNT,
  HTTP_RESPONSE_STATUS_CODE,
  INTEGRATIONS_ATTEMPTS,
  INTEGRATIONS_RETRY_BACKOFF_MS,
  INTEGRATIONS_VENDOR,
  RPC_METHOD,
  RPC_STATUS_CODE,
  RPC_SYSTEM_NAME,
  SCOPE_NAME,
  SERVER_ADDRESS,
  SERVER_PORT,
  URL_SCHEME,
} from "./semconv.js";
import type { TelemetryOption } from "./telemetry-options.js";

/** The API's SpanKind.CLIENT and SpanStatusCode.ERROR, as numbers: no value import of the API. */
const SPAN_KIND_CLIENT = 2;
const SPAN_STATUS_ERROR = 2;

export interface ClientTelemetry {
  /**
   * Starts the telemetry of one call; undefined when nothing would be recorded. `opensSession`: the call is the
   * session's login (Edu-iX), shared by every call waiting for it, so its span starts a trace of its own.
   */
  startCall(op: OperationDescriptor, opensSession: boolean): CallTelemetry | undefined;
  /** The span of the login under way, if any: a call that starts waiting for the session now links to it. */
  pendingLogin(): SpanContext | undefined;
}

/** The resolved providers of a client, looked up lazily (the API is loaded at the first call). */
interface Resolved {
  readonly api: OtelApiModule;
  readonly tracer: Tracer;
  readonly version: string;
  /** Whether a span could record now; false costs no span at all. */
  readonly tracing: () => boolean;
}

export function createClientTelemetry(
  option: TelemetryOption | undefined,
  redact: ((text: string) => string) | undefined,
): ClientTelemetry | undefined {
  if (option === false) return undefined;
  const endpoints = new EndpointCache(redact);
  let resolved: Resolved | null | undefined;
  let pending: { readonly context: SpanContext } | undefined;

  const resolve = (): Resolved | null => {
    const api = otelApi();
    if (api === undefined) return null;
    const version = runtimeVersion();
    const provider = option?.tracerProvider ?? api.trace.getTracerProvider();
    // A global provider's tracer is the API's proxy: it follows a provider registered later. While nothing is
    // registered, the proxy's delegate is the API's no-op provider (what a fresh proxy gives): no span is
    // started at all, so "off" costs a comparison per call.
    const noop = new api.ProxyTracerProvider().getDelegate();
    const tracing =
      option?.tracerProvider !== undefined
        ? () => true
        : () => {
            const global = api.trace.getTracerProvider();
            return !(global instanceof api.ProxyTracerProvider) || global.getDelegate() !== noop;
          };
    return { api, tracer: provider.getTracer(SCOPE_NAME, version) as Tracer, version, tracing };
  };

  // Only the global providers: nothing to do (and nothing to load) until an SDK registers one.
  const globalOnly = option?.tracerProvider === undefined && option?.meterProvider === undefined;
  const startCall = (op: OperationDescriptor, opensSession: boolean): CallTelemetry | undefined => {
    if (globalOnly && !globalProvidersRegistered()) return undefined;
    if (resolved === undefined) resolved = resolve();
    if (resolved === null) return undefined;
    const { api, tracer, version, tracing } = resolved;
    const meterProvider = option?.meterProvider ?? api.metrics.getMeterProvider();
    const instruments = instrumentsOf(api, meterProvider as Parameters<typeof instrumentsOf>[1], version);
    let span: Span | undefined;
    if (tracing()) {
      span = tracer.startSpan(
        op.wireName,
        { kind: SPAN_KIND_CLIENT, attributes: rpcAttributes(op), root: opensSession },
        api.context.active(),
      );
      // Not sampled: nothing of it is kept, and neither are its attempts.
      if (!span.isRecording()) {
        span.end();
        span = undefined;
      }
    }
    if (span === undefined && instruments === undefined) return undefined;
    const call = new CallTelemetry(api, tracer, op, span, instruments, endpoints);
    if (opensSession && span !== undefined) {
      const mark = { context: span.spanContext() };
      pending = mark;
      call.onEnd(() => {
        if (pending === mark) pending = undefined;
      });
    }
    return call;
  };
  return {
    startCall(op, opensSession) {
      try {
        return startCall(op, opensSession);
      } catch {
        // A provider that throws must never fail the call: this call goes untraced.
        return undefined;
      }
    },
    pendingLogin: () => pending?.context,
  };
}

/** One call: its span (when sampled), its attempts, its outcome. */
export class CallTelemetry {
  readonly #api: OtelApiModule;
  readonly #tracer: Tracer;
  readonly #op: OperationDescriptor;
  readonly #span: Span | undefined;
  readonly #instruments: Instruments | undefined;
  readonly #endpoints: EndpointCache;
  #attempts = 0;
  #backoffMs: number | undefined;
  #ended = false;
  #endHooks: (() => void)[] = [];

  constructor(
    api: OtelApiModule,
    tracer: Tracer,
    op: OperationDescriptor,
    span: Span | undefined,
    instruments: Instruments | undefined,
    endpoints: EndpointCache,
  ) {
    this.#api = api;
    this.#tracer = tracer;
    this.#op = op;
    this.#span = span;
    this.#instruments = instruments;
    this.#endpoints = endpoints;
  }

  /** Starts the span of the next attempt, to `url` (untraced if the provider throws). */
  attempt(url: string): AttemptTelemetry {
    try {
      return this.#attempt(url);
    } catch {
      return new AttemptTelemetry(this.#api, undefined, undefined, undefined, undefined);
    }
  }

  #attempt(url: string): AttemptTelemetry {
    const resends = this.#attempts++;
    const endpoint = this.#endpoints.get(url);
    let span: Span | undefined;
    let context: Context | undefined;
    if (this.#span !== undefined) {
      if (resends === 0 && endpoint !== undefined) {
        // The call span's server.address and port: where its first request went.
        this.#span.setAttribute(SERVER_ADDRESS, endpoint[SERVER_ADDRESS] as string);
        if (endpoint[SERVER_PORT] !== undefined) {
          this.#span.setAttribute(SERVER_PORT, endpoint[SERVER_PORT] as number);
        }
      }
      const attributes: Record<string, string | number> = { ...endpoint };
      if (resends > 0) attributes[HTTP_REQUEST_RESEND_COUNT] = resends;
      if (this.#backoffMs !== undefined) attributes[INTEGRATIONS_RETRY_BACKOFF_MS] = this.#backoffMs;
      const parent = this.#api.trace.setSpan(this.#api.context.active(), this.#span);
      span = this.#tracer.startSpan("POST", { kind: SPAN_KIND_CLIENT, attributes }, parent);
      context = this.#api.trace.setSpan(parent, span);
    }
    this.#backoffMs = undefined;
    return new AttemptTelemetry(this.#api, span, context, endpoint, this.#instruments);
  }

  /** A failed attempt will be repeated after `delayMs`: an event on the call, an attribute on the next attempt. */
  retrying(attempt: number, delayMs: number): void {
    this.#backoffMs = delayMs;
    this.#span?.addEvent("retry", {
      [HTTP_REQUEST_RESEND_COUNT]: this.#attempts,
      [INTEGRATIONS_RETRY_BACKOFF_MS]: delayMs,
      "integrations.retry.after_attempt": attempt,
    });
  }

  /** The call waited for the session's login `login`: a link to its span. */
  waitedFor(login: SpanContext | undefined): void {
    if (login === undefined || this.#span === undefined) return;
    const link: Link = { context: login, attributes: { "integrations.link": "session-login" } };
    this.#span.addLink(link);
  }

  onEnd(hook: () => void): void {
    this.#endHooks.push(hook);
  }

  /** The call succeeded; `resultCode` reads the vendor's code from its result (VendorProtocol.resultCode). */
  succeeded(resultCode: () => unknown): void {
    let code: unknown;
    try {
      code = resultCode();
    } catch {
      code = undefined;
    }
    this.#end(successOutcome(this.#op, code));
  }

  failed(error: unknown): void {
    this.#end(errorOutcome(this.#op, error));
  }

  #end(outcome: Outcome): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      this.#record(outcome);
    } catch {
      // A failing span processor or metric reader must never change the outcome of a call.
    }
    for (const hook of this.#endHooks) hook();
  }

  #record(outcome: Outcome): void {
    const span = this.#span;
    if (span !== undefined) {
      span.setAttribute(INTEGRATIONS_ATTEMPTS, this.#attempts);
      if (outcome.code !== undefined) span.setAttribute(RPC_STATUS_CODE, outcome.code);
      if (outcome.errorType !== undefined) {
        span.setAttribute(ERROR_TYPE, outcome.errorType);
        span.setStatus({ code: SPAN_STATUS_ERROR, message: outcome.description });
      }
      span.end();
    }
    if (this.#instruments !== undefined) {
      const rpc = rpcAttributes(this.#op);
      const attributes: Record<string, string> = {
        [INTEGRATIONS_VENDOR]: this.#op.vendor,
        [RPC_SYSTEM_NAME]: rpc[RPC_SYSTEM_NAME]!,
        [RPC_METHOD]: this.#op.wireName,
      };
      if (outcome.code !== undefined) attributes[RPC_STATUS_CODE] = outcome.code;
      if (outcome.errorType !== undefined) attributes[ERROR_TYPE] = outcome.errorType;
      this.#instruments.calls.add(1, attributes);
    }
  }
}

/** One attempt: an HTTP request and the reading of its answer. */
export class AttemptTelemetry {
  readonly #api: OtelApiModule;
  readonly #span: Span | undefined;
  readonly #context: Context | undefined;
  readonly #endpoint: EndpointAttributes | undefined;
  readonly #instruments: Instruments | undefined;
  readonly #started = performance.now();
  #status: number | undefined;
  #ended = false;

  constructor(
    api: OtelApiModule,
    span: Span | undefined,
    context: Context | undefined,
    endpoint: EndpointAttributes | undefined,
    instruments: Instruments | undefined,
  ) {
    this.#api = api;
    this.#span = span;
    this.#context = context;
    this.#endpoint = endpoint;
    this.#instruments = instruments;
  }

  /** Runs the transport call with the attempt's span active, so that an HTTP instrumentation nests under it. */
  run<T>(send: () => Promise<T>): Promise<T> {
    return this.#context === undefined ? send() : this.#api.context.with(this.#context, send);
  }

  /** The answer's HTTP status, once it is known. */
  responded(status: number): void {
    this.#status = status;
  }

  succeeded(): void {
    this.#end(undefined);
  }

  failed(error: unknown, op: OperationDescriptor): void {
    this.#end(errorOutcome(op, error));
  }

  #end(outcome: Outcome | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      this.#record(outcome);
    } catch {
      // A failing span processor or metric reader must never change the outcome of a call.
    }
  }

  #record(outcome: Outcome | undefined): void {
    const status = this.#status ?? outcome?.status;
    const span = this.#span;
    if (span !== undefined) {
      if (status !== undefined) span.setAttribute(HTTP_RESPONSE_STATUS_CODE, status);
      if (outcome?.code !== undefined) span.setAttribute(RPC_STATUS_CODE, outcome.code);
      if (outcome?.errorType !== undefined) {
        span.setAttribute(ERROR_TYPE, outcome.errorType);
        span.setStatus({ code: SPAN_STATUS_ERROR, message: outcome.description });
      }
      span.end();
    }
    if (this.#instruments !== undefined && this.#endpoint !== undefined) {
      const attributes: Record<string, string | number> = {
        [HTTP_REQUEST_METHOD]: this.#endpoint[HTTP_REQUEST_METHOD]!,
        [SERVER_ADDRESS]: this.#endpoint[SERVER_ADDRESS]!,
        [URL_SCHEME]: this.#endpoint[URL_SCHEME]!,
      };
      if (this.#endpoint[SERVER_PORT] !== undefined) attributes[SERVER_PORT] = this.#endpoint[SERVER_PORT];
      if (status !== undefined) attributes[HTTP_RESPONSE_STATUS_CODE] = status;
      if (outcome?.errorType !== undefined) attributes[ERROR_TYPE] = outcome.errorType;
      this.#instruments.requestDuration.record((performance.now() - this.#started) / 1000, attributes);
    }
  }
}
