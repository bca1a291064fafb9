/**
 * A drifting vendor: the sandbox answers like a vendor that changed its service without telling us, so that the
 * drift check (`pnpm contracts:drift`) can be shown each kind of change it must report. Switched like the
 * faults (faults.ts: `x-sandbox-fault`, `/__fault/<list>/`, `--fault`, `POST /__sandbox/faults`), one token per
 * kind, or `drift` for all:
 *
 *   drift-added       an element or field the contract does not have, added to the answer
 *   drift-renamed     an element or field of the answer under another name
 *   drift-new-code    a result or fault code the contract's catalog does not have
 *   drift-reordered   ESWS: the rpc parts of the answer in another order (NuSOAP binds by position)
 *   drift-wrong-type  a value of another type than the contract's
 *
 * The vendor runs as usual (a write is applied); only its answer is changed, by each vendor's data below. A kind
 * that does not exist for a vendor (JSON has no order) leaves its answers alone.
 */
import type { FaultSet } from "./faults.js";
import type { VendorResponse } from "./service.js";
import type { Vendor } from "./vendors.js";

export const DRIFT_KINDS = ["added", "renamed", "newCode", "reordered", "wrongType"] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** The kinds of drift a request's faults switch on. */
export function driftKindsOf(faults: FaultSet): ReadonlySet<DriftKind> {
  const kinds = new Set<DriftKind>();
  if (faults.driftAdded) kinds.add("added");
  if (faults.driftRenamed) kinds.add("renamed");
  if (faults.driftNewCode) kinds.add("newCode");
  if (faults.driftReordered) kinds.add("reordered");
  if (faults.driftWrongType) kinds.add("wrongType");
  return kinds;
}

/** Changes one answer body; undefined: this kind does not apply to this answer. */
type Rewrite = (body: string) => string | undefined;

// ------------------------------------------------------------------------------------------------ Moka (JSON)

type Json = Record<string, unknown>;

function jsonRewrite(change: (answer: Json) => boolean): Rewrite {
  return (body) => {
    let answer: unknown;
    try {
      answer = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (answer === null || typeof answer !== "object" || Array.isArray(answer)) return undefined;
    return change(answer as Json) ? JSON.stringify(answer) : undefined;
  };
}

/** Renames `from` to `to` in `object`, keeping the key order. */
function renameKey(object: Json, from: string, to: string): boolean {
  if (!(from in object)) return false;
  const entries = Object.entries(object).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, Object.fromEntries(entries));
  return true;
}

const moka: Readonly<Partial<Record<DriftKind, Rewrite>>> = {
  added: jsonRewrite((answer) => {
    answer.TraceId = "3f1c2a8e-drift";
    return true;
  }),
  renamed: jsonRewrite((answer) => renameKey(answer, "ResultMessage", "ResultMsg")),
  newCode: jsonRewrite((answer) => {
    answer.ResultCode = "DealerCustomer.ServiceTemporarilyDegraded";
    answer.Data = null;
    return true;
  }),
  wrongType: jsonRewrite((answer) => {
    answer.ResultMessage = 0;
    return true;
  }),
};

// ------------------------------------------------------------------------------------------- SOAP (XML text)

/** The first element inside the SOAP Body: its whole text and where it is. */
const BODY_CHILD = /(<(?:[\w.-]+:)?Body\b[^>]*>\s*)(<([\w.-]+:)?([\w.-]+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\3?\4>))/;

const easysecure: Readonly<Partial<Record<DriftKind, Rewrite>>> = {
  // NuSOAP's answer: <ns1:opResponse><return xsi:type="xsd:string">CODE</return></ns1:opResponse>
  added: (body) =>
    body.includes("</return>")
      ? body.replace(
          "</return>",
          '</return><serverTime xsi:type="xsd:string">2026-12-04 12:00:00</serverTime>',
        )
      : undefined,
  renamed: (body) =>
    body.includes("<return ")
      ? body.replace("<return ", "<result ").replace("</return>", "</result>")
      : undefined,
  newCode: (body) =>
    /<return\b[^>]*>[^<]*<\/return>/.test(body)
      ? body.replace(/(<return\b[^>]*>)[^<]*(<\/return>)/, "$1ERROR_SERVICE_DEGRADED$2")
      : undefined,
  reordered: (body) =>
    body.includes("<return ")
      ? body.replace("<return ", '<status xsi:type="xsd:int">1</status><return ')
      : undefined,
  wrongType: (body) =>
    /<return xsi:type="xsd:string">/.test(body)
      ? body.replace(/<return xsi:type="xsd:string">[^<]*<\/return>/, '<return xsi:type="xsd:int">1</return>')
      : undefined,
};

const eduix: Readonly<Partial<Record<DriftKind, Rewrite>>> = {
  // An element of the service's namespace inside the answer element (or the fault's detail).
  added: (body) => {
    const m = BODY_CHILD.exec(body);
    if (!m || m[4] === "Fault") return undefined;
    const prefix = m[3] ?? "";
    const element = m[2]!;
    const extra = `<${prefix}serverInfo>acceptance-2</${prefix}serverInfo>`;
    const changed = element.endsWith("/>")
      ? `${element.slice(0, -2)}>${extra}</${prefix}${m[4]}>`
      : element.replace(new RegExp(`</${prefix}${m[4]}>$`), `${extra}</${prefix}${m[4]}>`);
    return body.replace(element, changed);
  },
  renamed: (body) => {
    const m = BODY_CHILD.exec(body);
    if (!m || m[4] === "Fault") return undefined;
    const [, , element, prefix = "", name] = m;
    const renamed = element!
      .replace(new RegExp(`^<${prefix}${name}\\b`), `<${prefix}${name}Result`)
      .replace(new RegExp(`</${prefix}${name}>$`), `</${prefix}${name}Result>`);
    return body.replace(element!, renamed);
  },
  newCode: (body) =>
    /<([\w.-]+:)?code>\s*\d+\s*<\/\1?code>/.test(body)
      ? body.replace(/(<([\w.-]+:)?code>)\s*\d+\s*(<\/\2?code>)/, "$19901$3")
      : undefined,
  wrongType: (body) => {
    for (const field of ["profileID", "code"]) {
      const pattern = new RegExp(`(<([\\w.-]+:)?${field}>)\\s*\\d+\\s*(</\\2?${field}>)`);
      if (pattern.test(body)) return body.replace(pattern, "$1not-a-number$3");
    }
    return undefined;
  },
};

const REWRITES: Readonly<Record<Vendor, Readonly<Partial<Record<DriftKind, Rewrite>>>>> = {
  moka,
  easysecure,
  eduix,
};

/** The answer as the drifting vendor writes it: each kind asked for, in order, where it applies. */
export function drifted(
  vendor: Vendor,
  kinds: ReadonlySet<DriftKind>,
  response: VendorResponse,
): VendorResponse {
  if (kinds.size === 0) return response;
  let body = response.body;
  const applied: string[] = [];
  for (const kind of DRIFT_KINDS) {
    if (!kinds.has(kind)) continue;
    const changed = REWRITES[vendor][kind]?.(body);
    if (changed === undefined) continue;
    body = changed;
    applied.push(kind);
  }
  if (applied.length === 0) return response;
  const outcome = `${response.outcome ?? response.status} (drift: ${applied.join(", ")})`;
  return { ...response, body, outcome };
}
