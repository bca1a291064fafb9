/**
 * Breaking-change detection between two versions of a WSDL 1.1 contract: the definitions walker.
 *
 * - Operations are matched by name; binding facts (SOAPAction, style, use, namespace, encodingStyle) compared.
 * - rpc operations: the "fields" are the message parts, in order (positional binding), with x:rule and
 *   x:optional; document/literal operations: the element content models reachable from the body, header
 *   and fault elements (message-diff.ts).
 * - Named schema types and global elements are compared once each, under the rules of the directions they are
 *   used in (request, response, or both); an operation only descends into anonymous or re-pointed types
 *   (xsd-diff.ts, content-diff.ts).
 * - Result codes (x:resultCodes), endpoints (x:endpoint) and documentation are compared as data.
 * - The classification of each kind of change is the gate's policy (diff/policy.ts).
 */
import { loadWsdl, type Message, type WsdlModel } from "@integrations/contract-model";
import { type Change, ChangeLog, compareDocumentation, show } from "../diff/change.js";
import { BOTH, BREAKING, BREAKING_IN_RESPONSE, type Direction, REQUEST, RESPONSE } from "../diff/policy.js";
import { Usage } from "../diff/usage.js";
import { defKey, typeKeyOf } from "./globals.js";
import { bodyParts, compareBody, compareDocParts, compareHeaders, compareRpcParts } from "./message-diff.js";
import { codesOf, compareCodeLists } from "./result-codes-diff.js";
import { compareServices } from "./service-diff.js";
import { messageOf, NamespaceMap, type OperationView, type Side, side } from "./side.js";
import { XsdDiff } from "./xsd-diff.js";

/** Compares two WSDL texts; the changes, classified. */
export function diffWsdl(oldText: string, newText: string): Change[] {
  return new WsdlDiff(loadWsdl(oldText), loadWsdl(newText)).run();
}

export class WsdlDiff {
  private readonly log = new ChangeLog();
  private readonly a: Side;
  private readonly b: Side;
  private readonly names = new NamespaceMap();
  private readonly usage = new Usage();
  private readonly xsd: XsdDiff;

  constructor(a: WsdlModel, b: WsdlModel) {
    this.a = side(a);
    this.b = side(b);
    this.xsd = new XsdDiff(this.log, this.a, this.b, this.names, this.usage);
  }

  run(): Change[] {
    this.compareNamespaces();
    this.markUsage(this.a, true);
    this.markUsage(this.b, false);
    compareDocumentation(this.log, "wsdl:definitions", this.a.wsdl.documentation, this.b.wsdl.documentation);
    this.compareGeneralCodes();
    this.compareOperations();
    this.xsd.compareGlobals();
    compareServices(this.log, this.a.wsdl, this.b.wsdl);
    return this.log.changes;
  }

  private compareNamespaces(): void {
    const ta = this.a.wsdl.targetNamespace;
    const tb = this.b.wsdl.targetNamespace;
    if (ta !== tb) {
      this.log.record(
        "namespace-changed",
        "wsdl:definitions › targetNamespace",
        BOTH,
        `targetNamespace ${show(ta)} → ${show(tb)}: every qualified name on the wire changes`,
      );
      if (ta !== undefined && tb !== undefined) this.names.rename(ta, tb);
    }
    const sa = this.a.wsdl.schema.schemas;
    const sb = this.b.wsdl.schema.schemas;
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
      const na = sa[i]!.targetNamespace;
      const nb = sb[i]!.targetNamespace;
      if (na === nb) continue;
      this.log.record(
        "namespace-changed",
        `wsdl:types › schema ${i + 1} › targetNamespace`,
        BOTH,
        `schema targetNamespace ${show(na)} → ${show(nb)}: the elements and types it defines change their qualified names`,
      );
      if (na !== undefined && nb !== undefined) this.names.rename(na, nb);
    }
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
      const fa = sa[i]!.elementFormDefault;
      const fb = sb[i]!.elementFormDefault;
      if (fa !== fb) {
        this.log.record(
          "element-form-changed",
          `wsdl:types › schema ${i + 1} › elementFormDefault`,
          BOTH,
          `elementFormDefault ${show(fa)} → ${show(fb)}: local elements change between qualified and unqualified on the wire`,
        );
      }
    }
  }

  /** The directions of the definitions each operation's messages reach (the old side under new namespaces). */
  private markUsage(s: Side, old: boolean): void {
    const roots: [string, Direction][] = [];
    const parts = (message: Message | undefined, dir: Direction, only?: string): void => {
      for (const p of message?.parts ?? []) {
        if (only !== undefined && p.name !== only) continue;
        if (p.element) roots.push([defKey("element", p.element.ns, p.element.local), dir]);
        for (const q of [p.type, p.rule]) {
          const key = q && typeKeyOf(s.wsdl.schema.typeRef(q, q.raw));
          if (key) roots.push([key, dir]);
        }
      }
    };
    for (const view of s.ops.values()) {
      parts(messageOf(s, view.op.input?.message?.local), "request");
      parts(messageOf(s, view.op.output?.message?.local), "response");
      for (const f of view.op.faults) parts(messageOf(s, f.message?.local), "response");
      for (const [bm, dir] of [
        [view.bop?.input, "request"],
        [view.bop?.output, "response"],
      ] as const) {
        for (const h of bm?.headers ?? []) parts(messageOf(s, h.message?.local), dir, h.part ?? "");
      }
    }
    const references = (key: string) => {
      const def = s.index.definition(key);
      return def ? s.index.references(def) : [];
    };
    this.usage.mark(roots, references, old ? (key) => this.names.key(key) : undefined);
  }

  private compareGeneralCodes(): void {
    const opsB = [...this.b.ops.values()];
    compareCodeLists(
      this.log,
      "general result codes (every operation)",
      codesOf(this.a.wsdl.resultCodes),
      codesOf(this.b.wsdl.resultCodes),
      (code) =>
        opsB.length > 0 &&
        opsB.every((v) => codesOf(v.op.resultCodes.slice(0, 1)).some((c) => c.code === code)),
    );
  }

  private compareOperations(): void {
    for (const [key, va] of this.a.ops) {
      const vb = this.b.ops.get(key);
      if (vb) this.compareOperation(`operation ${key}`, va, vb);
      else {
        this.log.record(
          "operation-removed",
          `operation ${key}`,
          BOTH,
          "the operation was removed: callers of it break",
        );
      }
    }
    for (const key of this.b.ops.keys()) {
      if (!this.a.ops.has(key)) {
        this.log.record(
          "operation-added",
          `operation ${key}`,
          BOTH,
          "a new operation; existing calls are unaffected",
        );
      }
    }
    const portTypeDocs = (s: Side) => s.wsdl.portTypes.map((p) => p.documentation ?? "").join(" ");
    compareDocumentation(this.log, "wsdl:portType", portTypeDocs(this.a), portTypeDocs(this.b));
  }

  private compareOperation(at: string, a: OperationView, b: OperationView): void {
    const { log } = this;
    compareDocumentation(log, at, a.op.documentation, b.op.documentation);
    if (a.style !== b.style) {
      log.record(
        "style-changed",
        `${at} › style`,
        BOTH,
        `style ${show(a.style)} → ${show(b.style)}: the body layout on the wire changes`,
      );
    }
    if (a.bop?.soapAction !== b.bop?.soapAction) {
      log.record(
        "soap-action-changed",
        `${at} › soapAction`,
        BOTH,
        `SOAPAction ${show(a.bop?.soapAction)} → ${show(b.bop?.soapAction)}: servers that dispatch on it route the call elsewhere`,
      );
    }
    if (a.binding?.transport !== b.binding?.transport) {
      log.record(
        "transport-changed",
        `${at} › transport`,
        BOTH,
        `transport ${show(a.binding?.transport)} → ${show(b.binding?.transport)}`,
      );
    }
    if (a.binding?.soapVersion !== b.binding?.soapVersion) {
      log.record(
        "soap-version-changed",
        `${at} › SOAP version`,
        BOTH,
        `SOAP ${show(a.binding?.soapVersion)} → ${show(b.binding?.soapVersion)}: a different envelope`,
      );
    }
    const generalB = codesOf(this.b.wsdl.resultCodes);
    compareCodeLists(
      this.log,
      `${at} › result codes`,
      codesOf(a.op.resultCodes.slice(0, 1)),
      codesOf(b.op.resultCodes.slice(0, 1)),
      (code) => generalB.some((c) => c.code === code),
    );

    for (const [role, dirs] of [
      ["input", REQUEST],
      ["output", RESPONSE],
    ] as const) {
      const ra = a.op[role];
      const rb = b.op[role];
      const loc = `${at} › ${role}`;
      if (ra && !rb) {
        log.record(`${role}-removed`, loc, dirs, `the operation no longer has an ${role} message`);
      } else if (!ra && rb) {
        // A new input changes every call; a new output is something to read.
        log.add(
          `${role}-added`,
          loc,
          role === "input" ? BREAKING : BREAKING_IN_RESPONSE,
          dirs,
          `the operation now has an ${role} message`,
        );
      } else if (ra && rb) {
        const ba = a.bop?.[role];
        const bb = b.bop?.[role];
        compareBody(this.xsd, loc, ba, bb);
        const partsA = bodyParts(messageOf(this.a, ra.message?.local), ba);
        const partsB = bodyParts(messageOf(this.b, rb.message?.local), bb);
        if (b.style === "rpc") compareRpcParts(this.xsd, loc, partsA, partsB, dirs);
        else compareDocParts(this.xsd, loc, partsA, partsB, dirs);
        compareHeaders(this.xsd, loc, ba, bb, dirs);
      }
    }

    for (const fa of a.op.faults) {
      const fb = b.op.faults.find((f) => f.name === fa.name);
      const loc = `${at} › fault ${fa.name ?? ""}`;
      if (!fb) {
        log.record("fault-removed", loc, BOTH, "the fault was removed: callers handling it break");
        continue;
      }
      const ma = messageOf(this.a, fa.message?.local);
      const mb = messageOf(this.b, fb.message?.local);
      compareDocParts(this.xsd, loc, bodyParts(ma, undefined), bodyParts(mb, undefined), RESPONSE);
      const bfa = a.bop?.faults.find((f) => f.name === fa.name);
      const bfb = b.bop?.faults.find((f) => f.name === fa.name);
      if (bfa?.use !== bfb?.use)
        log.record("use-changed", `${loc} › use`, BOTH, `use ${show(bfa?.use)} → ${show(bfb?.use)}`);
      if (bfa?.namespace !== bfb?.namespace) {
        log.record(
          "namespace-changed",
          `${loc} › namespace`,
          BOTH,
          `namespace ${show(bfa?.namespace)} → ${show(bfb?.namespace)}`,
        );
      }
    }
    for (const fb of b.op.faults) {
      if (!a.op.faults.some((f) => f.name === fb.name)) {
        log.record(
          "fault-added",
          `${at} › fault ${fb.name ?? ""}`,
          BOTH,
          "a new fault (clients already treat unknown faults as errors)",
        );
      }
    }
  }
}
