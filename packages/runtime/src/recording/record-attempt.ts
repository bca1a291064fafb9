/**
 * The caller's side of recording: one attempt (what was sent, what came back, how it ended) scrubbed with the
 * operation's secret paths and the client's redactor, then handed to the recorder.
 */
import type { EncodedRequest } from "../caller.js";
import type { ErrorKind } from "../errors.js";
import type { OperationDescriptor } from "../operation.js";
import type { HttpResponse } from "../transport.js";
import type { RecordedExchange, RecordedOutcome, Recorder } from "./recorder.js";
import { type ScrubRules, scrubExchange, type WireFormat } from "./scrub.js";

export interface AttemptRecording {
  readonly recorder: Recorder;
  readonly vendor: string;
  /** The client package and its version, for `meta.json`; read when first needed. */
  readonly client: () => string | undefined;
  readonly rules?: ScrubRules | undefined;
  readonly redact?: ((text: string) => string) | undefined;
  /** Told when the attempt could not be recorded (the client's logger); never thrown into the call. */
  readonly report: (reason: string, operation: string, attempt: number, outcome: RecordedOutcome) => void;
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function sniff(contentType: string, text: string): WireFormat | "txt" {
  if (contentType.includes("json")) return "json";
  if (contentType.includes("xml")) return "xml";
  const start = text.trimStart();
  if (start.startsWith("<?xml") || /^<([\w.-]+:)?Envelope\b/.test(start)) return "xml";
  if (start.startsWith("{") || start.startsWith("[")) return "json";
  return "txt";
}

function outcomeOf(error: unknown): RecordedOutcome {
  if (error === undefined) return { kind: "success" };
  const e = (typeof error === "object" && error !== null ? error : {}) as { kind?: unknown; code?: unknown };
  const errorKind = (typeof e.kind === "string" ? e.kind : "network") as ErrorKind;
  const code = typeof e.code === "string" || typeof e.code === "number" ? e.code : undefined;
  return { kind: "error", errorKind, code };
}

/** Records one attempt; never throws: a failure to scrub or to write is reported, the call goes on. */
export function recordAttempt(
  recording: AttemptRecording,
  op: OperationDescriptor,
  request: EncodedRequest,
  attempt: number,
  response: HttpResponse | undefined,
  error: unknown,
): void {
  const outcome = outcomeOf(error);
  try {
    const contentType = header(request.headers, "content-type") ?? "";
    const requestFormat: WireFormat = contentType.includes("json") ? "json" : "xml";
    let responseText: string | undefined;
    try {
      responseText = response?.body;
    } catch {
      // Bytes that are not text in their declared encoding: recorded without a body (meta has the outcome).
    }
    const responseFormat =
      response && responseText !== undefined ? sniff(response.contentType, responseText) : "txt";
    const scrubbed = scrubExchange({
      secrets: op.secrets,
      request: { format: requestFormat, text: request.body },
      response:
        responseText !== undefined && responseFormat !== "txt"
          ? { format: responseFormat, text: responseText }
          : undefined,
      rules: recording.rules,
      redact: recording.redact,
    });
    const body =
      responseText === undefined
        ? undefined
        : responseFormat === "txt"
          ? { format: "txt" as const, text: scrubbed.scrubText(responseText) }
          : scrubbed.response;
    const soapAction = header(request.headers, "soapaction");
    const exchange: RecordedExchange = {
      vendor: recording.vendor,
      operation: op.operationId,
      client: recording.client(),
      url: scrubbed.scrubText(request.url),
      method: "POST",
      soapAction: soapAction === undefined ? undefined : scrubbed.scrubText(soapAction),
      attempt,
      request: scrubbed.request!,
      response: response && { status: response.status, contentType: response.contentType, body },
      outcome,
      scrubbed: scrubbed.scrubbed,
    };
    recording.recorder.record(exchange);
  } catch (failure) {
    // Recording never changes a call's outcome; a failure to record is told, not thrown.
    const reason = failure instanceof Error ? failure.message : String(failure);
    try {
      recording.report(recording.redact ? recording.redact(reason) : reason, op.wireName, attempt, outcome);
    } catch {
      // A failing log sink must not change the call's outcome either.
    }
  }
}
