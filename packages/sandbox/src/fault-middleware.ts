/**
 * The fault middleware: which faults apply to a request (the `x-sandbox-fault` header, a `/__fault/<list>/`
 * path prefix, the global faults), and acting on them around the vendor (latency, a dropped connection, an
 * HTML 500, a truncated answer). Session expiry is acted on by the Edu-iX simulation itself. See faults.ts
 * for the fault list syntax.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import {
  describeFaultSet,
  type FaultPlan,
  type FaultSet,
  faultsFor,
  isEmptyFaultSet,
  parseFaults,
  rollFaults,
} from "./faults.js";
import { writeHtmlPage, writeVendorResponse } from "./response-writer.js";
import type { VendorResponse } from "./service.js";
import type { Vendor } from "./vendors.js";

export const FAULT_HEADER = "x-sandbox-fault";
const FAULT_PREFIX = /^\/__fault\/([^/]*)(\/.*)?$/;

/** What became of a request, for the request log. */
export interface Outcome {
  outcome: string;
  /** `undefined`: no answer was sent (the connection was dropped or closed). */
  status: number | undefined;
  operation?: string | undefined;
  /** The vendor's own outcome (a code, a fault number, `ok`), when the vendor ran: counted as a call it got. */
  executed?: string | undefined;
}

/**
 * Splits a `/__fault/<list>/rest` path into the rest and the faults of the list; other paths are unchanged.
 *
 * @throws FaultSpecError (from parseFaults) on a bad list.
 */
export function stripFaultPrefix(path: string): { path: string; plan: FaultPlan | undefined } {
  const prefixed = FAULT_PREFIX.exec(path);
  if (prefixed === null) return { path, plan: undefined };
  return { path: prefixed[2] ?? "/", plan: parseFaults(decodeURIComponent(prefixed[1]!)) };
}

/** @throws FaultSpecError on a bad `x-sandbox-fault` header. */
export function headerFaultPlan(headers: IncomingHttpHeaders): FaultPlan | undefined {
  const header = headers[FAULT_HEADER];
  if (header === undefined) return undefined;
  return parseFaults(Array.isArray(header) ? header.join(",") : header);
}

/** Faults apply to operation calls (POST), not to WSDL downloads and service pages. */
export function faultsOfRequest(
  vendor: Vendor,
  method: string,
  ...plans: ReadonlyArray<FaultPlan | undefined>
): FaultSet {
  return method === "POST" ? rollFaults(faultsFor(vendor, ...plans)) : {};
}

export function describeApplied(faults: FaultSet): string {
  return isEmptyFaultSet(faults) ? "" : describeFaultSet(faults);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `vendor` (which answers the request) under `faults` and writes what the client gets: the answer, the
 * answer cut in half, an HTML 500 instead (the vendor does not run), or nothing (the connection is dropped).
 */
export async function withFaults(
  faults: FaultSet,
  req: IncomingMessage,
  res: ServerResponse,
  vendor: () => VendorResponse,
): Promise<Outcome> {
  if (faults.latencyMs !== undefined && faults.latencyMs > 0) await sleep(faults.latencyMs);
  if (faults.drop) {
    req.socket.destroy();
    return { outcome: "dropped the connection", status: undefined };
  }
  if (faults.html500) {
    writeHtmlPage(
      res,
      500,
      "Internal Server Error",
      "The server encountered an internal error and was unable to complete your request.",
    );
    return { outcome: "html-500", status: 500 };
  }
  const response = vendor();
  const executed = response.outcome ?? String(response.status);
  if (faults.dropAfter) {
    // The vendor has run (a write is applied); its answer never leaves.
    req.socket.destroy();
    return {
      outcome: `${executed}, then dropped the connection`,
      status: undefined,
      operation: response.operation,
      executed,
    };
  }
  const method = (req.method ?? "GET").toUpperCase();
  writeVendorResponse(res, method, response, { truncate: faults.truncate === true });
  const outcome = response.outcome ?? String(response.status);
  return {
    outcome: faults.truncate === true ? `${outcome} (truncated)` : outcome,
    status: response.status,
    operation: response.operation,
    executed,
  };
}
