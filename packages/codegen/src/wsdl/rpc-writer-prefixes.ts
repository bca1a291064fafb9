/**
 * The prefixes the runtime's rpc/encoded writer declares on the Envelope (`xsd:`, `SOAP-ENC:`, `ns2:`): an
 * `xsi:type` in a descriptor is written with these, whatever prefixes the contract uses.
 */
import { APACHE_SOAP_NS, SOAP11_ENCODING_NS, XSD_NS } from "@integrations/contract-model";

export const RPC_WRITER_PREFIXES: Readonly<Record<string, string>> = {
  [XSD_NS]: "xsd",
  [SOAP11_ENCODING_NS]: "SOAP-ENC",
  [APACHE_SOAP_NS]: "ns2",
};
