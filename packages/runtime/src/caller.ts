/**
 * The one caller every client runs its operations through: prepare and validate → encode → send → decode, as
 * attempts (runCall: retries for idempotent operations only, one log event per attempt, errors scrubbed).
 * A vendor supplies data (its descriptors) and a few hooks (its `VendorProtocol`): how input becomes the wire
 * value, how that value is written, how an answer is read, and, where the vendor has sessions, how one is got.
 */
import { type RetryOption, resolveRetryPolicy, runCall } from "./call.js";
import { CallDeadline } from "./call-deadline.js";
import type { CallOptions, ClientTransportOptions } from "./client-options.js";
import { ValidationError, type ValidationIssue } from "./errors.js";
import type { OperationDescriptor } from "./operation.js";
import { clientPackage } from "./recording/client-package.js";
import { type AttemptRecording, recordAttempt } from "./recording/record-attempt.js";
import { recorderFromEnvironment } from "./recording/recorder.js";
import type { ScrubRules } from "./recording/scrub.js";
import { type CallTelemetry, createClientTelemetry } from "./telemetry/client-telemetry.js";
import { type HttpResponse, sendHttp } from "./transport.js";

/** What goes on the wire for one attempt. */
export interface EncodedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The caller's input as the contract sees it, and every rule it breaks (empty: send it). */
export interface PreparedRequest {
  readonly value: unknown;
  readonly issues: readonly ValidationIssue[];
}

/**
 * Sessions (Edu-iX): one shared login, and one repeat of a call the server refused because the session
 * expired. Separate from the retry policy: a refused call was not executed, so even a write may be repeated.
 */
export interface SessionHooks<Op extends OperationDescriptor, Session> {
  /** Whether `op` runs inside a session (Edu-iX: every operation but login). */
  needs(op: Op): boolean;
  /**
   * The current session, logging in first when there is none. The promise may be shared by many calls: the caller
   * bounds its own wait by its signal and time limit, and the login goes on for the others.
   */
  acquire(op: Op): Promise<Session>;
  /** Whether `error` says the session expired (the recovery="login" codes). */
  expired(error: unknown): boolean;
  /** Forgets `stale`, unless another call has already replaced it. */
  invalidate(stale: Session): void;
}

export interface VendorProtocol<Op extends OperationDescriptor, Session = undefined> {
  /**
   * The caller's input → the value the contract validates, with every issue found. Default: the input as it
   * is, checked with the descriptor's generated validator.
   */
  prepare?(op: Op, input: unknown): PreparedRequest;
  /**
   * Writes the prepared value. Called once per call, before any session is got, so that an input that cannot be
   * written fails without sending anything; the result is applied to the session of each attempt.
   */
  encode(op: Op, value: unknown): (session: Session) => EncodedRequest;
  /** The answer → the operation's result, or a typed error (the vendor's error class for its codes). */
  decode(op: Op, response: HttpResponse): unknown;
  /**
   * The vendor's result code of a successful call, for telemetry (`rpc.status_code`, the call counter): Moka's
   * `Success`, the ESWS return code. Only a code the contract documents is reported.
   */
  resultCode?(op: Op, result: unknown): string | number | undefined;
  session?: SessionHooks<Op, Session>;
  /** How a recording scrubs this vendor's secrets, where the default placeholders break a field's facets. */
  scrub?: ScrubRules;
  /**
   * The client's module URL (`import.meta.url` of a file one folder below its package.json): a recording names
   * the client package and its version.
   */
  clientModuleUrl?: string;
}

export interface CallerOptions<Op extends OperationDescriptor, Session> {
  /** The vendor's registry id, for log events. */
  readonly vendor: string;
  readonly protocol: VendorProtocol<Op, Session>;
  readonly transport: ClientTransportOptions;
  /** The client's redactor: every error a call throws is scrubbed with it first. */
  readonly redact?: ((text: string) => string) | undefined;
  /** Overrides `transport.retry`, e.g. for a vendor whose operations are all writes. */
  readonly retry?: RetryOption;
}

export type OperationCaller<Op extends OperationDescriptor> = (
  op: Op,
  input: unknown,
  options?: CallOptions,
) => Promise<unknown>;

/** The caller's input as the contract sees it: the vendor's `prepare`, or the input checked by its validator. */
function prepareInput<Op extends OperationDescriptor>(
  protocol: VendorProtocol<Op, unknown>,
  op: Op,
  input: unknown,
): PreparedRequest {
  if (protocol.prepare) return protocol.prepare(op, input);
  return { value: input, issues: op.validateRequest(input) };
}

export function createCaller<Op extends OperationDescriptor, Session = undefined>(
  options: CallerOptions<Op, Session>,
): OperationCaller<Op> {
  const { vendor, protocol, transport, redact } = options;
  const retry = resolveRetryPolicy(options.retry === undefined ? transport.retry : options.retry);
  const session = protocol.session;
  // Spans and metrics (telemetry/): undefined when turned off; the API is only looked for at the first call.
  const telemetry = createClientTelemetry(transport.telemetry, redact);
  // Recording (recording/): the client's recorder, or the one INTEGRATIONS_RECORD asks for, or none.
  const recorder =
    transport.recorder === false ? undefined : (transport.recorder ?? recorderFromEnvironment());
  const recording: AttemptRecording | undefined =
    recorder === undefined
      ? undefined
      : {
          recorder,
          vendor,
          client: clientPackage(protocol.clientModuleUrl),
          rules: protocol.scrub,
          redact,
          // An event of its own for the failed write (logging.ts), just before the attempt's.
          report: (reason, operation, attempt, outcome) => {
            const message = `recording not written: ${reason}`;
            if (transport.logger === undefined) return process.emitWarning(message);
            transport.logger({
              vendor,
              operation,
              attempt,
              outcome: outcome.kind,
              durationMs: 0,
              ...(outcome.kind === "error" ? { errorKind: outcome.errorKind, code: outcome.code } : {}),
              message,
              recording: "not-written",
            });
          },
        };

  function exchange(
    op: Op,
    request: EncodedRequest,
    callOptions: CallOptions,
    trace: CallTelemetry | undefined,
  ): Promise<unknown> {
    const { signal } = callOptions;
    const send = () =>
      sendHttp(
        {
          url: request.url,
          method: "POST",
          headers: request.headers,
          body: request.body,
          operation: op.wireName,
          signal,
        },
        {
          dispatcher: transport.dispatcher,
          agent: transport.agent,
          timeoutMs: callOptions.timeoutMs ?? transport.timeoutMs,
          maxResponseBytes: transport.maxResponseBytes,
        },
      );
    return runCall(
      {
        vendor,
        operation: op.wireName,
        idempotent: op.idempotent,
        retry,
        logger: transport.logger,
        redact,
        signal,
        onRetry: trace === undefined ? undefined : (n, delayMs) => trace.retrying(n, delayMs),
      },
      trace === undefined && recording === undefined
        ? async () => protocol.decode(op, await send())
        : async (n: number) => {
            // The attempt's span covers the transport call and the reading of its answer.
            const attempt = trace?.attempt(request.url);
            let response: HttpResponse | undefined;
            try {
              response = attempt === undefined ? await send() : await attempt.run(send);
              attempt?.responded(response.status);
              const value = protocol.decode(op, response);
              attempt?.succeeded();
              if (recording !== undefined) recordAttempt(recording, op, request, n, response, undefined);
              return value;
            } catch (error) {
              attempt?.failed(error, op);
              if (recording !== undefined) recordAttempt(recording, op, request, n, response, error);
              throw error;
            }
          },
    );
  }

  /**
   * A call inside a session. Its time limit and signal bound everything it waits for (CallDeadline): the shared
   * login, and each exchange, which gets what is left of the limit.
   */
  async function inSession(
    op: Op,
    hooks: SessionHooks<Op, Session>,
    write: (session: Session) => EncodedRequest,
    callOptions: CallOptions,
    trace: CallTelemetry | undefined,
  ): Promise<unknown> {
    const deadline = new CallDeadline(callOptions, op.wireName);
    const send = (session: Session) =>
      deadline.exchange((options) => exchange(op, write(session), options, trace));
    // A login started by this acquire, or already under way, is one this call waits for: its span is linked.
    const acquire = () => {
      const session = hooks.acquire(op);
      trace?.waitedFor(telemetry?.pendingLogin());
      return session;
    };
    let current = await deadline.wait(acquire);
    try {
      return await send(current);
    } catch (error) {
      if (!hooks.expired(error)) throw error;
      hooks.invalidate(current);
      current = await deadline.wait(acquire);
      return await send(current);
    }
  }

  function call(op: Op, input: unknown, callOptions: CallOptions, trace: CallTelemetry | undefined) {
    let write: (session: Session) => EncodedRequest;
    try {
      const prepared = prepareInput(protocol as VendorProtocol<Op, unknown>, op, input);
      // Nothing is sent unless the whole input is valid; the error lists every offending field.
      if (prepared.issues.length > 0) {
        throw new ValidationError([...prepared.issues], { operation: op.wireName });
      }
      write = protocol.encode(op, prepared.value);
    } catch (error) {
      return Promise.reject(error);
    }
    if (session?.needs(op)) return inSession(op, session, write, callOptions, trace);
    return exchange(op, write(undefined as Session), callOptions, trace);
  }

  return (op, input, callOptions = {}) => {
    // The session's own login (an operation outside the session, when there is one) starts its own trace.
    const trace = telemetry?.startCall(op, session !== undefined && !session.needs(op));
    if (trace === undefined) return call(op, input, callOptions, undefined);
    return call(op, input, callOptions, trace).then(
      (result) => {
        trace.succeeded(() => protocol.resultCode?.(op, result));
        return result;
      },
      (error: unknown) => {
        trace.failed(error);
        throw error;
      },
    );
  };
}
