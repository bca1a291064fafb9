/**
 * The WSDL 1.1 model: messages, portTypes, SOAP 1.1 bindings and services, plus the contract extensions
 * (`x:rule` / `x:optional` on parts, `x:resultCodes`, `x:endpoint`). Every name is resolved by namespace URI
 * through the xmlns declarations in scope, never by assuming a prefix.
 */
import { CONTRACT_EXT_NS, WSDL_NS, WSDL_SOAP_NS, XSD_NS } from "./namespaces.js";
import { parseResultCodes, type ResultCode, type ResultCodeList } from "./result-codes.js";
import {
  attr,
  child,
  children,
  normalizeSpace,
  parseXml,
  type QName,
  qnameKey,
  requiredAttr,
  resolveQName,
  type XmlElement,
} from "./xml.js";
import { parseSchemas, type XsdSchemaSet } from "./xsd-model.js";

export interface Part {
  readonly name: string;
  /** document/literal: the global element the part carries. */
  readonly element: QName | undefined;
  /** rpc: the wire type (what xsi:type says). */
  readonly type: QName | undefined;
  /** `type` or `element` as written in the contract. */
  readonly rawType: string;
  /** `x:rule`: the named type holding the validation rules of the part. */
  readonly rule: QName | undefined;
  readonly rawRule: string | undefined;
  /** `x:optional="true"`: the part may be absent at the client level. */
  readonly optional: boolean;
  /** `x:secret="true"`: the part's value never appears in an error, a log event or a recording. */
  readonly secret: boolean;
  /** `x:clientName`: the name callers use for the part, where it differs from the wire name. */
  readonly clientName: string | undefined;
  /** `x:clientOption`: the client option that fills the part (callers never pass it per call). */
  readonly clientOption: string | undefined;
}

export interface Message {
  readonly name: QName;
  /** In contract order (rpc servers may bind parts by position). */
  readonly parts: readonly Part[];
}

export interface PortTypeOperation {
  readonly name: string;
  readonly documentation: string | undefined;
  readonly input: QName;
  readonly output: QName;
  readonly faults: readonly { readonly name: string; readonly message: QName }[];
  /** The operation's own codes (not merged with the general ones). */
  readonly resultCodes: readonly ResultCode[];
  /** `<x:idempotent value="…"/>`: whether the operation may be repeated automatically. */
  readonly idempotent: boolean;
}

export interface PortType {
  readonly name: QName;
  readonly documentation: string | undefined;
  /** General codes declared in this portType (Edu-iX placement). */
  readonly generalResultCodes: readonly ResultCode[];
  readonly operations: readonly PortTypeOperation[];
}

export interface SoapBody {
  readonly use: "literal" | "encoded";
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
}

export interface SoapHeader {
  readonly message: QName;
  readonly part: string;
  readonly use: "literal" | "encoded";
}

export interface BindingOperation {
  readonly name: string;
  readonly soapAction: string | undefined;
  readonly style: "rpc" | "document";
  readonly input: { readonly body: SoapBody; readonly headers: readonly SoapHeader[] };
  readonly output: { readonly body: SoapBody; readonly headers: readonly SoapHeader[] };
  readonly faults: readonly string[];
}

export interface Binding {
  readonly name: QName;
  readonly type: QName;
  readonly style: "rpc" | "document";
  readonly transport: string;
  readonly operations: readonly BindingOperation[];
}

export interface Port {
  readonly name: string;
  readonly binding: QName;
  /** `soap:address/@location`. */
  readonly address: string | undefined;
  /** `<x:endpoint environment="…" location="…"/>` children of the port, in order. */
  readonly endpoints: readonly { readonly environment: string; readonly location: string }[];
}

export interface Service {
  readonly name: string;
  readonly documentation: string | undefined;
  readonly ports: readonly Port[];
}

export interface WsdlModel {
  readonly name: string | undefined;
  readonly targetNamespace: string;
  readonly documentation: string | undefined;
  readonly schema: XsdSchemaSet;
  /** General codes declared directly in wsdl:definitions (ESWS placement). */
  readonly generalResultCodes: readonly ResultCode[];
  readonly messages: ReadonlyMap<string, Message>;
  readonly portTypes: readonly PortType[];
  readonly bindings: readonly Binding[];
  readonly services: readonly Service[];
}

export function parseWsdl(xml: string, where = "WSDL"): WsdlModel {
  const root = parseXml(xml, where);
  if (root.ns !== WSDL_NS || root.local !== "definitions") {
    throw new Error(`${where}: the root element is not wsdl:definitions`);
  }
  const targetNamespace = requiredAttr(root, "targetNamespace");
  const qname = (local: string): QName => ({ ns: targetNamespace, local });

  const generalResultCodes: ResultCode[] = [];
  for (const el of children(root, CONTRACT_EXT_NS)) {
    if (el.local !== "resultCodes")
      throw new Error(`${where}: unknown extension <${el.rawName}> in wsdl:definitions`);
    generalResultCodes.push(...general(el, "wsdl:definitions"));
  }

  const schemaElements = children(root, WSDL_NS, "types").flatMap((t) => children(t, XSD_NS, "schema"));
  const schema = parseSchemas(schemaElements);

  const messages = new Map<string, Message>();
  for (const el of children(root, WSDL_NS, "message")) {
    const name = qname(requiredAttr(el, "name"));
    messages.set(qnameKey(name), { name, parts: children(el, WSDL_NS, "part").map(parsePart) });
  }

  return {
    name: attr(root, "name"),
    targetNamespace,
    documentation: documentation(root),
    schema,
    generalResultCodes,
    messages,
    portTypes: children(root, WSDL_NS, "portType").map((el) => parsePortType(el, qname)),
    bindings: children(root, WSDL_NS, "binding").map((el) => parseBinding(el, qname)),
    services: children(root, WSDL_NS, "service").map(parseService),
  };
}

function documentation(el: XmlElement): string | undefined {
  const doc = child(el, WSDL_NS, "documentation");
  return doc ? normalizeSpace(doc.text) : undefined;
}

function general(el: XmlElement, where: string): readonly ResultCode[] {
  const list: ResultCodeList = parseResultCodes(el);
  if (list.scope !== "general") throw new Error(`x:resultCodes in ${where} must have scope="general"`);
  return list.codes;
}

const PART_EXTENSIONS = new Set(["rule", "optional", "secret", "clientName", "clientOption"]);

function parsePart(el: XmlElement): Part {
  const name = requiredAttr(el, "name");
  const element = attr(el, "element");
  const type = attr(el, "type");
  if ((element === undefined) === (type === undefined)) {
    throw new Error(`part ${name}: exactly one of element and type is required`);
  }
  const rawRule = attr(el, "rule", CONTRACT_EXT_NS);
  const optional = attr(el, "optional", CONTRACT_EXT_NS);
  if (optional !== undefined && optional !== "true" && optional !== "false") {
    throw new Error(`part ${name}: x:optional="${optional}" must be true or false`);
  }
  const secret = attr(el, "secret", CONTRACT_EXT_NS);
  if (secret !== undefined && secret !== "true" && secret !== "false") {
    throw new Error(`part ${name}: x:secret="${secret}" must be true or false`);
  }
  for (const a of el.attributes) {
    if (a.ns === CONTRACT_EXT_NS && !PART_EXTENSIONS.has(a.local)) {
      throw new Error(`part ${name}: unknown extension attribute x:${a.local}`);
    }
  }
  return {
    name,
    element: element === undefined ? undefined : resolveQName(el, element),
    type: type === undefined ? undefined : resolveQName(el, type),
    rawType: (element ?? type)!,
    rule: rawRule === undefined ? undefined : resolveQName(el, rawRule),
    rawRule,
    optional: optional === "true",
    secret: secret === "true",
    clientName: attr(el, "clientName", CONTRACT_EXT_NS),
    clientOption: attr(el, "clientOption", CONTRACT_EXT_NS),
  };
}

function parsePortType(el: XmlElement, qname: (local: string) => QName): PortType {
  const name = qname(requiredAttr(el, "name"));
  const generalResultCodes: ResultCode[] = [];
  for (const ext of children(el, CONTRACT_EXT_NS)) {
    if (ext.local !== "resultCodes")
      throw new Error(`portType ${name.local}: unknown extension <${ext.rawName}>`);
    generalResultCodes.push(...general(ext, `portType ${name.local}`));
  }
  const operations = children(el, WSDL_NS, "operation").map((op): PortTypeOperation => {
    const opName = requiredAttr(op, "name");
    const io = (which: "input" | "output"): QName => {
      const item = child(op, WSDL_NS, which);
      if (!item)
        throw new Error(`operation ${opName}: no wsdl:${which} (only request-response is supported)`);
      return resolveQName(item, requiredAttr(item, "message"));
    };
    const resultCodes: ResultCode[] = [];
    let idempotent: boolean | undefined;
    for (const ext of children(op, CONTRACT_EXT_NS)) {
      if (ext.local === "idempotent") {
        const value = attr(ext, "value");
        if ((value !== "true" && value !== "false") || idempotent !== undefined) {
          throw new Error(`operation ${opName}: <x:idempotent> needs one value="true|false", once`);
        }
        idempotent = value === "true";
        continue;
      }
      if (ext.local !== "resultCodes")
        throw new Error(`operation ${opName}: unknown extension <${ext.rawName}>`);
      const list = parseResultCodes(ext);
      if (list.scope !== "operation")
        throw new Error(`operation ${opName}: scope="general" is not allowed here`);
      resultCodes.push(...list.codes);
    }
    // Declared for every operation: a retry of a write must be a decision written in the contract.
    if (idempotent === undefined)
      throw new Error(`operation ${opName}: no <x:idempotent value="true|false"/>`);
    return {
      name: opName,
      documentation: documentation(op),
      input: io("input"),
      output: io("output"),
      faults: children(op, WSDL_NS, "fault").map((f) => ({
        name: requiredAttr(f, "name"),
        message: resolveQName(f, requiredAttr(f, "message")),
      })),
      resultCodes,
      idempotent,
    };
  });
  return { name, documentation: documentation(el), generalResultCodes, operations };
}

function style(value: string | undefined, fallback: "rpc" | "document", where: string): "rpc" | "document" {
  if (value === undefined) return fallback;
  if (value === "rpc" || value === "document") return value;
  throw new Error(`${where}: style="${value}" is neither rpc nor document`);
}

function use(el: XmlElement, where: string): "literal" | "encoded" {
  const value = requiredAttr(el, "use");
  if (value === "literal" || value === "encoded") return value;
  throw new Error(`${where}: use="${value}" is neither literal nor encoded`);
}

function parseBinding(el: XmlElement, qname: (local: string) => QName): Binding {
  const name = qname(requiredAttr(el, "name"));
  const soapBinding = child(el, WSDL_SOAP_NS, "binding");
  if (!soapBinding) throw new Error(`binding ${name.local}: not a SOAP 1.1 binding (no soap:binding)`);
  const bindingStyle = style(attr(soapBinding, "style"), "document", `binding ${name.local}`);
  const operations = children(el, WSDL_NS, "operation").map((op): BindingOperation => {
    const opName = requiredAttr(op, "name");
    const where = `binding operation ${opName}`;
    const soapOperation = child(op, WSDL_SOAP_NS, "operation");
    const message = (which: "input" | "output") => {
      const item = child(op, WSDL_NS, which);
      if (!item) throw new Error(`${where}: no wsdl:${which}`);
      const body = child(item, WSDL_SOAP_NS, "body");
      if (!body) throw new Error(`${where}: no soap:body in wsdl:${which}`);
      if (attr(body, "parts") !== undefined) throw new Error(`${where}: soap:body/@parts is not supported`);
      return {
        body: {
          use: use(body, `${where} ${which}`),
          namespace: attr(body, "namespace"),
          encodingStyle: attr(body, "encodingStyle"),
        },
        headers: children(item, WSDL_SOAP_NS, "header").map(
          (h): SoapHeader => ({
            message: resolveQName(h, requiredAttr(h, "message")),
            part: requiredAttr(h, "part"),
            use: use(h, `${where} ${which} header`),
          }),
        ),
      };
    };
    return {
      name: opName,
      soapAction: soapOperation ? attr(soapOperation, "soapAction") : undefined,
      style: style(soapOperation ? attr(soapOperation, "style") : undefined, bindingStyle, where),
      input: message("input"),
      output: message("output"),
      faults: children(op, WSDL_NS, "fault").map((f) => requiredAttr(f, "name")),
    };
  });
  return {
    name,
    type: resolveQName(el, requiredAttr(el, "type")),
    style: bindingStyle,
    transport: requiredAttr(soapBinding, "transport"),
    operations,
  };
}

function parseService(el: XmlElement): Service {
  return {
    name: requiredAttr(el, "name"),
    documentation: documentation(el),
    ports: children(el, WSDL_NS, "port").map((port): Port => {
      const address = child(port, WSDL_SOAP_NS, "address");
      const endpoints = children(port, CONTRACT_EXT_NS).map((ext) => {
        if (ext.local !== "endpoint") throw new Error(`port: unknown extension <${ext.rawName}>`);
        return { environment: requiredAttr(ext, "environment"), location: requiredAttr(ext, "location") };
      });
      return {
        name: requiredAttr(port, "name"),
        binding: resolveQName(port, requiredAttr(port, "binding")),
        address: address ? requiredAttr(address, "location") : undefined,
        endpoints,
      };
    }),
  };
}

/** Convenience lookups shared by the generators. */
export function lookupMessage(model: WsdlModel, name: QName): Message {
  const message = model.messages.get(qnameKey(name));
  if (!message) throw new Error(`unknown message {${name.ns}}${name.local}`);
  return message;
}
