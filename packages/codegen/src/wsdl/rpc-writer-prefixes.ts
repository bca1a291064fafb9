/** Namespace URIs the WSDL reader knows. Prefixes in a contract are free: everything is matched by URI. */
export const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
export const WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const SOAP_ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/";
/** Apache SOAP: `Map` / `mapItem`, how PHP puts an associative array on the wire. */
export const APACHE_SOAP_NS = "http://xml.apache.org/xml-soap";
/** The contract extension vocabulary (`x:rule`, `x:optional`, `x:resultCodes`, …). */
export const CONTRACT_EXT_NS = "urn:integrations:contract-extensions";

/**
 * The prefixes the runtime's rpc/encoded writer declares on the Envelope (`xsd:`, `SOAP-ENC:`, `ns2:`): an
 * `xsi:type` in a descriptor is written with these, whatever prefixes the contract uses.
 */
export const RPC_WRITER_PREFIXES: Readonly<Record<string, string>> = {
  [XSD_NS]: "xsd",
  [SOAP_ENCODING_NS]: "SOAP-ENC",
  [APACHE_SOAP_NS]: "ns2",
};
