/**
 * The Edu-iX Account client: four operations over one shared session. Each call is validated against the
 * generated request schema, written as a document/literal envelope, sent through the runtime (runCall:
 * attempts, retries for reads, log events) and decoded into a value or a typed error.
 */
import { type EduixOperations, operations, validateLoginResponse } from "@integrations/eduix-types";
import {
  assertValidResponse,
  CallDeadline,
  type CallOptions,
  childElements,
  createCaller,
  createRedactor,
  type EncodedRequest,
  firstChild,
  MalformedResponseError,
  methodName,
  type OperationDescriptor,
  type VendorProtocol,
  type XmlElement,
} from "@integrations/runtime";
import type { EduixOperation } from "./catalog.js";
import { checkedRequest } from "./checked-request.js";
import { isSessionExpired } from "./eduix-error.js";
import { readKeys } from "./keys.js";
import { type EduixClientOptions, resolveEndpoint } from "./options.js";
import { encodeBody, loginEnvelope } from "./request.js";
import { type DecodeContext, readResponseElement } from "./response.js";
import { Session } from "./session.js";

/**
 * One method per operation of the contract, generated from it: the request element's content in, the response
 * element's content out (unwrapped: getKey resolves to its keys, createKey and deleteKey to `undefined`).
 * `login()` logs in now and resolves to the new sessionID, which later calls reuse; it is optional, since every
 * other method logs in lazily, and concurrent logins share one request.
 */
export interface EduixClient extends EduixOperations<CallOptions> {}

type EduixDescriptor = (typeof operations)[EduixOperation];

/** The operation that opens a session; every other one runs inside it (its header carries the sessionID). */
const LOGIN: EduixDescriptor = operations.login;

/** Response decoders that need more than the generic reading (typed members, the sessionID's registration). */
type Decoder = (element: XmlElement, status: number) => unknown;

/**
 * The response element's content, unwrapped as the generated method types say: nothing for an empty response,
 * the member's text for one member (a list of texts when it repeats), an object of member texts otherwise.
 */
function genericDecoder(op: EduixDescriptor): Decoder {
  const members: ReadonlyArray<{ readonly name: string; readonly repeated: boolean }> =
    op.binding.response.members;
  return (element) => {
    if (members.length === 0) return undefined;
    const read = (member: (typeof members)[number]): unknown =>
      member.repeated
        ? childElements(element, member.name).map((e) => e.text)
        : firstChild(element, member.name)?.text;
    if (members.length === 1) return read(members[0]!);
    const out: Record<string, unknown> = {};
    for (const member of members) {
      const value = read(member);
      if (value !== undefined) out[member.name] = value;
    }
    return out;
  };
}

export function createEduixClient(options: EduixClientOptions): EduixClient {
  const url = resolveEndpoint(options);
  const credentials = { username: options.username, password: options.password };
  // The sessionID is added the moment login returns it.
  const redact = createRedactor([options.password]);
  const loginRequestBody = loginEnvelope(credentials);

  const readSessionID: Decoder = (element, status) => {
    // Trimmed: a pretty-printing server may wrap the value in whitespace, which is never part of an ID.
    const sessionID = firstChild(element, "sessionID")?.text.trim();
    if (!sessionID) {
      throw new MalformedResponseError("envelope", "loginResponse without a sessionID", {
        operation: LOGIN.wireName,
        status,
      });
    }
    // Registered before anything else can quote it: from now on every vendor text is scrubbed of it.
    // One slot: a re-login replaces the old sessionID instead of growing the redactor without bound.
    redact.add(sessionID, "sessionID");
    try {
      options.onSecret?.(sessionID);
    } catch {
      // The caller's hook must not fail the login every call of this client waits for.
    }
    assertValidResponse(validateLoginResponse, { sessionID }, LOGIN.wireName, status);
    return sessionID;
  };

  // Per operation and client, the same on every call.
  const perOperation = new Map<
    EduixDescriptor,
    { decode: DecodeContext; read: Decoder; headers: Readonly<Record<string, string>> }
  >();
  for (const [key, op] of Object.entries(operations) as [EduixOperation, EduixDescriptor][]) {
    perOperation.set(op, {
      decode: { operation: key, responseElement: op.binding.responseElement, redact },
      read:
        op === LOGIN
          ? readSessionID
          : op === operations.getKey
            ? (element, status) => readKeys(element, op.wireName, status)
            : genericDecoder(op),
      // SOAP 1.1 requires the header, quoted; the values are the contract's (account.wsdl binding).
      headers: {
        "content-type": "text/xml; charset=utf-8",
        accept: "text/xml",
        soapaction: `"${op.binding.soapAction}"`,
      },
    });
  }
  const of = (op: EduixDescriptor) => perOperation.get(op)!;

  // The shared login belongs to no single caller: one caller's signal must not fail the others.
  const session = new Session(() => call(LOGIN, undefined, {}) as Promise<string>);

  const protocol: VendorProtocol<EduixDescriptor, string> = {
    // login takes nothing from the caller: its request is empty and its header the client's credentials.
    prepare: (op, input) =>
      op === LOGIN ? { value: undefined, issues: [] } : checkedRequest(input, op.validateRequest),
    encode(op, value) {
      const { headers } = of(op);
      if (op === LOGIN) {
        const request: EncodedRequest = { url, headers, body: loginRequestBody };
        return () => request;
      }
      // Encoding the body is also the XML 1.0 character check (a control character in a userID): done once,
      // before the login, so an unsendable input fails without any request; each envelope reuses it.
      const body = encodeBody(op, value);
      return (sessionID) => ({ url, headers, body: body.envelope(sessionID) });
    },
    decode(op, response) {
      const { decode, read } = of(op);
      return read(readResponseElement(response, decode), response.status);
    },
    /**
     * On a session-expired fault (recovery="login": 12, 3) the session is invalidated, a new one obtained, and
     * the call repeated exactly once; a second expiry is thrown. This is separate from the retry policy: the
     * server refused the call before executing it, so repeating even a createKey is safe.
     */
    session: {
      needs: (op) => op !== LOGIN,
      acquire: () => session.current(),
      expired: isSessionExpired,
      invalidate: (stale) => session.invalidate(stale),
    },
    // Recordings name this package and its version (package.json, one folder up). The sessionID (header and
    // loginResponse) and password are secret paths of the contract; their default placeholders fit string64.
    clientModuleUrl: import.meta.url,
  };

  const call = createCaller<EduixDescriptor, string>({
    vendor: "eduix",
    protocol,
    transport: options,
    redact,
  });
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    login: (callOptions) => {
      try {
        return new CallDeadline(callOptions as CallOptions | undefined, LOGIN.wireName).wait(() =>
          session.refresh(),
        );
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
  for (const op of Object.values(operations) satisfies readonly OperationDescriptor[]) {
    if (op === LOGIN) continue;
    client[methodName(op.operationId)] = (input, callOptions) =>
      call(op, input, callOptions as CallOptions | undefined);
  }
  return client as unknown as EduixClient;
}
