/**
 * Fault injection: latency, a dropped connection, an HTTP 500 HTML page, a truncated body, session expiry.
 *
 * A fault list is a comma- (or whitespace-) separated list of tokens, each optionally scoped to one vendor:
 *
 *   latency=300          wait 300 ms before answering (then answer normally)
 *   drop                 close the connection without an answer, before the vendor runs (the client sees a
 *                        reset / "other side closed"; nothing was applied)
 *   drop-after           run the vendor (a write is applied), then close the connection without its answer: the
 *                        client cannot know whether the call was applied
 *   html-500             answer HTTP 500 with an HTML error page (a proxy or web server failing); the
 *                        operation is not executed
 *   truncate             send the real answer cut in half (the HTTP message itself ends cleanly)
 *   expire-session       Edu-iX: expire every session before handling the request (a sessionID call gets
 *                        fault 12, the client logs in again); no effect on ESWS and Moka
 *   drift-added, drift-renamed, drift-new-code, drift-reordered, drift-wrong-type, or drift (all five):
 *                        the vendor answers like one that changed its service (drift.ts)
 *   moka:drop            any token with an `easysecure:` / `moka:` / `eduix:` prefix (a vendor id) applies to that vendor only
 *   drop=2%              a switch with a share applies to that share of the requests, drawn per request (a bulk
 *                        run meets a few dropped connections, not only dropped ones); without one, to all
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
  /** Run the vendor, then close the connection without its answer (applied, but the client cannot know). */
  dropAfter?: boolean;
  html500?: boolean;
  truncate?: boolean;
  expireSession?: boolean;
  /** Drift (drift.ts): the answer changed the way a vendor's changed service would answer. */
  driftAdded?: boolean;
  driftRenamed?: boolean;
  driftNewCode?: boolean;
  driftReordered?: boolean;
  driftWrongType?: boolean;
  /** The switches that apply to a share of the requests only, in percent; a switch not here applies to all. */
  shares?: Partial<Record<Switch, number>>;
}

/** The faults that are on or off (all but latency); a share applies to these. */
export type Switch =
  | "drop"
  | "dropAfter"
  | "html500"
  | "truncate"
  | "expireSession"
  | "driftAdded"
  | "driftRenamed"
  | "driftNewCode"
  | "driftReordered"
  | "driftWrongType";

const SWITCHES: Readonly<Record<string, Switch>> = {
  drop: "drop",
  "drop-after": "dropAfter",
  "html-500": "html500",
  truncate: "truncate",
  "expire-session": "expireSession",
  "drift-added": "driftAdded",
  "drift-renamed": "driftRenamed",
  "drift-new-code": "driftNewCode",
  "drift-reordered": "driftReordered",
  "drift-wrong-type": "driftWrongType",
};
/** `drift`: every kind of drift at once. */
const DRIFT_SWITCHES = Object.keys(SWITCHES).filter((name) => name.startsWith("drift-"));
const SWITCH_NAMES = Object.fromEntries(Object.entries(SWITCHES).map(([name, key]) => [key, name])) as Record<
  Switch,
  string
>;

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

const FAULT_NAMES = ["latency", ...Object.keys(SWITCHES), "drift"] as const;

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
    case "drift":
      for (const each of DRIFT_SWITCHES) applyToken(target, each, value, token);
      return;
    case "drop":
    case "drop-after":
    case "html-500":
    case "truncate":
    case "expire-session":
    case "drift-added":
    case "drift-renamed":
    case "drift-new-code":
    case "drift-reordered":
    case "drift-wrong-type": {
      const key = SWITCHES[name]!;
      const share = value === undefined ? undefined : /^([0-9]{1,3}(\.[0-9]{1,2})?)%$/.exec(value)?.[1];
      if (value !== undefined && (share === undefined || Number(share) <= 0 || Number(share) > 100)) {
        throw new FaultSpecError(
          `fault "${token}": ${name} takes no value, or a share of the requests from above 0% to 100%, e.g. ${name}=2%`,
        );
      }
      target[key] = true;
      if (share === undefined) {
        if (target.shares) delete target.shares[key];
      } else target.shares = { ...target.shares, [key]: Number(share) };
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
  for (const key of Object.values(SWITCHES)) {
    if (!from[key]) continue;
    const had = into[key] === true;
    const share = from.shares?.[key];
    const current = into.shares?.[key];
    into[key] = true;
    // Every request wins over a share; of two shares, the larger.
    if (share === undefined || (had && current === undefined)) {
      if (into.shares) delete into.shares[key];
    } else into.shares = { ...into.shares, [key]: Math.max(share, current ?? 0) };
  }
  if (into.shares && Object.keys(into.shares).length === 0) delete into.shares;
}

/**
 * The faults one request gets: each switch with a share is drawn (on for that share of the requests), so the
 * result has only switches that apply. `random` is injected in tests.
 */
export function rollFaults(set: FaultSet, random: () => number = Math.random): FaultSet {
  if (set.shares === undefined) return set;
  const { shares, ...out } = set;
  for (const [key, share] of Object.entries(shares) as Array<[Switch, number]>) {
    if (!(random() * 100 < share)) delete out[key];
  }
  return out;
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
  return set.latencyMs === undefined && !Object.values(SWITCHES).some((key) => set[key]);
}

function describeSet(set: FaultSet, prefix: string): string[] {
  const out: string[] = [];
  if (set.latencyMs !== undefined) out.push(`${prefix}latency=${set.latencyMs}`);
  for (const key of Object.values(SWITCHES)) {
    if (!set[key]) continue;
    const share = set.shares?.[key];
    out.push(`${prefix}${SWITCH_NAMES[key]}${share === undefined ? "" : `=${share}%`}`);
  }
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
