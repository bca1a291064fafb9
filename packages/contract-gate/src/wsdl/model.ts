/**
 * A WSDL 1.1 document as data: messages, port types, bindings (SOAP 1.1 and 1.2), services, the embedded
 * schemas and the contract extensions (x:resultCodes, x:rule, x:optional, x:endpoint). Building the model never
 * fails on a dangling reference: the lint reports those, the diff works on whatever resolves.
 */
import {
  childrenOf,
  deepText,
  firstChild,
  nsAttr,
  parseXml,
  type QName,
  resolveQName,
  type XmlElement,
} from "../xml/tree.js";

export const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
export const SOAP11_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
export const SOAP12_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const X_NS = "urn:integrations:contract-extensions";
export const APACHE_SOAP_NS = "http://xml.apache.org/xml-soap";

export interface ResultCode {
  readonly value: string;
  readonly outcome: string | undefined;
  readonly retryable: string | undefined;
  readonly detail: string | undefined;
  readonly match: string | undefined;
  readonly recovery: string | undefined;
  readonly meaning: string;
}

export interface ResultCodeList {
  readonly codes: readonly ResultCode[];
  readonly el: XmlElement;
}

export interface Part {
  readonly name: string;
  /** Raw attribute values; the resolved QNames (undefined if the prefix is undeclared). */
  readonly typeAttr: string | undefined;
  readonly elementAttr: string | undefined;
  readonly type: QName | undefined;
  readonly element: QName | undefined;
  readonly ruleAttr: string | undefined;
  readonly rule: QName | undefined;
  readonly optionalAttr: string | undefined;
  readonly documentation: string;
  readonly el: XmlElement;
}

export interface Message {
  readonly name: string;
  readonly parts: readonly Part[];
  readonly el: XmlElement;
}

export interface MessageRef {
  readonly name: string | undefined;
  readonly messageAttr: string | undefined;
  readonly message: QName | undefined;
  readonly el: XmlElement;
}

export interface PortTypeOperation {
  readonly name: string;
  readonly documentation: string;
  readonly input: MessageRef | undefined;
  readonly output: MessageRef | undefined;
  readonly faults: readonly MessageRef[];
  readonly resultCodes: ResultCodeList | undefined;
  readonly el: XmlElement;
}

export interface PortType {
  readonly name: string;
  readonly documentation: string;
  readonly operations: readonly PortTypeOperation[];
  readonly el: XmlElement;
}

export interface SoapBody {
  readonly use: string | undefined;
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
  readonly parts: string | undefined;
}

export interface SoapHeader {
  readonly messageAttr: string | undefined;
  readonly message: QName | undefined;
  readonly part: string | undefined;
  readonly use: string | undefined;
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
  readonly el: XmlElement;
}

export interface BindingMessage {
  readonly name: string | undefined;
  readonly body: SoapBody | undefined;
  readonly headers: readonly SoapHeader[];
  readonly el: XmlElement;
}

export interface BindingFault {
  readonly name: string | undefined;
  readonly use: string | undefined;
  readonly namespace: string | undefined;
  readonly el: XmlElement;
}

export interface BindingOperation {
  readonly name: string;
  readonly soapAction: string | undefined;
  readonly style: string | undefined;
  readonly input: BindingMessage | undefined;
  readonly output: BindingMessage | undefined;
  readonly faults: readonly BindingFault[];
  readonly el: XmlElement;
}

export interface Binding {
  readonly name: string;
  readonly typeAttr: string | undefined;
  readonly type: QName | undefined;
  /** "1.1", "1.2", or undefined for a non-SOAP binding. */
  readonly soapVersion: "1.1" | "1.2" | undefined;
  readonly style: string | undefined;
  readonly transport: string | undefined;
  readonly operations: readonly BindingOperation[];
  readonly el: XmlElement;
}

export interface Endpoint {
  readonly environment: string;
  readonly location: string;
}

export interface Port {
  readonly name: string;
  readonly bindingAttr: string | undefined;
  readonly binding: QName | undefined;
  readonly address: string | undefined;
  readonly endpoints: readonly Endpoint[];
  readonly el: XmlElement;
}

export interface Service {
  readonly name: string;
  readonly documentation: string;
  readonly ports: readonly Port[];
  readonly el: XmlElement;
}

export interface Wsdl {
  readonly root: XmlElement;
  readonly name: string | undefined;
  readonly targetNamespace: string | undefined;
  readonly documentation: string;
  readonly generalCodes: readonly ResultCodeList[];
  /** The xsd:schema elements inside wsdl:types. */
  readonly schemas: readonly XmlElement[];
  readonly messages: readonly Message[];
  readonly portTypes: readonly PortType[];
  readonly bindings: readonly Binding[];
  readonly services: readonly Service[];
}

function documentation(el: XmlElement): string {
  return childrenOf(el, WSDL_NS, "documentation")
    .map((d) => deepText(d))
    .join(" ");
}

function resultCodes(el: XmlElement): ResultCodeList {
  const codes = childrenOf(el, X_NS, "code").map((c) => ({
    value: c.attrs.value ?? "",
    outcome: c.attrs.outcome,
    retryable: c.attrs.retryable,
    detail: c.attrs.detail,
    match: c.attrs.match,
    recovery: c.attrs.recovery,
    meaning: deepText(c),
  }));
  return { codes, el };
}

function messageRef(el: XmlElement): MessageRef {
  const attr = el.attrs.message;
  return {
    name: el.attrs.name,
    messageAttr: attr,
    message: attr === undefined ? undefined : resolveQName(el, attr),
    el,
  };
}

function soapChild(el: XmlElement, local: string): XmlElement | undefined {
  return firstChild(el, SOAP11_NS, local) ?? firstChild(el, SOAP12_NS, local);
}

function soapChildren(el: XmlElement, local: string): XmlElement[] {
  return [...childrenOf(el, SOAP11_NS, local), ...childrenOf(el, SOAP12_NS, local)];
}

function bindingMessage(el: XmlElement): BindingMessage {
  const body = soapChild(el, "body");
  return {
    name: el.attrs.name,
    body: body && {
      use: body.attrs.use,
      namespace: body.attrs.namespace,
      encodingStyle: body.attrs.encodingStyle,
      parts: body.attrs.parts,
    },
    headers: soapChildren(el, "header").map((h) => ({
      messageAttr: h.attrs.message,
      message: h.attrs.message === undefined ? undefined : resolveQName(h, h.attrs.message),
      part: h.attrs.part,
      use: h.attrs.use,
      namespace: h.attrs.namespace,
      encodingStyle: h.attrs.encodingStyle,
      el: h,
    })),
    el,
  };
}

export function parseWsdl(text: string): Wsdl {
  return wsdlFromTree(parseXml(text));
}

export function wsdlFromTree(root: XmlElement): Wsdl {
  if (root.ns !== WSDL_NS || root.local !== "definitions") {
    throw new Error(
      `not a WSDL 1.1 document: the root element is <${root.qname}> (${root.ns ?? "no namespace"})`,
    );
  }
  const types = childrenOf(root, WSDL_NS, "types");
  const schemas = types.flatMap((t) => childrenOf(t, XSD_NS, "schema"));

  const messages: Message[] = childrenOf(root, WSDL_NS, "message").map((m) => ({
    name: m.attrs.name ?? "",
    parts: childrenOf(m, WSDL_NS, "part").map((p) => {
      const ruleAttr = nsAttr(p, X_NS, "rule");
      return {
        name: p.attrs.name ?? "",
        typeAttr: p.attrs.type,
        elementAttr: p.attrs.element,
        type: p.attrs.type === undefined ? undefined : resolveQName(p, p.attrs.type),
        element: p.attrs.element === undefined ? undefined : resolveQName(p, p.attrs.element),
        ruleAttr,
        rule: ruleAttr === undefined ? undefined : resolveQName(p, ruleAttr),
        optionalAttr: nsAttr(p, X_NS, "optional"),
        documentation: documentation(p),
        el: p,
      };
    }),
    el: m,
  }));

  const portTypes: PortType[] = childrenOf(root, WSDL_NS, "portType").map((pt) => ({
    name: pt.attrs.name ?? "",
    documentation: documentation(pt),
    operations: childrenOf(pt, WSDL_NS, "operation").map((op) => {
      const input = firstChild(op, WSDL_NS, "input");
      const output = firstChild(op, WSDL_NS, "output");
      const codes = firstChild(op, X_NS, "resultCodes");
      return {
        name: op.attrs.name ?? "",
        documentation: documentation(op),
        input: input && messageRef(input),
        output: output && messageRef(output),
        faults: childrenOf(op, WSDL_NS, "fault").map(messageRef),
        resultCodes: codes && resultCodes(codes),
        el: op,
      };
    }),
    el: pt,
  }));

  const bindings: Binding[] = childrenOf(root, WSDL_NS, "binding").map((b) => {
    const soapBinding = soapChild(b, "binding");
    return {
      name: b.attrs.name ?? "",
      typeAttr: b.attrs.type,
      type: b.attrs.type === undefined ? undefined : resolveQName(b, b.attrs.type),
      soapVersion: soapBinding ? (soapBinding.ns === SOAP12_NS ? "1.2" : "1.1") : undefined,
      style: soapBinding?.attrs.style,
      transport: soapBinding?.attrs.transport,
      operations: childrenOf(b, WSDL_NS, "operation").map((op) => {
        const soapOp = soapChild(op, "operation");
        const input = firstChild(op, WSDL_NS, "input");
        const output = firstChild(op, WSDL_NS, "output");
        return {
          name: op.attrs.name ?? "",
          soapAction: soapOp?.attrs.soapAction,
          style: soapOp?.attrs.style,
          input: input && bindingMessage(input),
          output: output && bindingMessage(output),
          faults: childrenOf(op, WSDL_NS, "fault").map((f) => {
            const sf = soapChild(f, "fault");
            return { name: f.attrs.name, use: sf?.attrs.use, namespace: sf?.attrs.namespace, el: f };
          }),
          el: op,
        };
      }),
      el: b,
    };
  });

  const services: Service[] = childrenOf(root, WSDL_NS, "service").map((s) => ({
    name: s.attrs.name ?? "",
    documentation: documentation(s),
    ports: childrenOf(s, WSDL_NS, "port").map((p) => ({
      name: p.attrs.name ?? "",
      bindingAttr: p.attrs.binding,
      binding: p.attrs.binding === undefined ? undefined : resolveQName(p, p.attrs.binding),
      address: soapChild(p, "address")?.attrs.location,
      endpoints: childrenOf(p, X_NS, "endpoint").map((e) => ({
        environment: e.attrs.environment ?? "",
        location: e.attrs.location ?? "",
      })),
      el: p,
    })),
    el: s,
  }));

  return {
    root,
    name: root.attrs.name,
    targetNamespace: root.attrs.targetNamespace,
    documentation: documentation(root),
    generalCodes: childrenOf(root, X_NS, "resultCodes").map(resultCodes),
    schemas,
    messages,
    portTypes,
    bindings,
    services,
  };
}

/** The effective style of a binding operation: its own, else the binding's, else "document" (WSDL 1.1 §3.3). */
export function operationStyle(binding: Binding, op: BindingOperation): string {
  return op.style ?? binding.style ?? "document";
}

/** The display form of a namespace-qualified name, using a prefix declared on the root if there is one. */
export function displayName(root: XmlElement, ns: string | undefined, local: string): string {
  if (ns === undefined) return local;
  for (const [prefix, uri] of root.scope) {
    if (uri === ns && prefix !== "" && prefix !== "xml") return `${prefix}:${local}`;
  }
  return `{${ns}}${local}`;
}
