/**
 * Generator for a document/literal WSDL with SOAP headers and faults (Edu-iX): precise types and JSON Schemas
 * for every named complex type and global element, the fault-code catalog and per-operation descriptors
 * naming the request / response / header / fault elements.
 */

import {
  type ElementDecl,
  type Message,
  type QName,
  qnameKey,
  type TypeRef,
  type WsdlModel,
  type XsdSchemaSet,
  type XsdType,
} from "@integrations/contract-model";
import { clientMethodsInterface, methodName } from "../client-methods.js";
import { descriptorFields, summaryOf, TsCode } from "../descriptor.js";
import { constExport, tsLiteral } from "../emit.js";
import type { JsonObject } from "../json-schema.js";
import { validatorRef } from "../validators/index.js";
import { entryInterface, entryList } from "./code-list-emit.js";
import { type ConformancePair, conformanceBlock } from "./conformance.js";
import { declaredIdempotent } from "./idempotent.js";
import type { ResultCode } from "./result-codes.js";
import type { OperationView, ServiceView } from "./service-view.js";
import type { WsdlTsclientDefinitions } from "./wsdl-tsclient.js";
import { minimalContent } from "./xsd-example.js";
import { XsdJsonSchemaConverter } from "./xsd-json-schema.js";
import { lookupType, modelGroup, resolveTypeRef } from "./xsd-subset.js";
import { jsDoc, pascalCase, XsdTypeScript } from "./xsd-typescript.js";

export interface DocumentLiteralOptions {
  readonly schemaIdBase: string;
  /** Vendor name for vendor-wide types: `${vendorPrefix}FaultCode`. */
  readonly vendorPrefix: string;
  /** The vendor's registry id, written into every descriptor. */
  readonly vendor: string;
  readonly endpoints: EndpointOptions;
}

export interface EndpointOptions {
  /** The environment the soap:address belongs to (e.g. "production"). */
  readonly address: string;
  /**
   * Environments that must be present. Endpoints come from `<x:endpoint environment location/>` in the
   * wsdl:port (in order; the soap:address environment first when it is not listed). Codegen fails when one
   * is missing, or when the listed address environment differs from the soap:address.
   */
  readonly required?: readonly string[];
}

interface DocOperation {
  readonly view: OperationView;
  readonly key: string;
  readonly requestElement: QName;
  readonly responseElement: QName;
  readonly headerElement: QName | undefined;
  readonly faultElement: QName | undefined;
}

/** Named complex types and global elements, one entry per TS / schema name, in contract order. */
interface Declared {
  readonly name: string;
  readonly type: XsdType | undefined;
  /** For an element whose type is a built-in or a differently named type. */
  readonly alias: TypeRef | undefined;
  readonly doc: string | undefined;
  /** WSDL source names wsdl-tsclient may have used for it. */
  readonly sourceNames: readonly string[];
}

export function generateDocumentLiteral(
  model: WsdlModel,
  view: ServiceView,
  raw: WsdlTsclientDefinitions,
  options: DocumentLiteralOptions,
): Record<string, string> {
  const ops = view.operations.map(docOperation);
  const declared = declarations(model);
  return {
    "messages.ts": messagesModule(model, declared, raw),
    "schemas.ts": schemasModule(model, declared, options),
    "result-codes.ts": faultCodesModule(view, options),
    "descriptors.ts": descriptorsModule(model, view, ops, declared, options),
    "methods.ts": methodsModule(model, ops, declared, options),
  };
}

function singleElement(message: Message, where: string): QName {
  const parts = message.parts;
  if (parts.length !== 1 || !parts[0]!.element) {
    throw new Error(`${where}: message ${message.name} must have exactly one part with an element`);
  }
  return parts[0]!.element;
}

function docOperation(view: OperationView): DocOperation {
  const where = `operation ${view.name}`;
  if (view.style !== "document") throw new Error(`${where}: not document style`);
  const headers = view.input.headers;
  for (const io of [view.input, view.output]) {
    if (io.body.use !== "literal") throw new Error(`${where}: soap:body is not use="literal"`);
    for (const h of io.headers)
      if (h.use !== "literal") throw new Error(`${where}: soap:header is not literal`);
  }
  if (view.output.headers.length > 0) throw new Error(`${where}: response headers are not supported`);
  if (headers.length > 1) throw new Error(`${where}: more than one request header is not supported`);
  let headerElement: QName | undefined;
  if (headers[0]) {
    const part = headers[0].part;
    if (!part.element) throw new Error(`${where}: header part ${part.name} has no element`);
    headerElement = part.element;
  }
  const faults = [...new Set(view.faults.map((f) => qnameKey(singleElement(f.message, where))))];
  if (faults.length > 1) throw new Error(`${where}: more than one fault element is not supported`);
  return {
    view,
    key: view.name,
    requestElement: singleElement(view.request, where),
    responseElement: singleElement(view.response, where),
    headerElement,
    faultElement: view.faults[0] ? singleElement(view.faults[0].message, where) : undefined,
  };
}

function declarations(model: WsdlModel): Declared[] {
  const out: Declared[] = [];
  const byName = new Map<string, Declared>();
  const add = (d: Declared) => {
    const existing = byName.get(d.name);
    if (existing) throw new Error(`two declarations are both named ${d.name}`);
    byName.set(d.name, d);
    out.push(d);
  };
  for (const type of model.schema.types.values()) {
    if (type.kind !== "complex" || !type.name) continue;
    add({
      name: pascalCase(type.name.local),
      type,
      alias: undefined,
      doc: type.documentation,
      sourceNames: [type.name.local],
    });
  }
  for (const element of model.schema.elements.values()) {
    const name = pascalCase(element.name);
    const type = element.type.kind === "anonymous" ? element.type.type : undefined;
    if (!type) {
      const ref = element.type;
      const existing = byName.get(name);
      // An element named like its own named type (loginHeader: tns:loginHeader) is that type.
      if (
        existing?.type?.name &&
        ref.kind === "named" &&
        qnameKey(existing.type.name) === qnameKey(ref.name)
      ) {
        byName.set(name, { ...existing, sourceNames: [...existing.sourceNames, element.name] });
        out[out.indexOf(existing)] = byName.get(name)!;
        continue;
      }
      add({ name, type: undefined, alias: ref, doc: element.documentation, sourceNames: [element.name] });
      continue;
    }
    add({ name, type, alias: undefined, doc: element.documentation, sourceNames: [element.name] });
  }
  return out;
}

function messagesModule(
  model: WsdlModel,
  declared: readonly Declared[],
  raw: WsdlTsclientDefinitions,
): string {
  const ts = new XsdTypeScript(model.schema);
  const blocks: string[] = [];
  // Named non-string simple types first (ProfileID = number), then complex types and elements.
  for (const type of model.schema.types.values()) {
    if (type.kind === "simple" && type.name && ts.isDeclared(type.name))
      blocks.push(ts.declaration(type.name));
  }
  const pairs: ConformancePair[] = [];
  for (const d of declared) {
    if (d.type) blocks.push(ts.declare(d.name, d.type, d.doc));
    else blocks.push(`${jsDoc([d.doc])}export type ${d.name} = ${ts.ref(d.alias!)};\n`);
    const rawName = d.sourceNames.map((s) => raw.interfaceBySourceName.get(s)).find((r) => r !== undefined);
    pairs.push({ precise: d.name, raw: rawName });
  }
  const alreadyDeclared = new Set<string>();
  for (const [key, type] of model.schema.types) {
    if (type.name && ts.isDeclared(type.name)) alreadyDeclared.add(key);
  }
  const rest = ts.referencedDeclarations(alreadyDeclared);
  if (rest.length > 0) throw new Error("internal: a referenced type was not declared");
  const check = conformanceBlock(pairs, ts.numericRestrictedProperties);
  return [check.imports, ...blocks, check.body]
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join("\n\n");
}

function schemaName(d: Declared): string {
  return `${d.name}Schema`;
}

function schemasModule(
  model: WsdlModel,
  declared: readonly Declared[],
  options: DocumentLiteralOptions,
): string {
  const converter = new XsdJsonSchemaConverter(model.schema);
  let out = "";
  for (const d of declared) {
    const schema = converter.standalone(`${options.schemaIdBase}${d.name}.json`, (c) => {
      if (d.type) return c.typeSchema(d.type);
      const alias = d.alias!;
      const body = alias.kind === "named" ? c.typeSchema(lookupType(model.schema, alias.name)) : c.ref(alias);
      return d.doc ? { description: d.doc, ...body } : body;
    });
    out += constExport(
      schemaName(d),
      schema,
      `JSON Schema (2020-12) of the content of \`${[...new Set(d.sourceNames)].join("` / `")}\` (properties = child elements).`,
    );
    out += "\n";
  }
  return out;
}

function faultEntry(code: ResultCode): JsonObject {
  if (code.outcome !== "error") throw new Error(`fault code ${code.value}: outcome must be error`);
  if (code.detail || code.match !== undefined)
    throw new Error(`fault code ${code.value}: detail/match not supported`);
  if (!/^(?:0|[1-9][0-9]*)$/.test(code.value)) {
    throw new Error(
      `fault code ${JSON.stringify(code.value)}: expected a decimal integer without leading zeros`,
    );
  }
  const entry: JsonObject = { code: Number(code.value), meaning: code.meaning, retryable: code.retryable };
  if (code.recovery !== undefined) {
    if (code.recovery !== "login")
      throw new Error(`fault code ${code.value}: unknown recovery ${code.recovery}`);
    entry.recovery = code.recovery;
  }
  return entry;
}

function faultCodesModule(view: ServiceView, options: DocumentLiteralOptions): string {
  if (view.generalResultCodes.length === 0) throw new Error("no general x:resultCodes");
  let out = entryInterface("FaultCodeEntry", "One documented fault code (`x:code`).", [
    {
      name: "code",
      type: "number",
      doc: "The numeric code (the wire may carry it as a string, with leading zeros).",
    },
    { name: "meaning", type: "string", doc: "The vendor's meaning, whitespace-normalised." },
    { name: "retryable", type: "boolean", doc: "Whether repeating the same call may succeed." },
    {
      name: "recovery",
      type: '"login"',
      optional: true,
      doc: "The operation to call before retrying (login: the session expired).",
    },
  ]);
  out += "\n";
  const lists: string[] = ["generalFaultCodes"];
  out += entryList(
    "generalFaultCodes",
    view.generalResultCodes.map(faultEntry),
    'Fault codes every operation can return (`x:resultCodes scope="general"`).',
  );
  out += "\n";
  const sessionExpired: number[] = [];
  const noteRecovery = (codes: readonly ResultCode[]) => {
    for (const c of codes) {
      if (c.recovery === "login" && !sessionExpired.includes(Number(c.value)))
        sessionExpired.push(Number(c.value));
    }
  };
  noteRecovery(view.generalResultCodes);
  for (const op of view.operations) {
    const list = `${op.name}FaultCodes`;
    lists.push(list);
    noteRecovery(op.resultCodes);
    out += entryList(
      list,
      op.resultCodes.map(faultEntry),
      `Fault codes of \`${op.name}\`: its own, then the general ones it does not list.`,
    );
    out += "\n";
  }
  out += "/** Every documented fault code (the wire may carry them with leading zeros or as strings). */\n";
  out += `export type ${options.vendorPrefix}FaultCode =\n`;
  out += `${lists.map((l) => `  | (typeof ${l})[number]["code"]`).join("\n")};\n\n`;
  out += constExport(
    "sessionExpiredCodes",
    sessionExpired,
    'The codes meaning "session expired" (`recovery="login"`): log in again, then retry.',
  );
  return out;
}

function endpointsOf(view: ServiceView, options: EndpointOptions): Record<string, string> {
  const { port } = view;
  if (!port.address) throw new Error(`port ${port.name}: no soap:address`);
  const out: Record<string, string> = {};
  const listed = port.endpoints.find((e) => e.environment === options.address);
  if (!listed) out[options.address] = port.address;
  else if (listed.location !== port.address) {
    throw new Error(
      `x:endpoint ${options.address} ${listed.location} is not the soap:address ${port.address}`,
    );
  }
  for (const e of port.endpoints) {
    const environment = e.environment!;
    if (environment in out) throw new Error(`x:endpoint ${environment} is listed twice`);
    out[environment] = e.location!;
  }
  const missing = (options.required ?? []).filter((env) => !(env in out));
  if (missing.length > 0) throw new Error(`no x:endpoint for environment(s) ${missing.join(", ")}`);
  return out;
}

function descriptorsModule(
  model: WsdlModel,
  view: ServiceView,
  ops: readonly DocOperation[],
  declared: readonly Declared[],
  options: DocumentLiteralOptions,
): string {
  const schemaFor = (element: QName): string => {
    const d = declared.find((x) => x.sourceNames.includes(element.local));
    if (!d || !model.schema.elements.has(qnameKey(element))) {
      throw new Error(`no schema for element ${element.local}`);
    }
    return `schemas.${schemaName(d)}`;
  };
  let out = 'import * as codes from "./result-codes.js";\nimport * as schemas from "./schemas.js";\n';
  out += 'import * as validators from "./validators.js";\n\n';
  out += "/** The service namespace every header and body element is qualified in. */\n";
  out += `export const namespace = ${tsLiteral(view.targetNamespace)};\n\n`;
  out += constExport(
    "endpoints",
    endpointsOf(view, options.endpoints),
    "Endpoints by environment; keep the endpoint configurable.",
  );
  out += "\n/** One descriptor per operation, for the runtime's document/literal writer. */\n";
  out += "export const operations = {\n";
  for (const op of ops) {
    const b = op.view;
    out += `  ${op.key}: {\n`;
    out += descriptorFields({
      vendor: options.vendor,
      operationId: op.key,
      wireName: b.name,
      summary: summaryOf(op.view.abstract.documentation),
      idempotent: declaredIdempotent(op.view),
      secrets: [
        ...(op.headerElement ? secretElementPaths(model.schema, op.headerElement, "header") : []),
        ...secretElementPaths(model.schema, op.requestElement, ""),
        ...secretElementPaths(model.schema, op.responseElement, "response"),
      ],
      codes: `codes.${op.key}FaultCodes`,
      validateRequest: validatorRef(schemaFor(op.requestElement)),
      validateResponse: validatorRef(schemaFor(op.responseElement)),
      binding: {
        kind: "soap-document-literal",
        soapAction: b.soapAction ?? "",
        requestElement: op.requestElement.local,
        request: contentOf(model.schema, op.requestElement),
        responseElement: op.responseElement.local,
        response: contentOf(model.schema, op.responseElement),
        headerElement: op.headerElement?.local,
        // The header's validator: the sandbox checks a request's header block with it.
        validateHeader: op.headerElement ? new TsCode(validatorRef(schemaFor(op.headerElement))) : undefined,
        faultElement: op.faultElement?.local,
      },
      // The request element's content is the method's input; an empty request takes none.
      inputSchema:
        contentOf(model.schema, op.requestElement).members.length === 0
          ? undefined
          : schemaFor(op.requestElement),
      // A WSDL has no examples: the response element's minimal valid content, for a sandbox stub.
      example: minimalContent(model.schema, op.responseElement),
    });
    out += "  },\n";
  }
  out += "} as const;\n";
  return out;
}

/**
 * The descendants of a global element marked `x:secret="true"`, as dotted paths below `prefix` (the element's own
 * name is left out: a request's fields are named from inside its body element, as the client's input is).
 */
function secretElementPaths(set: XsdSchemaSet, root: QName, prefix: string): string[] {
  const found: string[] = [];
  const walk = (type: XsdType | undefined, path: string, depth: number): void => {
    if (type === undefined || type.kind !== "complex" || depth > 32) return;
    for (const element of modelGroup(type).elements) {
      const at = path ? `${path}.${element.name}` : element.name;
      if (element.secret) found.push(at);
      walk(resolveTypeRef(set, element.type), element.maxOccurs > 1 ? `${at}[]` : at, depth + 1);
    }
  };
  const element = globalElement(set, root);
  if (element.secret) found.push(prefix || root.local);
  walk(resolveTypeRef(set, element.type), prefix, 0);
  return found;
}

function globalElement(set: XsdSchemaSet, name: QName): ElementDecl {
  const element = set.element(name);
  if (element === undefined) throw new Error(`unknown global element {${name.ns}}${name.local}`);
  return element;
}

/**
 * A body element's children as a writer or reader needs them: in contract order, whether they form a sequence
 * or a choice, and which may repeat.
 */
function contentOf(
  set: XsdSchemaSet,
  element: QName,
): { group: "sequence" | "choice"; members: { name: string; optional: boolean; repeated: boolean }[] } {
  const type = resolveTypeRef(set, globalElement(set, element).type);
  if (type === undefined || type.kind !== "complex" || type.particle === undefined) {
    return { group: "sequence", members: [] };
  }
  const { group, elements } = modelGroup(type);
  return {
    group,
    members: elements.map((e) => ({ name: e.name, optional: e.minOccurs === 0, repeated: e.maxOccurs > 1 })),
  };
}

/**
 * The client methods. The request element's content is the input (a method whose request is empty takes only
 * options). What it resolves to is the response element's content, unwrapped: nothing for an empty response, the
 * member for a response of one member (an array when it repeats), the whole content otherwise.
 */
function methodsModule(
  model: WsdlModel,
  ops: readonly DocOperation[],
  declared: readonly Declared[],
  options: DocumentLiteralOptions,
): string {
  const typeOf = (element: QName): string => {
    const d = declared.find((x) => x.sourceNames.includes(element.local));
    if (!d) throw new Error(`no type for element ${element.local}`);
    return `messages.${d.name}`;
  };
  let out = 'import type * as messages from "./messages.js";\n\n';
  out += clientMethodsInterface(
    `${options.vendorPrefix}Operations`,
    "The client methods of the contract's operations, one per operation.",
    ops.map((op) => {
      const request = contentOf(model.schema, op.requestElement);
      const response = contentOf(model.schema, op.responseElement);
      const responseType = typeOf(op.responseElement);
      const only = response.members.length === 1 ? response.members[0]! : undefined;
      const output =
        response.members.length === 0
          ? "undefined"
          : only === undefined
            ? responseType
            : only.repeated
              ? `NonNullable<${responseType}[${tsLiteral(only.name)}]>`
              : `${responseType}[${tsLiteral(only.name)}]`;
      return {
        name: methodName(op.key),
        summary: summaryOf(op.view.abstract.documentation),
        input: request.members.length === 0 ? undefined : typeOf(op.requestElement),
        output,
      };
    }),
  );
  return out;
}
