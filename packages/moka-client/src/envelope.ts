/**
 * Decoding the Moka envelope `{Data, ResultCode, ResultMessage, Exception}` (contracts/moka/README.md: every call
 * answers HTTP 200 with it; Data is null on failure).
 */
import {
  assertValidResponse,
  type HttpResponse,
  httpStatusErrorOf,
  MalformedResponseError,
  parseJsonBody,
  type ResultCodeInfo,
  type Validator,
} from "@integrations/runtime";
import { MokaError } from "./moka-error.js";

const MAX_UNKNOWN_CODE_LENGTH = 200;

const JSON_TYPES = /^(application\/json|text\/json|application\/[a-z0-9.+-]+\+json)$/;

export interface DecodeContext {
  operation: string;
  validateResponse: Validator;
  resultCodes: ReadonlyArray<ResultCodeInfo<string>>;
  /** Scrubs vendor text of the client's secrets (and of card numbers). */
  redact: (text: string) => string;
}

export function decodeMokaResponse<T>(response: HttpResponse, ctx: DecodeContext): T {
  const { operation } = ctx;
  const { status, contentType } = response;
  // Carries Retry-After (honoured up to the call's time limit) into the retry decision.
  if (status !== 200) throw httpStatusErrorOf(response, operation);
  // An absent content type is tolerated (some proxies strip it); a declared non-JSON one is not.
  if (contentType !== "" && !JSON_TYPES.test(contentType)) {
    throw new MalformedResponseError("content-type", `expected JSON, got ${contentType}`, {
      operation,
      status,
    });
  }
  // The body is decoded strictly (charset, BOM, else UTF-8); parseJsonBody skips a UTF-8 BOM, and rejects
  // numbers it cannot return exactly and objects with duplicate or __proto__ keys (runtime json-body.ts).
  const body = parseJsonBody(response.body, operation, status);
  if (
    !body ||
    typeof body !== "object" ||
    Array.isArray(body) ||
    typeof (body as { ResultCode?: unknown }).ResultCode !== "string"
  ) {
    throw new MalformedResponseError("envelope", "not a Moka envelope (no string ResultCode)", {
      operation,
      status,
    });
  }
  assertValidResponse(ctx.validateResponse, body, operation, status);

  const envelope = body as {
    Data: unknown;
    ResultCode: string;
    ResultMessage: string | null;
    Exception: string | null;
  };
  if (envelope.ResultCode === "Success") {
    if (envelope.Data === null || envelope.Data === undefined) {
      throw new MalformedResponseError("envelope", "ResultCode Success with no Data", { operation, status });
    }
    return envelope.Data as T;
  }
  const known = ctx.resultCodes.find((c) => c.code === envelope.ResultCode);
  // A documented code is a constant; an undocumented one is vendor text like any other: redacted and capped.
  const code = known ? known.code : ctx.redact(envelope.ResultCode).slice(0, MAX_UNKNOWN_CODE_LENGTH);
  const resultMessage = envelope.ResultMessage === null ? null : ctx.redact(envelope.ResultMessage);
  const exception = envelope.Exception === null ? null : ctx.redact(String(envelope.Exception));
  throw new MokaError({
    code,
    operation,
    status,
    meaning: known?.meaning ?? "Undocumented result code",
    retryable: known?.retryable ?? false,
    detail: resultMessage || exception || undefined,
    resultMessage,
    exception,
  });
}
