/**
 * The Edu-iX Account client: four operations over one shared session. Each call is validated against the
 * generated request schema, written as a document/literal envelope, sent through the runtime (runCall:
 * attempts, retries for reads, log events) and decoded into a value or a typed error.
 */
import {
  type CreateKeyRequest,
  type DeleteKeyRequest,
  type GetKeyRequest,
  type Key,
  LoginResponseSchema,
  operations,
} from "@integrations/eduix-types";
import {
  assertValidResponse,
  type CallOptions,
  createRedactor,
  firstChild,
  MalformedResponseError,
  resolveRetryPolicy,
  runCall,
  sendHttp,
  type XmlElement,
} from "@integrations/runtime";
import type { EduixOperation } from "./catalog.js";
import { checkedRequest } from "./checked-request.js";
import { isSessionExpired } from "./eduix-error.js";
import { readKeys } from "./keys.js";
import { type EduixClientOptions, resolveEndpoint } from "./options.js";
import {
  type EncodedRequest,
  encodeCreateKey,
  encodeDeleteKey,
  encodeGetKey,
  loginEnvelope,
} from "./request.js";
import { type DecodeContext, readResponseElement } from "./response.js";
import { CallDeadline, Session } from "./session.js";

export interface EduixClient {
  /**
   * Logs in now and resolves to the new sessionID, which later calls reuse. Optional: every other method
   * logs in lazily. Concurrent logins share one request.
   */
  login(options?: CallOptions): Promise<string>;
  /** Links `userID` (an ECK iD) to `profileID`. Resolves to `undefined` ("Successful createKey calls return an empty response"). */
  createKey(request: CreateKeyRequest, options?: CallOptions): Promise<undefined>;
  /** Deletes the key (prematch) of `userID`. Resolves to `undefined`. */
  deleteKey(request: DeleteKeyRequest, options?: CallOptions): Promise<undefined>;
  /** The keys found by exactly one of profileID, distributorPersonID or userID: always an array (0…n). */
  getKey(request: GetKeyRequest, options?: CallOptions): Promise<Key[]>;
}

/**
 * Which operations may be repeated automatically after a transport failure or a 5xx. A createKey whose
 * answer was lost may have been executed; repeating it would report 7766 "already prematched" for our own
 * success (and a deleteKey, 7747), so writes get exactly one attempt.
 */
const IDEMPOTENT: Readonly<Record<EduixOperation, boolean>> = {
  login: true,
  getKey: true,
  createKey: false,
  deleteKey: false,
};

/** SOAP 1.1 requires the header, quoted; the values are the contract's (account.wsdl binding). */
const SOAP_ACTION: Readonly<Record<EduixOperation, string>> = {
  login: `"${operations.login.soapAction}"`,
  getKey: `"${operations.getKey.soapAction}"`,
  createKey: `"${operations.createKey.soapAction}"`,
  deleteKey: `"${operations.deleteKey.soapAction}"`,
};

export function createEduixClient(options: EduixClientOptions): EduixClient {
  const url = resolveEndpoint(options);
  const credentials = { username: options.username, password: options.password };
  // The sessionID is added the moment login returns it (Session → redact.add).
  const redact = createRedactor([options.password]);
  const retry = resolveRetryPolicy(options.retry);
  // Per operation and client, the same on every call.
  const decodeContexts = {} as Record<EduixOperation, DecodeContext>;
  for (const operation of Object.keys(SOAP_ACTION) as EduixOperation[]) {
    decodeContexts[operation] = { operation, responseElement: operations[operation].responseElement, redact };
  }

  /** One operation as attempts (runCall: retries for idempotent operations, one log event each). */
  function exchange<T>(
    operation: EduixOperation,
    envelope: string,
    decode: (element: XmlElement, status: number) => T,
    callOptions: CallOptions,
  ): Promise<T> {
    return runCall(
      {
        vendor: "eduix",
        operation,
        idempotent: IDEMPOTENT[operation],
        retry,
        logger: options.logger,
        redact,
        signal: callOptions.signal,
      },
      async () => {
        const response = await sendHttp(
          {
            url,
            method: "POST",
            headers: {
              "content-type": "text/xml; charset=utf-8",
              accept: "text/xml",
              soapaction: SOAP_ACTION[operation],
            },
            body: envelope,
            operation,
            signal: callOptions.signal,
          },
          {
            dispatcher: options.dispatcher,
            timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
            maxResponseBytes: options.maxResponseBytes,
          },
        );
        const element = readResponseElement(response, decodeContexts[operation]);
        return decode(element, response.status);
      },
    );
  }

  const session = new Session(() =>
    exchange(
      "login",
      loginEnvelope(credentials),
      (element, status) => {
        // Trimmed: a pretty-printing server may wrap the value in whitespace, which is never part of an ID.
        const sessionID = firstChild(element, "sessionID")?.text.trim();
        if (!sessionID) {
          throw new MalformedResponseError("envelope", "loginResponse without a sessionID", {
            operation: "login",
            status,
          });
        }
        // Registered before anything else can quote it: from now on every vendor text is scrubbed of it.
        redact.add(sessionID, "sessionID");
        assertValidResponse(LoginResponseSchema, { sessionID }, "login", status);
        return sessionID;
      },
      // The shared login belongs to no single caller: one caller's signal must not fail the others.
      {},
    ),
  );

  /**
   * A call that needs a session: validate (nothing is sent for bad input, not even a login), get the
   * sessionID (lazy, shared), send. On a session-expired fault (recovery="login": 12, 3) the session is
   * invalidated, a new one obtained, and the call repeated exactly once; a second expiry is thrown. This is
   * separate from the retry policy: the server refused the call before executing it, so repeating even a
   * createKey is safe.
   */
  async function authenticated<R, T>(
    operation: Exclude<EduixOperation, "login">,
    request: R,
    encode: (request: R) => EncodedRequest,
    decode: (element: XmlElement, status: number) => T,
    callOptions: CallOptions = {},
  ): Promise<T> {
    request = checkedRequest(request, operation, operations[operation].requestSchema);
    const deadline = new CallDeadline(callOptions, operation);
    // Encoding the body is also the XML 1.0 character check (a control character in a userID): done once,
    // before the login, so an unsendable input fails without any request; each envelope reuses it.
    const body = encode(request);
    let sessionID = await deadline.wait(() => session.current());
    const send = (id: string) =>
      deadline.exchange((options) => exchange(operation, body.envelope(id), decode, options));
    try {
      return await send(sessionID);
    } catch (error) {
      if (!isSessionExpired(error)) throw error;
      session.invalidate(sessionID);
      sessionID = await deadline.wait(() => session.current());
      return await send(sessionID);
    }
  }

  const empty = (): undefined => undefined;

  return {
    login: (callOptions) => {
      try {
        return new CallDeadline(callOptions, "login").wait(() => session.refresh());
      } catch (error) {
        return Promise.reject(error);
      }
    },
    createKey: (request, callOptions) =>
      authenticated("createKey", request, encodeCreateKey, empty, callOptions),
    deleteKey: (request, callOptions) =>
      authenticated("deleteKey", request, encodeDeleteKey, empty, callOptions),
    getKey: (request, callOptions) =>
      authenticated(
        "getKey",
        request,
        encodeGetKey,
        (element, status) => readKeys(element, "getKey", status),
        callOptions,
      ),
  };
}
