/**
 * Breaking-change detection between two versions of a WSDL 1.1 contract.
 *
 * - Operations are matched by name; binding facts (SOAPAction, style, use, namespace, encodingStyle) compared.
 * - rpc operations: the "fields" are the message parts, in order (positional binding), with x:rule and
 *   x:optional.
 * - document/literal operations: the element content models reachable from the body, header and fault
 *   elements (sequence/choice members, minOccurs/maxOccurs, simple-type facets).
 * - Named schema types and global elements are compared once each, under the rules of the directions they are
 *   used in (request, response, or both); an operation only descends into anonymous or re-pointed types.
 * - Result codes (x:resultCodes), endpoints (x:endpoint) and documentation are compared as data.
 */

import {
  type AttributeDecl,
  type Binding,
  type BindingMessage,
  type BindingOperation,
  builtinDerivesFrom,
  type ComplexType,
  type ElementDecl,
  loadWsdl,
  type Message,
  operationStyle,
  type Part,
  type Particle,
  type PortType,
  type PortTypeOperation,
  type QNameRef,
  type ResultCode,
  type ResultCodeList,
  type SimpleType,
  type TypeRef,
  type WsdlModel,
  type XsdType,
} from "@integrations/contract-model";
import {
  BOTH,
  BREAKING,
  BREAKING_IN_REQUEST,
  BREAKING_IN_RESPONSE,
  type Change,
  ChangeLog,
  type Direction,
  type Directions,
  NON_BREAKING,
  normalizeText,
  REQUEST,
  RESPONSE,
  show,
} from "../diff/change.js";
import { compareFacets, type FacetSet } from "../diff/facets.js";
import { compareText } from "../order.js";
import { defKey, GlobalIndex, typeKeyOf, typeSignature, xsdFacetSet } from "./globals.js";

type TypeDef = XsdType;
type SimpleDef = SimpleType;
type ComplexDef = ComplexType;
/** A part whose name is read as "" when it has none. */
type NamedPart = Part & { readonly name: string };
/** A code whose value is read as "" when it has none. */
type Code = ResultCode & { readonly value: string };
/** The occurrence and terms of a model group (an absent one is an empty sequence). */
type Group = Pick<Particle, "kind" | "minOccurs" | "maxOccurs" | "terms">;

const qkey = (ns: string | undefined, local: string): string => `{${ns ?? ""}}${local}`;
const codesOf = (lists: readonly ResultCodeList[]): Code[] =>
  lists.flatMap((l) => l.codes.map((c) => ({ ...c, value: c.value ?? "" })));

interface OperationView {
  readonly name: string;
  readonly portType: PortType;
  readonly op: PortTypeOperation;
  readonly binding: Binding | undefined;
  readonly bop: BindingOperation | undefined;
  readonly style: string;
}

interface Side {
  readonly wsdl: WsdlModel;
  readonly index: GlobalIndex;
  readonly messages: ReadonlyMap<string, Message>;
  readonly ops: ReadonlyMap<string, OperationView>;
}

function side(wsdl: WsdlModel): Side {
  const messages = new Map(wsdl.messages.map((m) => [m.name ?? "", m]));
  const ops = new Map<string, OperationView>();
  const multiple = wsdl.portTypes.length > 1;
  for (const pt of wsdl.portTypes) {
    const binding = wsdl.bindings.find(
      (b) =>
        b.type !== undefined &&
        b.type.local === (pt.name ?? "") &&
        b.type.ns === (wsdl.targetNamespace ?? ""),
    );
    for (const op of pt.operations) {
      const bop = binding?.operations.find((o) => o.name === op.name);
      const style = binding && bop ? operationStyle(binding, bop) : (binding?.style ?? "document");
      const name = op.name ?? "";
      ops.set(multiple ? `${pt.name}.${name}` : name, {
        name,
        portType: pt,
        op,
        binding,
        bop,
        style,
      });
    }
  }
  return { wsdl, index: new GlobalIndex(wsdl), messages, ops };
}

/** Compares two WSDL texts; the changes, classified. */
export function diffWsdl(oldText: string, newText: string): Change[] {
  return new WsdlDiff(loadWsdl(oldText), loadWsdl(newText)).run();
}

export class WsdlDiff {
  private readonly log = new ChangeLog();
  private readonly a: Side;
  private readonly b: Side;
  /** Old namespace → new namespace, where a namespace was renamed. */
  private readonly nsMap = new Map<string, string>();
  private usage = new Map<string, Set<Direction>>();
  private readonly seenPairs = new Set<string>();

  constructor(a: WsdlModel, b: WsdlModel) {
    this.a = side(a);
    this.b = side(b);
  }

  run(): Change[] {
    this.compareNamespaces();
    this.usage = this.computeUsage();
    this.compareDocumentation("wsdl:definitions", this.a.wsdl.documentation, this.b.wsdl.documentation);
    this.compareGeneralCodes();
    this.compareOperations();
    this.compareGlobals();
    this.compareServices();
    return this.log.changes;
  }

  // ---------------------------------------------------------------------------------------------- namespaces

  private mapNs(ns: string | undefined): string | undefined {
    return ns === undefined ? undefined : (this.nsMap.get(ns) ?? ns);
  }

  /** An old global key in the new document's namespaces. */
  private mapKey(key: string): string {
    const m = key.match(/^(\w+):\{(.*)\}(.*)$/);
    if (!m) return key;
    const ns = this.mapNs(m[2] || undefined);
    return defKey(m[1] as "type", ns, m[3]!);
  }

  private compareNamespaces(): void {
    const ta = this.a.wsdl.targetNamespace;
    const tb = this.b.wsdl.targetNamespace;
    if (ta !== tb) {
      this.log.breaking(
        "namespace-changed",
        "wsdl:definitions › targetNamespace",
        `targetNamespace ${show(ta)} → ${show(tb)}: every qualified name on the wire changes`,
      );
      if (ta !== undefined && tb !== undefined) this.nsMap.set(ta, tb);
    }
    const sa = this.a.wsdl.schema.schemas;
    const sb = this.b.wsdl.schema.schemas;
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
      const na = sa[i]!.targetNamespace;
      const nb = sb[i]!.targetNamespace;
      if (na === nb) continue;
      this.log.breaking(
        "namespace-changed",
        `wsdl:types › schema ${i + 1} › targetNamespace`,
        `schema targetNamespace ${show(na)} → ${show(nb)}: the elements and types it defines change their qualified names`,
      );
      if (na !== undefined && nb !== undefined && !this.nsMap.has(na)) this.nsMap.set(na, nb);
    }
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
      const fa = sa[i]!.elementFormDefault;
      const fb = sb[i]!.elementFormDefault;
      if (fa !== fb) {
        this.log.breaking(
          "element-form-changed",
          `wsdl:types › schema ${i + 1} › elementFormDefault`,
          `elementFormDefault ${show(fa)} → ${show(fb)}: local elements change between qualified and unqualified on the wire`,
        );
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- usage

  /** Directions each global definition is used in (old and new), through operations and references. */
  private computeUsage(): Map<string, Set<Direction>> {
    const usage = new Map<string, Set<Direction>>();
    const mark = (s: Side, mapped: boolean): void => {
      const queue: [string, Direction][] = [];
      const push = (key: string | undefined, dir: Direction): void => {
        if (key === undefined) return;
        const k = mapped ? this.mapKey(key) : key;
        const set = usage.get(k) ?? new Set<Direction>();
        if (!set.has(dir)) {
          set.add(dir);
          usage.set(k, set);
        }
        queue.push([key, dir]);
      };
      const parts = (message: Message | undefined, dir: Direction): void => {
        for (const p of message?.parts ?? []) {
          if (p.element) push(defKey("element", p.element.ns, p.element.local), dir);
          for (const q of [p.type, p.rule]) push(q && typeKeyOf(s.wsdl.schema.typeRef(q, q.raw)), dir);
        }
      };
      for (const view of s.ops.values()) {
        parts(this.message(s, view.op.input?.message?.local), "request");
        parts(this.message(s, view.op.output?.message?.local), "response");
        for (const f of view.op.faults) parts(this.message(s, f.message?.local), "response");
        for (const [bm, dir] of [
          [view.bop?.input, "request"],
          [view.bop?.output, "response"],
        ] as const) {
          for (const h of bm?.headers ?? []) {
            const m = this.message(s, h.message?.local);
            parts(m && { ...m, parts: m.parts.filter((p) => p.name === h.part) }, dir);
          }
        }
      }
      const done = new Set<string>();
      while (queue.length > 0) {
        const [key, dir] = queue.shift()!;
        if (done.has(`${dir} ${key}`)) continue;
        done.add(`${dir} ${key}`);
        const def = s.index.definition(key);
        if (def) for (const k of s.index.references(def)) push(k, dir);
      }
    };
    mark(this.a, true);
    mark(this.b, false);
    return usage;
  }

  private dirsOf(key: string): Directions {
    const set = this.usage.get(key);
    return set && set.size > 0 ? set : BOTH;
  }

  private message(s: Side, name: string | undefined): Message | undefined {
    return name === undefined ? undefined : s.messages.get(name);
  }

  // ---------------------------------------------------------------------------------------------- documentation

  private compareDocumentation(location: string, a: string | undefined, b: string | undefined): void {
    if (normalizeText(a) === normalizeText(b)) return;
    this.log.nonBreaking(
      "description-changed",
      location,
      "documentation text changed; nothing on the wire changes",
    );
  }

  // ---------------------------------------------------------------------------------------------- result codes

  private generalCodes(s: Side): Code[] {
    return codesOf(s.wsdl.resultCodes);
  }

  private compareGeneralCodes(): void {
    const a = this.generalCodes(this.a);
    const b = this.generalCodes(this.b);
    const opsB = [...this.b.ops.values()];
    this.compareCodes(
      "general result codes (every operation)",
      a,
      b,
      (value) =>
        opsB.length > 0 &&
        opsB.every((v) => codesOf(v.op.resultCodes.slice(0, 1)).some((c) => c.value === value)),
    );
  }

  private compareCodes(
    location: string,
    a: readonly Code[],
    b: readonly Code[],
    stillListed: (value: string) => boolean,
  ): void {
    for (const ca of a) {
      const cb = b.find((c) => c.value === ca.value);
      const at = `${location} › code ${JSON.stringify(ca.value)}`;
      if (!cb) {
        if (stillListed(ca.value)) {
          this.log.nonBreaking(
            "result-code-moved",
            at,
            `code ${JSON.stringify(ca.value)} moved between the general and the operation's list; it is still documented`,
          );
        } else {
          this.log.breaking(
            "result-code-removed",
            at,
            `code ${JSON.stringify(ca.value)} was removed: typed unions, catalogs and callers matching on it break`,
          );
        }
        continue;
      }
      this.compareCode(at, ca, cb);
    }
    for (const cb of b) {
      if (a.some((c) => c.value === cb.value)) continue;
      this.log.nonBreaking(
        "result-code-added",
        `${location} › code ${JSON.stringify(cb.value)}`,
        `code ${JSON.stringify(cb.value)} was added (clients already map unknown codes to a generic error)`,
      );
    }
  }

  private compareCode(at: string, a: Code, b: Code): void {
    if (a.outcome !== b.outcome) {
      this.log.breaking(
        "result-code-outcome-changed",
        at,
        `outcome ${show(a.outcome)} → ${show(b.outcome)}: the code now means the opposite`,
      );
    }
    if (a.retryable !== b.retryable) {
      this.log.nonBreaking(
        "result-code-retryable-changed",
        at,
        `retryable ${show(a.retryable)} → ${show(b.retryable)}: retry behaviour changes, the types do not`,
      );
    }
    if (a.detail !== b.detail) {
      const narrowed = a.detail === "true";
      this.log.add(
        "result-code-detail-changed",
        at,
        narrowed ? BREAKING : NON_BREAKING,
        BOTH,
        `detail ${show(a.detail)} → ${show(b.detail)}: ${narrowed ? '"CODE <message>" returns no longer resolve to the code' : "more raw returns resolve to the code"}`,
      );
    }
    if (a.match !== b.match) {
      const widened = a.match === undefined;
      this.log.add(
        "result-code-match-changed",
        at,
        widened ? NON_BREAKING : BREAKING,
        BOTH,
        `match ${show(a.match)} → ${show(b.match)}: ${widened ? "more raw returns resolve to the code" : "raw returns that resolved to the code may not any more"}`,
      );
    }
    if (a.recovery !== b.recovery) {
      this.log.nonBreaking(
        "result-code-recovery-changed",
        at,
        `recovery ${show(a.recovery)} → ${show(b.recovery)}`,
      );
    }
    if (normalizeText(a.meaning) !== normalizeText(b.meaning)) {
      this.log.nonBreaking("description-changed", at, "the code's meaning text changed");
    }
  }

  // ---------------------------------------------------------------------------------------------- operations

  private compareOperations(): void {
    for (const [key, va] of this.a.ops) {
      const vb = this.b.ops.get(key);
      if (!vb) {
        this.log.breaking(
          "operation-removed",
          `operation ${key}`,
          "the operation was removed: callers of it break",
        );
        continue;
      }
      this.compareOperation(`operation ${key}`, va, vb);
    }
    for (const [key] of this.b.ops) {
      if (!this.a.ops.has(key))
        this.log.nonBreaking(
          "operation-added",
          `operation ${key}`,
          "a new operation; existing calls are unaffected",
        );
    }
    this.compareDocumentation(
      "wsdl:portType",
      this.a.wsdl.portTypes.map((p) => p.documentation).join(" "),
      this.b.wsdl.portTypes.map((p) => p.documentation).join(" "),
    );
  }

  private compareOperation(at: string, a: OperationView, b: OperationView): void {
    this.compareDocumentation(at, a.op.documentation, b.op.documentation);
    if (a.style !== b.style) {
      this.log.breaking(
        "style-changed",
        `${at} › style`,
        `style ${show(a.style)} → ${show(b.style)}: the body layout on the wire changes`,
      );
    }
    if (a.bop?.soapAction !== b.bop?.soapAction) {
      this.log.breaking(
        "soap-action-changed",
        `${at} › soapAction`,
        `SOAPAction ${show(a.bop?.soapAction)} → ${show(b.bop?.soapAction)}: servers that dispatch on it route the call elsewhere`,
      );
    }
    if (a.binding?.transport !== b.binding?.transport) {
      this.log.breaking(
        "transport-changed",
        `${at} › transport`,
        `transport ${show(a.binding?.transport)} → ${show(b.binding?.transport)}`,
      );
    }
    if (a.binding?.soapVersion !== b.binding?.soapVersion) {
      this.log.breaking(
        "soap-version-changed",
        `${at} › SOAP version`,
        `SOAP ${show(a.binding?.soapVersion)} → ${show(b.binding?.soapVersion)}: a different envelope`,
      );
    }

    const generalB = this.generalCodes(this.b);
    this.compareCodes(
      `${at} › result codes`,
      codesOf(a.op.resultCodes.slice(0, 1)),
      codesOf(b.op.resultCodes.slice(0, 1)),
      (value) => generalB.some((c) => c.value === value),
    );

    const rpc = b.style === "rpc";
    for (const [role, dirs] of [
      ["input", REQUEST],
      ["output", RESPONSE],
    ] as const) {
      const ra = a.op[role];
      const rb = b.op[role];
      const loc = `${at} › ${role}`;
      if (ra && !rb) {
        this.log.breaking(`${role}-removed`, loc, `the operation no longer has an ${role} message`);
        continue;
      }
      if (!ra && rb) {
        this.log.add(
          `${role}-added`,
          loc,
          role === "input" ? BREAKING : BREAKING_IN_RESPONSE,
          dirs,
          `the operation now has an ${role} message`,
        );
        continue;
      }
      if (!ra || !rb) continue;
      const ma = this.message(this.a, ra.message?.local);
      const mb = this.message(this.b, rb.message?.local);
      const ba = a.bop?.[role];
      const bb = b.bop?.[role];
      this.compareBody(loc, ba, bb);
      const partsA = bodyParts(ma, ba);
      const partsB = bodyParts(mb, bb);
      if (rpc) this.compareRpcParts(loc, partsA, partsB, dirs);
      else this.compareDocParts(loc, partsA, partsB, dirs);
      this.compareHeaders(loc, ba, bb, dirs);
    }

    for (const fa of a.op.faults) {
      const fb = b.op.faults.find((f) => f.name === fa.name);
      const loc = `${at} › fault ${fa.name ?? ""}`;
      if (!fb) {
        this.log.breaking("fault-removed", loc, "the fault was removed: callers handling it break");
        continue;
      }
      const ma = this.message(this.a, fa.message?.local);
      const mb = this.message(this.b, fb.message?.local);
      this.compareDocParts(loc, bodyParts(ma, undefined), bodyParts(mb, undefined), RESPONSE);
      const bfa = a.bop?.faults.find((f) => f.name === fa.name);
      const bfb = b.bop?.faults.find((f) => f.name === fa.name);
      if (bfa?.use !== bfb?.use)
        this.log.breaking("use-changed", `${loc} › use`, `use ${show(bfa?.use)} → ${show(bfb?.use)}`);
      if (bfa?.namespace !== bfb?.namespace) {
        this.log.breaking(
          "namespace-changed",
          `${loc} › namespace`,
          `namespace ${show(bfa?.namespace)} → ${show(bfb?.namespace)}`,
        );
      }
    }
    for (const fb of b.op.faults) {
      if (!a.op.faults.some((f) => f.name === fb.name)) {
        this.log.nonBreaking(
          "fault-added",
          `${at} › fault ${fb.name ?? ""}`,
          "a new fault (clients already treat unknown faults as errors)",
        );
      }
    }
  }

  private compareBody(loc: string, a: BindingMessage | undefined, b: BindingMessage | undefined): void {
    const ba = a?.body;
    const bb = b?.body;
    if (ba?.use !== bb?.use) {
      this.log.breaking(
        "use-changed",
        `${loc} › use`,
        `soap:body use ${show(ba?.use)} → ${show(bb?.use)}: literal and encoded bodies differ on the wire`,
      );
    }
    if (ba?.namespace !== bb?.namespace) {
      this.log.breaking(
        "namespace-changed",
        `${loc} › namespace`,
        `soap:body namespace ${show(ba?.namespace)} → ${show(bb?.namespace)}: the operation element's namespace changes`,
      );
    }
    if (ba?.encodingStyle !== bb?.encodingStyle) {
      this.log.breaking(
        "encoding-style-changed",
        `${loc} › encodingStyle`,
        `encodingStyle ${show(ba?.encodingStyle)} → ${show(bb?.encodingStyle)}`,
      );
    }
  }

  private sameWireType(a: Part, b: Part): boolean {
    const ka = a.type ? qkey(this.mapNs(a.type.ns), a.type.local) : undefined;
    const kb = b.type ? qkey(b.type.ns, b.type.local) : undefined;
    const ea = a.element ? qkey(this.mapNs(a.element.ns), a.element.local) : undefined;
    const eb = b.element ? qkey(b.element.ns, b.element.local) : undefined;
    const ra = a.rule ? qkey(this.mapNs(a.rule.ns), a.rule.local) : undefined;
    const rb = b.rule ? qkey(b.rule.ns, b.rule.local) : undefined;
    return ka === kb && ea === eb && ra === rb && (a.optionalAttr === "true") === (b.optionalAttr === "true");
  }

  /** rpc: the parts are the fields, in order; positions matter (NuSOAP binds by position). */
  private compareRpcParts(
    loc: string,
    a: readonly NamedPart[],
    b: readonly NamedPart[],
    dirs: Directions,
  ): void {
    const namesA = a.map((p) => p.name);
    const namesB = b.map((p) => p.name);
    const renamed = new Map<string, string>();
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const pa = a[i]!;
      const pb = b[i]!;
      if (
        pa.name !== pb.name &&
        !namesB.includes(pa.name) &&
        !namesA.includes(pb.name) &&
        this.sameWireType(pa, pb)
      ) {
        renamed.set(pa.name, pb.name);
        this.log.breaking(
          "part-renamed",
          `${loc} › part ${pa.name}`,
          `part ${show(pa.name)} → ${show(pb.name)} at position ${i + 1}: a server that binds parts by name no longer finds it`,
        );
      }
    }
    for (const pa of a) {
      if (!namesB.includes(pa.name) && !renamed.has(pa.name)) {
        this.log.breaking(
          "part-removed",
          `${loc} › part ${pa.name}`,
          `part ${show(pa.name)} was removed: the parts after it shift position`,
        );
      }
    }
    const common = (names: string[], map: (n: string) => string): string[] =>
      names
        .map(map)
        .filter((n) => namesB.includes(n) && [...namesA.map((x) => renamed.get(x) ?? x)].includes(n));
    const orderA = common(namesA, (n) => renamed.get(n) ?? n);
    const orderB = common(namesB, (n) => n);
    if (orderA.join("\u0000") !== orderB.join("\u0000")) {
      this.log.breaking(
        "part-order-changed",
        `${loc} › parts`,
        `part order ${orderA.join(", ")} → ${orderB.join(", ")}: rpc parameters are bound by position`,
      );
    }
    const known = new Set(orderB);
    b.forEach((pb, i) => {
      if (known.has(pb.name)) return;
      const at = `${loc} › part ${pb.name}`;
      const later = b.slice(i + 1).find((p) => known.has(p.name));
      if (later) {
        this.log.breaking(
          "part-inserted",
          at,
          `part ${show(pb.name)} was inserted before ${show(later.name)}: every later part shifts position (rpc binds by position)`,
        );
      } else if (pb.optionalAttr === "true") {
        this.log.nonBreaking(
          "part-added-optional",
          at,
          `optional part ${show(pb.name)} appended after the existing parts`,
        );
      } else {
        this.log.add(
          "part-added-required",
          at,
          BREAKING_IN_REQUEST,
          dirs,
          `new required part ${show(pb.name)}: calls without it are rejected`,
        );
      }
    });
    for (const pa of a) {
      const pb = b.find((p) => p.name === (renamed.get(pa.name) ?? pa.name));
      if (pb) this.comparePart(`${loc} › part ${pb.name}`, pa, pb, dirs);
    }
  }

  /** document/literal: parts name global elements; the elements' content models are the fields. */
  private compareDocParts(
    loc: string,
    a: readonly NamedPart[],
    b: readonly NamedPart[],
    dirs: Directions,
  ): void {
    for (const pa of a) {
      const pb = b.find((p) => p.name === pa.name) ?? (a.length === 1 && b.length === 1 ? b[0] : undefined);
      const at = `${loc} › part ${pa.name}`;
      if (!pb) {
        this.log.breaking("part-removed", at, `part ${show(pa.name)} was removed`);
        continue;
      }
      if (pb.name !== pa.name) {
        this.log.nonBreaking(
          "part-renamed",
          at,
          `part ${show(pa.name)} → ${show(pb.name)}: document/literal part names are not on the wire`,
        );
      }
      this.comparePart(at, pa, pb, dirs);
    }
    for (const pb of b) {
      if (a.some((p) => p.name === pb.name) || (a.length === 1 && b.length === 1)) continue;
      this.log.add(
        "part-added",
        `${loc} › part ${pb.name}`,
        BREAKING_IN_REQUEST,
        dirs,
        `new body part ${show(pb.name)}`,
      );
    }
  }

  private comparePart(at: string, a: Part, b: Part, dirs: Directions): void {
    this.compareDocumentation(at, a.documentation, b.documentation);
    if (a.element || b.element) {
      const ka = a.element ? defKey("element", this.mapNs(a.element.ns), a.element.local) : undefined;
      const kb = b.element ? defKey("element", b.element.ns, b.element.local) : undefined;
      if (ka !== kb) {
        this.log.breaking(
          "element-changed",
          at,
          `element ${show(a.element?.raw ?? a.typeAttr)} → ${show(b.element?.raw ?? b.typeAttr)}: a different element on the wire`,
        );
        const da = a.element && this.a.wsdl.schema.element(a.element);
        const db = b.element && this.b.wsdl.schema.element(b.element);
        if (da && db) this.compareElementDef(at, da, db, dirs);
      }
    }
    if (a.type || b.type) {
      const ta = a.type ? this.typeRefOf(this.a, a.type) : unresolved(a.elementAttr ?? "");
      const tb = b.type ? this.typeRefOf(this.b, b.type) : unresolved(b.elementAttr ?? "");
      this.compareTypeRef(`${at} › type`, ta, tb, dirs);
    }
    if (a.rule || b.rule) {
      if (!a.rule) {
        this.log.add(
          "rule-added",
          `${at} › x:rule`,
          BREAKING_IN_REQUEST,
          dirs,
          `validation rule ${show(b.rule?.raw)} now applies`,
        );
      } else if (!b.rule) {
        this.log.add(
          "rule-removed",
          `${at} › x:rule`,
          BREAKING_IN_RESPONSE,
          dirs,
          `validation rule ${show(a.rule.raw)} no longer applies`,
        );
      } else {
        const ra = this.typeRefOf(this.a, a.rule);
        const rb = this.typeRefOf(this.b, b.rule);
        this.compareTypeRef(`${at} › x:rule`, ra, rb, dirs);
      }
    }
    const oa = a.optionalAttr === "true";
    const ob = b.optionalAttr === "true";
    if (oa && !ob) {
      this.log.add(
        "part-became-required",
        `${at} › x:optional`,
        BREAKING_IN_REQUEST,
        dirs,
        "the part was optional and is now required: callers that omit it are rejected",
      );
    } else if (!oa && ob) {
      this.log.add(
        "part-became-optional",
        `${at} › x:optional`,
        BREAKING_IN_RESPONSE,
        dirs,
        "the part was required and is now optional: readers may get an empty value",
      );
    }
  }

  private compareHeaders(
    loc: string,
    a: BindingMessage | undefined,
    b: BindingMessage | undefined,
    dirs: Directions,
  ): void {
    const key = (s: Side, h: BindingMessage["headers"][number], mapped: boolean): string => {
      const m = this.message(s, h.message?.local);
      const part = m?.parts.find((p) => p.name === h.part);
      if (part?.element)
        return defKey("element", mapped ? this.mapNs(part.element.ns) : part.element.ns, part.element.local);
      return `${h.message?.local ?? ""}/${h.part ?? ""}`;
    };
    const ha = new Map((a?.headers ?? []).map((h) => [key(this.a, h, true), h]));
    const hb = new Map((b?.headers ?? []).map((h) => [key(this.b, h, false), h]));
    for (const [k, h] of ha) {
      const at = `${loc} › header ${h.part ?? k}`;
      const other = hb.get(k);
      if (!other) {
        this.log.breaking("header-removed", at, "the SOAP header was removed or replaced by another element");
        continue;
      }
      if (h.use !== other.use)
        this.log.breaking(
          "use-changed",
          `${at} › use`,
          `soap:header use ${show(h.use)} → ${show(other.use)}`,
        );
      if (h.namespace !== other.namespace) {
        this.log.breaking(
          "namespace-changed",
          `${at} › namespace`,
          `soap:header namespace ${show(h.namespace)} → ${show(other.namespace)}`,
        );
      }
    }
    for (const [k, h] of hb) {
      if (!ha.has(k)) {
        this.log.add(
          "header-added",
          `${loc} › header ${h.part ?? k}`,
          BREAKING_IN_REQUEST,
          dirs,
          "a new SOAP header: calls without it may be rejected",
        );
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- globals

  private typeRefOf(s: Side, name: QNameRef): TypeRef {
    return s.wsdl.schema.typeRef(name, name.raw);
  }

  private compareGlobals(): void {
    const keysA = new Map<string, string>();
    for (const key of this.a.index.defs.keys()) keysA.set(this.mapKey(key), key);
    const keysB = [...this.b.index.defs.keys()];
    for (const [mapped, original] of [...keysA].sort(([x], [y]) => compareText(x, y))) {
      const def = this.a.index.defs.get(original)!;
      const label = `${def.kind === "type" ? "type" : "element"} ${this.a.index.displayKey(original)}`;
      if (!keysB.includes(mapped)) {
        this.log.breaking(
          `${def.kind}-removed`,
          label,
          `the global ${def.kind} was removed: references to it and the types generated from it break`,
        );
        continue;
      }
      const da = this.a.index.definition(original);
      const db = this.b.index.definition(mapped);
      const at = `${def.kind === "type" ? "type" : "element"} ${this.b.index.displayKey(mapped)}`;
      const dirs = this.dirsOf(mapped);
      if (da?.kind === "element" && db?.kind === "element") this.compareElementDef(at, da, db, dirs);
      else if (da && db && da.kind !== "element" && db.kind !== "element")
        this.compareTypeDef(at, da, db, dirs);
    }
    for (const key of keysB.sort()) {
      if ([...keysA.keys()].includes(key)) continue;
      const def = this.b.index.defs.get(key)!;
      this.log.nonBreaking(
        `${def.kind}-added`,
        `${def.kind} ${this.b.index.displayKey(key)}`,
        `a new global ${def.kind}`,
      );
    }
  }

  private compareElementDef(at: string, a: ElementDecl, b: ElementDecl, dirs: Directions): void {
    this.compareDocumentation(at, a.documentation, b.documentation);
    if (a.nillable !== b.nillable) this.nillable(at, a.nillable, b.nillable, dirs);
    if (a.abstract !== b.abstract)
      this.log.breaking("abstract-changed", at, `abstract ${a.abstract} → ${b.abstract}`);
    if (a.substitutionGroup !== b.substitutionGroup) {
      this.log.breaking(
        "substitution-group-changed",
        at,
        `substitutionGroup ${show(a.substitutionGroup)} → ${show(b.substitutionGroup)}`,
      );
    }
    this.compareTypeRef(at, a.type, b.type, dirs);
  }

  // ---------------------------------------------------------------------------------------------- types

  private refLabel(s: Side, ref: TypeRef): string {
    switch (ref.kind) {
      case "builtin":
        return `xsd:${ref.name.local}`;
      case "named":
        return s.index.displayKey(typeKeyOf(ref)!);
      case "anonymous":
        return "(anonymous type)";
      default:
        return ref.raw;
    }
  }

  private compareTypeRef(at: string, a: TypeRef, b: TypeRef, dirs: Directions): void {
    if (a.kind === "named" && b.kind === "named" && this.mapKey(typeKeyOf(a)!) === typeKeyOf(b)) return; // compared once, globally
    if (a.kind === "builtin" && b.kind === "builtin") {
      this.compareBuiltins(at, a.name.local, b.name.local, dirs);
      return;
    }
    const la = this.refLabel(this.a, a);
    const lb = this.refLabel(this.b, b);
    if (a.kind !== "anonymous" || b.kind !== "anonymous") {
      if (la !== lb) {
        this.log.nonBreaking(
          "type-reference-changed",
          at,
          `type ${la} → ${lb}; what that changes for the values is listed separately`,
        );
      }
    }
    const pair = `${at}|${la}|${lb}`;
    if (this.seenPairs.has(pair)) return;
    this.seenPairs.add(pair);
    const da = this.a.wsdl.schema.resolve(a);
    const db = this.b.wsdl.schema.resolve(b);
    if (!da || !db) {
      if (la !== lb)
        this.log.breaking("type-changed", at, `type ${la} → ${lb} (one of them does not resolve)`);
      return;
    }
    this.compareTypeDef(at, da, db, dirs);
  }

  private compareBuiltins(at: string, a: string, b: string, dirs: Directions): void {
    if (a === b) return;
    if (builtinDerivesFrom(b, a)) {
      this.log.breaking(
        "type-narrowed",
        at,
        `xsd:${a} → xsd:${b}: a narrower type rejects values that were valid`,
      );
    } else if (builtinDerivesFrom(a, b)) {
      this.log.add(
        "type-widened",
        at,
        BREAKING_IN_RESPONSE,
        dirs,
        `xsd:${a} → xsd:${b}: a wider type; readers may get values they cannot hold`,
      );
    } else {
      this.log.breaking("type-changed", at, `xsd:${a} → xsd:${b}: unrelated types`);
    }
  }

  private compareTypeDef(at: string, a: TypeDef, b: TypeDef, dirs: Directions): void {
    if (a.kind !== b.kind) {
      this.log.breaking("type-changed", at, `a ${a.kind} type became a ${b.kind} type`);
      return;
    }
    this.compareDocumentation(at, a.documentation, b.documentation);
    if (a.kind === "simple" && b.kind === "simple") this.compareSimple(at, a, b, dirs);
    else if (a.kind === "complex" && b.kind === "complex") this.compareComplex(at, a, b, dirs);
  }

  private flatten(s: Side, def: SimpleDef, depth = 0): FlatSimple {
    const base = def.base;
    const facets = xsdFacetSet(def.facets);
    if (def.variety !== "atomic" || !base || depth > 20) {
      return { variety: def.variety, primitive: undefined, facets, def };
    }
    if (base.kind === "builtin") return { variety: "atomic", primitive: base.name.local, facets, def };
    const parent = s.wsdl.schema.resolve(base);
    if (parent?.kind !== "simple") return { variety: "atomic", primitive: undefined, facets, def };
    const up = this.flatten(s, parent, depth + 1);
    return {
      variety: up.variety,
      primitive: up.primitive,
      facets: mergeFacets(up.facets, facets),
      def: up.variety === "atomic" ? def : up.def,
    };
  }

  private compareSimple(at: string, a: SimpleDef, b: SimpleDef, dirs: Directions): void {
    const fa = this.flatten(this.a, a);
    const fb = this.flatten(this.b, b);
    if (fa.variety !== fb.variety) {
      this.log.breaking("type-changed", at, `${fa.variety} simple type became a ${fb.variety} simple type`);
      return;
    }
    if (fa.variety === "atomic") {
      if (fa.primitive && fb.primitive) this.compareBuiltins(at, fa.primitive, fb.primitive, dirs);
      compareFacets(this.log, at, dirs, fa.facets, fb.facets);
      return;
    }
    if (fa.variety === "list") {
      if (fa.def.itemType && fb.def.itemType)
        this.compareTypeRef(`${at} › item`, fa.def.itemType, fb.def.itemType, dirs);
      compareFacets(this.log, at, dirs, fa.facets, fb.facets);
      return;
    }
    const ma = fa.def.memberTypes;
    const mb = fb.def.memberTypes;
    for (let i = 0; i < Math.min(ma.length, mb.length); i++)
      this.compareTypeRef(`${at} › member ${i + 1}`, ma[i]!, mb[i]!, dirs);
    if (mb.length < ma.length)
      this.log.breaking(
        "type-narrowed",
        at,
        `union members ${ma.length} → ${mb.length}: fewer values are valid`,
      );
    if (mb.length > ma.length) {
      this.log.add(
        "type-widened",
        at,
        BREAKING_IN_RESPONSE,
        dirs,
        `union members ${ma.length} → ${mb.length}: more values are valid`,
      );
    }
  }

  private compareComplex(at: string, a: ComplexDef, b: ComplexDef, dirs: Directions): void {
    if (a.mixed !== b.mixed) this.log.breaking("mixed-changed", at, `mixed ${a.mixed} → ${b.mixed}`);
    if (a.simpleContent !== b.simpleContent) {
      this.log.breaking(
        "content-changed",
        at,
        `${a.simpleContent ? "simple" : "complex"} content → ${b.simpleContent ? "simple" : "complex"} content`,
      );
    }
    if (a.derivation !== b.derivation) {
      this.log.breaking("derivation-changed", at, `derivation ${show(a.derivation)} → ${show(b.derivation)}`);
    }
    if (a.base && b.base) this.compareTypeRef(`${at} › base`, a.base, b.base, dirs);
    else if (a.base || b.base) {
      this.log.breaking(
        "base-type-changed",
        `${at} › base`,
        `base ${a.base ? this.refLabel(this.a, a.base) : "(none)"} → ${b.base ? this.refLabel(this.b, b.base) : "(none)"}`,
      );
    }
    compareFacets(this.log, at, dirs, xsdFacetSet(a.facets), xsdFacetSet(b.facets));
    this.compareParticle(at, a.particle, b.particle, dirs);
    this.compareAttributes(at, a.attributes, b.attributes, dirs);
    if (a.anyAttribute !== b.anyAttribute) {
      this.log.add(
        "any-attribute-changed",
        at,
        a.anyAttribute ? BREAKING_IN_REQUEST : NON_BREAKING,
        dirs,
        `anyAttribute ${a.anyAttribute ? "removed" : "added"}`,
      );
    }
  }

  private compareParticle(at: string, a: Group | undefined, b: Group | undefined, dirs: Directions): void {
    if (!a && !b) return;
    const pa: Group = a ?? { kind: "sequence", minOccurs: 1, maxOccurs: 1, terms: [] };
    const pb: Group = b ?? { kind: "sequence", minOccurs: 1, maxOccurs: 1, terms: [] };
    if (a && b && pa.kind !== pb.kind) {
      this.log.breaking(
        "compositor-changed",
        at,
        `xsd:${pa.kind} → xsd:${pb.kind}: a different content model`,
      );
    }
    if (a && b) this.compareOccurs(`${at} › ${pb.kind}`, pa, pb, dirs, pb.kind === "choice");

    const elementsA = pa.terms.filter((t): t is ElementDecl => t.kind === "element");
    const elementsB = pb.terms.filter((t): t is ElementDecl => t.kind === "element");
    const namesA = elementsA.map((e) => e.name);
    const namesB = elementsB.map((e) => e.name);
    const choice = pb.kind === "choice";
    const renamed = new Map<string, string>();
    for (let i = 0; i < Math.min(elementsA.length, elementsB.length); i++) {
      const ea = elementsA[i]!;
      const eb = elementsB[i]!;
      if (
        ea.name !== eb.name &&
        !namesB.includes(ea.name) &&
        !namesA.includes(eb.name) &&
        ea.minOccurs === eb.minOccurs &&
        ea.maxOccurs === eb.maxOccurs &&
        this.sameTypeRef(ea.type, eb.type)
      ) {
        renamed.set(ea.name, eb.name);
        this.log.breaking(
          "field-renamed",
          `${at} › ${ea.name}`,
          `element ${show(ea.name)} → ${show(eb.name)}: a different element name on the wire`,
        );
      }
    }
    for (const ea of elementsA) {
      if (namesB.includes(ea.name) || renamed.has(ea.name)) continue;
      this.log.breaking(
        choice ? "choice-member-removed" : "field-removed",
        `${at} › ${ea.name}`,
        choice
          ? `choice alternative ${show(ea.name)} was removed: messages using it are rejected`
          : `element ${show(ea.name)} was removed: senders of it are rejected, readers of it get nothing`,
      );
    }
    const requiredHere = pb.minOccurs >= 1;
    for (const eb of elementsB) {
      if (namesA.includes(eb.name) || [...renamed.values()].includes(eb.name)) continue;
      const loc = `${at} › ${eb.name}`;
      if (choice) {
        this.log.add(
          "choice-member-added",
          loc,
          BREAKING_IN_RESPONSE,
          dirs,
          `new choice alternative ${show(eb.name)}: readers may receive a shape they do not know`,
        );
      } else if (eb.minOccurs >= 1 && requiredHere) {
        this.log.add(
          "field-added-required",
          loc,
          BREAKING_IN_REQUEST,
          dirs,
          `new required element ${show(eb.name)} (minOccurs ${eb.minOccurs}): messages without it are rejected`,
        );
      } else {
        this.log.nonBreaking(
          "field-added-optional",
          loc,
          `new optional element ${show(eb.name)} (minOccurs 0)`,
        );
      }
    }
    if (pb.kind === "sequence" && (pa.kind === "sequence" || !a)) {
      const commonA = namesA.map((n) => renamed.get(n) ?? n).filter((n) => namesB.includes(n));
      const commonB = namesB.filter((n) => commonA.includes(n));
      if (commonA.join("\u0000") !== commonB.join("\u0000")) {
        this.log.breaking(
          "member-order-changed",
          `${at} › sequence`,
          `element order ${commonA.join(", ")} → ${commonB.join(", ")}: xsd:sequence order is validated`,
        );
      }
    }
    for (const ea of elementsA) {
      const eb = elementsB.find((e) => e.name === (renamed.get(ea.name) ?? ea.name));
      if (eb) this.compareElementDecl(`${at} › ${eb.name}`, ea, eb, dirs, choice);
    }

    const nestedA = pa.terms.filter(
      (t): t is Particle => t.kind === "sequence" || t.kind === "choice" || t.kind === "all",
    );
    const nestedB = pb.terms.filter(
      (t): t is Particle => t.kind === "sequence" || t.kind === "choice" || t.kind === "all",
    );
    for (let i = 0; i < Math.max(nestedA.length, nestedB.length); i++) {
      const na = nestedA[i];
      const nb = nestedB[i];
      const loc = `${at} › ${(nb ?? na)!.kind}[${i + 1}]`;
      if (na && nb) this.compareParticle(loc, na, nb, dirs);
      else if (na) this.log.breaking("group-removed", loc, "a nested model group was removed");
      else if (nb) {
        this.log.add(
          "group-added",
          loc,
          nb.minOccurs >= 1 ? BREAKING_IN_REQUEST : NON_BREAKING,
          dirs,
          "a nested model group was added",
        );
      }
    }
    const anyA = pa.terms.filter((t) => t.kind === "any").length;
    const anyB = pb.terms.filter((t) => t.kind === "any").length;
    if (anyA !== anyB) {
      this.log.add(
        "wildcard-changed",
        at,
        anyB < anyA ? BREAKING_IN_REQUEST : NON_BREAKING,
        dirs,
        `xsd:any wildcards ${anyA} → ${anyB}`,
      );
    }
  }

  private compareOccurs(
    at: string,
    occursA: { minOccurs: number; maxOccurs: number },
    occursB: { minOccurs: number; maxOccurs: number },
    dirs: Directions,
    inChoice: boolean,
  ): void {
    const a = { min: occursA.minOccurs, max: occursA.maxOccurs };
    const b = { min: occursB.minOccurs, max: occursB.maxOccurs };
    if (a.min !== b.min) {
      if (a.min === 0 && b.min >= 1 && !inChoice) {
        this.log.add(
          "field-became-required",
          at,
          BREAKING_IN_REQUEST,
          dirs,
          `minOccurs 0 → ${b.min}: messages without it are rejected`,
        );
      } else if (a.min >= 1 && b.min === 0 && !inChoice) {
        this.log.add(
          "field-became-optional",
          at,
          BREAKING_IN_RESPONSE,
          dirs,
          `minOccurs ${a.min} → 0: readers may not get it`,
        );
      } else if (b.min > a.min) {
        this.log.add(
          "minOccurs-increased",
          at,
          BREAKING_IN_REQUEST,
          dirs,
          `minOccurs ${a.min} → ${b.min}: fewer occurrences are rejected`,
        );
      } else {
        this.log.add(
          "minOccurs-decreased",
          at,
          BREAKING_IN_RESPONSE,
          dirs,
          `minOccurs ${a.min} → ${b.min}: fewer occurrences are accepted`,
        );
      }
    }
    if (a.max !== b.max) {
      const fmt = (n: number): string => (Number.isFinite(n) ? String(n) : "unbounded");
      const values = `maxOccurs ${fmt(a.max)} → ${fmt(b.max)}`;
      if (a.max <= 1 !== b.max <= 1) {
        this.log.breaking(
          "cardinality-changed",
          at,
          `${values}: a single value became a list or the reverse (the generated type changes shape)`,
        );
      } else if (b.max < a.max) {
        this.log.breaking(
          "maxOccurs-narrowed",
          at,
          `${values}: more occurrences than the new limit are rejected`,
        );
      } else {
        this.log.nonBreaking("maxOccurs-widened", at, `${values}: every count accepted before still is`);
      }
    }
  }

  private nillable(at: string, a: boolean, b: boolean, dirs: Directions): void {
    if (!a && b)
      this.log.add(
        "nillable-added",
        at,
        BREAKING_IN_RESPONSE,
        dirs,
        "nillable false → true: readers may get xsi:nil",
      );
    else if (a && !b)
      this.log.add(
        "nillable-removed",
        at,
        BREAKING_IN_REQUEST,
        dirs,
        "nillable true → false: xsi:nil is rejected",
      );
  }

  private sameTypeRef(a: TypeRef, b: TypeRef): boolean {
    if (a.kind !== b.kind) return false;
    if (a.kind === "builtin" && b.kind === "builtin") return a.name.local === b.name.local;
    if (a.kind === "named" && b.kind === "named") return this.mapKey(typeKeyOf(a)!) === typeKeyOf(b);
    if (a.kind === "anonymous" && b.kind === "anonymous")
      return typeSignature(a.type) === typeSignature(b.type);
    return false;
  }

  private compareElementDecl(
    at: string,
    a: ElementDecl,
    b: ElementDecl,
    dirs: Directions,
    inChoice: boolean,
  ): void {
    this.compareDocumentation(at, a.documentation, b.documentation);
    this.compareOccurs(at, a, b, dirs, inChoice);
    if (a.nillable !== b.nillable) this.nillable(at, a.nillable, b.nillable, dirs);
    if (a.fixed !== b.fixed)
      this.log.breaking("fixed-changed", at, `fixed ${show(a.fixed)} → ${show(b.fixed)}`);
    if (a.default !== b.default)
      this.log.nonBreaking("default-changed", at, `default ${show(a.default)} → ${show(b.default)}`);
    const refA = this.a.index.refKey(a);
    const refB = this.b.index.refKey(b);
    if (refA !== undefined && refB !== undefined && this.mapKey(refA) === refB) return; // the global element is compared once
    this.compareTypeRef(at, a.type, b.type, dirs);
  }

  private compareAttributes(
    at: string,
    a: readonly AttributeDecl[],
    b: readonly AttributeDecl[],
    dirs: Directions,
  ): void {
    for (const xa of a) {
      const xb = b.find((x) => x.name === xa.name);
      const loc = `${at} › @${xa.name}`;
      if (!xb) {
        this.log.breaking("attribute-removed", loc, `attribute ${show(xa.name)} was removed`);
        continue;
      }
      if (xa.use !== xb.use) {
        const rule =
          xb.use === "required"
            ? BREAKING_IN_REQUEST
            : xa.use === "required"
              ? BREAKING_IN_RESPONSE
              : BREAKING;
        this.log.add("attribute-use-changed", loc, rule, dirs, `use ${show(xa.use)} → ${show(xb.use)}`);
      }
      if (xa.fixed !== xb.fixed)
        this.log.breaking("fixed-changed", loc, `fixed ${show(xa.fixed)} → ${show(xb.fixed)}`);
      this.compareTypeRef(loc, xa.type, xb.type, dirs);
    }
    for (const xb of b) {
      if (a.some((x) => x.name === xb.name)) continue;
      const loc = `${at} › @${xb.name}`;
      if (xb.use === "required")
        this.log.add(
          "attribute-added-required",
          loc,
          BREAKING_IN_REQUEST,
          dirs,
          `new required attribute ${show(xb.name)}`,
        );
      else this.log.nonBreaking("attribute-added-optional", loc, `new optional attribute ${show(xb.name)}`);
    }
  }

  // ---------------------------------------------------------------------------------------------- services

  private compareServices(): void {
    const sa = this.a.wsdl.services;
    const sb = this.b.wsdl.services;
    for (const s of sa) {
      const other =
        sb.find((x) => x.name === s.name) ?? (sa.length === 1 && sb.length === 1 ? sb[0] : undefined);
      const at = `service ${s.name}`;
      if (!other) {
        this.log.breaking("service-removed", at, "the service was removed");
        continue;
      }
      this.compareDocumentation(at, s.documentation, other.documentation);
      for (const p of s.ports) {
        const q =
          other.ports.find((x) => x.name === p.name) ??
          (s.ports.length === 1 && other.ports.length === 1 ? other.ports[0] : undefined);
        const loc = `${at} › port ${p.name}`;
        if (!q) {
          this.log.breaking("port-removed", loc, "the port was removed");
          continue;
        }
        if (p.address !== q.address) {
          this.log.nonBreaking(
            "address-changed",
            `${loc} › soap:address`,
            `location ${show(p.address)} → ${show(q.address)} (clients keep the endpoint configurable)`,
          );
        }
        const endpointsP = endpointsOf(p.endpoints);
        const endpointsQ = endpointsOf(q.endpoints);
        for (const e of endpointsP) {
          const f = endpointsQ.find((x) => x.environment === e.environment);
          const eloc = `${loc} › x:endpoint ${e.environment}`;
          if (!f)
            this.log.breaking(
              "endpoint-removed",
              eloc,
              `environment ${show(e.environment)} was removed: clients configured with it break`,
            );
          else if (f.location !== e.location) {
            this.log.nonBreaking(
              "endpoint-location-changed",
              eloc,
              `location ${show(e.location)} → ${show(f.location)}`,
            );
          }
        }
        for (const f of endpointsQ) {
          if (!endpointsP.some((e) => e.environment === f.environment)) {
            this.log.nonBreaking(
              "endpoint-added",
              `${loc} › x:endpoint ${f.environment}`,
              `new environment ${show(f.environment)}`,
            );
          }
        }
      }
      for (const q of other.ports) {
        if (!s.ports.some((p) => p.name === q.name) && !(s.ports.length === 1 && other.ports.length === 1)) {
          this.log.nonBreaking("port-added", `${at} › port ${q.name}`, "a new port");
        }
      }
    }
    for (const s of sb) {
      if (!sa.some((x) => x.name === s.name) && !(sa.length === 1 && sb.length === 1)) {
        this.log.nonBreaking("service-added", `service ${s.name}`, "a new service");
      }
    }
  }
}

interface FlatSimple {
  readonly variety: SimpleDef["variety"];
  readonly primitive: string | undefined;
  readonly facets: FacetSet;
  readonly def: SimpleDef;
}

const UPPER = new Set(["maxLength", "maxInclusive", "maxExclusive", "totalDigits", "fractionDigits"]);
const LOWER = new Set(["minLength", "minInclusive", "minExclusive"]);

/** The facets in effect after a restriction step: bounds tighten, patterns accumulate (each step is ANDed). */
function mergeFacets(parent: FacetSet, child: FacetSet): FacetSet {
  const limits: Record<string, number> = { ...parent.limits };
  for (const [name, value] of Object.entries(child.limits)) {
    const p = limits[name];
    if (p === undefined) limits[name] = value;
    else if (UPPER.has(name)) limits[name] = Math.min(p, value);
    else if (LOWER.has(name)) limits[name] = Math.max(p, value);
    else limits[name] = value;
  }
  return {
    limits,
    patterns: [...parent.patterns, ...child.patterns],
    enumeration: child.enumeration ?? parent.enumeration,
    other: { ...parent.other, ...child.other },
  };
}

function bodyParts(message: Message | undefined, bm: BindingMessage | undefined): NamedPart[] {
  const names = bm?.body?.parts?.split(/\s+/).filter(Boolean);
  return (message?.parts ?? [])
    .map((p) => ({ ...p, name: p.name ?? "" }))
    .filter((p) => !names || names.includes(p.name));
}

function endpointsOf(
  endpoints: readonly { environment: string | undefined; location: string | undefined }[],
): { environment: string; location: string }[] {
  return endpoints.map((e) => ({ environment: e.environment ?? "", location: e.location ?? "" }));
}

function unresolved(raw: string): TypeRef {
  return { kind: "unresolved", raw, name: undefined };
}
