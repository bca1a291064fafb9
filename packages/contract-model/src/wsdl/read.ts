/** Reads a WSDL 1.1 document into the model (wsdl/model.ts). */
import { ContractFormatError } from "../errors.js";
import { booleanValue, foreignAttributes, foreignElements } from "../extensions.js";
import { CONTRACT_EXT_NS, WSDL_NS, WSDL_SOAP11_NS, WSDL_SOAP12_NS, XSD_NS } from "../namespaces.js";
import { type QName, type QNameRef, qnameKey } from "../qname.js";
import {
  attr,
  child,
  children,
  documentationText,
  qualifiedName,
  readXml,
  resolveQName,
  type XmlNode,
} from "../xml.js";
import { readSchemas } from "../xsd/read.js";
import type {
  Binding,
  BindingMessage,
  BindingOperation,
  Message,
  MessageRef,
  Part,
  Port,
  PortType,
  PortTypeOperation,
  Service,
  SoapHeader,
  WsdlModel,
} from "./model.js";
import { readResultCodes } from "./result-codes.js";

/**
 * Parses and reads a WSDL 1.1 document.
 *
 * @throws ContractXmlError when the text is not well-formed XML; ContractFormatError when its root is not
 *   wsdl:definitions.
 */
export function loadWsdl(text: string): WsdlModel {
  return readWsdl(readXml(text));
}

function documentation(el: XmlNode): string | undefined {
  return documentationText(children(el, WSDL_NS, "documentation"));
}

function qnameAttr(el: XmlNode, name: string, ns = ""): [string | undefined, QNameRef | undefined] {
  const raw = attr(el, name, ns);
  return [raw, raw === undefined ? undefined : resolveQName(el, raw)];
}

function soapChild(el: XmlNode, local: string): XmlNode | undefined {
  return child(el, WSDL_SOAP11_NS, local) ?? child(el, WSDL_SOAP12_NS, local);
}

function soapChildren(el: XmlNode, local: string): XmlNode[] {
  return [...children(el, WSDL_SOAP11_NS, local), ...children(el, WSDL_SOAP12_NS, local)];
}

function resultCodeLists(el: XmlNode) {
  return children(el, CONTRACT_EXT_NS, "resultCodes").map(readResultCodes);
}

function readPart(el: XmlNode): Part {
  const [elementAttr, element] = qnameAttr(el, "element");
  const [typeAttr, type] = qnameAttr(el, "type");
  const [ruleAttr, rule] = qnameAttr(el, "rule", CONTRACT_EXT_NS);
  const optionalAttr = attr(el, "optional", CONTRACT_EXT_NS);
  return {
    name: attr(el, "name"),
    elementAttr,
    element,
    typeAttr,
    type,
    ruleAttr,
    rule,
    optionalAttr,
    optional: optionalAttr === "true",
    secret: attr(el, "secret", CONTRACT_EXT_NS) === "true",
    foreignAttributes: foreignAttributes(el),
    documentation: documentation(el),
    source: el,
  };
}

function readMessageRef(el: XmlNode): MessageRef {
  const [messageAttr, message] = qnameAttr(el, "message");
  return { name: attr(el, "name"), messageAttr, message, source: el };
}

function readPortTypeOperation(el: XmlNode): PortTypeOperation {
  const input = child(el, WSDL_NS, "input");
  const output = child(el, WSDL_NS, "output");
  const idempotent = child(el, CONTRACT_EXT_NS, "idempotent");
  return {
    name: attr(el, "name"),
    documentation: documentation(el),
    input: input && readMessageRef(input),
    output: output && readMessageRef(output),
    faults: children(el, WSDL_NS, "fault").map(readMessageRef),
    resultCodes: resultCodeLists(el),
    idempotent: idempotent && booleanValue(attr(idempotent, "value")),
    extensions: foreignElements(el, [WSDL_NS]),
    source: el,
  };
}

function readBindingMessage(el: XmlNode): BindingMessage {
  const body = soapChild(el, "body");
  return {
    name: attr(el, "name"),
    body: body && {
      use: attr(body, "use"),
      namespace: attr(body, "namespace"),
      encodingStyle: attr(body, "encodingStyle"),
      parts: attr(body, "parts"),
      source: body,
    },
    headers: soapChildren(el, "header").map((h): SoapHeader => {
      const [messageAttr, message] = qnameAttr(h, "message");
      return {
        messageAttr,
        message,
        part: attr(h, "part"),
        use: attr(h, "use"),
        namespace: attr(h, "namespace"),
        encodingStyle: attr(h, "encodingStyle"),
        source: h,
      };
    }),
    source: el,
  };
}

function readBindingOperation(el: XmlNode): BindingOperation {
  const soapOperation = soapChild(el, "operation");
  const input = child(el, WSDL_NS, "input");
  const output = child(el, WSDL_NS, "output");
  return {
    name: attr(el, "name"),
    soapOperation,
    soapAction: soapOperation && attr(soapOperation, "soapAction"),
    style: soapOperation && attr(soapOperation, "style"),
    input: input && readBindingMessage(input),
    output: output && readBindingMessage(output),
    faults: children(el, WSDL_NS, "fault").map((f) => {
      const soapFault = soapChild(f, "fault");
      return {
        name: attr(f, "name"),
        soapFault,
        use: soapFault && attr(soapFault, "use"),
        namespace: soapFault && attr(soapFault, "namespace"),
        source: f,
      };
    }),
    source: el,
  };
}

function readPort(el: XmlNode): Port {
  const [bindingAttr, binding] = qnameAttr(el, "binding");
  const address = soapChild(el, "address");
  return {
    name: attr(el, "name"),
    bindingAttr,
    binding,
    address: address && attr(address, "location"),
    addressElement: address,
    endpoints: children(el, CONTRACT_EXT_NS, "endpoint").map((e) => ({
      environment: attr(e, "environment"),
      location: attr(e, "location"),
      source: e,
    })),
    extensions: foreignElements(el, [WSDL_NS]),
    source: el,
  };
}

/**
 * Reads a parsed WSDL 1.1 document.
 *
 * @throws ContractFormatError when the root is not wsdl:definitions.
 */
export function readWsdl(root: XmlNode): WsdlModel {
  if (root.ns !== WSDL_NS || root.name !== "definitions") {
    throw new ContractFormatError(
      `not a WSDL 1.1 document: the root element is <${qualifiedName(root)}> (${root.ns || "no namespace"})`,
    );
  }
  const targetNamespace = attr(root, "targetNamespace");
  const qname = (el: XmlNode): QName => ({ ns: targetNamespace ?? "", local: attr(el, "name") ?? "" });

  const messages: Message[] = children(root, WSDL_NS, "message").map((m) => ({
    name: attr(m, "name"),
    qname: qname(m),
    parts: children(m, WSDL_NS, "part").map(readPart),
    documentation: documentation(m),
    source: m,
  }));
  const byName = new Map<string, Message>();
  for (const m of messages) if (!byName.has(qnameKey(m.qname))) byName.set(qnameKey(m.qname), m);

  const portTypes: PortType[] = children(root, WSDL_NS, "portType").map((pt) => ({
    name: attr(pt, "name"),
    qname: qname(pt),
    documentation: documentation(pt),
    resultCodes: resultCodeLists(pt),
    extensions: foreignElements(pt, [WSDL_NS]),
    operations: children(pt, WSDL_NS, "operation").map(readPortTypeOperation),
    source: pt,
  }));

  const bindings: Binding[] = children(root, WSDL_NS, "binding").map((b) => {
    const soapBinding = soapChild(b, "binding");
    const [typeAttr, type] = qnameAttr(b, "type");
    return {
      name: attr(b, "name"),
      qname: qname(b),
      typeAttr,
      type,
      soapVersion: soapBinding ? (soapBinding.ns === WSDL_SOAP12_NS ? "1.2" : "1.1") : undefined,
      style: soapBinding && attr(soapBinding, "style"),
      transport: soapBinding && attr(soapBinding, "transport"),
      operations: children(b, WSDL_NS, "operation").map(readBindingOperation),
      source: b,
    };
  });

  const services: Service[] = children(root, WSDL_NS, "service").map((s) => ({
    name: attr(s, "name"),
    documentation: documentation(s),
    ports: children(s, WSDL_NS, "port").map(readPort),
    source: s,
  }));

  return {
    source: root,
    name: attr(root, "name"),
    targetNamespace,
    documentation: documentation(root),
    resultCodes: resultCodeLists(root),
    extensions: foreignElements(root, [WSDL_NS]),
    schema: readSchemas(children(root, WSDL_NS, "types").flatMap((t) => children(t, XSD_NS, "schema"))),
    messages,
    portTypes,
    bindings,
    services,
    message: (name) => (name === undefined ? undefined : byName.get(qnameKey(name))),
  };
}
