export {
  type DocumentLiteralMessage,
  writeDocumentLiteralEnvelope,
  type XmlNodeSpec,
} from "./document-literal.js";
export { readSoapEnvelope, type SoapEnvelope, type SoapFault, soapEnvelopeOf } from "./envelope.js";
export { soapFaultToError } from "./fault.js";
export {
  APACHE_SOAP_NS,
  SOAP11_ENCODING_NS,
  SOAP11_ENVELOPE_NS,
  SOAP12_ENVELOPE_NS,
  XSD_NS,
  XSI_NS,
} from "./namespaces.js";
export {
  type RpcCall,
  type RpcPart,
  type RpcValue,
  readRpcEncodedReturn,
  writeRpcEncodedEnvelope,
} from "./rpc-encoded.js";
