/**
 * The admin API under `/__sandbox/` (on every listener): health, global faults, Edu-iX session expiry,
 * reset, state and the request log. A table of routes; each answers JSON.
 */
import type { ServerResponse } from "node:http";
import type { Outcome } from "./fault-middleware.js";
import { FaultSpecError } from "./faults.js";
import type { RequestRecord } from "./request-log.js";
import { writeJson } from "./response-writer.js";

/** What the admin API reads and drives. */
export interface AdminContext {
  /** `{ok, urls, ports, seed, faults}`. */
  health(): Record<string, unknown>;
  /** The global faults, as a canonical list (`""` for none). */
  getFaults(): string;
  /** Replaces the global faults. @throws FaultSpecError on a bad list. */
  setFaults(spec: string | readonly string[]): void;
  expireEduixSessions(): number;
  reset(): void;
  state(): unknown;
  /** The calls each operation got that the vendor ran, by outcome (call-counts.ts). */
  calls(): unknown;
  readonly history: readonly RequestRecord[];
}

/** How many of the latest requests `GET /__sandbox/requests` returns. */
const REQUESTS_SHOWN = 200;

interface AdminAnswer {
  status: number;
  value: unknown;
  outcome: string;
}

const badRequest = (error: string): AdminAnswer => ({
  status: 400,
  value: { error },
  outcome: "bad request",
});

/** The body of `POST /__sandbox/faults`: a fault list as text, or `{"faults": "<list>" | ["<fault>", …]}`. */
function faultSpecOf(body: Buffer): string | readonly string[] | AdminAnswer {
  const text = body.toString("utf8").trim();
  if (!text.startsWith("{")) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return badRequest("the body is not JSON");
  }
  const f = (parsed as { faults?: unknown }).faults;
  if (typeof f === "string" || (Array.isArray(f) && f.every((x) => typeof x === "string"))) return f;
  return badRequest('expected {"faults": "<list>"} or {"faults": ["<fault>", ...]}');
}

function setFaults(ctx: AdminContext, body: Buffer): AdminAnswer {
  const spec = faultSpecOf(body);
  if (typeof spec === "object" && "status" in spec) return spec;
  try {
    ctx.setFaults(spec);
  } catch (error) {
    if (error instanceof FaultSpecError) return badRequest(error.message);
    throw error;
  }
  const now = ctx.getFaults();
  return { status: 200, value: { faults: now }, outcome: `faults set: ${now || "none"}` };
}

const ROUTES: Readonly<Record<string, (ctx: AdminContext, body: Buffer) => AdminAnswer>> = {
  "GET /__sandbox": (ctx) => ({ status: 200, value: ctx.health(), outcome: "health" }),
  "GET /__sandbox/health": (ctx) => ({ status: 200, value: ctx.health(), outcome: "health" }),
  "GET /__sandbox/faults": (ctx) => ({ status: 200, value: { faults: ctx.getFaults() }, outcome: "faults" }),
  "DELETE /__sandbox/faults": (ctx) => {
    ctx.setFaults("");
    return { status: 200, value: { faults: "" }, outcome: "faults cleared" };
  },
  "POST /__sandbox/faults": setFaults,
  "PUT /__sandbox/faults": setFaults,
  "POST /__sandbox/eduix/expire-sessions": (ctx) => {
    const expired = ctx.expireEduixSessions();
    return { status: 200, value: { expired }, outcome: `expired ${expired} Edu-iX session(s)` };
  },
  "POST /__sandbox/reset": (ctx) => {
    ctx.reset();
    return { status: 200, value: { reset: true }, outcome: "reset" };
  },
  "GET /__sandbox/state": (ctx) => ({ status: 200, value: ctx.state(), outcome: "state" }),
  "GET /__sandbox/calls": (ctx) => ({ status: 200, value: { calls: ctx.calls() }, outcome: "calls" }),
  "GET /__sandbox/requests": (ctx) => ({
    status: 200,
    value: { requests: ctx.history.slice(-REQUESTS_SHOWN) },
    outcome: "requests",
  }),
};

/** Answers an admin request (`path` starts with `/__sandbox`). */
export function handleAdmin(
  ctx: AdminContext,
  method: string,
  path: string,
  body: Buffer,
  res: ServerResponse,
): Outcome {
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  const run = Object.hasOwn(ROUTES, route) ? ROUTES[route] : undefined;
  const answer: AdminAnswer =
    run === undefined
      ? {
          status: 404,
          value: { error: `no admin route ${route.slice(0, 100)}`, routes: ADMIN_ROUTES },
          outcome: "404 unknown admin route",
        }
      : run(ctx, body);
  writeJson(res, answer.status, answer.value);
  return { outcome: answer.outcome, status: answer.status };
}

export const ADMIN_ROUTES = [
  "GET /__sandbox/health",
  "GET /__sandbox/faults",
  'POST /__sandbox/faults  body: latency=300,drop | {"faults": "moka:html-500"}',
  "DELETE /__sandbox/faults",
  "POST /__sandbox/eduix/expire-sessions",
  "POST /__sandbox/reset",
  "GET /__sandbox/state",
  "GET /__sandbox/calls",
  "GET /__sandbox/requests",
];
