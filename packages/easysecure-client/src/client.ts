import {
  defaultEndpoint,
  type EasySecureOperations,
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
  createCaller,
  createRedactor,
  type EncodedRequest,
  findInvalidXmlChar,
  methodName,
  type RetryOption,
  transportOptionIssues,
  ValidationError,
  type ValidationIssue,
  type VendorProtocol,
} from "@integrations/runtime";
import { createDateFormatter, type DateFormatter, DEFAULT_TIME_ZONE } from "./dates.js";
import { buildRequestEnvelope } from "./envelope.js";
import { COMPANY_ID_PART, type OperationDescriptor, type OperationSpec, specOf } from "./operation.js";
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

/**
 * One method per operation of the contract (`Esws.syncMOCA` → `syncMOCA`), generated from it: the request's
 * parts as callers name them (the client adds p_companyID), resolving to the operation's success code.
 * updateUserDotweb accepts friendlier forms of some parts (a Date, a list of group names, numbers).
 */
export interface EasySecureClient extends Omit<EasySecureOperations<CallOptions>, "updateUserDotweb"> {
  /** `Esws.updateUserDotweb`: inserts or updates the user with this wsAltUserId. */
  updateUserDotweb(input: UpdateUserDotwebInput, options?: CallOptions): Promise<UpdateUserDotwebResult>;
}

type EswsOperation = (typeof operations)[keyof typeof operations];

/** syncMOCA's part is `p_wsAltUser_id` (the vendor's sample, very likely the live WSDL); callers use the doc's name. */
const SYNC_MOCA: OperationSpec = specOf(operations.syncMOCA satisfies OperationDescriptor);

/** Pure functions of the contract: built once per operation, on first use, and shared by every client. */
const resolvers = new WeakMap<OperationSpec, ReturnResolver>();

function resolverFor(spec: OperationSpec): ReturnResolver {
  let resolve = resolvers.get(spec);
  if (resolve === undefined) {
    resolve = createReturnResolver([
      ...(generalResultCodes as ReadonlyArray<ResultCodeEntry>),
      ...spec.descriptor.codes,
    ]);
    resolvers.set(spec, resolve);
  }
  return resolve;
}

/**
 * The contract's rule for p_companyID (tns:companyID: 1–32 characters), from the generated params validator:
 * only the issues of that part (the other parts' issues are not this option's business); messages never
 * quote the value.
 */
function companyIdIssues(companyId: string): ValidationIssue[] {
  return SYNC_MOCA.descriptor
    .validateRequest({ [COMPANY_ID_PART]: companyId })
    .filter((issue) => issue.field === COMPANY_ID_PART)
    .map((issue) => ({ ...issue, field: "companyId" }));
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

export function createEasySecureClient(options: EasySecureClientOptions): EasySecureClient {
  const { formatDate, endpoint } = checkOptions(options);
  const { companyId } = options;
  const redact = createRedactor([companyId]);
  const transliterate = options.transliterate === true;
  const paramsContext: ParamsContext = { companyId, transliterate, formatDate };
  const headers = { "content-type": "text/xml; charset=utf-8", accept: "text/xml" };

  /** What one client needs per operation, computed at create. */
  const bound = new Map<
    EswsOperation,
    { op: PreparedOperation; decode: DecodeContext; headers: Record<string, string> }
  >();
  for (const descriptor of Object.values(operations) satisfies readonly OperationDescriptor[]) {
    const spec = specOf(descriptor);
    bound.set(descriptor, {
      op: prepareOperation(spec),
      decode: { operation: descriptor.wireName, resolve: resolverFor(spec), redact },
      // SOAP 1.1 requires the header, quoted; NuSOAP dispatches on the Body and ignores its value.
      headers: { ...headers, SOAPAction: `"${descriptor.binding.soapAction}"` },
    });
  }
  const boundOf = (descriptor: EswsOperation) => bound.get(descriptor)!;

  const protocol: VendorProtocol<EswsOperation> = {
    prepare(descriptor, input) {
      const { params, issues } = toWireParams(boundOf(descriptor).op, input, paramsContext);
      return { value: params, issues };
    },
    encode(descriptor, params) {
      const request: EncodedRequest = {
        url: endpoint,
        headers: boundOf(descriptor).headers,
        body: buildRequestEnvelope(descriptor, params as Record<string, unknown>),
      };
      return () => request;
    },
    decode: (descriptor, response) => decodeEswsResponse(response, boundOf(descriptor).decode),
    // A successful call resolves to its documented success code (OK, INSERTED …): the result code of its span.
    resultCode: (_descriptor, code) => (typeof code === "string" ? code : undefined),
    // Recordings name this package and its version (package.json, one folder up). Its secret, p_companyID,
    // keeps its facets (string(32)) with the default placeholder: no scrub rules needed.
    clientModuleUrl: import.meta.url,
  };
  // Both operations are writes (x:idempotent false in the contract), so the retry option has nothing to apply
  // to; a repeated syncMOCA or updateUserDotweb after a lost answer may act twice, and only the caller knows
  // whether that is acceptable.
  const call = createCaller<EswsOperation>({ vendor: "easysecure", protocol, transport: options, redact });
  const client: Record<string, (input: unknown, callOptions?: CallOptions) => Promise<unknown>> = {};
  for (const descriptor of Object.values(operations)) {
    client[methodName(descriptor.operationId)] = (input, callOptions) => call(descriptor, input, callOptions);
  }
  return client as unknown as EasySecureClient;
}
