/**
 * Fault injection: latency, a dropped connection, an HTTP 500 HTML page, a truncated body, session expiry.
 *
 * A fault list is a comma- (or whitespace-) separated list of tokens, each optionally scoped to one vendor:
 *
 *   latency=300          wait 300 ms before answering (then answer normally)
 *   drop                 close the connection without an answer (the client sees a reset / "other side closed")
 *   html-500             answer HTTP 500 with an HTML error page (a proxy or web server failing); the
 *                        operation is not executed
 *   truncate             send the real answer cut in half (the HTTP message itself ends cleanly)
 *   expire-session       Edu-iX: expire every session before handling the request (a sessionID call gets
 *                        fault 12, the client logs in again); no effect on ESWS and Moka
 *   moka:drop            any token with an `easysecure:` / `moka:` / `eduix:` prefix (a vendor id) applies to that vendor only
 *
 * Per request: the `x-sandbox-fault` header, or a `/__fault/<list>/` prefix on the path (for clients that
 * cannot set headers: put it in their base URL). For the whole run: `--fault <list>` / `SANDBOX_FAULTS`, or
 * `POST /__sandbox/faults`.
 */
import { VENDORS, type Vendor } from "./vendors.js";

export interface FaultSet {
  /** Delay before answering, in ms. */
  latencyMs?: number;
  drop?: boolean;
  html500?: boolean;
  truncate?: boolean;
  expireSession?: boolean;
}

/** Parsed fault list: faults for every vendor (`all`) and per vendor. */
export interface FaultPlan {
  all: FaultSet;
  byVendor: Partial<Record<Vendor, FaultSet>>;
}

export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

/** Longest latency accepted, so a typo cannot hang a test run for hours. */
export const MAX_LATENCY_MS = 120_000;

const FAULT_NAMES = ["latency", "drop", "html-500", "truncate", "expire-session"] as const;

export function emptyPlan(): FaultPlan {
  return { all: {}, byVendor: {} };
}

function isVendor(s: string): s is Vendor {
  return (VENDORS as readonly string[]).includes(s);
}

function applyToken(target: FaultSet, name: string, value: string | undefined, token: string): void {
  switch (name) {
    case "latency": {
      if (value === undefined || !/^[0-9]{1,9}$/.test(value)) {
        throw new FaultSpecError(
          `fault "${token}": latency needs a number of milliseconds, e.g. latency=300`,
        );
      }
      const ms = Number(value);
      if (ms > MAX_LATENCY_MS)
        throw new FaultSpecError(`fault "${token}": latency is capped at ${MAX_LATENCY_MS} ms`);
      target.latencyMs = ms;
      return;
    }
    case "drop":
    case "html-500":
    case "truncate":
    case "expire-session": {
      if (value !== undefined) throw new FaultSpecError(`fault "${token}": ${name} takes no value`);
      if (name === "drop") target.drop = true;
      else if (name === "html-500") target.html500 = true;
      else if (name === "truncate") target.truncate = true;
      else target.expireSession = true;
      return;
    }
    default:
      throw new FaultSpecError(`unknown fault "${token.slice(0, 40)}" (known: ${FAULT_NAMES.join(", ")})`);
  }
}

/**
 * Parses a fault list (`"latency=300, moka:drop"`). An empty or blank list is no faults.
 *
 * @throws FaultSpecError naming the offending token.
 */
export function parseFaults(spec: string | readonly string[] | undefined): FaultPlan {
  const plan = emptyPlan();
  if (spec === undefined) return plan;
  const text = typeof spec === "string" ? spec : spec.join(",");
  if (text.length > 1000) throw new FaultSpecError("fault list longer than 1000 characters");
  for (const raw of text.split(/[\s,]+/)) {
    const token = raw.trim();
    if (token === "") continue;
    let rest = token.toLowerCase();
    let target = plan.all;
    const colon = rest.indexOf(":");
    if (colon >= 0) {
      const vendor = rest.slice(0, colon);
      if (!isVendor(vendor)) {
        throw new FaultSpecError(
          `fault "${token.slice(0, 40)}": unknown vendor (known: ${VENDORS.join(", ")})`,
        );
      }
      target = plan.byVendor[vendor] ??= {};
      rest = rest.slice(colon + 1);
    }
    const eq = rest.indexOf("=");
    const name = eq >= 0 ? rest.slice(0, eq) : rest;
    const value = eq >= 0 ? rest.slice(eq + 1) : undefined;
    applyToken(target, name, value, token);
  }
  return plan;
}

function merge(into: FaultSet, from: FaultSet | undefined): void {
  if (from === undefined) return;
  if (from.latencyMs !== undefined) into.latencyMs = Math.max(into.latencyMs ?? 0, from.latencyMs);
  if (from.drop) into.drop = true;
  if (from.html500) into.html500 = true;
  if (from.truncate) into.truncate = true;
  if (from.expireSession) into.expireSession = true;
}

/** The faults that apply to one request of `vendor`, from any number of plans (global, path, header). */
export function faultsFor(vendor: Vendor, ...plans: ReadonlyArray<FaultPlan | undefined>): FaultSet {
  const out: FaultSet = {};
  for (const plan of plans) {
    if (plan === undefined) continue;
    merge(out, plan.all);
    merge(out, plan.byVendor[vendor]);
  }
  return out;
}

export function isEmptyFaultSet(set: FaultSet): boolean {
  return set.latencyMs === undefined && !set.drop && !set.html500 && !set.truncate && !set.expireSession;
}

function describeSet(set: FaultSet, prefix: string): string[] {
  const out: string[] = [];
  if (set.latencyMs !== undefined) out.push(`${prefix}latency=${set.latencyMs}`);
  if (set.drop) out.push(`${prefix}drop`);
  if (set.html500) out.push(`${prefix}html-500`);
  if (set.truncate) out.push(`${prefix}truncate`);
  if (set.expireSession) out.push(`${prefix}expire-session`);
  return out;
}

/** The canonical text of a plan (what `parseFaults` reads back to the same plan); `""` for none. */
export function describeFaults(plan: FaultPlan): string {
  const parts = describeSet(plan.all, "");
  for (const vendor of VENDORS) {
    const set = plan.byVendor[vendor];
    if (set !== undefined) parts.push(...describeSet(set, `${vendor}:`));
  }
  return parts.join(",");
}

/** Text of one request's fault set, for the log. */
export function describeFaultSet(set: FaultSet): string {
  return describeSet(set, "").join(",");
}
