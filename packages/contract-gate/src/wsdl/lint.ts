/**
 * Structural lint of a WSDL 1.1 contract: well-formed, every reference defined (QNames resolved through the
 * xmlns declarations in scope), every portType operation bound, every message part typed, the contract
 * extensions well-formed, and the embedded XSD compiling in libxml2 (xmllint-wasm).
 */
import {
  attr,
  type Binding,
  type BindingMessage,
  ContractXmlError,
  children,
  type GlobalKind,
  type Message,
  type MessageRef,
  operationStyle,
  type Part,
  type QName,
  type QNameRef,
  qualifiedName,
  readWsdl,
  readXml,
  resolveQName,
  type WsdlModel,
  wsdlExtensionIssues,
  type XmlNode,
  XSD_NS,
  type XsdSchemaSet,
} from "@integrations/contract-model";
import { validateXML } from "xmllint-wasm";
import { liftSchemas } from "./lift.js";

export interface LintIssue {
  /** Where, readable: `message Foo › part bar`. */
  readonly location: string;
  readonly message: string;
}

export interface WsdlLintOptions {
  /** Compile the embedded schemas with libxml2 (default true). */
  readonly compileSchemas?: boolean;
}

class Issues {
  readonly list: LintIssue[] = [];
  add(location: string, message: string): void {
    this.list.push({ location, message });
  }
}

const show = (q: QNameRef | undefined, raw: string | undefined): string =>
  JSON.stringify(q?.raw ?? raw ?? "");

export async function lintWsdl(text: string, options: WsdlLintOptions = {}): Promise<LintIssue[]> {
  let root: XmlNode;
  try {
    root = readXml(text);
  } catch (e) {
    const msg = e instanceof ContractXmlError ? e.message : String(e);
    return [{ location: "document", message: `not well-formed XML: ${msg}` }];
  }
  let wsdl: WsdlModel;
  try {
    wsdl = readWsdl(root);
  } catch (e) {
    return [{ location: "document", message: e instanceof Error ? e.message : String(e) }];
  }
  const issues = new Issues();
  lintStructure(wsdl, issues);
  lintSchemas(wsdl.schema, issues);
  if (options.compileSchemas !== false && wsdl.schema.schemas.length > 0) {
    for (const problem of await compileSchemas(wsdl)) issues.add("wsdl:types", problem);
  }
  return issues.list;
}

function duplicates<T>(items: readonly T[], name: (t: T) => string): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const i of items) {
    const n = name(i);
    if (seen.has(n)) dup.add(n);
    seen.add(n);
  }
  return [...dup];
}

function lintStructure(wsdl: WsdlModel, issues: Issues): void {
  const index = wsdl.schema;
  const tns = wsdl.targetNamespace;
  if (!tns) issues.add("wsdl:definitions", "missing targetNamespace");

  for (const [what, items] of [
    ["message", wsdl.messages],
    ["portType", wsdl.portTypes],
    ["binding", wsdl.bindings],
    ["service", wsdl.services],
  ] as const) {
    for (const item of items) if (!item.name) issues.add(`wsdl:${what}`, `a wsdl:${what} has no name`);
    for (const d of duplicates(items as readonly { name: string | undefined }[], (i) => i.name ?? "")) {
      issues.add(`${what} ${d}`, `${what} "${d}" is defined more than once`);
    }
  }

  const messages = new Map(wsdl.messages.map((m) => [m.name ?? "", m]));
  const lookupMessage = (q: QName | undefined): Message | undefined =>
    q && q.ns === (tns ?? "") ? messages.get(q.local) : undefined;

  // Messages and parts.
  for (const m of wsdl.messages) {
    const at = `message ${m.name}`;
    for (const d of duplicates(m.parts, (p) => p.name ?? ""))
      issues.add(at, `part "${d}" is defined more than once`);
    for (const p of m.parts) lintPart(p, `${at} › part ${p.name || "(unnamed)"}`, index, issues);
  }

  // Port types.
  const portTypes = new Map(wsdl.portTypes.map((p) => [p.name ?? "", p]));
  for (const pt of wsdl.portTypes) {
    for (const c of pt.extensions) {
      issues.add(
        `portType ${pt.name}`,
        `<${qualifiedName(c)}> is not allowed in wsdl:portType (the WSDL 1.1 schema allows only foreign attributes there); ` +
          'put x:resultCodes in wsdl:portType/wsdl:operation or, with scope="general", in wsdl:definitions',
      );
    }
    for (const d of duplicates(pt.operations, (o) => o.name ?? "")) {
      issues.add(
        `portType ${pt.name}`,
        `operation "${d}" is defined more than once (overloading is not supported)`,
      );
    }
    for (const op of pt.operations) {
      const at = `portType ${pt.name} › operation ${op.name}`;
      if (!op.input) issues.add(at, "operation has no wsdl:input");
      for (const [role, ref] of [
        ["input", op.input],
        ["output", op.output],
      ] as const) {
        if (ref) checkMessageRef(ref, `${at} › ${role}`, lookupMessage, issues);
      }
      for (const f of op.faults) {
        if (!f.name) issues.add(`${at} › fault`, "a wsdl:fault needs a name");
        checkMessageRef(f, `${at} › fault ${f.name ?? ""}`, lookupMessage, issues);
      }
      for (const d of duplicates(op.faults, (f) => f.name ?? ""))
        issues.add(at, `fault "${d}" is defined more than once`);
    }
  }

  // The contract extensions (x:idempotent, x:resultCodes, x:secret, x:optional, x:endpoint …): the rules
  // codegen applies too, from one implementation.
  for (const i of wsdlExtensionIssues(wsdl)) issues.add(i.at, i.message);

  // Bindings.
  const bound = new Map<string, Set<string>>();
  for (const b of wsdl.bindings) {
    const at = `binding ${b.name}`;
    const pt = b.type && b.type.ns === (tns ?? "") ? portTypes.get(b.type.local) : undefined;
    if (b.typeAttr === undefined) issues.add(at, "binding has no type (the portType it binds)");
    else if (!b.type) issues.add(at, `type ${show(b.type, b.typeAttr)}: its prefix is not declared`);
    else if (!pt)
      issues.add(at, `type ${show(b.type, b.typeAttr)} does not name a wsdl:portType of this WSDL`);
    if (!b.soapVersion) issues.add(at, "binding has no soap:binding (only SOAP bindings are supported)");
    if (b.style !== undefined && b.style !== "rpc" && b.style !== "document") {
      issues.add(at, `soap:binding style "${b.style}" is neither "rpc" nor "document"`);
    }
    if (b.soapVersion && !b.transport) issues.add(at, "soap:binding has no transport");
    for (const d of duplicates(b.operations, (o) => o.name ?? ""))
      issues.add(at, `operation "${d}" is bound more than once`);
    const names = bound.get(pt?.name ?? "") ?? new Set<string>();
    for (const op of b.operations) {
      names.add(op.name ?? "");
      const opAt = `${at} › operation ${op.name}`;
      const ptOp = pt?.operations.find((o) => o.name === op.name);
      if (pt && !ptOp) issues.add(opAt, `binds an operation that portType "${pt.name}" does not define`);
      if (op.style !== undefined && op.style !== "rpc" && op.style !== "document") {
        issues.add(opAt, `soap:operation style "${op.style}" is neither "rpc" nor "document"`);
      }
      const style = operationStyle(b, op);
      if (b.soapVersion && !op.soapOperation) issues.add(opAt, "no soap:operation");
      for (const [role, bm, ref] of [
        ["input", op.input, ptOp?.input],
        ["output", op.output, ptOp?.output],
      ] as const) {
        if (ptOp && ref && !bm)
          issues.add(opAt, `the portType operation has an ${role} but the binding does not bind it`);
        if (ptOp && !ref && bm)
          issues.add(opAt, `binds an ${role} that the portType operation does not have`);
        if (bm)
          lintBindingMessage(
            bm,
            `${opAt} › ${role}`,
            style,
            lookupMessage(ref?.message),
            lookupMessage,
            issues,
          );
      }
      for (const f of ptOp?.faults ?? []) {
        if (f.name && !op.faults.some((bf) => bf.name === f.name)) {
          issues.add(opAt, `fault "${f.name}" of the portType operation is not bound`);
        }
      }
      for (const bf of op.faults) {
        if (ptOp && !ptOp.faults.some((f) => f.name === bf.name)) {
          issues.add(opAt, `binds fault "${bf.name ?? ""}" that the portType operation does not have`);
        }
        const sf = bf.soapFault;
        const sfName = sf && attr(sf, "name");
        if (b.soapVersion && !sf) issues.add(`${opAt} › fault ${bf.name ?? ""}`, "no soap:fault");
        else if (sfName !== undefined && sfName !== bf.name) {
          issues.add(
            `${opAt} › fault ${bf.name ?? ""}`,
            `soap:fault name "${sfName}" differs from the wsdl:fault name`,
          );
        }
        if (bf.use !== undefined && bf.use !== "literal" && bf.use !== "encoded") {
          issues.add(
            `${opAt} › fault ${bf.name ?? ""}`,
            `soap:fault use "${bf.use}" is neither "literal" nor "encoded"`,
          );
        }
      }
    }
    if (pt) bound.set(pt.name ?? "", names);
  }

  for (const pt of wsdl.portTypes) {
    const names = bound.get(pt.name ?? "");
    for (const op of pt.operations) {
      if (!names?.has(op.name ?? "")) {
        issues.add(
          `portType ${pt.name} › operation ${op.name}`,
          names
            ? `operation "${op.name}" is not bound: no wsdl:binding of portType "${pt.name}" has an operation of that name`
            : `operation "${op.name}" is not bound: no wsdl:binding binds portType "${pt.name}"`,
        );
      }
    }
  }

  // Services.
  const bindings = new Map(wsdl.bindings.map((b) => [b.name ?? "", b]));
  for (const s of wsdl.services) {
    for (const d of duplicates(s.ports, (p) => p.name ?? ""))
      issues.add(`service ${s.name}`, `port "${d}" is defined more than once`);
    for (const p of s.ports) {
      const at = `service ${s.name} › port ${p.name}`;
      if (p.bindingAttr === undefined) issues.add(at, "port has no binding");
      else if (!p.binding)
        issues.add(at, `binding ${show(p.binding, p.bindingAttr)}: its prefix is not declared`);
      else if (p.binding.ns !== (tns ?? "") || !bindings.has(p.binding.local)) {
        issues.add(at, `binding ${show(p.binding, p.bindingAttr)} does not name a wsdl:binding of this WSDL`);
      }
      const binding: Binding | undefined = p.binding ? bindings.get(p.binding.local) : undefined;
      if (binding?.soapVersion && !p.address) issues.add(at, "port has no soap:address location");
    }
  }
}

function checkMessageRef(
  ref: MessageRef,
  at: string,
  lookupMessage: (q: QName | undefined) => Message | undefined,
  issues: Issues,
): void {
  if (ref.messageAttr === undefined) issues.add(at, "no message attribute");
  else if (!ref.message)
    issues.add(at, `message ${show(ref.message, ref.messageAttr)}: its prefix is not declared`);
  else if (!lookupMessage(ref.message)) {
    issues.add(
      at,
      `message ${show(ref.message, ref.messageAttr)} is not defined (no wsdl:message of that name)`,
    );
  }
}

function lintPart(p: Part, at: string, index: XsdSchemaSet, issues: Issues): void {
  if (!p.name) issues.add(at, "a wsdl:part needs a name");
  if (p.typeAttr === undefined && p.elementAttr === undefined) {
    issues.add(
      at,
      "part is untyped: a wsdl:part needs type= (an XSD type) or element= (a global XSD element)",
    );
  }
  if (p.typeAttr !== undefined && p.elementAttr !== undefined)
    issues.add(at, "part has both type= and element=; use one");
  if (p.typeAttr !== undefined) checkTypeRef(p.type, p.typeAttr, "type", at, index, issues);
  if (p.elementAttr !== undefined) checkDefRef(p.element, p.elementAttr, "element", at, index, issues);
  if (p.ruleAttr !== undefined) checkTypeRef(p.rule, p.ruleAttr, "x:rule type", at, index, issues);
}

function checkTypeRef(
  q: QNameRef | undefined,
  raw: string,
  what: string,
  at: string,
  index: XsdSchemaSet,
  issues: Issues,
): void {
  if (!q) {
    issues.add(at, `${what} "${raw}": prefix "${raw.split(":")[0]}" is not declared`);
    return;
  }
  const ref = index.typeRef(q, raw).kind;
  if (ref === "builtin" || ref === "named") return;
  if (q.ns === XSD_NS) issues.add(at, `${what} "${raw}" is not an XSD built-in type`);
  else {
    issues.add(
      at,
      `${what} "${raw}" is not defined: no xsd:simpleType or xsd:complexType "${q.local}" in a schema with ` +
        `targetNamespace "${q.ns}" in wsdl:types`,
    );
  }
}

const KIND_LABEL: Record<GlobalKind, string> = {
  type: "type",
  element: "xsd:element",
  group: "xsd:group",
  attributeGroup: "xsd:attributeGroup",
  attribute: "xsd:attribute",
};

function checkDefRef(
  q: QNameRef | undefined,
  raw: string,
  kind: GlobalKind,
  at: string,
  index: XsdSchemaSet,
  issues: Issues,
): void {
  if (!q) {
    issues.add(at, `${kind} "${raw}": prefix "${raw.split(":")[0]}" is not declared`);
    return;
  }
  if (index.global(kind, q)) return;
  issues.add(
    at,
    `${kind} "${raw}" is not defined: no global ${KIND_LABEL[kind]} "${q.local}" in a schema with targetNamespace ` +
      `"${q.ns}" in wsdl:types`,
  );
}

function lintBindingMessage(
  bm: BindingMessage,
  at: string,
  style: string,
  message: Message | undefined,
  lookupMessage: (q: QName | undefined) => Message | undefined,
  issues: Issues,
): void {
  const body = bm.body;
  if (!body) {
    issues.add(at, "no soap:body");
  } else {
    if (body.use !== "literal" && body.use !== "encoded") {
      issues.add(at, `soap:body use is ${JSON.stringify(body.use ?? "")}; it must be "literal" or "encoded"`);
    }
    if (body.use === "encoded" && !body.encodingStyle)
      issues.add(at, 'soap:body use="encoded" needs an encodingStyle');
    if (style === "rpc" && !body.namespace)
      issues.add(at, "rpc-style soap:body needs a namespace (the operation element's)");
    const names = body.parts?.split(/\s+/).filter(Boolean);
    for (const n of names ?? []) {
      if (message && !message.parts.some((p) => p.name === n)) {
        issues.add(at, `soap:body parts names "${n}", which is not a part of message "${message.name}"`);
      }
    }
    for (const p of message?.parts.filter((p) => !names || names.includes(p.name ?? "")) ?? []) {
      if (style === "document" && p.elementAttr === undefined && p.typeAttr !== undefined) {
        issues.add(
          at,
          `document-style body part "${p.name}" of message "${message?.name}" must use element=, not type=`,
        );
      }
      if (style === "rpc" && p.typeAttr === undefined && p.elementAttr !== undefined) {
        issues.add(
          at,
          `rpc-style part "${p.name}" of message "${message?.name}" must use type=, not element=`,
        );
      }
    }
  }
  for (const h of bm.headers) {
    if (h.messageAttr === undefined) {
      issues.add(at, "soap:header has no message");
      continue;
    }
    const m = lookupMessage(h.message);
    if (!h.message) issues.add(at, `soap:header message "${h.messageAttr}": its prefix is not declared`);
    else if (!m)
      issues.add(at, `soap:header message "${h.messageAttr}" is not defined (no wsdl:message of that name)`);
    else if (!h.part || !m.parts.some((p) => p.name === h.part)) {
      issues.add(at, `soap:header part "${h.part ?? ""}" is not a part of message "${m.name}"`);
    }
    if (h.use !== "literal" && h.use !== "encoded") {
      issues.add(at, `soap:header use is ${JSON.stringify(h.use ?? "")}; it must be "literal" or "encoded"`);
    }
  }
}

/** Attributes holding QNames inside a schema, by element: what they must resolve to. */
const SCHEMA_REFS: Record<string, ReadonlyArray<readonly [string, GlobalKind, boolean]>> = {
  element: [
    ["type", "type", false],
    ["ref", "element", false],
    ["substitutionGroup", "element", false],
  ],
  attribute: [
    ["type", "type", false],
    ["ref", "attribute", false],
  ],
  restriction: [["base", "type", false]],
  extension: [["base", "type", false]],
  list: [["itemType", "type", false]],
  union: [["memberTypes", "type", true]],
  group: [["ref", "group", false]],
  attributeGroup: [["ref", "attributeGroup", false]],
};

function lintSchemas(index: XsdSchemaSet, issues: Issues): void {
  for (const d of index.duplicates) {
    issues.add(
      `wsdl:types › schema ${d.schema.index + 1}`,
      `${d.kind} "${d.name.local}" is defined more than once`,
    );
  }
  const provided = new Set(index.schemas.map((s) => s.targetNamespace ?? ""));
  for (const schema of index.schemas) {
    const at = `wsdl:types › schema ${schema.index + 1} (${schema.targetNamespace ?? "no targetNamespace"})`;
    const imported = new Set<string>();
    for (const imp of children(schema.source, XSD_NS, "import")) {
      const ns = attr(imp, "namespace") ?? "";
      imported.add(ns);
      if (!attr(imp, "schemaLocation") && !provided.has(ns)) {
        issues.add(
          at,
          `xsd:import of namespace "${ns}" has no schemaLocation and no sibling schema in wsdl:types provides it`,
        );
      }
    }
    for (const inc of children(schema.source, XSD_NS, "include")) {
      issues.add(
        at,
        `xsd:include of "${attr(inc, "schemaLocation") ?? ""}": a contract must be self-contained`,
      );
    }
    const visit = (el: XmlNode, path: string): void => {
      const refs = el.ns === XSD_NS ? SCHEMA_REFS[el.name] : undefined;
      const name = attr(el, "name");
      const here = name ? `${path} › ${el.name} ${name}` : path;
      for (const [attribute, kind, multiple] of refs ?? []) {
        const value = attr(el, attribute);
        if (value === undefined) continue;
        for (const raw of multiple ? value.split(/\s+/).filter(Boolean) : [value]) {
          const q = resolveQName(el, raw);
          const where = `${here} › @${attribute}`;
          if (kind === "type") checkTypeRef(q, raw, "type", where, index, issues);
          else checkDefRef(q, raw, kind, where, index, issues);
          if (q && q.ns !== XSD_NS && q.ns !== (schema.targetNamespace ?? "") && !imported.has(q.ns)) {
            issues.add(where, `"${raw}" is in namespace "${q.ns}", which this schema does not xsd:import`);
          }
        }
      }
      for (const c of el.children) visit(c, here);
    };
    for (const c of schema.source.children) visit(c, at);
  }
}

/** Compiles every lifted schema (with its siblings available for imports); libxml2's messages on failure. */
export async function compileSchemas(wsdl: WsdlModel): Promise<string[]> {
  const files = liftSchemas(wsdl);
  const problems: string[] = [];
  for (const file of files) {
    try {
      await validateXML({
        xml: [{ fileName: "probe.xml", contents: '<probe xmlns="urn:contract-gate:probe"/>' }],
        schema: [file],
        preload: files.filter((f) => f !== file),
      });
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const lines = text
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !/failed to compile$/.test(l));
      problems.push(`the XSD does not compile (libxml2, ${file.fileName}): ${lines.join("; ") || text}`);
    }
  }
  return problems;
}
