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
  type RetryOption,
  resolveRetryPolicy,
  runCall,
  sendHttp,
  ValidationError,
  type ValidationIssue,
  validationIssues,
} from "@integrations/runtime";
import { createDateFormatter, type DateFormatter, DEFAULT_TIME_ZONE } from "./dates.js";
import { buildRequestEnvelope } from "./envelope.js";
import { COMPANY_ID_PART, type OperationDescriptor, type OperationSpec } from "./operation.js";
import { toWireParams } from "./params.js";
import { createReturnResolver, type ResultCodeEntry, type ReturnResolver } from "./resolve-return.js";
import { decodeEswsResponse } from "./response.js";

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

function resolverFor(spec: OperationSpec): ReturnResolver {
  return createReturnResolver([
    ...(generalResultCodes as ReadonlyArray<ResultCodeEntry>),
    ...spec.descriptor.resultCodes,
  ]);
}

/** The options are checked once, here: a bad companyId or time zone is a configuration error. */
function checkOptions(options: EasySecureClientOptions): { formatDate: DateFormatter; endpoint: string } {
  const issues: ValidationIssue[] = [];
  const { companyId } = options;
  if (typeof companyId !== "string" || companyId === "") {
    issues.push({ field: "companyId", rule: "required", message: "must be a non-empty string" });
  } else {
    // The contract's rule for p_companyID (tns:companyID: 1–32 characters), taken from the params schema
    // (the other parts' issues are not this option's business); messages never quote the value.
    for (const issue of validationIssues(SYNC_MOCA.descriptor.paramsSchema, {
      [COMPANY_ID_PART]: companyId,
    })) {
      if (issue.field === COMPANY_ID_PART) issues.push({ ...issue, field: "companyId" });
    }
    if (findInvalidXmlChar(companyId) !== undefined) {
      issues.push({
        field: "companyId",
        rule: "xmlChar",
        message: "contains a character XML 1.0 cannot carry",
      });
    }
  }
  const endpoint = options.endpoint ?? defaultEndpoint;
  if (!/^https?:\/\/[^/]/i.test(endpoint) || !URL.canParse(endpoint)) {
    issues.push({ field: "endpoint", rule: "url", message: "must be an http(s) URL" });
  }
  let formatDate: DateFormatter = () => "";
  try {
    formatDate = createDateFormatter(options.timeZone ?? DEFAULT_TIME_ZONE);
  } catch {
    issues.push({
      field: "timeZone",
      rule: "timeZone",
      message: "must be an IANA time zone, e.g. Europe/Amsterdam",
    });
  }
  if (issues.length > 0) throw new ValidationError(issues, { operation: "createEasySecureClient" });
  return { formatDate, endpoint };
}

export function createEasySecureClient(options: EasySecureClientOptions): EasySecureClient {
  const { formatDate, endpoint } = checkOptions(options);
  const { companyId } = options;
  const redact = createRedactor([companyId]);
  const retry = resolveRetryPolicy(options.retry);
  const transliterate = options.transliterate === true;
  const resolvers = new Map<OperationSpec, ReturnResolver>([
    [SYNC_MOCA, resolverFor(SYNC_MOCA)],
    [UPDATE_USER_DOTWEB, resolverFor(UPDATE_USER_DOTWEB)],
  ]);

  async function call(spec: OperationSpec, input: unknown, callOptions: CallOptions = {}): Promise<string> {
    const { descriptor } = spec;
    const operation = descriptor.name;
    // Nothing is sent unless the whole input is valid; the error lists every offending field.
    const { params, issues } = toWireParams(spec, input, { companyId, transliterate, formatDate });
    if (issues.length > 0) throw new ValidationError(issues, { operation });
    const body = buildRequestEnvelope(descriptor, params);
    const resolve = resolvers.get(spec)!;

    // idempotent: false — never retried automatically: a repeated syncMOCA or updateUserDotweb after a lost
    // answer may act twice, and only the caller knows whether that is acceptable.
    return runCall(
      {
        vendor: "easysecure",
        operation,
        idempotent: false,
        retry,
        logger: options.logger,
        redact,
        signal: callOptions.signal,
      },
      async () => {
        const response = await sendHttp(
          {
            url: endpoint,
            method: "POST",
            headers: {
              "content-type": "text/xml; charset=utf-8",
              accept: "text/xml",
              // SOAP 1.1 requires the header, quoted; NuSOAP dispatches on the Body and ignores its value.
              SOAPAction: `"${descriptor.soapAction}"`,
            },
            body,
            operation,
            signal: callOptions.signal,
          },
          {
            dispatcher: options.dispatcher,
            timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
            maxResponseBytes: options.maxResponseBytes,
          },
        );
        return decodeEswsResponse(response, { operation, resolve, redact });
      },
    );
  }

  return {
    syncMOCA: (input, callOptions) => call(SYNC_MOCA, input, callOptions) as Promise<SyncMOCAResult>,
    updateUserDotweb: (input, callOptions) =>
      call(UPDATE_USER_DOTWEB, input, callOptions) as Promise<UpdateUserDotwebResult>,
  };
}
