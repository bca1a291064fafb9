/**
 * What the three vendors put on the wire: success answers for every operation, SOAP faults, HTML pages and
 * the hostile documents of the fault suite (entity bomb, XXE, 100k-deep nesting). Built by hand on purpose:
 * the point is to feed the clients bytes, not to reuse their own writers.
 */
import { escapeXmlText } from "@integrations/runtime";

export const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const EDUIX_NS = "urn:edu-ix:account:4.3";

export const XML_TYPE = "text/xml; charset=utf-8";
export const JSON_TYPE = "application/json; charset=utf-8";
export const HTML_TYPE = "text/html; charset=utf-8";

// ------------------------------------------------------------------------------------------ Moka

export function mokaEnvelope(
  data: unknown,
  resultCode = "Success",
  resultMessage: string | null = "",
  exception: string | null = null,
): string {
  return JSON.stringify({
    Data: data,
    ResultCode: resultCode,
    ResultMessage: resultMessage,
    Exception: exception,
  });
}

export const MOKA_CUSTOMER = {
  DealerCustomerId: 1034,
  CustomerCode: "Customer",
  Password: "Elif1234",
  FirstName: "Elif",
  LastName: "Y",
  Gender: 2,
  BirthDate: "19850710",
  GsmNumber: "5301111111",
  Email: "elif.y@moka.com",
  Address: "TAŞDELEN",
};

export const mokaCardListOk = (): string =>
  mokaEnvelope({ DealerCustomer: MOKA_CUSTOMER, CardListCount: 0, CardList: [] });

export const mokaCustomerListOk = (): string =>
  mokaEnvelope({ DealerCustomerListCount: 1, DealerCustomerList: [MOKA_CUSTOMER] });

// ------------------------------------------------------------------------------------------ ESWS

const NUSOAP_OPEN = `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">`;

/** A NuSOAP answer: `<ns1:Esws.<op>Response><return xsi:type="xsd:string">TEXT</return>`. */
export function eswsReturn(operation: string, text: string): string {
  return `${NUSOAP_OPEN}<SOAP-ENV:Body><ns1:${operation}Response xmlns:ns1="uen:esws"><return xsi:type="xsd:string">${escapeXmlText(text)}</return></ns1:${operation}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

/** A NuSOAP fault (raw `faultcode`, `faultstring` and `detail` text, escaped here). */
export function eswsFault(faultcode: string, faultstring: string, detail = ""): string {
  return `${NUSOAP_OPEN}<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode xsi:type="xsd:string">${escapeXmlText(faultcode)}</faultcode><faultactor xsi:type="xsd:string"></faultactor><faultstring xsi:type="xsd:string">${escapeXmlText(faultstring)}</faultstring><detail xsi:type="xsd:string">${escapeXmlText(detail)}</detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

// ------------------------------------------------------------------------------------------ Edu-iX

export function eduixEnvelope(body: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:urn="${EDUIX_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

export const eduixLoginOk = (sessionID: string): string =>
  eduixEnvelope(
    `<urn:loginResponse><urn:sessionID>${escapeXmlText(sessionID)}</urn:sessionID></urn:loginResponse>`,
  );
export const eduixCreateKeyOk = (): string => eduixEnvelope("<urn:createKeyResponse/>");
export const eduixDeleteKeyOk = (): string => eduixEnvelope("<urn:deleteKeyResponse/>");
export const eduixGetKeyOk = (keys: ReadonlyArray<{ profileID: number; userID?: string }> = []): string =>
  eduixEnvelope(
    `<urn:getKeyResponse>${keys
      .map(
        (k) =>
          `<urn:key><urn:profileID>${k.profileID}</urn:profileID>${
            k.userID === undefined ? "" : `<urn:userID>${escapeXmlText(k.userID)}</urn:userID>`
          }</urn:key>`,
      )
      .join("")}</urn:getKeyResponse>`,
  );

/** An Edu-iX fault; `code` undefined leaves out detail/accountFault (a fault no catalog can claim). */
export function eduixFault(options: {
  faultcode?: string;
  faultstring: string;
  code?: string;
  message?: string;
}): string {
  const detail =
    options.code === undefined
      ? ""
      : `<detail><urn:accountFault><urn:code>${escapeXmlText(options.code)}</urn:code><urn:message>${escapeXmlText(
          options.message ?? options.faultstring,
        )}</urn:message></urn:accountFault></detail>`;
  return eduixEnvelope(
    `<soapenv:Fault><faultcode>${escapeXmlText(options.faultcode ?? "soapenv:Server")}</faultcode><faultstring>${escapeXmlText(
      options.faultstring,
    )}</faultstring>${detail}</soapenv:Fault>`,
  );
}

// ------------------------------------------------------------------------------------------ hostile XML

/** A generic SOAP 1.1 fault with no vendor code: the answer to a request the server could not dispatch. */
export const genericSoapFault = (): string =>
  `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>Internal Server Error</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

export const htmlPage = (title: string, text = title): string =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

/** "Billion laughs": 10 levels of 10 references, 10^9 copies of "lol" if anything expanded it. */
export function entityBomb(): string {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= 9; i++) {
    dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  }
  return `<?xml version="1.0"?><!DOCTYPE Envelope [${dtd}]><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body><return>&lol9;</return></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

/** An external entity pointing at `url` (a counting server: nothing may ever fetch it). */
export function xxe(url: string): string {
  return `<?xml version="1.0"?><!DOCTYPE Envelope [<!ENTITY xxe SYSTEM "${url}">]><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body><return>&xxe;</return></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export const DEEP = 100_000;

/** A SOAP envelope whose Body holds elements nested 100 000 deep. */
export function deepXml(depth = DEEP): string {
  return `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

/** A Moka envelope whose Data is arrays nested 100 000 deep. */
export function deepJson(depth = DEEP): string {
  return `{"Data":${"[".repeat(depth)}${"]".repeat(depth)},"ResultCode":"Success","ResultMessage":"","Exception":null}`;
}

/** The first half of a document (an HTTP message that ends cleanly, with a body that does not). */
export function firstHalf(text: string): string {
  return text.slice(0, Math.floor(text.length / 2));
}
