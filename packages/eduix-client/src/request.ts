/**
 * Request envelopes (SOAP 1.1 document/literal). Element names and member order follow the doc's "Source"
 * blocks and account.wsdl; the service namespace comes from the generated descriptors (one place).
 */
import type { CreateKeyRequest, DeleteKeyRequest, GetKeyRequest } from "@integrations/eduix-types";
import { namespace, operations } from "@integrations/eduix-types";
import { writeDocumentLiteralEnvelope, type XmlNodeSpec } from "@integrations/runtime";

export interface Credentials {
  username: string;
  password: string;
}

/**
 * login: doc "login > Authentication > Source", `<urn:loginHeader>` with username and password, and an
 * "Empty request" Body, which the contract names `<urn:loginRequest/>`.
 */
export function loginEnvelope(credentials: Credentials): string {
  return writeDocumentLiteralEnvelope({
    namespace,
    operation: "login",
    headers: [
      {
        name: operations.login.headerElement,
        children: [
          { name: "username", text: credentials.username },
          { name: "password", text: credentials.password },
        ],
      },
    ],
    body: { name: operations.login.requestElement },
  });
}

/**
 * The authHeader CHOICE with its sessionIDHeader member (doc "<op> > Authentication > Source"). Never both
 * members: the contract's choice is exactly one (fixtures `*\/request-auth-header-both-members`).
 */
function authHeader(sessionID: string): XmlNodeSpec {
  return {
    name: operations.createKey.headerElement,
    children: [{ name: "sessionIDHeader", children: [{ name: "sessionID", text: sessionID }] }],
  };
}

function authenticated(operation: string, sessionID: string, body: XmlNodeSpec): string {
  return writeDocumentLiteralEnvelope({ namespace, operation, headers: [authHeader(sessionID)], body });
}

/** createKeyRequest: profileID then userID (an xsd:sequence: the order matters). */
export function createKeyEnvelope(sessionID: string, request: CreateKeyRequest): string {
  return authenticated("createKey", sessionID, {
    name: operations.createKey.requestElement,
    children: [
      { name: "profileID", text: request.profileID },
      { name: "userID", text: request.userID },
    ],
  });
}

export function deleteKeyEnvelope(sessionID: string, request: DeleteKeyRequest): string {
  return authenticated("deleteKey", sessionID, {
    name: operations.deleteKey.requestElement,
    children: [{ name: "userID", text: request.userID }],
  });
}

/** getKeyRequest: the one member of the CHOICE that is present (validated before this is called). */
export function getKeyEnvelope(sessionID: string, request: GetKeyRequest): string {
  const member: XmlNodeSpec =
    request.profileID !== undefined
      ? { name: "profileID", text: request.profileID }
      : request.distributorPersonID !== undefined
        ? { name: "distributorPersonID", text: request.distributorPersonID }
        : { name: "userID", text: request.userID as string };
  return authenticated("getKey", sessionID, { name: operations.getKey.requestElement, children: [member] });
}
