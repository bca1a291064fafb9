/**
 * One request, start to end: the target is parsed, a `/__fault/<list>/` prefix taken off, the body read
 * under its cap, then the router sends it to the admin API or, through the fault middleware, to its vendor.
 * Every request is logged with what became of it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AdminContext, handleAdmin } from "./admin.js";
import type { AdminGuard } from "./admin-guard.js";
import type { BodyBudget } from "./body-budget.js";
import { readBody } from "./body-reader.js";
import type { CallCounts } from "./call-counts.js";
import { drifted, driftKindsOf } from "./drift.js";
import {
  describeApplied,
  FAULT_HEADER,
  faultsOfRequest,
  headerFaultPlan,
  type Outcome,
  stripFaultPrefix,
  withFaults,
} from "./fault-middleware.js";
import type { FaultPlan } from "./faults.js";
import type { RequestLog } from "./request-log.js";
import { timestamp } from "./request-log.js";
import { writeHtmlPage, writeJson, writePlain } from "./response-writer.js";
import { isAdminPath, routeVendorRequest } from "./router.js";
import type { SandboxRequest, VendorResponse, VendorService } from "./service.js";
import type { Vendor } from "./vendors.js";

export interface RequestHandlerContext {
  readonly services: Readonly<Record<Vendor, VendorService>>;
  readonly admin: AdminContext;
  readonly adminGuard: AdminGuard;
  readonly log: RequestLog;
  /** How clients reach each listener, e.g. `http://127.0.0.1:7401`. */
  readonly origins: Readonly<Record<Vendor, string>>;
  readonly maxBodyBytes: number;
  /** The bytes of all bodies held at once. */
  readonly bodyBudget: BodyBudget;
  /** The calls each operation got that the vendor ran. */
  readonly calls: CallCounts;
  globalFaults(): FaultPlan;
}

/** The vendor's answer, or its own answer for an internal error when the simulation throws. */
function answerOf(ctx: RequestHandlerContext, request: SandboxRequest): VendorResponse {
  const service = ctx.services[request.vendor];
  try {
    return routeVendorRequest(service, request);
  } catch (error) {
    ctx.log.event(
      `internal error in the ${request.vendor} simulation: ${(error as Error).stack ?? String(error)}`,
    );
    return service.internalError(request);
  }
}

export function createRequestHandler(
  ctx: RequestHandlerContext,
  vendor: Vendor,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    let path = "/";
    let applied = "";
    const finish = ({ outcome, status, operation, executed }: Outcome): void => {
      if (executed !== undefined && operation !== undefined) ctx.calls.add(vendor, operation, executed);
      ctx.log.record({
        time: timestamp(),
        vendor,
        method,
        path,
        operation,
        outcome,
        status,
        ms: Math.round(performance.now() - started),
        faults: applied,
      });
    };
    const plain = (status: number, text: string, outcome: string): void => {
      writePlain(res, status, text);
      finish({ outcome, status });
    };

    let url: URL;
    try {
      url = new URL(req.url ?? "/", ctx.origins[vendor]);
    } catch {
      plain(400, "bad request target\n", "400 bad request target");
      return;
    }
    path = url.pathname;

    let pathFaults: FaultPlan | undefined;
    try {
      ({ path, plan: pathFaults } = stripFaultPrefix(path));
    } catch (error) {
      plain(400, `invalid /__fault/ path prefix: ${(error as Error).message}\n`, "400 bad fault prefix");
      return;
    }

    if (isAdminPath(path)) {
      const refusal = ctx.adminGuard.refusal(req.headers);
      if (refusal !== undefined) {
        // Refused before its body is read; the connection is closed with the answer.
        res.once("finish", () => req.socket.destroy());
        writeJson(res, 403, { error: refusal }, { close: true });
        finish({ outcome: `403 ${refusal.slice(0, 60)}`, status: 403 });
        return;
      }
    }

    const body = await readBody(req, ctx.maxBodyBytes, ctx.bodyBudget);
    if (body.kind === "over-budget") {
      // Like a proxy in front of the vendor that is out of room; the connection is closed so the rest of the
      // body is not received either.
      res.once("finish", () => req.socket.destroy());
      writeHtmlPage(
        res,
        503,
        "Service Unavailable",
        "The server is receiving too many request bodies at once. Try again shortly.",
        { close: true, retryAfterSeconds: 1 },
      );
      finish({ outcome: "503 request bodies held at once are over the buffer cap", status: 503 });
      return;
    }
    if (body.kind === "aborted") {
      finish({ outcome: "connection closed while reading the body", status: undefined });
      return;
    }
    if (body.kind === "too-large") {
      writeHtmlPage(
        res,
        413,
        "Request Entity Too Large",
        `The request body is larger than ${ctx.maxBodyBytes} bytes.`,
        { close: true },
      );
      finish({
        outcome: `413 body of ${body.size} bytes over the ${ctx.maxBodyBytes}-byte cap`,
        status: 413,
      });
      return;
    }

    try {
      if (isAdminPath(path)) finish(handleAdmin(ctx.admin, method, path, body.body, res));
      else await answerVendor(body.body);
    } finally {
      body.release();
    }

    async function answerVendor(bytes: Buffer): Promise<void> {
      let headerFaults: FaultPlan | undefined;
      try {
        headerFaults = headerFaultPlan(req.headers);
      } catch (error) {
        plain(400, `invalid ${FAULT_HEADER} header: ${(error as Error).message}\n`, "400 bad fault header");
        return;
      }
      const faults = faultsOfRequest(vendor, method, ctx.globalFaults(), pathFaults, headerFaults);
      applied = describeApplied(faults);

      const request: SandboxRequest = {
        vendor,
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body: bytes,
        origin: ctx.origins[vendor],
        expireSession: faults.expireSession === true,
      };
      const drift = driftKindsOf(faults);
      finish(await withFaults(faults, req, res, () => drifted(vendor, drift, answerOf(ctx, request))));
    }
  };
}
