/**
 * The WSDL 1.1 model: messages, portTypes, SOAP bindings (1.1 and 1.2) and services, the embedded XML Schema,
 * and the contract extensions. Every name is resolved by namespace URI through the xmlns declarations in
 * scope, never by assuming a prefix.
 *
 * The model is faithful rather than validating: attribute values are kept as written next to their resolved
 * form (a QName is undefined when its prefix is not declared), and a dangling reference is simply not found.
 * The contract gate's lint reports what is wrong; codegen refuses what it does not support.
 */
import type { ForeignAttribute } from "../extensions.js";
import type { QName, QNameRef } from "../qname.js";
import type { XmlNode } from "../xml.js";
import type { XsdSchemaSet } from "../xsd/model.js";
import type { ResultCodeList } from "./result-codes.js";

export interface Part {
  readonly name: string | undefined;
  /** `element` as written, and resolved (document/literal: the global element the part carries). */
  readonly elementAttr: string | undefined;
  readonly element: QNameRef | undefined;
  /** `type` as written, and resolved (rpc: the wire type, what `xsi:type` says). */
  readonly typeAttr: string | undefined;
  readonly type: QNameRef | undefined;
  /** `x:rule`: the named type holding the part's validation rules. */
  readonly ruleAttr: string | undefined;
  readonly rule: QNameRef | undefined;
  /** `x:optional` as written; `optional` is true only for `"true"` (the part may be absent at the client). */
  readonly optionalAttr: string | undefined;
  readonly optional: boolean;
  /** `x:secret="true"`: the value is a secret (never logged, traced or echoed). */
  readonly secret: boolean;
  /** Every foreign-namespace attribute, the known extensions above included. */
  readonly foreignAttributes: readonly ForeignAttribute[];
  readonly documentation: string | undefined;
  readonly source: XmlNode;
}

export interface Message {
  readonly name: string | undefined;
  /** `{targetNamespace}name`. */
  readonly qname: QName;
  /** In contract order (rpc servers may bind parts by position). */
  readonly parts: readonly Part[];
  readonly documentation: string | undefined;
  readonly source: XmlNode;
}

/** `wsdl:input`, `wsdl:output` or `wsdl:fault` of a portType operation. */
export interface MessageRef {
  readonly name: string | undefined;
  readonly messageAttr: string | undefined;
  readonly message: QNameRef | undefined;
  readonly source: XmlNode;
}

export interface PortTypeOperation {
  readonly name: string | undefined;
  readonly documentation: string | undefined;
  readonly input: MessageRef | undefined;
  readonly output: MessageRef | undefined;
  readonly faults: readonly MessageRef[];
  /** The `x:resultCodes` lists of the operation (normally one): its own codes. */
  readonly resultCodes: readonly ResultCodeList[];
  /** `<x:idempotent value="true|false"/>`: safe to retry automatically; undefined when not marked (or malformed). */
  readonly idempotent: boolean | undefined;
  /** Every extension element (foreign namespace) of the operation, the known ones above included. */
  readonly extensions: readonly XmlNode[];
  readonly source: XmlNode;
}

export interface PortType {
  readonly name: string | undefined;
  readonly qname: QName;
  readonly documentation: string | undefined;
  /** `x:resultCodes` placed directly in the portType (Edu-iX's first placement; the WSDL 1.1 schema forbids it). */
  readonly resultCodes: readonly ResultCodeList[];
  /** Every extension element of the portType. */
  readonly extensions: readonly XmlNode[];
  readonly operations: readonly PortTypeOperation[];
  readonly source: XmlNode;
}

export interface SoapBody {
  readonly use: string | undefined;
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
  /** `parts` as written (a space-separated list of part names), when the body carries only some parts. */
  readonly parts: string | undefined;
  readonly source: XmlNode;
}

export interface SoapHeader {
  readonly messageAttr: string | undefined;
  readonly message: QNameRef | undefined;
  readonly part: string | undefined;
  readonly use: string | undefined;
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
  readonly source: XmlNode;
}

/** `wsdl:input` / `wsdl:output` of a binding operation. */
export interface BindingMessage {
  readonly name: string | undefined;
  readonly body: SoapBody | undefined;
  readonly headers: readonly SoapHeader[];
  readonly source: XmlNode;
}

export interface BindingFault {
  readonly name: string | undefined;
  /** The `soap:fault` element, when there is one. */
  readonly soapFault: XmlNode | undefined;
  readonly use: string | undefined;
  readonly namespace: string | undefined;
  readonly source: XmlNode;
}

export interface BindingOperation {
  readonly name: string | undefined;
  /** The `soap:operation` element, when there is one. */
  readonly soapOperation: XmlNode | undefined;
  readonly soapAction: string | undefined;
  /** The operation's own `style`; see `operationStyle` for the effective one. */
  readonly style: string | undefined;
  readonly input: BindingMessage | undefined;
  readonly output: BindingMessage | undefined;
  readonly faults: readonly BindingFault[];
  readonly source: XmlNode;
}

export interface Binding {
  readonly name: string | undefined;
  readonly qname: QName;
  /** The portType it binds. */
  readonly typeAttr: string | undefined;
  readonly type: QNameRef | undefined;
  /** `"1.1"` or `"1.2"` by the namespace of its `soap:binding`; undefined for a binding that is not SOAP. */
  readonly soapVersion: "1.1" | "1.2" | undefined;
  readonly style: string | undefined;
  readonly transport: string | undefined;
  readonly operations: readonly BindingOperation[];
  readonly source: XmlNode;
}

/** `<x:endpoint environment="…" location="…"/>` in a wsdl:port: an environment's address. */
export interface Endpoint {
  readonly environment: string | undefined;
  readonly location: string | undefined;
  readonly source: XmlNode;
}

export interface Port {
  readonly name: string | undefined;
  readonly bindingAttr: string | undefined;
  readonly binding: QNameRef | undefined;
  /** `soap:address/@location`. */
  readonly address: string | undefined;
  /** The `soap:address` element, when there is one. */
  readonly addressElement: XmlNode | undefined;
  /** `x:endpoint` children, in order. */
  readonly endpoints: readonly Endpoint[];
  /** Every extension element of the port other than soap:address (x:endpoint included). */
  readonly extensions: readonly XmlNode[];
  readonly source: XmlNode;
}

export interface Service {
  readonly name: string | undefined;
  readonly documentation: string | undefined;
  readonly ports: readonly Port[];
  readonly source: XmlNode;
}

export interface WsdlModel {
  /** The wsdl:definitions element. */
  readonly source: XmlNode;
  readonly name: string | undefined;
  readonly targetNamespace: string | undefined;
  readonly documentation: string | undefined;
  /** `x:resultCodes` directly in wsdl:definitions (should say scope="general"). */
  readonly resultCodes: readonly ResultCodeList[];
  /** Every extension element of wsdl:definitions. */
  readonly extensions: readonly XmlNode[];
  /** The `xsd:schema` elements of wsdl:types, read as one schema set. */
  readonly schema: XsdSchemaSet;
  readonly messages: readonly Message[];
  readonly portTypes: readonly PortType[];
  readonly bindings: readonly Binding[];
  readonly services: readonly Service[];
  /** The message a QName names (`{targetNamespace}name`; the first one when it is defined twice). */
  message(name: QName | undefined): Message | undefined;
}

/** The effective style of a binding operation: its own, else the binding's, else "document" (WSDL 1.1 §3.3). */
export function operationStyle(binding: Binding | undefined, op: BindingOperation | undefined): string {
  return op?.style ?? binding?.style ?? "document";
}
