/**
 * The messages of a WSDL operation in the diff: the SOAP body (use, namespace, encodingStyle), its parts —
 * positional rpc parameters, or document/literal elements — and the SOAP headers.
 */
import type { BindingMessage, Message, Part, QNameRef, TypeRef } from "@integrations/contract-model";
import { compareDocumentation, show } from "../diff/change.js";
import { matchMembers, orderChange } from "../diff/members.js";
import { BOTH, type Directions, NON_BREAKING } from "../diff/policy.js";
import { defKey } from "./globals.js";
import { messageOf, type Side } from "./side.js";
import type { XsdDiff } from "./xsd-diff.js";

/** A part whose name is read as "" when it has none. */
export type NamedPart = Part & { readonly name: string };

const qkey = (ns: string | undefined, local: string): string => `{${ns ?? ""}}${local}`;

/** The parts the body carries: all of the message's, or those `soap:body/@parts` names. */
export function bodyParts(message: Message | undefined, bm: BindingMessage | undefined): NamedPart[] {
  const names = bm?.body?.parts?.split(/\s+/).filter(Boolean);
  return (message?.parts ?? [])
    .map((p) => ({ ...p, name: p.name ?? "" }))
    .filter((p) => !names || names.includes(p.name));
}

export function compareBody(
  x: XsdDiff,
  loc: string,
  a: BindingMessage | undefined,
  b: BindingMessage | undefined,
): void {
  const ba = a?.body;
  const bb = b?.body;
  if (ba?.use !== bb?.use) {
    x.log.record(
      "use-changed",
      `${loc} › use`,
      BOTH,
      `soap:body use ${show(ba?.use)} → ${show(bb?.use)}: literal and encoded bodies differ on the wire`,
    );
  }
  if (ba?.namespace !== bb?.namespace) {
    x.log.record(
      "namespace-changed",
      `${loc} › namespace`,
      BOTH,
      `soap:body namespace ${show(ba?.namespace)} → ${show(bb?.namespace)}: the operation element's namespace changes`,
    );
  }
  if (ba?.encodingStyle !== bb?.encodingStyle) {
    x.log.record(
      "encoding-style-changed",
      `${loc} › encodingStyle`,
      BOTH,
      `encodingStyle ${show(ba?.encodingStyle)} → ${show(bb?.encodingStyle)}`,
    );
  }
}

/** rpc: the parts are the fields, in order; positions matter (NuSOAP binds by position). */
export function compareRpcParts(
  x: XsdDiff,
  loc: string,
  a: readonly NamedPart[],
  b: readonly NamedPart[],
  dirs: Directions,
): void {
  const { log, names } = x;
  const wire = (p: Part, map: (ns: string) => string | undefined) =>
    [p.type, p.element, p.rule].map((q) => (q ? qkey(map(q.ns), q.local) : "")).join(" ") +
    (p.optionalAttr === "true" ? " optional" : "");
  const match = matchMembers(a, b, (p) => p.name, {
    by: "position",
    same: (pa, pb) => wire(pa, (ns) => names.ns(ns)) === wire(pb, (ns) => ns),
  });
  [...match.renamed].forEach(([from, to]) => {
    const i = a.findIndex((p) => p.name === from);
    log.record(
      "part-renamed",
      `${loc} › part ${from}`,
      dirs,
      `part ${show(from)} → ${show(to)} at position ${i + 1}: a server that binds parts by name no longer finds it`,
    );
  });
  for (const pa of match.removed) {
    log.record(
      "part-removed",
      `${loc} › part ${pa.name}`,
      dirs,
      `part ${show(pa.name)} was removed: the parts after it shift position`,
    );
  }
  const order = orderChange(
    a.map((p) => p.name),
    b.map((p) => p.name),
    match.renamed,
  );
  if (order) {
    log.record(
      "part-order-changed",
      `${loc} › parts`,
      dirs,
      `part order ${order[0].join(", ")} → ${order[1].join(", ")}: rpc parameters are bound by position`,
    );
  }
  const known = new Set(b.filter((p) => !match.added.includes(p)).map((p) => p.name));
  b.forEach((pb, i) => {
    if (known.has(pb.name)) return;
    const at = `${loc} › part ${pb.name}`;
    const later = b.slice(i + 1).find((p) => known.has(p.name));
    if (later) {
      log.record(
        "part-inserted",
        at,
        dirs,
        `part ${show(pb.name)} was inserted before ${show(later.name)}: every later part shifts position (rpc binds by position)`,
      );
    } else if (pb.optionalAttr === "true") {
      log.record(
        "part-added-optional",
        at,
        dirs,
        `optional part ${show(pb.name)} appended after the existing parts`,
      );
    } else {
      log.record(
        "part-added-required",
        at,
        dirs,
        `new required part ${show(pb.name)}: calls without it are rejected`,
      );
    }
  });
  for (const [pa, pb] of match.common) comparePart(x, `${loc} › part ${pb.name}`, pa, pb, dirs);
}

/** document/literal: parts name global elements; the elements' content models are the fields. */
export function compareDocParts(
  x: XsdDiff,
  loc: string,
  a: readonly NamedPart[],
  b: readonly NamedPart[],
  dirs: Directions,
): void {
  const single = a.length === 1 && b.length === 1;
  for (const pa of a) {
    const pb = b.find((p) => p.name === pa.name) ?? (single ? b[0] : undefined);
    const at = `${loc} › part ${pa.name}`;
    if (!pb) {
      x.log.record("part-removed", at, dirs, `part ${show(pa.name)} was removed`);
      continue;
    }
    if (pb.name !== pa.name) {
      // Unlike rpc parts, document/literal part names never appear on the wire.
      x.log.add(
        "part-renamed",
        at,
        NON_BREAKING,
        dirs,
        `part ${show(pa.name)} → ${show(pb.name)}: document/literal part names are not on the wire`,
      );
    }
    comparePart(x, at, pa, pb, dirs);
  }
  for (const pb of b) {
    if (a.some((p) => p.name === pb.name) || single) continue;
    x.log.record("part-added", `${loc} › part ${pb.name}`, dirs, `new body part ${show(pb.name)}`);
  }
}

function typeRefOf(s: Side, name: QNameRef | undefined, raw: string | undefined): TypeRef {
  return name
    ? s.wsdl.schema.typeRef(name, name.raw)
    : { kind: "unresolved", raw: raw ?? "", name: undefined };
}

function comparePart(x: XsdDiff, at: string, a: Part, b: Part, dirs: Directions): void {
  const { log } = x;
  compareDocumentation(log, at, a.documentation, b.documentation);
  if (a.element || b.element) {
    const ka = a.element ? defKey("element", x.names.ns(a.element.ns), a.element.local) : undefined;
    const kb = b.element ? defKey("element", b.element.ns, b.element.local) : undefined;
    if (ka !== kb) {
      log.record(
        "element-changed",
        at,
        dirs,
        `element ${show(a.element?.raw ?? a.typeAttr)} → ${show(b.element?.raw ?? b.typeAttr)}: a different element on the wire`,
      );
      const da = a.element && x.a.wsdl.schema.element(a.element);
      const db = b.element && x.b.wsdl.schema.element(b.element);
      if (da && db) x.compareElementDef(at, da, db, dirs);
    }
  }
  if (a.type || b.type) {
    x.compareTypeRef(
      `${at} › type`,
      typeRefOf(x.a, a.type, a.elementAttr),
      typeRefOf(x.b, b.type, b.elementAttr),
      dirs,
    );
  }
  if (a.rule && !b.rule) {
    log.record(
      "rule-removed",
      `${at} › x:rule`,
      dirs,
      `validation rule ${show(a.rule.raw)} no longer applies`,
    );
  } else if (!a.rule && b.rule) {
    log.record("rule-added", `${at} › x:rule`, dirs, `validation rule ${show(b.rule.raw)} now applies`);
  } else if (a.rule && b.rule) {
    x.compareTypeRef(
      `${at} › x:rule`,
      typeRefOf(x.a, a.rule, undefined),
      typeRefOf(x.b, b.rule, undefined),
      dirs,
    );
  }
  if (a.optional && !b.optional) {
    log.record(
      "part-became-required",
      `${at} › x:optional`,
      dirs,
      "the part was optional and is now required: callers that omit it are rejected",
    );
  } else if (!a.optional && b.optional) {
    log.record(
      "part-became-optional",
      `${at} › x:optional`,
      dirs,
      "the part was required and is now optional: readers may get an empty value",
    );
  }
}

export function compareHeaders(
  x: XsdDiff,
  loc: string,
  a: BindingMessage | undefined,
  b: BindingMessage | undefined,
  dirs: Directions,
): void {
  const key = (s: Side, h: BindingMessage["headers"][number], mapped: boolean): string => {
    const part = messageOf(s, h.message?.local)?.parts.find((p) => p.name === h.part);
    if (part?.element) {
      return defKey("element", mapped ? x.names.ns(part.element.ns) : part.element.ns, part.element.local);
    }
    return `${h.message?.local ?? ""}/${h.part ?? ""}`;
  };
  const ha = new Map((a?.headers ?? []).map((h) => [key(x.a, h, true), h]));
  const hb = new Map((b?.headers ?? []).map((h) => [key(x.b, h, false), h]));
  for (const [k, h] of ha) {
    const at = `${loc} › header ${h.part ?? k}`;
    const other = hb.get(k);
    if (!other) {
      x.log.record("header-removed", at, BOTH, "the SOAP header was removed or replaced by another element");
      continue;
    }
    if (h.use !== other.use) {
      x.log.record("use-changed", `${at} › use`, BOTH, `soap:header use ${show(h.use)} → ${show(other.use)}`);
    }
    if (h.namespace !== other.namespace) {
      x.log.record(
        "namespace-changed",
        `${at} › namespace`,
        BOTH,
        `soap:header namespace ${show(h.namespace)} → ${show(other.namespace)}`,
      );
    }
  }
  for (const [k, h] of hb) {
    if (!ha.has(k)) {
      x.log.record(
        "header-added",
        `${loc} › header ${h.part ?? k}`,
        dirs,
        "a new SOAP header: calls without it may be rejected",
      );
    }
  }
}
