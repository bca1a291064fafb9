/**
 * Generator for an rpc/encoded WSDL (ESWS): per operation, the parameters by wire part name (in WSDL order),
 * their JSON Schema from the parts' `x:rule` types, the result-code catalog and a descriptor the runtime's
 * rpc/encoded writer consumes (`parts` with `xsiType`s written with the writer's prefixes).
 */

import { CONTRACT_EXT_NS, type Part, type QName, type WsdlModel } from "@integrations/contract-model";
import { clientMethodsInterface, methodName } from "../client-methods.js";
import { descriptorFields, summaryOf } from "../descriptor.js";
import { constExport, tsLiteral } from "../emit.js";
import type { JsonObject } from "../json-schema.js";
import { validatorRef } from "../validators/index.js";
import { entryInterface, entryList } from "./code-list-emit.js";
import { type ConformancePair, conformanceBlock } from "./conformance.js";
import { declaredIdempotent } from "./idempotent.js";
import type { ResultCode } from "./result-codes.js";
import { RPC_WRITER_PREFIXES } from "./rpc-writer-prefixes.js";
import type { OperationView, ServiceView } from "./service-view.js";
import type { WsdlTsclientDefinitions } from "./wsdl-tsclient.js";
import { builtin } from "./xsd-builtins.js";
import { XsdJsonSchemaConverter } from "./xsd-json-schema.js";
import { isXsdName, lookupType, refTo } from "./xsd-subset.js";
import { jsDoc, pascalCase, XsdTypeScript } from "./xsd-typescript.js";

export interface RpcEncodedOptions {
  readonly schemaIdBase: string;
  /** Vendor name for vendor-wide types: `${vendorPrefix}ErrorCode`. */
  readonly vendorPrefix: string;
  /** The vendor's registry id, written into every descriptor. */
  readonly vendor: string;
}

interface RpcOperation {
  readonly view: OperationView;
  /** `syncMOCA` for `Esws.syncMOCA`: the name without the service prefix. */
  readonly key: string;
  readonly pascal: string;
  readonly requestMessage: QName;
  readonly responseMessage: QName;
  readonly parts: readonly Part[];
  readonly returnPart: Part;
}

export function xsiTypeOf(type: QName): string {
  const prefix = RPC_WRITER_PREFIXES[type.ns];
  if (prefix === undefined)
    throw new Error(`wire type {${type.ns}}${type.local}: no xsi:type prefix for its namespace`);
  return `${prefix}:${type.local}`;
}

export function generateRpcEncoded(
  model: WsdlModel,
  view: ServiceView,
  raw: WsdlTsclientDefinitions,
  options: RpcEncodedOptions,
): Record<string, string> {
  const ops = view.operations.map(rpcOperation);
  return {
    "messages.ts": messagesModule(model, ops, raw),
    "schemas.ts": schemasModule(model, ops, options),
    "result-codes.ts": resultCodesModule(view, ops, options),
    "descriptors.ts": descriptorsModule(view, ops, options.vendor),
    "methods.ts": methodsModule(ops, options),
  };
}

function rpcOperation(view: OperationView): RpcOperation {
  const where = `operation ${view.name}`;
  if (view.style !== "rpc") throw new Error(`${where}: not rpc style`);
  for (const [which, io] of [["input", view.input] as const, ["output", view.output] as const]) {
    if (io.body.use !== "encoded") throw new Error(`${where}: ${which} soap:body is not use="encoded"`);
    if (!io.body.namespace) throw new Error(`${where}: ${which} soap:body has no namespace`);
    if (!io.body.encodingStyle) throw new Error(`${where}: ${which} soap:body has no encodingStyle`);
    if (io.headers.length > 0) throw new Error(`${where}: soap:header is not supported for rpc/encoded`);
  }
  const request = view.request;
  const response = view.response;
  for (const part of [...request.parts, ...response.parts]) {
    if (!part.type) throw new Error(`${where}: part ${part.name} has no type (rpc parts are typed)`);
  }
  if (response.parts.length !== 1) throw new Error(`${where}: the response must have exactly one part`);
  const key = view.name.slice(view.name.lastIndexOf(".") + 1);
  return {
    view,
    key,
    pascal: pascalCase(key),
    requestMessage: request.qname,
    responseMessage: response.qname,
    parts: request.parts,
    returnPart: response.parts[0]!,
  };
}

/** The TS type of a part: its wire type, or — for a complex wire type such as an Apache Map — its rule type. */
function partTs(model: WsdlModel, ts: XsdTypeScript, part: Part): string {
  const wire = part.type!;
  if (isXsdName(wire)) return builtin(wire).ts;
  const complex = lookupType(model.schema, wire).kind === "complex";
  return ts.ref(refTo(model.schema, complex && part.rule ? part.rule : wire));
}

function partDoc(model: WsdlModel, part: Part): string[] {
  const lines = [`Wire type \`xsi:type="${xsiTypeOf(part.type!)}"\`.`];
  if (part.rule) {
    const doc = lookupType(model.schema, part.rule).documentation;
    lines.push(`Rule \`${part.ruleAttr}\`${doc ? `: ${doc}` : "."}`);
  }
  if (part.optional) lines.push('Optional (`x:optional`): sent as "" when absent.');
  return lines;
}

function messageInterface(
  model: WsdlModel,
  ts: XsdTypeScript,
  name: string,
  doc: string,
  parts: readonly Part[],
) {
  let out = `${jsDoc([doc])}export interface ${name} {\n`;
  for (const part of parts) {
    out += jsDoc(partDoc(model, part), "  ");
    out += `  ${part.name!}${part.optional ? "?" : ""}: ${partTs(model, ts, part)};\n`;
  }
  return `${out}}\n`;
}

function messagesModule(
  model: WsdlModel,
  ops: readonly RpcOperation[],
  raw: WsdlTsclientDefinitions,
): string {
  const ts = new XsdTypeScript(model.schema);
  const pairs: ConformancePair[] = [];
  const messages: string[] = [];
  for (const op of ops) {
    const name = op.view.name;
    const request = `${op.pascal}Request`;
    const response = `${op.pascal}Response`;
    messages.push(
      messageInterface(
        model,
        ts,
        request,
        `Parameters of \`${name}\` by wire part name (wsdl:message ${op.requestMessage.local}, in order).`,
        op.parts,
      ),
      messageInterface(
        model,
        ts,
        response,
        `Response of \`${name}\` (wsdl:message ${op.responseMessage.local}).`,
        [op.returnPart],
      ),
    );
    pairs.push({ precise: request, raw: raw.interfaceBySourceName.get(op.requestMessage.local) });
    pairs.push({ precise: response, raw: raw.interfaceBySourceName.get(op.responseMessage.local) });
  }
  const declarations = ts.referencedDeclarations();
  const check = conformanceBlock(pairs, ts.numericRestrictedProperties);
  return [check.imports, ...declarations, ...messages, check.body]
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join("\n\n");
}

function schemasModule(model: WsdlModel, ops: readonly RpcOperation[], options: RpcEncodedOptions): string {
  const converter = new XsdJsonSchemaConverter(model.schema);
  let out = "";
  for (const op of ops) {
    const name = `${op.pascal}Params`;
    const schema = converter.standalone(`${options.schemaIdBase}${name}.json`, (c) => {
      const properties: JsonObject = {};
      for (const part of op.parts)
        properties[part.name!] = c.ref(refTo(model.schema, part.rule ?? part.type!));
      const body: JsonObject = {
        description: `Parameters of ${op.view.name} by wire part name, in WSDL order.`,
        type: "object",
        properties,
      };
      const required = op.parts.filter((p) => !p.optional).map((p) => p.name!);
      if (required.length > 0) body.required = required;
      body.additionalProperties = false;
      return body;
    });
    out += constExport(
      `${name}Schema`,
      schema,
      `JSON Schema (2020-12) of the parameters of \`${op.view.name}\`: each part's \`x:rule\` type.`,
    );
    out += "\n";
    const inputName = `${op.pascal}Input`;
    const input = converter.standalone(`${options.schemaIdBase}${inputName}.json`, (c) => {
      const callerParts = op.parts.filter((p) => clientOptionOf(p) === undefined);
      const properties: JsonObject = {};
      for (const part of callerParts)
        properties[clientNameOf(part) ?? part.name!] = c.ref(refTo(model.schema, part.rule ?? part.type!));
      const body: JsonObject = {
        description: `The input of ${op.view.name} as callers pass it: the parameters a client option does not fill, by their callers' names.`,
        type: "object",
        properties,
      };
      const required = callerParts.filter((p) => !p.optional).map((p) => clientNameOf(p) ?? p.name!);
      if (required.length > 0) body.required = required;
      body.additionalProperties = false;
      return body;
    });
    out += constExport(
      `${inputName}Schema`,
      input,
      `JSON Schema (2020-12) of the input of \`${op.view.binding.name}\` as callers pass it (the CLI's flags).`,
    );
    out += "\n";
  }
  return out;
}

function codeEntry(code: ResultCode): JsonObject {
  if (code.recovery !== undefined)
    throw new Error(`code ${code.value}: recovery is not supported for rpc/encoded`);
  const entry: JsonObject = {
    code: code.value,
    meaning: code.meaning,
    outcome: code.outcome,
    retryable: code.retryable,
  };
  if (code.detail) entry.detail = true;
  if (code.match !== undefined) entry.match = code.match;
  return entry;
}

function resultCodesModule(
  view: ServiceView,
  ops: readonly RpcOperation[],
  options: RpcEncodedOptions,
): string {
  if (view.generalResultCodes.length === 0) throw new Error("no general x:resultCodes");
  let out = entryInterface("ResultCodeEntry", "One documented result code (`x:code`).", [
    {
      name: "code",
      type: "string",
      doc: "The canonical code literal; for a fixed raw return, the raw text itself.",
    },
    { name: "meaning", type: "string", doc: "The vendor's meaning, whitespace-normalised." },
    { name: "outcome", type: '"success" | "error"' },
    { name: "retryable", type: "boolean", doc: "Whether repeating the same call unchanged may succeed." },
    {
      name: "detail",
      type: "true",
      optional: true,
      doc: 'The raw return may be "CODE <message>": the message is split off as the detail.',
    },
    {
      name: "match",
      type: "string",
      optional: true,
      doc: "An anchored JS regex: a raw return matching it resolves to `code` (raw text kept).",
    },
  ]);
  out += "\n";
  out += entryList(
    "generalResultCodes",
    view.generalResultCodes.map(codeEntry),
    'Result codes every operation can return (`x:resultCodes scope="general"`).',
  );
  out += "\n";
  for (const op of ops) {
    const list = `${op.key}ResultCodes`;
    out += entryList(
      list,
      op.view.resultCodes.map(codeEntry),
      `Result codes of \`${op.view.name}\`: its own, then the general ones.`,
    );
    out += `export type ${op.pascal}ResultCode = (typeof ${list})[number]["code"];\n`;
    out += `export type ${op.pascal}SuccessCode = Extract<(typeof ${list})[number], { outcome: "success" }>["code"];\n\n`;
  }
  const all = ops.map((op) => `(typeof ${op.key}ResultCodes)[number]`).join(" | ");
  out += "/** Every documented error code of every operation. */\n";
  out += `export type ${options.vendorPrefix}ErrorCode = Extract<${all}, { outcome: "error" }>["code"];\n`;
  return out;
}

function descriptorsModule(view: ServiceView, ops: readonly RpcOperation[], vendor: string): string {
  if (!view.port.address) throw new Error(`port ${view.port.name}: no soap:address`);
  let out = 'import * as codes from "./result-codes.js";\nimport * as schemas from "./schemas.js";\n';
  out += 'import * as validators from "./validators.js";\n\n';
  out += `/** The service namespace (wsdl:definitions/@targetNamespace). */\n`;
  out += `export const namespace = ${tsLiteral(view.targetNamespace)};\n\n`;
  out += `/** The contract's soap:address; keep the endpoint configurable. */\n`;
  out += `export const defaultEndpoint = ${tsLiteral(view.port.address)};\n\n`;
  out += "/** One descriptor per operation, for the runtime's rpc/encoded writer. */\n";
  out += "export const operations = {\n";
  for (const op of ops) {
    const b = op.view;
    const bindingParts = op.parts.map((p) => ({
      name: p.name!,
      xsiType: xsiTypeOf(p.type!),
      optional: p.optional,
      rule: p.rule?.local,
      clientName: clientNameOf(p),
      clientOption: clientOptionOf(p),
    }));
    out += `  ${op.key}: {\n`;
    out += descriptorFields({
      vendor,
      operationId: op.key,
      wireName: b.name,
      summary: summaryOf(op.view.abstract.documentation),
      idempotent: declaredIdempotent(op.view),
      secrets: op.parts.filter((p) => p.secret).map((p) => p.name!),
      codes: `codes.${op.key}ResultCodes`,
      validateRequest: validatorRef(`${op.pascal}ParamsSchema`),
      binding: {
        kind: "soap-rpc-encoded",
        soapAction: b.soapAction ?? "",
        namespace: b.input.body.namespace,
        encodingStyle: b.input.body.encodingStyle,
        parts: bindingParts,
        returnPart: op.returnPart.name,
      },
      inputSchema: `schemas.${op.pascal}InputSchema`,
      example: op.view.resultCodes.find((c) => c.outcome === "success")?.value,
    });
    out += "  },\n";
  }
  out += "} as const;\n";
  return out;
}

/**
 * The client methods: the request's parts as callers pass them (parts a client option fills are left out, and
 * `x:clientName` renames), resolving to the operation's success codes.
 */
function methodsModule(ops: readonly RpcOperation[], options: RpcEncodedOptions): string {
  let out = `import type * as messages from "./messages.js";\nimport type * as codes from "./result-codes.js";\n\n`;
  out += clientMethodsInterface(
    `${options.vendorPrefix}Operations`,
    "The client methods of the contract's operations, one per operation.",
    ops.map((op) => {
      const request = `messages.${op.pascal}Request`;
      const omitted = op.parts.filter(
        (p) => clientOptionOf(p) !== undefined || clientNameOf(p) !== undefined,
      );
      const renamed = op.parts.filter(
        (p) => clientOptionOf(p) === undefined && clientNameOf(p) !== undefined,
      );
      let input =
        omitted.length === 0
          ? request
          : `Omit<${request}, ${omitted.map((p) => tsLiteral(p.name)).join(" | ")}>`;
      if (renamed.length > 0) {
        const members = renamed.map(
          (p) => `${clientNameOf(p)}${p.optional ? "?" : ""}: ${request}[${tsLiteral(p.name)}]`,
        );
        input += ` & { ${members.join("; ")} }`;
      }
      return {
        name: methodName(op.key),
        summary: summaryOf(op.view.abstract.documentation),
        input,
        output: `codes.${op.pascal}SuccessCode`,
      };
    }),
  );
  return out;
}

/** A part's `x:<local>` attribute (contract extension), as written. */
function partExtension(part: Part, local: string): string | undefined {
  return part.foreignAttributes.find((a) => a.ns === CONTRACT_EXT_NS && a.local === local)?.value;
}

/** `x:clientName`: the name callers use for the part, where it differs from the wire name. */
function clientNameOf(part: Part): string | undefined {
  return partExtension(part, "clientName");
}

/** `x:clientOption`: the client option that fills the part (callers never pass it per call). */
function clientOptionOf(part: Part): string | undefined {
  return partExtension(part, "clientOption");
}
