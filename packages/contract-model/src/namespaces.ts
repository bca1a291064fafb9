/**
 * The namespace URIs the contract readers match on. Prefixes in a contract are free (`wsdl:`, `w:`, none):
 * everything is matched by URI. The URIs the SOAP runtime also needs (XML Schema, SOAP encoding, Apache SOAP)
 * are defined once, in `@integrations/runtime`, and re-exported here.
 */
export {
  APACHE_SOAP_NS,
  SOAP11_ENCODING_NS,
  SOAP11_ENVELOPE_NS,
  XSD_NS,
  XSI_NS,
} from "@integrations/runtime";

/** WSDL 1.1 (https://www.w3.org/TR/2001/NOTE-wsdl-20010315). */
export const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
/** The WSDL 1.1 SOAP 1.1 binding (`soap:binding`, `soap:body`, …). */
export const WSDL_SOAP11_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
/** The WSDL 1.1 SOAP 1.2 binding (`soap12:binding`, …). */
export const WSDL_SOAP12_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";
/** The contract extension vocabulary (`x:resultCodes`, `x:rule`, `x:optional`, …): contracts/README.md. */
export const CONTRACT_EXT_NS = "urn:integrations:contract-extensions";
