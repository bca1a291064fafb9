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
  scrubError,
  transportOptionIssues,
  ValidationError,
  type ValidationIssue,
  type VendorProtocol,
} from "@integrations/runtime";

import { CARD_NUMBER_FIELD, luhnIssue, redactCardNumbers } from "./card-number.js";
import { computeCheckKey } from "./check-key.js";
import { type DecodeContext, decodeMokaResponse } from "./envelope.js";
import { mokaScrubRules } from "./scrub-rules.js";
import {
  type UpsertCustomerWithCardInput,
  type UpsertCustomerWithCardOptions,
  type UpsertCustomerWithCardResult,
  upsertCustomerWithCard,
} from "./upsert.js";

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
export interface MokaClient extends MokaOperations<CallOptions> {
  /**
   * Stores a customer with a card, or, when the CustomerCode is already used, adds the card to that customer and
   * then removes the cards it had (the flow public integrations hand-code). See upsert.ts for every step and
   * what happens when one fails halfway.
   */
  upsertCustomerWithCard(
    input: UpsertCustomerWithCardInput,
    options?: UpsertCustomerWithCardOptions,
  ): Promise<UpsertCustomerWithCardResult>;
}

/** The caller's card number, when the input is a record that has one as a string (read once, no getters run twice). */
function cardNumberOf(input: unknown): string | undefined {
  if (input === null || typeof input !== "object") return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(input, CARD_NUMBER_FIELD);
  return descriptor && typeof descriptor.value === "string" ? descriptor.value : undefined;
}

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
  const secrets = createRedactor([options.password, checkKey]);
  // Vendor text also loses anything shaped like a card number: a card number is a secret (x-secret), and the
  // numbers of calls in flight are registered in a bounded slot only (see cardNumberOf).
  const redact = (text: string): string => redactCardNumbers(secrets(text));
  const authentication = {
    DealerCode: options.dealerCode,
    Username: options.username,
    Password: options.password,
    CheckKey: checkKey,
  };
  // The same on every call: the serialised authentication, and per operation the URL and decode context.
  const authenticationJson = JSON.stringify(authentication);
  const headers = { "content-type": "application/json; charset=utf-8", accept: "application/json" };
  const targets = new Map<
    MokaOperation,
    { url: string; decode: DecodeContext; input: boolean; cardNumber: boolean }
  >();
  for (const op of Object.values(operations)) {
    targets.set(op, {
      url: baseUrl + op.binding.path,
      input: takesInput(op),
      // The contract marks the field secret (descriptor.secrets); its Luhn digit is checked before sending.
      cardNumber: (op.secrets as readonly string[]).includes(`${REQUEST_MEMBER}.${CARD_NUMBER_FIELD}`),
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
      const issues = op.validateRequest(value);
      if (target(op).cardNumber) {
        const field = `${REQUEST_MEMBER}.${CARD_NUMBER_FIELD}`;
        const number = cardNumberOf(plain.value);
        secrets.add(number, CARD_NUMBER_FIELD);
        const luhn = issues.some((i) => i.field === field) ? undefined : luhnIssue(field, number);
        if (luhn) issues.push(luhn);
      }
      return { value, issues };
    },
    encode(op, value) {
      const { url, input } = target(op);
      const request: EncodedRequest = { url, headers, body: serialise(value as object, input) };
      return () => request;
    },
    decode: (op, response) => decodeMokaResponse(response, target(op).decode),
    // Only a `ResultCode: "Success"` answer decodes to a result; every other code is a MokaError.
    resultCode: () => "Success",
    scrub: mokaScrubRules,
    // Recordings name this package and its version (package.json, one folder up).
    clientModuleUrl: import.meta.url,
  };

  const caller = createCaller<MokaOperation>({ vendor: "moka", protocol, transport: options, redact });
  /**
   * A call; one that carries a card number also scrubs its error with a redactor of its own number, in every
   * encoding the runtime's redactor knows, whatever other calls registered since (the shared slot keeps two).
   */
  const call = (op: MokaOperation, input: unknown, callOptions: CallOptions | undefined) => {
    const number = target(op).cardNumber ? cardNumberOf(input) : undefined;
    const pending = caller(op, input, callOptions);
    if (number === undefined) return pending;
    return pending.catch((error: unknown) => {
      scrubError(error, createRedactor([number]));
      throw error;
    });
  };
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const op of Object.values(operations) satisfies readonly OperationDescriptor[]) {
    client[methodName(op.operationId)] = target(op).input
      ? (input, callOptions) => call(op, input, callOptions as CallOptions | undefined)
      : (callOptions) => call(op, undefined, callOptions as CallOptions | undefined);
  }
  const moka = client as unknown as MokaOperations<CallOptions>;
  client.upsertCustomerWithCard = (input, callOptions) =>
    upsertCustomerWithCard(
      moka,
      input as UpsertCustomerWithCardInput,
      callOptions as CallOptions | undefined,
    );
  return client as unknown as MokaClient;
}
