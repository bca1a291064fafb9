/**
 * Hostile request bodies of an exact size, for every vendor: wide (one element or object with as many
 * children as fit) and deep (as much nesting as fits), in the places a vendor reads first (SOAP headers,
 * parameters, the request element, the authentication object). Used by the limit tests and the load test.
 */
import type { Vendor } from "../vendors.js";

export interface AttackBody {
  vendor: Vendor;
  /** What the body is, for test names. */
  name: string;
  /** Path on the vendor's listener. */
  path: string;
  contentType: string;
  body: Buffer;
}

const EDUIX_NS = "urn:edu-ix:account:4.3";
const XML = "text/xml; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * `head + unit × n + tail`, with n as large as fits in `size` bytes, padded with spaces (after `head`, where
 * whitespace is harmless in XML and JSON) to exactly `size`.
 */
function fill(size: number, head: string, unit: string | ((i: number) => string), tail = ""): Buffer {
  const parts: string[] = [];
  let used = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; ; i++) {
    const u = typeof unit === "string" ? unit : unit(i);
    const n = Buffer.byteLength(u);
    if (used + n > size) break;
    parts.push(u);
    used += n;
  }
  return Buffer.from(`${head}${" ".repeat(size - used)}${parts.join("")}${tail}`);
}

/** Nesting: `open × n + inner + close × n`, n as large as fits. */
function nest(size: number, head: string, open: string, inner: string, close: string, tail: string): Buffer {
  const fixed = Buffer.byteLength(head) + Buffer.byteLength(inner) + Buffer.byteLength(tail);
  const n = Math.floor((size - fixed) / (Buffer.byteLength(open) + Buffer.byteLength(close)));
  const body = `${head}${open.repeat(n)}${inner}${close.repeat(n)}${tail}`;
  return Buffer.from(`${body}${" ".repeat(size - Buffer.byteLength(body))}`);
}

const eswsEnvelope = (header: string, call: string): [string, string] => [
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:uen="uen:esws"><soapenv:Header>${header}`,
  `</soapenv:Header><soapenv:Body><uen:${call}>`,
];

const eduixOpen = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="${EDUIX_NS}"><soapenv:Header>`;

/** Every hostile body, each exactly `size` bytes. */
export function attackBodies(size: number): AttackBody[] {
  const esws = (name: string, body: Buffer): AttackBody => ({
    vendor: "easysecure",
    name,
    path: "/webservicesesws",
    contentType: XML,
    body,
  });
  const eduix = (name: string, body: Buffer): AttackBody => ({
    vendor: "eduix",
    name,
    path: "/soap/4.3/account",
    contentType: XML,
    body,
  });
  const moka = (name: string, body: Buffer): AttackBody => ({
    vendor: "moka",
    name,
    path: "/DealerCustomer/GetCardList",
    contentType: JSON_TYPE,
    body,
  });
  const [eswsHead, eswsCall] = eswsEnvelope("", "Esws.syncMOCA");
  const eswsClose = "</uen:Esws.syncMOCA></soapenv:Body></soapenv:Envelope>";
  return [
    esws(
      "ESWS: syncMOCA with as many parameters as fit",
      fill(
        size,
        `${eswsHead}${eswsCall}`,
        (i) => `<p${i % 7} xsi:type="xsd:string">${i}</p${i % 7}>`,
        eswsClose,
      ),
    ),
    esws(
      "ESWS: updateUserDotweb with a p_infoFields map of as many items as fit",
      fill(
        size,
        `${eswsHead}</soapenv:Header><soapenv:Body><uen:Esws.updateUserDotweb><p_companyID>FAKE-SECURITY-CODE-FOR-TESTS-001</p_companyID><p_ws_StoreId>1234</p_ws_StoreId><p_infoFields>`,
        (i) => `<item><key>info${(i % 14) + 1}</key><value>v${i}</value></item>`,
        "</p_infoFields></uen:Esws.updateUserDotweb></soapenv:Body></soapenv:Envelope>",
      ),
    ),
    esws(
      "ESWS: a SOAP Header with as many blocks as fit",
      fill(
        size,
        eswsHead,
        "<h/>",
        `</soapenv:Header><soapenv:Body><uen:Esws.syncMOCA><p_companyID>x</p_companyID></uen:Esws.syncMOCA></soapenv:Body></soapenv:Envelope>`,
      ),
    ),
    esws(
      "ESWS: a parameter nested as deep as fits",
      nest(size, `${eswsHead}${eswsCall}<p_companyID>`, "<a>", "x", "</a>", `</p_companyID>${eswsClose}`),
    ),
    eduix(
      "Edu-iX: login with a loginHeader of as many usernames as fit",
      fill(
        size,
        `${eduixOpen}<urn:loginHeader>`,
        (i) => `<urn:username>user${i}</urn:username>`,
        `</urn:loginHeader></soapenv:Header><soapenv:Body><urn:loginRequest/></soapenv:Body></soapenv:Envelope>`,
      ),
    ),
    eduix(
      "Edu-iX: createKey with an authHeader of as many sessionIDHeaders as fit",
      fill(
        size,
        `${eduixOpen}<urn:authHeader>`,
        (i) => `<urn:sessionIDHeader><urn:sessionID>${i.toString(16)}</urn:sessionID></urn:sessionIDHeader>`,
        `</urn:authHeader></soapenv:Header><soapenv:Body><urn:createKeyRequest><urn:profileID>48213976</urn:profileID><urn:userID>x</urn:userID></urn:createKeyRequest></soapenv:Body></soapenv:Envelope>`,
      ),
    ),
    eduix(
      "Edu-iX: getKey with as many empty profileIDs as fit",
      fill(
        size,
        `${eduixOpen}<urn:authHeader><urn:loginHeader><urn:username>sandbox-distributor</urn:username><urn:password>sandbox-password</urn:password></urn:loginHeader></urn:authHeader></soapenv:Header><soapenv:Body><urn:getKeyRequest>`,
        "<urn:profileID/>",
        "</urn:getKeyRequest></soapenv:Body></soapenv:Envelope>",
      ),
    ),
    eduix(
      "Edu-iX: a loginHeader nested as deep as fits",
      nest(
        size,
        `${eduixOpen}<urn:loginHeader>`,
        "<urn:username>",
        "u",
        "</urn:username>",
        `</urn:loginHeader></soapenv:Header><soapenv:Body><urn:loginRequest/></soapenv:Body></soapenv:Envelope>`,
      ),
    ),
    moka(
      "Moka: an authentication object with as many members as fit",
      fill(
        size,
        `{"DealerCustomerAuthentication":{"DealerCode":"SANDBOX-DEALER"`,
        (i) => `,"k${i}":${i}`,
        "}}",
      ),
    ),
    moka(
      "Moka: a CustomerCode array of as many items as fit",
      fill(size, `{"DealerCustomerRequest":{"CustomerCode":["Customer"`, ',"Customer"', "]}}"),
    ),
    moka(
      "Moka: a request nested as deep as fits",
      nest(size, `{"DealerCustomerRequest":`, `{"CustomerCode":[`, "1", "]}", "}"),
    ),
  ];
}
