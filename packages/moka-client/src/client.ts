import {
  type DealerCustomerRequest,
  type MokaOperations,
  operations,
  servers,
} from "@integrations/moka-types";
import {
  type CallOptions,
  type ClientTransportOptions,
  copyPlainData,
  createCaller,
  createRedactor,
  type EncodedRequest,
  methodName,
  type OperationDescriptor,
  transportOptionIssues,
  ValidationError,
  type ValidationIssue,
  type VendorProtocol,
} from "@integrations/runtime";

import { computeCheckKey } from "./check-key.js";
import { type DecodeContext, decodeMokaResponse } from "./envelope.js";

type OperationId = keyof typeof operations;
type MokaOperation = (typeof operations)[OperationId];

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

/**
 * One method per operation of the contract (`/DealerCustomer/GetCardList` → `getCardList`), generated from it:
 * the caller's `DealerCustomerRequest` in, the response's `Data` out. The client adds the authentication.
 */
export interface MokaClient extends MokaOperations<CallOptions> {}

/** The request member that carries the caller's input (the contract's body convention). */
const REQUEST_MEMBER = "DealerCustomerRequest";

/** Operations whose body has a DealerCustomerRequest member take the caller's input; the others take none. */
function takesInput(op: MokaOperation): boolean {
  const binding: { readonly path: string; readonly inputMember?: string } = op.binding;
  if (binding.inputMember !== undefined && binding.inputMember !== REQUEST_MEMBER) {
    throw new Error(
      `${op.wireName}: the caller's input goes in ${binding.inputMember}, which this client does not know`,
    );
  }
  return binding.inputMember === REQUEST_MEMBER;
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
  const authentication = {
    DealerCode: options.dealerCode,
    Username: options.username,
    Password: options.password,
    CheckKey: checkKey,
  };
  // The same on every call: the serialised authentication, and per operation the URL and decode context.
  const authenticationJson = JSON.stringify(authentication);
  const headers = { "content-type": "application/json; charset=utf-8", accept: "application/json" };
  const targets = new Map<MokaOperation, { url: string; decode: DecodeContext; input: boolean }>();
  for (const op of Object.values(operations)) {
    targets.set(op, {
      url: baseUrl + op.binding.path,
      input: takesInput(op),
      decode: {
        operation: op.wireName,
        validateResponse: op.validateResponse,
        resultCodes: op.codes,
        redact,
      },
    });
  }
  const target = (op: MokaOperation) => targets.get(op)!;

  /**
   * `JSON.stringify` of `{DealerCustomerAuthentication, DealerCustomerRequest}` (or without the request), with the
   * constant authentication serialised once. Byte-identical: the members are written in the same order with the
   * same separators; a request JSON.stringify would treat specially as a member (a `toJSON` method, which
   * receives the key) or omit (undefined, a function) takes the full path.
   */
  function serialise(body: { [REQUEST_MEMBER]?: unknown }, withInput: boolean): string {
    if (!withInput) return `{"DealerCustomerAuthentication":${authenticationJson}}`;
    const request = body[REQUEST_MEMBER];
    if (
      request !== null &&
      typeof request === "object" &&
      typeof (request as { toJSON?: unknown }).toJSON !== "function"
    ) {
      return `{"DealerCustomerAuthentication":${authenticationJson},"${REQUEST_MEMBER}":${JSON.stringify(request)}}`;
    }
    return JSON.stringify(body);
  }

  const protocol: VendorProtocol<MokaOperation> = {
    prepare(op, input) {
      if (!target(op).input) {
        const value = { DealerCustomerAuthentication: authentication };
        return { value, issues: op.validateRequest(value) };
      }
      // What is validated is what is sent: the request's own, plain data, read once (runtime plain-data.ts).
      const plain = copyPlainData(input, REQUEST_MEMBER);
      if (plain.issues.length > 0) return { value: undefined, issues: plain.issues };
      const value = { DealerCustomerAuthentication: authentication, [REQUEST_MEMBER]: plain.value };
      return { value, issues: op.validateRequest(value) };
    },
    encode(op, value) {
      const { url, input } = target(op);
      const request: EncodedRequest = { url, headers, body: serialise(value as object, input) };
      return () => request;
    },
    decode: (op, response) => decodeMokaResponse(response, target(op).decode),
    // Only a `ResultCode: "Success"` answer decodes to a result; every other code is a MokaError.
    resultCode: () => "Success",
  };

  const call = createCaller<MokaOperation>({ vendor: "moka", protocol, transport: options, redact });
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const op of Object.values(operations) satisfies readonly OperationDescriptor[]) {
    client[methodName(op.operationId)] = target(op).input
      ? (input, callOptions) => call(op, input, callOptions as CallOptions | undefined)
      : (callOptions) => call(op, undefined, callOptions as CallOptions | undefined);
  }
  return client as unknown as MokaClient;
}
