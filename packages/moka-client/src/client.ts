import {
  type DealerCustomerRequest,
  type GetCardListData,
  type GetCustomerListData,
  operations,
  servers,
} from "@integrations/moka-types";
import {
  assertValidRequest,
  type CallOptions,
  type ClientTransportOptions,
  createRedactor,
  plainRequest,
  resolveRetryPolicy,
  runCall,
  sendHttp,
  transportOptionIssues,
  ValidationError,
  type ValidationIssue,
} from "@integrations/runtime";

import { computeCheckKey } from "./check-key.js";
import { type DecodeContext, decodeMokaResponse } from "./envelope.js";

type OperationId = keyof typeof operations;

/** Marks a call whose body has no DealerCustomerRequest member at all. */
const NO_REQUEST: unique symbol = Symbol("no request");

export type MokaEnvironment = keyof typeof servers;

/** The environments of the contract's `servers`. */
export const mokaEnvironments = Object.keys(servers) as readonly MokaEnvironment[];

export interface MokaClientOptions extends ClientTransportOptions {
  /** Selects a base URL from the contract's servers. Default `"test"`, so nothing reaches production by accident. */
  environment?: MokaEnvironment;
  /** Overrides `environment`, e.g. a legacy host (`https://service.refmoka.com`) or the sandbox. */
  baseUrl?: string;
  dealerCode: string;
  username: string;
  password: string;
}

export type GetCardListInput = DealerCustomerRequest;

export interface MokaClient {
  /** `/DealerCustomer/GetCardList`: a customer and its stored cards, by CustomerCode or DealerCustomerId. */
  getCardList(request: GetCardListInput, options?: CallOptions): Promise<GetCardListData>;
  /** `/DealerCustomer/GetCustomerList`: every customer of the dealer. */
  getCustomerList(options?: CallOptions): Promise<GetCustomerListData>;
}

export function createMokaClient(options: MokaClientOptions): MokaClient {
  const issues: ValidationIssue[] = (["dealerCode", "username", "password"] as const)
    .filter((key) => typeof options[key] !== "string" || options[key].length === 0)
    .map((field) => ({ field, rule: "required", message: "must be a non-empty string" }));
  if (options.environment !== undefined && !mokaEnvironments.includes(options.environment)) {
    issues.push({
      field: "environment",
      rule: "enum",
      message: `must be one of ${mokaEnvironments.join(", ")}`,
    });
  }
  issues.push(...transportOptionIssues(options as unknown as Record<string, unknown>));
  if (issues.length > 0) throw new ValidationError(issues, { operation: "createMokaClient" });

  const baseUrl = (options.baseUrl ?? servers[options.environment ?? "test"]).replace(/\/+$/, "");
  const checkKey = computeCheckKey(options.dealerCode, options.username, options.password);
  const redact = createRedactor([options.password, checkKey]);
  const retry = resolveRetryPolicy(options.retry);
  const authentication = {
    DealerCode: options.dealerCode,
    Username: options.username,
    Password: options.password,
    CheckKey: checkKey,
  };
  // The same on every call: the serialised authentication and the per-operation URL and decode context.
  const authenticationJson = JSON.stringify(authentication);
  const bodyWithoutRequest = `{"DealerCustomerAuthentication":${authenticationJson}}`;
  const targets = {} as Record<OperationId, { url: string; decode: DecodeContext }>;
  for (const operationId of Object.keys(operations) as OperationId[]) {
    const op = operations[operationId];
    targets[operationId] = {
      url: baseUrl + op.path,
      decode: {
        operation: operationId,
        responseSchema: op.responseSchema,
        resultCodes: op.resultCodes,
        redact,
      },
    };
  }

  /**
   * `JSON.stringify(body)` for `{DealerCustomerAuthentication: authentication, DealerCustomerRequest: request}`
   * (or without the request), with the constant authentication serialised once. Byte-identical: the members
   * are written in the same order with the same separators; a request JSON.stringify would treat specially as
   * a member (a `toJSON` method, which receives the key) or omit (undefined, a function) takes the full path.
   */
  function serialise(body: Record<string, unknown>, request: unknown): string {
    if (request === NO_REQUEST) return bodyWithoutRequest;
    if (
      request !== null &&
      typeof request === "object" &&
      typeof (request as { toJSON?: unknown }).toJSON !== "function"
    ) {
      return `{"DealerCustomerAuthentication":${authenticationJson},"DealerCustomerRequest":${JSON.stringify(request)}}`;
    }
    return JSON.stringify(body);
  }

  async function call<T>(
    operationId: OperationId,
    body: Record<string, unknown>,
    request: unknown,
    callOptions: CallOptions = {},
  ): Promise<T> {
    const op = operations[operationId];
    // What is validated is what is sent: the request's own, plain data, read once (runtime plain-data.ts).
    if (request !== NO_REQUEST) {
      request = plainRequest(request, "DealerCustomerRequest", operationId);
      body = { ...body, DealerCustomerRequest: request };
    }
    assertValidRequest(op.requestSchema, body, operationId);
    const payload = serialise(body, request);
    const target = targets[operationId];
    return runCall(
      {
        vendor: "moka",
        operation: operationId,
        idempotent: op.idempotent,
        retry,
        logger: options.logger,
        redact,
        signal: callOptions.signal,
      },
      async () => {
        const response = await sendHttp(
          {
            url: target.url,
            method: "POST",
            headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" },
            body: payload,
            operation: operationId,
            signal: callOptions.signal,
          },
          {
            dispatcher: options.dispatcher,
            timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
            maxResponseBytes: options.maxResponseBytes,
          },
        );
        return decodeMokaResponse<T>(response, target.decode);
      },
    );
  }

  return {
    getCardList: (request, callOptions) =>
      call<GetCardListData>(
        "GetCardList",
        { DealerCustomerAuthentication: authentication, DealerCustomerRequest: request },
        request,
        callOptions,
      ),
    getCustomerList: (callOptions) =>
      call<GetCustomerListData>(
        "GetCustomerList",
        { DealerCustomerAuthentication: authentication },
        NO_REQUEST,
        callOptions,
      ),
  };
}
