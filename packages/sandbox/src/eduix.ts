/**
 * Edu-iX Account service 4.3 simulation (SOAP 1.1 document/literal with SOAP headers;
 * contracts/eduix/account.wsdl). Answers and faults are written the way PHP's SoapServer writes them (the
 * style of the contract's PHP-style fixtures): `SOAP-ENV`/`ns1` prefixes, no whitespace, faults with HTTP 500,
 * `faultcode`/`faultstring`/`detail/accountFault{code,message}`. Fault codes and messages come from the
 * generated catalogs (catalog.ts).
 *
 * Checks, in order: the request is a SOAP 1.1 envelope whose Body holds a known request element (else fault
 * 1); authentication (login: loginHeader; the others: authHeader with exactly one of loginHeader or
 * sessionIDHeader; bad credentials or a malformed header: fault 2; a sessionID that is not active: fault 12);
 * the request element against the contract's request schema (fault 6); then the operation's own rules.
 */
import { randomBytes } from "node:crypto";
import { namespace as EDUIX_NS, operations } from "@integrations/eduix-types";
import { escapeXmlText, type SoapEnvelope, type XmlElement } from "@integrations/runtime";
import { type EduixCatalog, type EduixFault, resolveEduixCatalog } from "./catalog.js";
import { htmlPage, webServerErrors } from "./html-page.js";
import { SandboxRequestError } from "./request-error.js";
import { decodeBody } from "./request-text.js";
import { emptyRecord, findReservedElementName } from "./reserved-names.js";
import { type EduixAccountSeed, type EduixProfileSeed, type SandboxSeed, SeedError } from "./seed.js";
import type { SandboxRequest, VendorResponse, VendorService } from "./service.js";
import { readSoapRequest } from "./soap-request.js";
import { EDUIX_PATH } from "./vendors.js";
import { eduixWsdl, withSoapAddress } from "./wsdl.js";

type OperationId = keyof typeof operations;

/**
 * One operation's behaviour, after authentication and the contract's schema check: the caller's account and
 * the request element's content, to the response element (inner XML of the Body).
 */
type EduixOperationHandler = (account: EduixAccountSeed, content: Record<string, unknown>) => string;

const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
const XML_TYPE = "text/xml; charset=utf-8";
const ENVELOPE_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:ns1="${EDUIX_NS}"><SOAP-ENV:Body>`;
const ENVELOPE_CLOSE = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

/** Default idle lifetime of a session: 20 minutes without use. */
export const DEFAULT_SESSION_TTL_MS = 20 * 60 * 1000;

/** Default cap on the session table: past it, a login ends the least recently used session. */
export const DEFAULT_MAX_SESSIONS = 10_000;

export function eduixFaultXml(fault: EduixFault, faultcode: "SOAP-ENV:Client" | "SOAP-ENV:Server"): string {
  const message = escapeXmlText(fault.meaning);
  return `${ENVELOPE_OPEN}<SOAP-ENV:Fault><faultcode>${faultcode}</faultcode><faultstring>${message}</faultstring><detail><ns1:accountFault><ns1:code>${fault.code}</ns1:code><ns1:message>${message}</ns1:message></ns1:accountFault></detail></SOAP-ENV:Fault>${ENVELOPE_CLOSE}`;
}

interface KeyOut {
  profileID: number;
  distributorPersonID?: string;
  userID?: string;
}

function keyXml(key: KeyOut): string {
  let out = `<ns1:key><ns1:profileID>${key.profileID}</ns1:profileID>`;
  if (key.distributorPersonID !== undefined) {
    out += `<ns1:distributorPersonID>${escapeXmlText(key.distributorPersonID)}</ns1:distributorPersonID>`;
  }
  if (key.userID !== undefined) out += `<ns1:userID>${escapeXmlText(key.userID)}</ns1:userID>`;
  return `${out}</ns1:key>`;
}

function keyOf(p: EduixProfileSeed): KeyOut {
  const key: KeyOut = { profileID: p.profileID };
  if (p.distributorPersonID !== undefined) key.distributorPersonID = p.distributorPersonID;
  if (p.userID !== undefined) key.userID = p.userID;
  return key;
}

/**
 * A stub's response content as XML: a descriptor example (child element name → value, in contract order; a
 * repeated element as an array), every element qualified like the rest of the answer.
 */
function exampleXml(content: unknown): string {
  if (content === null || typeof content !== "object") return escapeXmlText(String(content));
  let out = "";
  for (const [name, value] of Object.entries(content)) {
    for (const item of Array.isArray(value) ? value : [value])
      out += `<ns1:${name}>${exampleXml(item)}</ns1:${name}>`;
  }
  return out;
}

/**
 * An element's content as the schemas see it: child local name → text (or a nested object when the child
 * has children); a repeated name becomes an array (which no schema accepts). profileID is read as a number
 * when it is one (the schemas type it as integer). Linear in the number of elements: a repeated name is
 * appended to its array in place. The objects have no prototype, so no element name can reach one.
 */
function contentOf(el: XmlElement, depth = 0): Record<string, unknown> {
  const out = emptyRecord<unknown>();
  for (const child of el.children) {
    let value: unknown;
    if (child.children.length > 0 && depth < 4) value = contentOf(child, depth + 1);
    else if (child.name === "profileID" && /^\s*[0-9]{1,16}\s*$/.test(child.text)) value = Number(child.text);
    else value = child.text;
    if (!Object.hasOwn(out, child.name)) out[child.name] = value;
    else {
      const prev = out[child.name];
      if (Array.isArray(prev)) prev.push(value);
      else out[child.name] = [prev, value];
    }
  }
  return out;
}

interface Session {
  account: EduixAccountSeed;
  expiresAt: number;
}

export interface EduixServiceOptions {
  /** Idle lifetime of a session in ms (each use extends it). Default 20 minutes. */
  sessionTtlMs?: number;
  /** Most sessions kept; a login past it ends the least recently used one. Default 10 000. */
  maxSessions?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface EduixService extends VendorService {
  /** Expires every active session; returns how many there were. */
  expireSessions(): number;
  /** Active sessions (for the banner and tests). */
  activeSessions(): number;
  /** Entries in the session table, active or expired but not yet swept (at most `maxSessions`). */
  sessionTableSize(): number;
  readonly sessionTtlMs: number;
  readonly maxSessions: number;
}

class Fault {
  constructor(
    readonly fault: EduixFault,
    readonly faultcode: "SOAP-ENV:Client" | "SOAP-ENV:Server" = "SOAP-ENV:Client",
  ) {}
}

export function createEduixService(
  seed: SandboxSeed["eduix"],
  options: EduixServiceOptions = {},
): EduixService {
  const faults: EduixCatalog = resolveEduixCatalog();
  const wsdl = eduixWsdl;
  const ttl = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const maxSessions = Math.max(1, options.maxSessions ?? DEFAULT_MAX_SESSIONS);
  const now = options.now ?? Date.now;
  const realms = seed.realms ?? [];
  const byElement = new Map<string, OperationId>(
    (Object.keys(operations) as OperationId[]).map((id) => [operations[id].binding.requestElement, id]),
  );

  let accounts = new Map<string, EduixAccountSeed>();
  let profiles: EduixProfileSeed[] = [];
  // In order of last use, which with one idle lifetime for all is also the order of expiry: the expired
  // sessions are always at the front, so a sweep stops at the first live one.
  const sessions = new Map<string, Session>();

  /** Drops the expired sessions: amortised one step per session ever created. */
  function sweep(t: number): void {
    for (const [id, session] of sessions) {
      if (session.expiresAt > t) break;
      sessions.delete(id);
    }
  }

  function load(): void {
    accounts = new Map(seed.accounts.map((a) => [a.username, { ...a }]));
    profiles = structuredClone(seed.profiles);
    sessions.clear();
  }
  load();
  checkSeedAgainstContract(seed);

  /**
   * A fault every operation can answer (authentication 2, request 6, session 12): from the catalog, or, for an
   * operation the catalog does not list yet (a stub), from its generated codes, with General error (1) standing
   * in for a code it does not document.
   */
  function genericFault(operation: OperationId, code: 2 | 6 | 12): EduixFault {
    const known = (faults as Partial<Record<string, Partial<Record<number, EduixFault>>>>)[operation]?.[code];
    if (known !== undefined) return known;
    const codes = operations[operation].codes as ReadonlyArray<EduixFault>;
    const entry = codes.find((c) => c.code === code) ?? codes.find((c) => c.code === 1);
    return { code: entry?.code ?? 1, meaning: entry?.meaning ?? "General error" };
  }

  function checkCredentials(operation: OperationId, login: unknown): EduixAccountSeed {
    const creds = (typeof login === "object" && login !== null ? login : {}) as Record<string, unknown>;
    const account = typeof creds.username === "string" ? accounts.get(creds.username) : undefined;
    if (account === undefined || account.password !== creds.password)
      throw new Fault(genericFault(operation, 2));
    return account;
  }

  function authenticate(operation: OperationId, header: XmlElement | undefined): EduixAccountSeed {
    const element = header?.children.find((h) => h.name === operations[operation].binding.headerElement);
    if (element === undefined) throw new Fault(genericFault(operation, 2));
    const content = contentOf(element);
    if (operations[operation].binding.validateHeader(content).length > 0) {
      throw new Fault(genericFault(operation, 2));
    }
    if (operation === "login") return checkCredentials(operation, content);
    if (content.loginHeader !== undefined) return checkCredentials(operation, content.loginHeader);
    const sessionID = (content.sessionIDHeader as { sessionID: string }).sessionID;
    const t = now();
    sweep(t);
    const session = sessions.get(sessionID);
    // Unknown and expired sessions alike: "a new session must be acquired by the login operation".
    if (session === undefined || session.expiresAt <= t) {
      sessions.delete(sessionID);
      throw new Fault(genericFault(operation, 12));
    }
    session.expiresAt = t + ttl;
    sessions.delete(sessionID); // to the back: the most recently used
    sessions.set(sessionID, session);
    return session.account;
  }

  function checkRealm(operation: Exclude<OperationId, "login">, userID: string): void {
    if (realms.length > 0 && !realms.some((r) => userID.startsWith(r)))
      throw new Fault(faults[operation][5287]);
  }

  function login(account: EduixAccountSeed): string {
    const sessionID = randomBytes(16).toString("hex");
    const t = now();
    sweep(t);
    // The least recently used session ends: its next call gets fault 12 and logs in again.
    while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value!);
    sessions.set(sessionID, { account, expiresAt: t + ttl });
    return `<ns1:loginResponse><ns1:sessionID>${sessionID}</ns1:sessionID></ns1:loginResponse>`;
  }

  function createKey(account: EduixAccountSeed, request: { profileID: number; userID: string }): string {
    checkRealm("createKey", request.userID);
    const profile = profiles.find((p) => p.profileID === request.profileID);
    if (profile === undefined || profile.owner !== account.username) throw new Fault(faults.createKey[4428]);
    if (profile.userID !== undefined) throw new Fault(faults.createKey[4426]);
    if (profiles.some((p) => p.userID === request.userID)) throw new Fault(faults.createKey[7766]);
    profile.userID = request.userID;
    return "<ns1:createKeyResponse></ns1:createKeyResponse>";
  }

  function deleteKey(account: EduixAccountSeed, request: { userID: string }): string {
    checkRealm("deleteKey", request.userID);
    const profile = profiles.find((p) => p.userID === request.userID);
    if (profile === undefined) throw new Fault(faults.deleteKey[7747]);
    if (profile.owner !== account.username) throw new Fault(faults.deleteKey[7748]);
    delete profile.userID;
    return "<ns1:deleteKeyResponse></ns1:deleteKeyResponse>";
  }

  /** Keys of the caller's own profiles only: another account's profiles are not visible. */
  function getKey(
    account: EduixAccountSeed,
    request: { profileID?: number; distributorPersonID?: string; userID?: string },
  ): string {
    if (request.userID !== undefined) checkRealm("getKey", request.userID);
    const found = profiles.filter(
      (p) =>
        p.owner === account.username &&
        (request.profileID !== undefined
          ? p.profileID === request.profileID
          : request.distributorPersonID !== undefined
            ? p.distributorPersonID === request.distributorPersonID
            : p.userID === request.userID),
    );
    return `<ns1:getKeyResponse>${found.map((p) => keyXml(keyOf(p))).join("")}</ns1:getKeyResponse>`;
  }

  const faultResponse = (f: Fault, operation: string | undefined): VendorResponse => ({
    status: 500,
    contentType: XML_TYPE,
    body: eduixFaultXml(f.fault, f.faultcode),
    operation,
    outcome: `fault ${f.fault.code}`,
  });

  /**
   * The behaviour of the contract's operations, by operation id. An operation without one (new in the contract)
   * is a stub: it answers the minimal valid response codegen derived from the response element's XSD.
   */
  const handlers: Readonly<Partial<Record<OperationId, EduixOperationHandler>>> = {
    login: (account) => login(account),
    createKey: (account, content) => createKey(account, content as { profileID: number; userID: string }),
    deleteKey: (account, content) => deleteKey(account, content as { userID: string }),
    getKey: (account, content) => getKey(account, content),
  };

  const stub =
    (operation: OperationId): EduixOperationHandler =>
    () => {
      const { responseElement } = operations[operation].binding;
      const example = (operations[operation] as { example?: unknown }).example;
      // No example: a facet of the response codegen could not meet; say so rather than answer invalid XML.
      if (example === undefined) {
        throw new Fault({ code: 1, meaning: `${operation} has no sandbox behaviour yet` }, "SOAP-ENV:Server");
      }
      return `<ns1:${responseElement}>${exampleXml(example)}</ns1:${responseElement}>`;
    };

  function call(request: SandboxRequest): VendorResponse {
    let envelope: SoapEnvelope;
    try {
      envelope = readSoapRequest(decodeBody(request.body, request.headers["content-type"], "xml"));
    } catch (error) {
      if (!(error instanceof SandboxRequestError)) throw error;
      // Not XML, a DOCTYPE, over a shape limit, not a SOAP 1.1 envelope: PHP answers before any operation runs.
      return faultResponse(new Fault(faults.login[1]), undefined);
    }
    const element = envelope.body.children[0];
    const operation = element === undefined ? undefined : byElement.get(element.name);
    if (element === undefined || operation === undefined)
      return faultResponse(new Fault(faults.login[1]), undefined);
    try {
      // `<__proto__>` & co. could otherwise smuggle members past the checks: the request element's own
      // fault for a bad request (6), or for login, whose only input is its header, the authentication fault.
      if (findReservedElementName(envelope.header) ?? findReservedElementName(element)) {
        throw new Fault(operation === "login" ? faults.login[2] : genericFault(operation, 6));
      }
      if (request.expireSession) expireSessions();
      const account = authenticate(operation, envelope.header);
      let content: Record<string, unknown> = {};
      if (operation !== "login") {
        content = contentOf(element);
        if (operations[operation].validateRequest(content).length > 0) {
          throw new Fault(genericFault(operation, 6));
        }
      }
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      return {
        status: 200,
        contentType: XML_TYPE,
        body: `${ENVELOPE_OPEN}${(handler ?? stub(operation))(account, content)}${ENVELOPE_CLOSE}`,
        operation,
        outcome: handler === undefined ? "ok (stub: the contract's minimal response)" : "ok",
      };
    } catch (error) {
      if (error instanceof Fault) return faultResponse(error, operation);
      throw error;
    }
  }

  const wsdlDocument = (request: SandboxRequest): VendorResponse => ({
    status: 200,
    contentType: XML_TYPE,
    body: withSoapAddress(wsdl, `${request.origin}${EDUIX_PATH}`),
    outcome: "WSDL",
  });

  const servicePage = (): VendorResponse => ({
    status: 200,
    contentType: "text/html; charset=UTF-8",
    body: htmlPage(200, "AccountService", `Edu-iX Account service 4.3 (sandbox). WSDL: ${EDUIX_PATH}/wsdl/`),
    outcome: "service page",
  });

  function expireSessions(): number {
    const t = now();
    let n = 0;
    for (const s of sessions.values()) if (s.expiresAt > t) n++;
    sessions.clear();
    return n;
  }

  return {
    vendor: "eduix",
    caseInsensitivePaths: false,
    // The WSDL is at the endpoint with `/wsdl/` appended, and at `?wsdl` as PHP services usually offer it.
    routes: [
      { path: `${EDUIX_PATH}/wsdl`, get: wsdlDocument },
      { path: EDUIX_PATH, query: "wsdl", get: wsdlDocument },
      { path: EDUIX_PATH, get: servicePage, post: call },
    ],
    ...webServerErrors("UTF-8"),
    internalError: () => faultResponse(new Fault(faults.login[1], "SOAP-ENV:Server"), undefined),
    reset: load,
    expireSessions,
    sessionTableSize: () => sessions.size,
    sessionTtlMs: ttl,
    maxSessions,
    activeSessions: () => {
      const t = now();
      let n = 0;
      for (const s of sessions.values()) if (s.expiresAt > t) n++;
      return n;
    },
    snapshot: () => ({
      activeSessions: [...sessions.values()]
        .filter((s) => s.expiresAt > now())
        .map((s) => s.account.username),
      profiles: profiles.map((p) => ({ ...p })),
    }),
  };
}

/** Every key the seed can produce must satisfy the contract's getKeyResponse schema; checked at startup. */
function checkSeedAgainstContract(seed: SandboxSeed["eduix"]): void {
  const issues = operations.getKey.validateResponse({ key: seed.profiles.map(keyOf) });
  if (issues.length > 0) {
    const list = issues.slice(0, 5).map((i) => `${i.field} ${i.message} [${i.rule}]`);
    throw new SeedError(
      `the seed's Edu-iX profiles break the contract's key schema:\n  ${list.join("\n  ")}`,
    );
  }
}
