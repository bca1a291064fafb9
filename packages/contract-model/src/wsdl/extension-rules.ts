/**
 * The rules of the contract extensions in a WSDL (contracts/README.md): the `x:` elements and attributes the
 * generators and the runtime act on. One implementation, called by the contract gate's lint (which reports every
 * issue) and by codegen (which refuses a contract with any), so the two can never disagree on what a contract
 * may say.
 *
 * - every portType operation declares `<x:idempotent value="true|false"/>` (retrying a write must be a decision
 *   written in the contract), and holds no other `x:` element than it and `x:resultCodes`;
 * - `x:resultCodes`: `scope="general"` exactly where a list is general (wsdl:definitions, wsdl:portType), only
 *   `x:code` children, each with a value listed once, `outcome` success|error, `retryable` and `detail`
 *   true|false, a `match` that is an anchored JS regex, a meaning, and no other attribute;
 * - parts: `x:optional` and `x:secret` are true|false, and no other `x:` attribute than the known ones;
 * - schema elements: `x:secret` is true|false;
 * - ports: each `x:endpoint` has an environment and a location, each environment once.
 *
 * What the extensions refer to (an `x:rule` type that exists) is the gate's reference check, and what a
 * generator supports (`recovery="login"` for document/literal) is the generator's.
 */
import { CONTRACT_EXT_NS } from "../namespaces.js";
import { qualifiedName, type XmlNode } from "../xml.js";
import type { ElementDecl, Particle, XsdSchemaSet, XsdType } from "../xsd/model.js";
import type { Part, WsdlModel } from "./model.js";
import type { ResultCodeList } from "./result-codes.js";

export interface ExtensionIssue {
  /** Where, readable: `portType P › operation O`. */
  readonly at: string;
  readonly message: string;
}

/** The `x:` attributes a part may carry. */
export const PART_EXTENSIONS: readonly string[] = [
  "rule",
  "optional",
  "secret",
  "clientName",
  "clientOption",
];

/** The `x:` elements each construct may hold. */
const DEFINITIONS_EXTENSIONS: readonly string[] = ["resultCodes"];
const PORT_TYPE_EXTENSIONS: readonly string[] = ["resultCodes"];
const OPERATION_EXTENSIONS: readonly string[] = ["resultCodes", "idempotent"];
const PORT_EXTENSIONS: readonly string[] = ["endpoint"];

const CODE_ATTRIBUTES = new Set(["value", "outcome", "retryable", "detail", "match", "recovery"]);

/** Every issue with the contract extensions of `model`, in contract order; empty when they are all well-formed. */
export function wsdlExtensionIssues(model: WsdlModel): ExtensionIssue[] {
  const issues: ExtensionIssue[] = [];
  const add = (at: string, message: string) => issues.push({ at, message });

  unknownExtensions(model.source.children, DEFINITIONS_EXTENSIONS, "wsdl:definitions", add);
  for (const list of model.resultCodes)
    resultCodeIssues(list, "general", "wsdl:definitions › x:resultCodes", add);
  for (const pt of model.portTypes) {
    const ptAt = `portType ${pt.name ?? ""}`;
    unknownExtensions(pt.extensions, PORT_TYPE_EXTENSIONS, ptAt, add);
    for (const list of pt.resultCodes) resultCodeIssues(list, "general", `${ptAt} › x:resultCodes`, add);
    for (const op of pt.operations) {
      const at = `${ptAt} › operation ${op.name ?? ""}`;
      unknownExtensions(op.extensions, OPERATION_EXTENSIONS, at, add);
      idempotentIssue(op.extensions, at, add);
      for (const list of op.resultCodes) resultCodeIssues(list, "operation", `${at} › x:resultCodes`, add);
    }
  }
  for (const m of model.messages) {
    for (const p of m.parts) partIssues(p, `message ${m.name ?? ""} › part ${p.name ?? "(unnamed)"}`, add);
  }
  for (const element of schemaElements(model.schema)) {
    const secret = element.foreignAttributes.find((a) => a.ns === CONTRACT_EXT_NS && a.local === "secret");
    if (secret !== undefined && !isFlag(secret.value))
      add(
        `element ${element.name}`,
        `x:secret is ${JSON.stringify(secret.value)}; it must be "true" or "false"`,
      );
  }
  for (const s of model.services) {
    for (const port of s.ports) {
      const at = `service ${s.name ?? ""} › port ${port.name ?? ""}`;
      unknownExtensions(port.source.children, PORT_EXTENSIONS, at, add);
      const seen = new Set<string>();
      for (const e of port.endpoints) {
        if (!e.environment || !e.location) add(at, "x:endpoint needs environment and location");
        else if (seen.has(e.environment))
          add(at, `x:endpoint environment "${e.environment}" is listed more than once`);
        if (e.environment) seen.add(e.environment);
      }
    }
  }
  return issues;
}

function unknownExtensions(
  elements: readonly XmlNode[],
  allowed: readonly string[],
  at: string,
  add: (at: string, message: string) => void,
): void {
  for (const el of elements) {
    if (el.ns === CONTRACT_EXT_NS && !allowed.includes(el.name))
      add(at, `unknown extension <${qualifiedName(el)}>`);
  }
}

const isFlag = (value: string | undefined): boolean => value === "true" || value === "false";

function idempotentIssue(
  extensions: readonly XmlNode[],
  at: string,
  add: (at: string, message: string) => void,
): void {
  const marks = extensions.filter((e) => e.ns === CONTRACT_EXT_NS && e.name === "idempotent");
  if (marks.length === 0) {
    add(at, 'no <x:idempotent value="true|false"/>: whether a call may be retried must be declared');
    return;
  }
  if (marks.length > 1) add(at, "<x:idempotent> is declared more than once");
  const value = marks[0]!.attributes.find((a) => a.ns === "" && a.name === "value")?.value;
  if (!isFlag(value))
    add(at, `x:idempotent value is ${JSON.stringify(value ?? "")}; it must be "true" or "false"`);
}

function partIssues(part: Part, at: string, add: (at: string, message: string) => void): void {
  for (const a of part.foreignAttributes) {
    if (a.ns !== CONTRACT_EXT_NS) continue;
    if (!PART_EXTENSIONS.includes(a.local)) add(at, `unknown extension attribute x:${a.local}`);
    else if ((a.local === "optional" || a.local === "secret") && !isFlag(a.value))
      add(at, `x:${a.local} is ${JSON.stringify(a.value)}; it must be "true" or "false"`);
  }
}

function resultCodeIssues(
  list: ResultCodeList,
  scope: "general" | "operation",
  at: string,
  add: (at: string, message: string) => void,
): void {
  if (list.scope !== undefined && list.scope !== "general")
    add(at, `scope is ${JSON.stringify(list.scope)}; the only scope is "general"`);
  else if (scope === "general" && list.scope !== "general")
    add(at, 'a list of codes every operation can return must say scope="general"');
  else if (scope === "operation" && list.scope === "general")
    add(at, 'scope="general" is not allowed on an operation\'s own codes');
  for (const item of list.source.children) {
    if (item.ns !== CONTRACT_EXT_NS || item.name !== "code") add(at, `unexpected <${qualifiedName(item)}>`);
  }
  if (list.codes.length === 0) add(at, "x:resultCodes lists no x:code");
  const seen = new Set<string>();
  for (const c of list.codes) {
    const value = c.value ?? "";
    const where = `${at} › code ${JSON.stringify(value)}`;
    for (const a of c.source.attributes) {
      if (a.ns === "" && !CODE_ATTRIBUTES.has(a.name)) add(where, `unknown attribute ${a.name}`);
    }
    if (value === "") add(where, "x:code needs a value");
    else if (seen.has(value)) add(at, `code "${value}" is listed more than once`);
    seen.add(value);
    if (c.outcome !== "success" && c.outcome !== "error")
      add(where, `outcome is ${JSON.stringify(c.outcome ?? "")}; it must be "success" or "error"`);
    if (!isFlag(c.retryable))
      add(where, `retryable is ${JSON.stringify(c.retryable ?? "")}; it must be "true" or "false"`);
    if (c.detail !== undefined && !isFlag(c.detail))
      add(where, `detail is ${JSON.stringify(c.detail)}; it must be "true" or "false"`);
    if (c.match !== undefined) {
      if (!c.match.startsWith("^") || !c.match.endsWith("$")) add(where, "match must be anchored with ^...$");
      try {
        new RegExp(c.match, "u");
      } catch (e) {
        add(where, `match is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (c.meaning === "") add(where, "x:code needs a meaning (its text)");
  }
}

/** Every element declaration of the schema set (global, and local inside any type), each once. */
function schemaElements(set: XsdSchemaSet): ElementDecl[] {
  const out: ElementDecl[] = [];
  const seenTypes = new Set<XsdType>();
  const visitType = (type: XsdType | undefined): void => {
    if (type === undefined || type.kind !== "complex" || seenTypes.has(type)) return;
    seenTypes.add(type);
    if (type.particle !== undefined) visitParticle(type.particle);
  };
  const visitParticle = (particle: Particle): void => {
    for (const term of particle.terms) {
      if (term.kind === "element") visitElement(term);
      else if (term.kind !== "any") visitParticle(term);
    }
  };
  const visitElement = (element: ElementDecl): void => {
    out.push(element);
    if (element.type.kind === "anonymous") visitType(element.type.type);
  };
  for (const type of set.types.values()) visitType(type);
  for (const element of set.elements.values()) visitElement(element);
  return out;
}
