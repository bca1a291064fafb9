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
  resolveRetryPolicy,
  runCall,
  sendHttp,
  ValidationError,
  type ValidationIssue,
} from "@integrations/runtime";

import { computeCheckKey } from "./check-key.js";
import { decodeMokaResponse } from "./envelope.js";

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

  async function call<T>(
    operationId: keyof typeof operations,
    body: Record<string, unknown>,
    callOptions: CallOptions = {},
  ): Promise<T> {
    const op = operations[operationId];
    assertValidRequest(op.requestSchema, body, operationId);
    const payload = JSON.stringify(body);
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
            url: baseUrl + op.path,
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
        return decodeMokaResponse<T>(response, {
          operation: operationId,
          responseSchema: op.responseSchema,
          resultCodes: op.resultCodes,
          redact,
        });
      },
    );
  }

  return {
    getCardList: (request, callOptions) =>
      call<GetCardListData>(
        "GetCardList",
        { DealerCustomerAuthentication: authentication, DealerCustomerRequest: request },
        callOptions,
      ),
    getCustomerList: (callOptions) =>
      call<GetCustomerListData>(
        "GetCustomerList",
        { DealerCustomerAuthentication: authentication },
        callOptions,
      ),
  };
}
