/**
 * @integrations/contract-model: one typed model of the contracts — OpenAPI 3.x, WSDL 1.1 and the XML Schema
 * inside it — read by codegen and by the contract gate (lint, diff, check). See README.md.
 */
export { ContractFormatError } from "./errors.js";
export { booleanValue, type ForeignAttribute, foreignAttributes, foreignElements } from "./extensions.js";
export {
  APACHE_SOAP_NS,
  CONTRACT_EXT_NS,
  SOAP11_ENCODING_NS,
  SOAP11_ENVELOPE_NS,
  WSDL_NS,
  WSDL_SOAP11_NS,
  WSDL_SOAP12_NS,
  XSD_NS,
  XSI_NS,
} from "./namespaces.js";
export { openApiExtensionIssues } from "./openapi/extension-rules.js";
export type {
  ComponentSchema,
  JsonObject,
  JsonValue,
  OpenApiModel,
  OpenApiOperation,
  OpenApiResultCode,
  OpenApiServer,
} from "./openapi/model.js";
export {
  componentSchemaName,
  HTTP_METHODS,
  isJsonObject,
  jsonPointer,
  loadOpenApi,
  readOpenApi,
} from "./openapi/read.js";
export { type QName, type QNameRef, qnameKey, sameQName } from "./qname.js";
export { type ExtensionIssue, PART_EXTENSIONS, wsdlExtensionIssues } from "./wsdl/extension-rules.js";
export {
  type Binding,
  type BindingFault,
  type BindingMessage,
  type BindingOperation,
  type Endpoint,
  type Message,
  type MessageRef,
  operationStyle,
  type Part,
  type Port,
  type PortType,
  type PortTypeOperation,
  type Service,
  type SoapBody,
  type SoapHeader,
  type WsdlModel,
} from "./wsdl/model.js";
export { loadWsdl, readWsdl } from "./wsdl/read.js";
export type { ResultCode, ResultCodeList } from "./wsdl/result-codes.js";
export {
  attr,
  ContractXmlError,
  child,
  children,
  deepText,
  documentationText,
  normalizeSpace,
  qualifiedName,
  readXml,
  resolveQName,
  type XmlNode,
} from "./xml.js";
export { builtinDerivesFrom, XSD_BUILTINS } from "./xsd/builtins.js";
export type {
  AttributeDecl,
  ComplexType,
  ElementDecl,
  Facet,
  GlobalDefinition,
  GlobalKind,
  Particle,
  SchemaDocument,
  SimpleType,
  Term,
  TypeRef,
  Wildcard,
  XsdSchemaSet,
  XsdType,
} from "./xsd/model.js";
export { readSchemas } from "./xsd/read.js";
