/**
 * What the WSDL generators read: the one service → port → binding → portType chain a contract describes,
 * each binding operation paired with its portType operation, its messages looked up and its result codes
 * merged with the general ones — checked against what the generators support (SOAP 1.1, request-response
 * operations, rpc or document style, literal or encoded bodies without `parts`, the `x:` extensions
 * well-formed). Anything else fails with a message naming it, instead of being guessed at.
 */
import {
  type Binding,
  type BindingMessage,
  type BindingOperation,
  loadWsdl,
  type Message,
  type Part,
  type Port,
  type PortType,
  type PortTypeOperation,
  type QNameRef,
  qualifiedName,
  type Service,
  sameQName,
  WSDL_SOAP11_NS,
  type WsdlModel,
  wsdlExtensionIssues,
  type XmlNode,
} from "@integrations/contract-model";
import { mergeResultCodes, type ResultCode, resultCodesOf } from "./result-codes.js";
import { checkSupportedSchemas } from "./xsd-subset.js";

export interface SoapBodyView {
  readonly use: "literal" | "encoded";
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
}

export interface SoapHeaderView {
  /** The header message and the part of it the header carries. */
  readonly message: Message;
  readonly part: Part;
  readonly use: "literal" | "encoded";
}

export interface IoView {
  readonly body: SoapBodyView;
  readonly headers: readonly SoapHeaderView[];
}

export interface OperationView {
  /** The operation's name (binding and portType agree on it). */
  readonly name: string;
  readonly soapAction: string | undefined;
  readonly style: "rpc" | "document";
  readonly input: IoView;
  readonly output: IoView;
  /** The portType operation's input and output messages. */
  readonly request: Message;
  readonly response: Message;
  readonly faults: readonly { readonly name: string; readonly message: Message }[];
  /** The operation's own codes, then the general ones it does not list itself. */
  readonly resultCodes: readonly ResultCode[];
  readonly binding: BindingOperation;
  readonly abstract: PortTypeOperation;
}

export interface ServiceView {
  readonly model: WsdlModel;
  readonly targetNamespace: string;
  readonly service: Service;
  readonly port: Port;
  readonly binding: Binding;
  readonly portType: PortType;
  /** General codes: the portType's, then the wsdl:definitions ones. */
  readonly generalResultCodes: readonly ResultCode[];
  /** In binding order. */
  readonly operations: readonly OperationView[];
}

/** Reads a WSDL contract for codegen: the model, checked against what the generators support. */
export function readWsdlContract(text: string, where = "WSDL"): WsdlModel {
  const model = loadWsdl(text);
  try {
    checkSupported(model);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  return model;
}

function required<T>(value: T | undefined, el: XmlNode, name: string): T {
  if (value === undefined) throw new Error(`<${qualifiedName(el)}> has no ${name} attribute`);
  return value;
}

/** A QName-valued attribute that must be present and resolve. */
function resolved(ref: QNameRef | undefined, raw: string | undefined, el: XmlNode, name: string): QNameRef {
  required(raw, el, name);
  if (!ref) {
    throw new Error(
      `<${qualifiedName(el)}>: undeclared namespace prefix "${raw!.trim().split(":")[0]}" in QName "${raw}"`,
    );
  }
  return ref;
}

function checkPart(part: Part): void {
  const name = required(part.name, part.source, "name");
  if ((part.elementAttr === undefined) === (part.typeAttr === undefined)) {
    throw new Error(`part ${name}: exactly one of element and type is required`);
  }
  if (part.elementAttr !== undefined) resolved(part.element, part.elementAttr, part.source, "element");
  if (part.typeAttr !== undefined) resolved(part.type, part.typeAttr, part.source, "type");
  if (part.ruleAttr !== undefined) resolved(part.rule, part.ruleAttr, part.source, "x:rule");
}

function checkStyle(value: string | undefined, where: string): void {
  if (value !== undefined && value !== "rpc" && value !== "document") {
    throw new Error(`${where}: style="${value}" is neither rpc nor document`);
  }
}

function checkUse(value: string | undefined, el: XmlNode, where: string): "literal" | "encoded" {
  const use = required(value, el, "use");
  if (use === "literal" || use === "encoded") return use;
  throw new Error(`${where}: use="${use}" is neither literal nor encoded`);
}

/** Every construct of the contract the generators rely on, before any of it is read for emitting. */
function checkSupported(model: WsdlModel): void {
  required(model.targetNamespace, model.source, "targetNamespace");
  // The x: extensions, by the rules the contract gate's lint applies too (one implementation).
  const extensionIssues = wsdlExtensionIssues(model);
  if (extensionIssues.length > 0) {
    throw new Error(extensionIssues.map((issue) => `${issue.at}: ${issue.message}`).join("\n"));
  }
  checkSupportedSchemas(model.schema);
  for (const m of model.messages) {
    required(m.name, m.source, "name");
    for (const p of m.parts) checkPart(p);
  }
  for (const pt of model.portTypes) {
    required(pt.name, pt.source, "name");
    for (const op of pt.operations) {
      const opName = required(op.name, op.source, "name");
      for (const which of ["input", "output"] as const) {
        const io = op[which];
        if (!io)
          throw new Error(`operation ${opName}: no wsdl:${which} (only request-response is supported)`);
        resolved(io.message, io.messageAttr, io.source, "message");
      }
      for (const f of op.faults) {
        required(f.name, f.source, "name");
        resolved(f.message, f.messageAttr, f.source, "message");
      }
    }
  }
  for (const b of model.bindings) {
    const name = required(b.name, b.source, "name");
    resolved(b.type, b.typeAttr, b.source, "type");
    const soapBinding = b.source.children.find((c) => c.ns === WSDL_SOAP11_NS && c.name === "binding");
    if (!soapBinding) throw new Error(`binding ${name}: not a SOAP 1.1 binding (no soap:binding)`);
    checkStyle(b.style, `binding ${name}`);
    required(b.transport, soapBinding, "transport");
    for (const op of b.operations) {
      const where = `binding operation ${required(op.name, op.source, "name")}`;
      checkStyle(op.style, where);
      for (const which of ["input", "output"] as const) checkIo(op[which], which, where);
      for (const f of op.faults) required(f.name, f.source, "name");
    }
  }
  for (const s of model.services) {
    required(s.name, s.source, "name");
    for (const port of s.ports) {
      required(port.name, port.source, "name");
      resolved(port.binding, port.bindingAttr, port.source, "binding");
      if (port.addressElement) required(port.address, port.addressElement, "location");
    }
  }
}

function checkIo(io: BindingMessage | undefined, which: "input" | "output", where: string): void {
  if (!io) throw new Error(`${where}: no wsdl:${which}`);
  if (!io.body) throw new Error(`${where}: no soap:body in wsdl:${which}`);
  if (io.body.parts !== undefined) throw new Error(`${where}: soap:body/@parts is not supported`);
  checkUse(io.body.use, io.body.source, `${where} ${which}`);
  for (const h of io.headers) {
    resolved(h.message, h.messageAttr, h.source, "message");
    required(h.part, h.source, "part");
    checkUse(h.use, h.source, `${where} ${which} header`);
  }
}

/** The message a QName names; fails when the contract does not define it. */
export function lookupMessage(model: WsdlModel, name: QNameRef | undefined): Message {
  const message = model.message(name);
  if (!message || !name) throw new Error(`unknown message {${name?.ns}}${name?.local}`);
  return message;
}

function ioView(model: WsdlModel, io: BindingMessage, where: string): IoView {
  const body = io.body!;
  return {
    body: {
      use: body.use as "literal" | "encoded",
      namespace: body.namespace,
      encodingStyle: body.encodingStyle,
    },
    headers: io.headers.map((h) => {
      const message = lookupMessage(model, h.message);
      const part = message.parts.find((p) => p.name === h.part);
      if (!part) throw new Error(`${where}: header part ${h.part} is not in message ${message.name}`);
      return { message, part, use: h.use as "literal" | "encoded" };
    }),
  };
}

/** The service view of a contract read with `readWsdlContract`. */
export function serviceView(model: WsdlModel): ServiceView {
  if (model.services.length !== 1)
    throw new Error(`expected one wsdl:service, found ${model.services.length}`);
  const service = model.services[0]!;
  if (service.ports.length !== 1) throw new Error(`service ${service.name}: expected one port`);
  const port = service.ports[0]!;
  const binding = model.bindings.find((b) => sameQName(b.qname, port.binding));
  if (!binding) throw new Error(`port ${port.name}: unknown binding ${port.binding?.local}`);
  const portType = model.portTypes.find((p) => sameQName(p.qname, binding.type));
  if (!portType) throw new Error(`binding ${binding.name}: unknown portType ${binding.type?.local}`);
  const general = (lists: typeof model.resultCodes) => lists.flatMap((list) => resultCodesOf(list));
  const generalResultCodes = mergeResultCodes(general(portType.resultCodes), general(model.resultCodes));
  const operations = binding.operations.map((op): OperationView => {
    const name = op.name!;
    const abstract = portType.operations.find((o) => o.name === name);
    if (!abstract) throw new Error(`binding operation ${name} is not in portType ${portType.name}`);
    const own = abstract.resultCodes.flatMap((list) => resultCodesOf(list));
    if (own.length === 0) throw new Error(`operation ${name}: no x:resultCodes`);
    const where = `binding operation ${name}`;
    return {
      name,
      soapAction: op.soapAction,
      style: (op.style ?? binding.style ?? "document") as "rpc" | "document",
      input: ioView(model, op.input!, where),
      output: ioView(model, op.output!, where),
      request: lookupMessage(model, abstract.input!.message),
      response: lookupMessage(model, abstract.output!.message),
      faults: abstract.faults.map((f) => ({ name: f.name!, message: lookupMessage(model, f.message) })),
      resultCodes: mergeResultCodes(own, generalResultCodes),
      binding: op,
      abstract,
    };
  });
  for (const o of portType.operations) {
    if (!operations.some((v) => v.abstract === o)) throw new Error(`operation ${o.name} has no binding`);
  }
  return {
    model,
    targetNamespace: model.targetNamespace!,
    service,
    port,
    binding,
    portType,
    generalResultCodes,
    operations,
  };
}
