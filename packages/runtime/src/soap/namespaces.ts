/** Namespace URIs of SOAP 1.1 and the type systems rpc/encoded messages use. */

/** SOAP 1.1 envelope (`soapenv:` / `SOAP-ENV:`). */
export const SOAP11_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
/** SOAP 1.1 section 5 encoding (`SOAP-ENC:`), also the value of `encodingStyle`. */
export const SOAP11_ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/";
/** SOAP 1.2 envelope: recognised only to say so when a server answers in the wrong version. */
export const SOAP12_ENVELOPE_NS = "http://www.w3.org/2003/05/soap-envelope";
/** XML Schema (`xsd:`). */
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
/** XML Schema instance (`xsi:type`, `xsi:nil`). */
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
/** Apache SOAP types: `Map`, which PHP uses on the wire for associative arrays. */
export const APACHE_SOAP_NS = "http://xml.apache.org/xml-soap";
