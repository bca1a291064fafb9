/**
 * EasySecure ESWS simulation (SOAP 1.1 rpc/encoded, a NuSOAP server in PHP; contracts/easysecure/esws.wsdl).
 *
 * Like NuSOAP, the operation is the Body's first element (its local name, e.g. `Esws.syncMOCA`) and the
 * parameters are read BY POSITION: the n-th child element is the n-th part of the contract's message,
 * whatever its name (`p_wsAltUserId` and `p_wsAltUser_id` both work as syncMOCA's 2nd parameter; parts in
 * the wrong order land in the wrong parameter, as they would on the real server). A missing parameter is
 * PHP's null, i.e. "". Extra parameters are ignored. SOAPAction is ignored.
 *
 * Every answer to a known operation is HTTP 200 with `<return xsi:type="xsd:string">CODE</return>`, in the
 * style of the vendor's sample response; every CODE comes from the generated catalogs (catalog.ts). A
 * request that is not a SOAP call of a known operation (malformed XML, a DOCTYPE, another envelope, an
 * unknown operation) gets what NuSOAP answers: a SOAP-ENV:Client Fault with HTTP 500.
 */
import { namespace as ESWS_NS, operations } from "@integrations/easysecure-types";
import { attribute, escapeXmlText, type SoapEnvelope, type XmlElement, XSI_NS } from "@integrations/runtime";
import { type EswsCatalog, resolveEswsCatalog } from "./catalog.js";
import { htmlPage, webServerErrors } from "./html-page.js";
import { SandboxRequestError } from "./request-error.js";
import { decodeBody } from "./request-text.js";
import { emptyRecord } from "./reserved-names.js";
import type { EswsCompanySeed, SandboxSeed } from "./seed.js";
import type { SandboxRequest, VendorResponse, VendorService } from "./service.js";
import { readSoapRequest } from "./soap-request.js";
import { ESWS_PATH } from "./vendors.js";
import { eswsWsdl, withSoapAddress } from "./wsdl.js";

type OperationId = keyof typeof operations;

/** One operation's behaviour: the parameters as NuSOAP hands them over (by position), to the return code. */
type EswsOperationHandler = (wire: readonly WireValue[]) => string;

/** A parameter as NuSOAP hands it to PHP: a string, an associative array (Apache Map), or null. */
type WireValue = string | Record<string, string> | null;

interface EswsUser {
  wsAltUserId: string;
  storeId: number | undefined;
  firstName: string;
  lastName: string;
  pin: string;
  admin: number;
  security: number;
  startDate: string;
  expireDate: string;
  infoFields: Record<string, string>;
  groups: string[];
  licensePlate: string;
  mobileCardIssued: boolean;
}

interface Company {
  seed: EswsCompanySeed;
  users: Map<string, EswsUser>;
  /** info field key → label, and label → info field key. */
  labelOf: Map<string, string>;
  fieldOf: Map<string, string>;
}

const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
const ENVELOPE_OPEN = `<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">`;
const XML_TYPE = "text/xml; charset=UTF-8";
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/;
const INFO_DATE = /^[0-9]{2}-[0-9]{2}-[0-9]{4}$/;
const INFO_KEY = /^info(?:[1-9]|1[0-4])$/;
const ALT_USER_ID = /^[A-Za-z0-9-]+$/;
/** The expiry the vendor uses when p_ExpireDate is missing or badly formatted. */
const DEFAULT_EXPIRY = "2030-12-31 00:00:00";

/** NuSOAP's rpc/encoded response, line by line as in the vendor's sample. */
export function eswsResponse(operationName: string, code: string): string {
  return `${ENVELOPE_OPEN}
<SOAP-ENV:Body>
<ns1:${operationName}Response xmlns:ns1="${ESWS_NS}">
<return xsi:type="xsd:string">${escapeXmlText(code)}</return>
</ns1:${operationName}Response>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;
}

/** NuSOAP's fault, in the same style (faultcode, faultactor, faultstring, detail; xsi-typed). */
export function eswsFault(faultcode: "SOAP-ENV:Client" | "SOAP-ENV:Server", faultstring: string): string {
  return `${ENVELOPE_OPEN}
<SOAP-ENV:Body>
<SOAP-ENV:Fault>
<faultcode xsi:type="xsd:string">${faultcode}</faultcode>
<faultactor xsi:type="xsd:string"></faultactor>
<faultstring xsi:type="xsd:string">${escapeXmlText(faultstring)}</faultstring>
<detail xsi:type="xsd:string"></detail>
</SOAP-ENV:Fault>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;
}

/** One parameter element as NuSOAP decodes it. */
function wireValue(el: XmlElement): WireValue {
  const nil = attribute(el, "nil", XSI_NS);
  if (nil === "true" || nil === "1") return null;
  if (el.children.length === 0) return el.text;
  // An Apache Map (<item><key/><value/></item>…) or a SOAP-ENC:Array (<item/>…): a PHP array. Keys are data
  // (`__proto__` is an ordinary key to PHP), so the record has no prototype for a key to reach.
  const out = emptyRecord<string>();
  el.children.forEach((item, index) => {
    const key = item.children.find((c) => c.name === "key");
    const value = item.children.find((c) => c.name === "value");
    if (key !== undefined) out[key.text] = value?.text ?? "";
    else out[String(index)] = item.text;
  });
  return out;
}

/** PHP's string conversion of a parameter: null → "", an array → "Array". */
function str(v: WireValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : "Array";
}

/** What the contract's params schema sees: the wire values by part name, typed per the part's xsi:type. */
function schemaView(operation: OperationId, wire: readonly WireValue[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  operations[operation].binding.parts.forEach((part, i) => {
    const v = wire[i];
    if (v === null || v === undefined) return;
    if (part.xsiType === "xsd:int" && typeof v === "string" && /^\s*-?[0-9]{1,10}\s*$/.test(v)) {
      view[part.name] = Number(v);
    } else {
      view[part.name] = v;
    }
  });
  return view;
}

/** ESWS stores only characters up to U+00FF; anything else silently becomes "?" (contracts/easysecure/README.md, "Character limit"). */
function latin1(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\u00ff]/gu, "?");
}

function nowDateTime(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export interface EswsServiceOptions {
  /** Called with a warning text (e.g. characters replaced by "?"). */
  warn?: (text: string) => void;
}

export function createEswsService(
  seed: SandboxSeed["easysecure"],
  options: EswsServiceOptions = {},
): VendorService {
  const codes: EswsCatalog = resolveEswsCatalog();
  const wsdl = eswsWsdl;
  const warn = options.warn ?? (() => {});
  const byName = new Map<string, OperationId>(
    (Object.keys(operations) as OperationId[]).map((id) => [operations[id].wireName, id]),
  );
  let companies: Company[] = [];

  function load(): void {
    companies = structuredClone(seed.companies).map((c) => {
      const labelOf = new Map(
        Object.entries(c.infoLabels).filter((e): e is [string, string] => e[1] !== undefined),
      );
      const fieldOf = new Map([...labelOf].map(([field, label]) => [label, field]));
      const users = new Map<string, EswsUser>();
      for (const u of c.users ?? []) {
        const infoFields = Object.fromEntries(
          Object.entries(u.infoFields ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const altField = fieldOf.get("wsAltUserId");
        if (altField !== undefined) infoFields[altField] = u.wsAltUserId;
        users.set(u.wsAltUserId, {
          wsAltUserId: u.wsAltUserId,
          storeId: u.storeId,
          firstName: u.firstName,
          lastName: u.lastName,
          pin: u.pin ?? "",
          admin: u.admin ?? 0,
          security: u.security ?? 0,
          startDate: u.startDate ?? "2024-01-01 00:00:00",
          expireDate: u.expireDate ?? DEFAULT_EXPIRY,
          infoFields,
          groups: u.groups ?? [],
          licensePlate: u.licensePlate ?? "",
          mobileCardIssued: u.mobileCardIssued ?? false,
        });
      }
      return { seed: c, users, labelOf, fieldOf };
    });
  }
  load();

  const companiesByHash = (hash: string): Company[] => companies.filter((c) => c.seed.securityHash === hash);

  function syncMOCA(wire: readonly WireValue[]): string {
    const c = codes.syncMOCA;
    const companyID = str(wire[0]);
    const altId = str(wire[1]);
    if (companyID === "") return c.ERROR_NO_SECURITY_HASH;
    const candidates = companiesByHash(companyID);
    if (candidates.length === 0) return c.ERROR_UNKNOWN_SECURITY_HASH;
    if (altId === "") return c.NO_WSALTUSERID;
    const company = candidates.find((co) => co.users.has(altId)) ?? candidates[0]!;
    if (!company.fieldOf.has("wsAltUserId")) return c.NO_WS_ALT_USER_ID_INFOFIELD;
    const emailField = company.fieldOf.get("Email");
    if (emailField === undefined) return c.NO_EMAIL_INFOFIELD;
    const user = company.users.get(altId);
    if (user === undefined) return c.NO_USER_ID_FOUND;
    if (user.mobileCardIssued) return c.MOBILE_CARD_ALREADY_ISSUED;
    if ((user.infoFields[emailField] ?? "") === "") return c.NO_EMAIL;
    const moca = company.seed.moca ?? {};
    if (!moca.siteId) return c.MOCA_SITE_ID_NOT_SET;
    if (!moca.username) return c.MOCA_USERNAME_NOT_SET;
    if (!moca.password) return c.MOCA_PASSWORD_NOT_SET;
    if (moca.response === "unauthorized") return c.UNAUTHORIZED(moca.message);
    if (moca.response === "invalid-response") return c.MOCA_INVALID_RESPONSE(moca.message);
    user.mobileCardIssued = true;
    return c.OK;
  }

  function updateUserDotweb(wire: readonly WireValue[]): string {
    const c = codes.updateUserDotweb;
    const issues = operations.updateUserDotweb.validateRequest(schemaView("updateUserDotweb", wire));
    const broken = (field: string): boolean =>
      issues.some((i) => i.field === field || i.field.startsWith(`${field}.`));

    const companyID = str(wire[0]);
    const storeIdText = str(wire[1]).trim();
    const altId = str(wire[2]);
    const pin = str(wire[3]);
    const lastName = str(wire[4]);
    const firstName = str(wire[5]);
    const startText = str(wire[8]);
    const expireText = str(wire[9]);
    const info = wire[10];
    const groupName = str(wire[11]);
    const licensePlate = str(wire[13]);

    if (companyID === "") return c.ERROR_NO_SECURITY_HASH;
    const candidates = companiesByHash(companyID);
    if (candidates.length === 0) return c.ERROR_UNKNOWN_SECURITY_HASH;
    const storeId = /^-?[0-9]{1,10}$/.test(storeIdText) ? Number(storeIdText) : undefined;
    const company = candidates.find((co) => storeId !== undefined && co.seed.storeIds.includes(storeId));
    if (company === undefined || storeId === undefined) return c.ERROR_UNKNOWN_STORE_ID;

    const groups = groupName
      .split(";")
      .map((g) => g.trim())
      .filter((g) => g !== "");
    if (company.seed.type === "Branches") {
      if (groups.length === 0) return c.BRANCHES_NO_GROUP_NAME;
      if (groups.some((g) => !(company.seed.groups ?? []).includes(g))) return c.BRANCHES_GROUP_NOT_FOUND;
    }
    const altField = company.fieldOf.get("wsAltUserId");
    if (altField === undefined) return c.NO_WS_ALT_USER_ID_LABEL;
    if (altId === "") return c.NO_ID_RECEIVED;
    // NOTE2: an id outside [A-Za-z0-9-] "will not be saved".
    if (!ALT_USER_ID.test(altId)) return c.NOT_INSERTED_ERROR;
    // The doc: "the $p_Voornaam field is left empty". Only "" is empty: PHP's empty(" ") is false, so a
    // whitespace-only name is stored, as the contract (requiredLatin1Text, minLength 1) allows.
    if (firstName === "") return c.NO_FIRSTNAME_RECEIVED;
    if (lastName === "") return c.NO_LASTNAME_RECEIVED;
    if (pin !== "" && !/^[0-9]+$/.test(pin)) return c.PIN_NOT_NUMERIC;
    if (pin !== "") {
      for (const other of company.users.values()) {
        if (other.wsAltUserId !== altId && other.pin === pin) return c.PIN_MUST_BE_UNIQUE;
      }
    }
    // A missing or badly formatted date is replaced, as the vendor documents.
    const startDate = DATE_TIME.test(startText) ? startText : nowDateTime();
    const expireDate = DATE_TIME.test(expireText) ? expireText : DEFAULT_EXPIRY;
    if (startDate > expireDate) return c.START_DATE_CAN_NOT_BE_AFTER_END_DATE;

    // Keys outside info1..info14 are ignored ("the search based on user info fields will not take place").
    const infoFields: Record<string, string> = {};
    if (info !== null && typeof info === "object") {
      for (const [key, value] of Object.entries(info)) if (INFO_KEY.test(key)) infoFields[key] = value;
    }
    const startField = company.fieldOf.get("wsStartDatum");
    const endField = company.fieldOf.get("wsEindDatum");
    for (const field of [startField, endField]) {
      const value = field === undefined ? undefined : infoFields[field];
      if (value !== undefined && value !== "" && !INFO_DATE.test(value)) {
        return c.INVALID_INFO_DATE_FORMAT(startField ?? field!, endField ?? field!);
      }
    }
    const storeField = company.fieldOf.get("wsStoreId");
    const storeValue = storeField === undefined ? undefined : infoFields[storeField];
    if (
      storeField !== undefined &&
      storeValue !== undefined &&
      storeValue !== "" &&
      storeValue !== String(storeId)
    ) {
      return c.STORE_ID_MUST_MATCH_INFO_FIELD(String(storeId), storeField);
    }
    // The contract's remaining rules (p_Admin, p_Security, p_groupUpdate, p_locationID): the data is not saved.
    if (["p_Admin", "p_Security", "p_groupUpdate", "p_locationID"].some(broken)) return c.NOT_INSERTED_ERROR;

    // Text outside Latin-1 is stored as "?", silently, as the vendor does; the sandbox says so in its log.
    const stored = (field: string, s: string): string => {
      const out = latin1(s);
      if (out !== s) warn(`ESWS stored ${field} of ${altId} with characters above U+00FF replaced by "?"`);
      return out;
    };
    const existing = company.users.get(altId);
    const user: EswsUser = {
      wsAltUserId: altId,
      storeId,
      firstName: stored("p_Voornaam", firstName),
      lastName: stored("p_Achternaam", lastName),
      pin,
      admin: str(wire[6]) === "1" ? 1 : 0,
      security: str(wire[7]) === "1" ? 1 : 0,
      startDate,
      expireDate,
      infoFields: { ...(existing?.infoFields ?? {}) },
      groups: groups.length > 0 ? groups : (existing?.groups ?? []),
      licensePlate: stored("p_licensePlate", licensePlate),
      mobileCardIssued: existing?.mobileCardIssued ?? false,
    };
    for (const [key, value] of Object.entries(infoFields))
      user.infoFields[key] = stored(`p_infoFields.${key}`, value);
    user.infoFields[altField] = altId;
    company.users.set(altId, user);
    return existing === undefined ? c.INSERTED : c.UPDATED;
  }

  const fault = (status: number, text: string, outcome: string, operation?: string): VendorResponse => ({
    status,
    contentType: XML_TYPE,
    body: eswsFault("SOAP-ENV:Client", text),
    operation,
    outcome,
  });

  /**
   * The behaviour of the contract's operations, by operation id. An operation without one (new in the contract)
   * is a stub: it answers the contract's first success code.
   */
  const handlers: Readonly<Partial<Record<OperationId, EswsOperationHandler>>> = {
    syncMOCA,
    updateUserDotweb,
  };
  const stub =
    (operation: OperationId): EswsOperationHandler =>
    () =>
      String((operations[operation] as { example?: unknown }).example ?? "OK");

  function call(request: SandboxRequest): VendorResponse {
    let envelope: SoapEnvelope;
    try {
      envelope = readSoapRequest(decodeBody(request.body, request.headers["content-type"], "xml"));
    } catch (error) {
      if (!(error instanceof SandboxRequestError)) throw error;
      return fault(500, `XML error parsing SOAP payload: ${error.message}`, "fault: not a SOAP request");
    }
    const element = envelope.body.children[0];
    if (element === undefined) return fault(500, "no method in the SOAP Body", "fault: empty Body");
    const operation = byName.get(element.name);
    if (operation === undefined) {
      const name = element.name.slice(0, 80);
      return fault(500, `method '${name}'('${name}') not defined in service('' '')`, "fault: unknown method");
    }
    const code = (handlers[operation] ?? stub(operation))(element.children.map(wireValue));
    return {
      status: 200,
      contentType: XML_TYPE,
      body: eswsResponse(operations[operation].wireName, code),
      operation: operations[operation].wireName,
      outcome: code,
    };
  }

  const wsdlDocument = (request: SandboxRequest): VendorResponse => ({
    status: 200,
    contentType: XML_TYPE,
    body: withSoapAddress(wsdl, `${request.origin}${ESWS_PATH}`),
    outcome: "WSDL",
  });

  const servicePage = (): VendorResponse => ({
    status: 200,
    contentType: "text/html; charset=UTF-8",
    body: htmlPage(
      200,
      "esws",
      `NuSOAP-style service (sandbox). Operations: ${Object.values(operations)
        .map((o) => o.wireName)
        .join(", ")}. WSDL: ${ESWS_PATH}?wsdl`,
    ),
    outcome: "service page",
  });

  return {
    vendor: "easysecure",
    caseInsensitivePaths: false,
    // NuSOAP serves one endpoint: a POST is a call (whatever the query), a GET the WSDL or a service page.
    routes: [
      { path: ESWS_PATH, query: "wsdl", get: wsdlDocument },
      { path: ESWS_PATH, get: servicePage, post: call },
    ],
    ...webServerErrors("iso-8859-1"),
    internalError: () => ({
      status: 500,
      contentType: XML_TYPE,
      body: eswsFault("SOAP-ENV:Server", "internal error in the sandbox (see its log)"),
      outcome: "fault: internal error",
    }),
    reset: load,
    snapshot: () => ({
      companies: companies.map((co) => ({
        name: co.seed.name,
        type: co.seed.type,
        storeIds: co.seed.storeIds,
        users: [...co.users.values()].map((u) => ({
          wsAltUserId: u.wsAltUserId,
          storeId: u.storeId,
          firstName: u.firstName,
          lastName: u.lastName,
          pin: u.pin === "" ? "" : "****",
          infoFields: u.infoFields,
          groups: u.groups,
          mobileCardIssued: u.mobileCardIssued,
        })),
      })),
    }),
  };
}
