import {
  defaultEndpoint,
  generalResultCodes,
  type InfoFields,
  operations,
  type SyncMOCARequest,
  type SyncMOCASuccessCode,
  type UpdateUserDotwebRequest,
  type UpdateUserDotwebSuccessCode,
} from "@integrations/easysecure-types";
import {
  type CallOptions,
  type ClientTransportOptions,
  createRedactor,
  findInvalidXmlChar,
  type JsonSchema,
  type RetryOption,
  resolveRetryPolicy,
  runCall,
  sendHttp,
  transportOptionIssues,
  ValidationError,
  type ValidationIssue,
  validationIssues,
} from "@integrations/runtime";
import { createDateFormatter, type DateFormatter, DEFAULT_TIME_ZONE } from "./dates.js";
import { buildRequestEnvelope } from "./envelope.js";
import { COMPANY_ID_PART, type OperationDescriptor, type OperationSpec } from "./operation.js";
import { type ParamsContext, type PreparedOperation, prepareOperation, toWireParams } from "./params.js";
import { createReturnResolver, type ResultCodeEntry, type ReturnResolver } from "./resolve-return.js";
import { type DecodeContext, decodeEswsResponse } from "./response.js";

export interface EasySecureClientOptions extends Omit<ClientTransportOptions, "retry"> {
  /** The ESWS endpoint. Default: the contract's `https://ws.i3.identysoft.com/webservicesesws`. */
  endpoint?: string;
  /**
   * The company security code ESWS issued (`p_companyID`, "string (32)"). A secret: it is sent in every
   * request body and never appears in an error, a log event or a serialized error.
   */
  companyId: string;
  /**
   * Accepted for uniformity with the other clients, and has no effect: both ESWS operations are writes
   * (syncMOCA issues a card, updateUserDotweb inserts or updates a user) and are never retried
   * automatically, whatever this says. A failed call may still have been applied; retry it yourself only
   * when that is safe (see README).
   */
  retry?: RetryOption;
  /**
   * ESWS stores only Latin-1 (characters up to U+00FF) and turns anything else into "?". By default such
   * characters are rejected with a ValidationError naming the field and the character. With `true`, free
   * text (names, info fields, group names, licence plate) is first transliterated to Latin-1 (Ł → L,
   * ’ → ', – → -, ő → o …); whatever has no Latin-1 form is still rejected.
   */
  transliterate?: boolean;
  /**
   * The IANA time zone a `Date` passed as p_StartDate / p_ExpireDate is written in. Default
   * "Europe/Amsterdam", the vendor's zone: ESWS reads `yyyy-mm-dd hh:ii:ss` as its local time.
   */
  timeZone?: string;
}

/** Esws.syncMOCA input. `p_wsAltUserId` is sent as the part `p_wsAltUser_id` (see README). */
export interface SyncMOCAInput {
  /** The user's id in the 3rd party application (the wsAltUserId in EasySecure): A–Z, a–z, 0–9 and "-". */
  p_wsAltUserId: SyncMOCARequest["p_wsAltUser_id"];
}

/** Esws.updateUserDotweb input: the wire parameters without p_companyID, with friendlier optional types. */
export type UpdateUserDotwebInput = Omit<
  UpdateUserDotwebRequest,
  | "p_companyID"
  | "p_StartDate"
  | "p_ExpireDate"
  | "p_infoFields"
  | "p_groupName"
  | "p_groupUpdate"
  | "p_locationID"
> & {
  /** `yyyy-mm-dd hh:ii:ss`, or a Date (written in the client's `timeZone`). Absent: ESWS uses the current date. */
  p_StartDate?: string | Date | undefined;
  /** `yyyy-mm-dd hh:ii:ss`, or a Date. Absent: ESWS uses 2030-12-31. Must not be before p_StartDate. */
  p_ExpireDate?: string | Date | undefined;
  /** info1 … info14. */
  p_infoFields: InfoFields;
  /** One group name, `"Group1;Group2"`, or a list joined with ";" (no element may be empty or hold ";"). */
  p_groupName?: string | readonly string[] | undefined;
  /** 0 or 1 (sent as the string "0" / "1"). */
  p_groupUpdate?: 0 | 1 | "" | "0" | "1" | undefined;
  /** A non-negative integer (sent as its decimal string). */
  p_locationID?: number | string | undefined;
};

export type SyncMOCAResult = SyncMOCASuccessCode;
export type UpdateUserDotwebResult = UpdateUserDotwebSuccessCode;

export interface EasySecureClient {
  /** `Esws.syncMOCA`: issues a mobile credential card at MOCA for the user. Resolves to `"OK"`. */
  syncMOCA(input: SyncMOCAInput, options?: CallOptions): Promise<SyncMOCAResult>;
  /** `Esws.updateUserDotweb`: inserts or updates the user with this wsAltUserId. */
  updateUserDotweb(input: UpdateUserDotwebInput, options?: CallOptions): Promise<UpdateUserDotwebResult>;
}

/** syncMOCA's part is `p_wsAltUser_id` (the vendor's sample, very likely the live WSDL); callers use the doc's name. */
const SYNC_MOCA: OperationSpec = {
  descriptor: operations.syncMOCA as OperationDescriptor,
  apiNames: { p_wsAltUser_id: "p_wsAltUserId" },
};
const UPDATE_USER_DOTWEB: OperationSpec = {
  descriptor: operations.updateUserDotweb as OperationDescriptor,
  apiNames: {},
};

/** Pure functions of the contract: built once per operation, on first use, and shared by every client. */
const resolvers = new WeakMap<OperationSpec, ReturnResolver>();

function resolverFor(spec: OperationSpec): ReturnResolver {
  let resolve = resolvers.get(spec);
  if (resolve === undefined) {
    resolve = createReturnResolver([
      ...(generalResultCodes as ReadonlyArray<ResultCodeEntry>),
      ...spec.descriptor.resultCodes,
    ]);
    resolvers.set(spec, resolve);
  }
  return resolve;
}

/**
 * The contract's rule for p_companyID (tns:companyID: 1–32 characters) as a schema of its own, taken from the
 * params schema (the other parts' issues are not this option's business); messages never quote the value.
 */
let companyIdSchema: JsonSchema | undefined;

function companyIdIssues(companyId: string): ValidationIssue[] {
  if (companyIdSchema === undefined) {
    const schema = SYNC_MOCA.descriptor.paramsSchema;
    const properties = schema.properties as Record<string, JsonSchema>;
    companyIdSchema = { $defs: schema.$defs, ...properties[COMPANY_ID_PART] };
  }
  return validationIssues(companyIdSchema, companyId).map((issue) => ({ ...issue, field: "companyId" }));
}

/** A formatter created on first use: Intl.DateTimeFormat is costly to create, and most calls pass no Date. */
function lazyDateFormatter(timeZone: string): DateFormatter {
  let format: DateFormatter | undefined;
  return (date) => {
    format ??= createDateFormatter(timeZone);
    return format(date);
  };
}

/** The options are checked once, here: a bad companyId or time zone is a configuration error. */
function checkOptions(options: EasySecureClientOptions): { formatDate: DateFormatter; endpoint: string } {
  const issues: ValidationIssue[] = [];
  const { companyId } = options;
  if (typeof companyId !== "string" || companyId === "") {
    issues.push({ field: "companyId", rule: "required", message: "must be a non-empty string" });
  } else {
    issues.push(...companyIdIssues(companyId));
    if (findInvalidXmlChar(companyId) !== undefined) {
      issues.push({
        field: "companyId",
        rule: "xmlChar",
        message: "contains a character XML 1.0 cannot carry",
      });
    }
  }
  issues.push(...transportOptionIssues(options as unknown as Record<string, unknown>));
  const endpoint = options.endpoint ?? defaultEndpoint;
  if (!/^https?:\/\/[^/]/i.test(endpoint) || !URL.canParse(endpoint)) {
    issues.push({ field: "endpoint", rule: "url", message: "must be an http(s) URL" });
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  let formatDate: DateFormatter = () => "";
  if (timeZone === DEFAULT_TIME_ZONE) {
    // The vendor's zone, which every Intl knows: nothing to check, so the formatter waits for a Date.
    formatDate = lazyDateFormatter(timeZone);
  } else {
    try {
      formatDate = createDateFormatter(timeZone);
    } catch {
      issues.push({
        field: "timeZone",
        rule: "timeZone",
        message: "must be an IANA time zone, e.g. Europe/Amsterdam",
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, { operation: "createEasySecureClient" });
  return { formatDate, endpoint };
}

/** What one client needs per operation, computed at create. */
interface BoundOperation {
  readonly op: PreparedOperation;
  readonly descriptor: OperationDescriptor;
  readonly operation: string;
  readonly soapAction: string;
  readonly decode: DecodeContext;
}

export function createEasySecureClient(options: EasySecureClientOptions): EasySecureClient {
  const { formatDate, endpoint } = checkOptions(options);
  const { companyId } = options;
  const redact = createRedactor([companyId]);
  const retry = resolveRetryPolicy(options.retry);
  const transliterate = options.transliterate === true;
  const paramsContext: ParamsContext = { companyId, transliterate, formatDate };

  function bind(spec: OperationSpec): BoundOperation {
    const { descriptor } = spec;
    const operation = descriptor.name;
    return {
      op: prepareOperation(spec),
      descriptor,
      operation,
      // SOAP 1.1 requires the header, quoted; NuSOAP dispatches on the Body and ignores its value.
      soapAction: `"${descriptor.soapAction}"`,
      decode: { operation, resolve: resolverFor(spec), redact },
    };
  }
  const syncMOCA = bind(SYNC_MOCA);
  const updateUserDotweb = bind(UPDATE_USER_DOTWEB);

  function call(bound: BoundOperation, input: unknown, callOptions?: CallOptions): Promise<string> {
    const { descriptor, operation } = bound;
    // Nothing is sent unless the whole input is valid; the error lists every offending field.
    // (Thrown synchronously inside an async function before: keep it a rejection.)
    let body: string;
    try {
      const { params, issues } = toWireParams(bound.op, input, paramsContext);
      if (issues.length > 0) throw new ValidationError([...issues], { operation });
      body = buildRequestEnvelope(descriptor, params);
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = callOptions?.signal;

    // idempotent: false — never retried automatically: a repeated syncMOCA or updateUserDotweb after a lost
    // answer may act twice, and only the caller knows whether that is acceptable.
    return runCall(
      { vendor: "easysecure", operation, idempotent: false, retry, logger: options.logger, redact, signal },
      async () => {
        const response = await sendHttp(
          {
            url: endpoint,
            method: "POST",
            headers: {
              "content-type": "text/xml; charset=utf-8",
              accept: "text/xml",
              SOAPAction: bound.soapAction,
            },
            body,
            operation,
            signal,
          },
          {
            dispatcher: options.dispatcher,
            timeoutMs: callOptions?.timeoutMs ?? options.timeoutMs,
            maxResponseBytes: options.maxResponseBytes,
          },
        );
        return decodeEswsResponse(response, bound.decode);
      },
    );
  }

  return {
    syncMOCA: (input, callOptions) => call(syncMOCA, input, callOptions) as Promise<SyncMOCAResult>,
    updateUserDotweb: (input, callOptions) =>
      call(updateUserDotweb, input, callOptions) as Promise<UpdateUserDotwebResult>,
  };
}
