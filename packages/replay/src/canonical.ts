/**
 * The canonical form requests are matched by: secrets ignored (scrubbed with the runtime's `scrubExchange`, the
 * function recordings are scrubbed with, then every secret field read as the same placeholder whatever its value),
 * JSON compared as data (key order ignored), XML as elements and attributes by namespace URI (prefixes and
 * namespace declarations ignored, `xsi:type` values resolved to URIs, whitespace between elements ignored, the
 * text of a leaf kept exactly).
 */
import { parseXml, type ScopedXmlElement, scrubExchange } from "@integrations/runtime";
import type { KnownOperation } from "./operations.js";

export type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical };

const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

function sortKeys(value: unknown): Canonical {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Canonical } = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value as Canonical;
}

function qname(value: string, element: ScopedXmlElement): string {
  const colon = value.indexOf(":");
  const prefix = colon < 0 ? "" : value.slice(0, colon);
  const uri = element.scope.lookup(prefix);
  return uri === undefined ? value : `{${uri}}${value.slice(colon + 1)}`;
}

function element(el: ScopedXmlElement): Canonical {
  const attributes: { [key: string]: Canonical } = {};
  for (const a of [...el.attributes].sort((x, y) => `${x.ns} ${x.name}`.localeCompare(`${y.ns} ${y.name}`))) {
    attributes[`{${a.ns}}${a.name}`] = a.ns === XSI_NS && a.name === "type" ? qname(a.value, el) : a.value;
  }
  const out: { [key: string]: Canonical } = { element: `{${el.ns}}${el.name}` };
  if (Object.keys(attributes).length > 0) out.attributes = attributes;
  if (el.children.length > 0) out.children = el.children.map(element);
  else out.text = el.text;
  return out;
}

/** The canonical form of a request body of `op`. */
export function canonicalRequest(op: KnownOperation, text: string): Canonical {
  const scrubbed =
    scrubExchange({ secrets: op.descriptor.secrets, request: { format: op.format, text } }).request?.text ??
    text;
  try {
    if (op.format === "json") return sortKeys(JSON.parse(scrubbed));
    return element(parseXml(scrubbed, { namespaceScope: true }));
  } catch {
    return { unparsed: scrubbed };
  }
}

export interface Difference {
  /** Where: `DealerCustomerRequest.CustomerCode`, or element names for XML. */
  readonly path: string;
  readonly recorded: string;
  readonly sent: string;
}

function show(value: Canonical | undefined): string {
  const text = value === undefined ? "(nothing)" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isRecord(value: Canonical | undefined): value is { [key: string]: Canonical } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The first place two canonical forms differ, or undefined when they are equal. */
export function firstDifference(
  recorded: Canonical | undefined,
  sent: Canonical | undefined,
  path = "",
): Difference | undefined {
  if (Array.isArray(recorded) && Array.isArray(sent)) {
    for (let i = 0; i < Math.max(recorded.length, sent.length); i++) {
      const d = firstDifference(recorded[i], sent[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isRecord(recorded) && isRecord(sent)) {
    // An XML element reads as its name in the path.
    const here =
      typeof recorded.element === "string" && recorded.element === sent.element
        ? `${path}/${recorded.element.replace(/^\{[^}]*\}/, "")}`
        : path;
    for (const key of [...new Set([...Object.keys(recorded), ...Object.keys(sent)])].sort()) {
      const at =
        typeof recorded.element === "string"
          ? key === "children" || key === "text"
            ? here
            : `${here}@${key}`
          : path === ""
            ? key
            : `${path}.${key}`;
      const d = firstDifference(recorded[key], sent[key], at);
      if (d) return d;
    }
    return undefined;
  }
  if (recorded === sent) return undefined;
  return { path: path || "(the body)", recorded: show(recorded), sent: show(sent) };
}

/** How many leaves differ (bounded): the closest recording has the fewest. */
export function distance(a: Canonical | undefined, b: Canonical | undefined, budget = 1_000): number {
  if (budget <= 0) return 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    let n = Math.abs(a.length - b.length);
    for (let i = 0; i < Math.min(a.length, b.length) && n < budget; i++)
      n += distance(a[i], b[i], budget - n);
    return n;
  }
  if (isRecord(a) && isRecord(b)) {
    let n = 0;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (n >= budget) break;
      n += distance(a[key], b[key], budget - n);
    }
    return n;
  }
  return a === b ? 0 : 1;
}
