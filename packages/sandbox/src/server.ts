/**
 * `startSandbox(options)`: one Node process, three HTTP listeners on loopback (ESWS, Moka, Edu-iX), in-memory
 * state from the seed, fault injection and an admin API under `/__sandbox/` on every listener.
 *
 * Robustness: a request never takes the process down. Bodies are capped (`maxBodyBytes`), every failure of
 * a simulation is answered in the vendor's own way for an internal error (ESWS: a NuSOAP Server fault; Moka:
 * the EX envelope; Edu-iX: fault 1), socket errors are swallowed and logged, and malformed HTTP gets a 400.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createEduixService, type EduixService } from "./eduix.js";
import { createEswsService } from "./esws.js";
import {
  describeFaultSet,
  describeFaults,
  type FaultPlan,
  FaultSpecError,
  faultsFor,
  isEmptyFaultSet,
  parseFaults,
} from "./faults.js";
import { createMokaService } from "./moka.js";
import { resolveSeed, type SandboxSeed } from "./seed.js";
import { htmlPage, type SandboxRequest, type VendorResponse, type VendorService } from "./service.js";
import { DEFAULT_HOST, DEFAULT_PORTS, EDUIX_PATH, ESWS_PATH, VENDORS, type Vendor } from "./vendors.js";

export interface SandboxOptions {
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Port per vendor; default 7401 (ESWS), 7402 (Moka), 7403 (Edu-iX). 0 picks a free port. */
  ports?: Partial<Record<Vendor, number>>;
  /** A seed file path or a seed object; default `seed/default.json` of this package. */
  seed?: string | SandboxSeed;
  /** Faults for the whole run, e.g. `"latency=200"` or `["moka:drop"]` (see faults.ts). */
  faults?: string | readonly string[];
  /** Idle lifetime of an Edu-iX session, in ms. Default 20 minutes. */
  eduixSessionTtlMs?: number;
  /** Largest request body accepted, in bytes; larger ones get HTTP 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** One line per request and per event; `false` for silence. Default: `console.log`. */
  log?: ((line: string) => void) | false;
}

export interface SandboxUrls {
  /** ESWS endpoint (pass it as the EasySecure client's endpoint). */
  esws: string;
  eswsWsdl: string;
  /** Moka base URL (pass it as the Moka client's baseUrl). */
  moka: string;
  /** Edu-iX endpoint (pass it as the Edu-iX client's endpoint). */
  eduix: string;
  eduixWsdl: string;
  /** The admin API (also served on the other two ports). */
  admin: string;
}

export interface RequestRecord {
  time: string;
  vendor: Vendor;
  method: string;
  path: string;
  operation: string | undefined;
  /** The code the sandbox answered with, a fault number, or what happened (`dropped`, `html-500`, …). */
  outcome: string;
  status: number | undefined;
  ms: number;
  faults: string;
}

export interface Sandbox {
  readonly urls: SandboxUrls;
  readonly ports: Readonly<Record<Vendor, number>>;
  readonly host: string;
  readonly seed: SandboxSeed;
  /** Where the seed came from (a path, or "(seed object)"). */
  readonly seedSource: string;
  /** Global faults (the `--fault` / `POST /__sandbox/faults` switch). */
  readonly faults: {
    /** Replaces the global faults; `""` clears them. Throws FaultSpecError on a bad list. */
    set(spec: string | readonly string[]): void;
    clear(): void;
    get(): string;
  };
  /** Expires every Edu-iX session (the next sessionID call gets fault 12); returns how many were active. */
  expireEduixSessions(): number;
  /** Back to the seed state (users, keys, sessions); faults stay. */
  reset(): void;
  /** The latest requests, oldest first (at most 500). */
  readonly history: readonly RequestRecord[];
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Past this many bytes beyond the cap, an oversized body is not even drained: the socket is closed. */
const DRAIN_LIMIT_FACTOR = 16;
const HISTORY_LIMIT = 500;
const FAULT_HEADER = "x-sandbox-fault";
const FAULT_PREFIX = /^\/__fault\/([^/]*)(\/.*)?$/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type BodyResult = { kind: "ok"; body: Buffer } | { kind: "too-large"; size: number } | { kind: "aborted" };

function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (result: BodyResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (size > max * DRAIN_LIMIT_FACTOR) {
        req.socket.destroy();
        done({ kind: "aborted" });
      }
    });
    req.on("end", () =>
      done(size > max ? { kind: "too-large", size } : { kind: "ok", body: Buffer.concat(chunks) }),
    );
    req.on("error", () => done({ kind: "aborted" }));
    req.on("close", () => done({ kind: "aborted" }));
  });
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}

/** Starts the three listeners. Rejects (and leaves nothing listening) when a port is taken or the seed is bad. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const { seed, source: seedSource } = resolveSeed(options.seed);
  let globalFaults: FaultPlan = parseFaults(options.faults);

  const eduix: EduixService = createEduixService(seed.eduix, {
    ...(options.eduixSessionTtlMs === undefined ? {} : { sessionTtlMs: options.eduixSessionTtlMs }),
  });
  const services: Record<Vendor, VendorService> = {
    esws: createEswsService(seed.esws, { warn: (text) => log(`[sandbox] ${timestamp()} warning: ${text}`) }),
    moka: createMokaService(seed.moka),
    eduix,
  };

  const history: RequestRecord[] = [];
  const ports = { ...DEFAULT_PORTS } as Record<Vendor, number>;
  const origins = {} as Record<Vendor, string>;
  const servers: Server[] = [];

  function record(entry: RequestRecord): void {
    history.push(entry);
    if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
    const op = entry.operation === undefined ? "" : ` ${entry.operation}`;
    const status = entry.status === undefined ? "no answer" : String(entry.status);
    const faults = entry.faults === "" ? "" : ` [faults: ${entry.faults}]`;
    log(
      `[sandbox] ${entry.time} ${entry.vendor.padEnd(5)} ${entry.method} ${entry.path.slice(0, 80)}${op} -> ${entry.outcome.slice(0, 120)} (${status}, ${entry.ms} ms)${faults}`,
    );
  }

  function setFaults(spec: string | readonly string[]): void {
    globalFaults = parseFaults(spec);
    log(`[sandbox] ${timestamp()} global faults: ${describeFaults(globalFaults) || "none"}`);
  }

  function reset(): void {
    for (const s of Object.values(services)) s.reset();
    log(`[sandbox] ${timestamp()} state reset to the seed`);
  }

  function json(res: ServerResponse, status: number, value: unknown): void {
    const body = `${JSON.stringify(value, null, 2)}\n`;
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  }

  function admin(
    method: string,
    path: string,
    body: Buffer,
    res: ServerResponse,
  ): { status: number; outcome: string } {
    const route = `${method} ${path.replace(/\/+$/, "")}`;
    const reply = (status: number, value: unknown, outcome: string): { status: number; outcome: string } => {
      json(res, status, value);
      return { status, outcome };
    };
    switch (route) {
      case "GET /__sandbox":
      case "GET /__sandbox/health":
        return reply(
          200,
          { ok: true, urls, ports, seed: seedSource, faults: describeFaults(globalFaults) },
          "health",
        );
      case "GET /__sandbox/faults":
        return reply(200, { faults: describeFaults(globalFaults) }, "faults");
      case "DELETE /__sandbox/faults":
        setFaults("");
        return reply(200, { faults: "" }, "faults cleared");
      case "POST /__sandbox/faults":
      case "PUT /__sandbox/faults": {
        const text = body.toString("utf8").trim();
        let spec: string | readonly string[] = text;
        if (text.startsWith("{")) {
          try {
            const parsed = JSON.parse(text) as { faults?: unknown };
            const f = parsed.faults;
            if (typeof f === "string" || (Array.isArray(f) && f.every((x) => typeof x === "string")))
              spec = f;
            else
              return reply(
                400,
                { error: 'expected {"faults": "<list>"} or {"faults": ["<fault>", ...]}' },
                "bad request",
              );
          } catch {
            return reply(400, { error: "the body is not JSON" }, "bad request");
          }
        }
        try {
          setFaults(spec);
        } catch (error) {
          if (error instanceof FaultSpecError) return reply(400, { error: error.message }, "bad request");
          throw error;
        }
        return reply(
          200,
          { faults: describeFaults(globalFaults) },
          `faults set: ${describeFaults(globalFaults) || "none"}`,
        );
      }
      case "POST /__sandbox/eduix/expire-sessions": {
        const expired = eduix.expireSessions();
        return reply(200, { expired }, `expired ${expired} Edu-iX session(s)`);
      }
      case "POST /__sandbox/reset":
        reset();
        return reply(200, { reset: true }, "reset");
      case "GET /__sandbox/state":
        return reply(
          200,
          {
            esws: services.esws.snapshot(),
            moka: services.moka.snapshot(),
            eduix: services.eduix.snapshot(),
          },
          "state",
        );
      case "GET /__sandbox/requests":
        return reply(200, { requests: history.slice(-200) }, "requests");
      default:
        return reply(
          404,
          { error: `no admin route ${route.slice(0, 100)}`, routes: ADMIN_ROUTES },
          "404 unknown admin route",
        );
    }
  }

  async function handle(vendor: Vendor, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    let path = "/";
    let operation: string | undefined;
    let applied = "";
    const finish = (outcome: string, status: number | undefined): void =>
      record({
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
    const plain = (status: number, text: string, outcome: string): void => {
      res.writeHead(status, {
        "content-type": "text/plain; charset=utf-8",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
      finish(outcome, status);
    };

    let url: URL;
    try {
      url = new URL(req.url ?? "/", origins[vendor]);
    } catch {
      plain(400, "bad request target\n", "400 bad request target");
      return;
    }
    path = url.pathname;

    let pathFaults: FaultPlan | undefined;
    const prefixed = FAULT_PREFIX.exec(path);
    if (prefixed !== null) {
      path = prefixed[2] ?? "/";
      try {
        pathFaults = parseFaults(decodeURIComponent(prefixed[1]!));
      } catch (error) {
        plain(400, `invalid /__fault/ path prefix: ${(error as Error).message}\n`, "400 bad fault prefix");
        return;
      }
    }

    const body = await readBody(req, maxBody);
    if (body.kind === "aborted") {
      finish("connection closed while reading the body", undefined);
      return;
    }
    if (body.kind === "too-large") {
      const page = htmlPage(
        413,
        "Request Entity Too Large",
        `The request body is larger than ${maxBody} bytes.`,
      );
      res.writeHead(413, {
        "content-type": "text/html; charset=utf-8",
        connection: "close",
        "content-length": Buffer.byteLength(page),
      });
      res.end(page);
      finish(`413 body of ${body.size} bytes over the ${maxBody}-byte cap`, 413);
      return;
    }

    if (path === "/__sandbox" || path.startsWith("/__sandbox/")) {
      const { status, outcome } = admin(method, path, body.body, res);
      finish(outcome, status);
      return;
    }

    let headerFaults: FaultPlan | undefined;
    const header = req.headers[FAULT_HEADER];
    if (header !== undefined) {
      try {
        headerFaults = parseFaults(Array.isArray(header) ? header.join(",") : header);
      } catch (error) {
        plain(400, `invalid ${FAULT_HEADER} header: ${(error as Error).message}\n`, "400 bad fault header");
        return;
      }
    }
    // Faults apply to operation calls (POST), not to WSDL downloads and service pages.
    const faults = method === "POST" ? faultsFor(vendor, globalFaults, pathFaults, headerFaults) : {};
    applied = isEmptyFaultSet(faults) ? "" : describeFaultSet(faults);

    if (faults.latencyMs !== undefined && faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.drop) {
      req.socket.destroy();
      finish("dropped the connection", undefined);
      return;
    }
    if (faults.html500) {
      const page = htmlPage(
        500,
        "Internal Server Error",
        "The server encountered an internal error and was unable to complete your request.",
      );
      res.writeHead(500, {
        "content-type": "text/html; charset=utf-8",
        "content-length": Buffer.byteLength(page),
      });
      res.end(page);
      finish("html-500", 500);
      return;
    }

    const request: SandboxRequest = {
      vendor,
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body: body.body,
      origin: origins[vendor],
      expireSession: faults.expireSession === true,
    };
    let response: VendorResponse;
    try {
      response = services[vendor].handle(request);
    } catch (error) {
      log(
        `[sandbox] ${timestamp()} internal error in the ${vendor} simulation: ${(error as Error).stack ?? String(error)}`,
      );
      response = services[vendor].internalError(request);
    }
    operation = response.operation;
    const bytes = Buffer.from(response.body, "utf8");
    const headers: Record<string, string | number> = {
      "content-type": response.contentType,
      ...(response.headers ?? {}),
    };
    if (faults.truncate) {
      // No Content-Length: the message is chunked and ends cleanly, with half the body.
      res.writeHead(response.status, headers);
      res.end(method === "HEAD" ? undefined : bytes.subarray(0, Math.floor(bytes.length / 2)));
      finish(`${response.outcome ?? response.status} (truncated)`, response.status);
      return;
    }
    headers["content-length"] = bytes.length;
    res.writeHead(response.status, headers);
    res.end(method === "HEAD" ? undefined : bytes);
    finish(response.outcome ?? String(response.status), response.status);
  }

  function createListener(vendor: Vendor): Server {
    const server = createServer((req, res) => {
      req.on("error", () => {});
      res.on("error", () => {});
      handle(vendor, req, res).catch((error: unknown) => {
        log(`[sandbox] ${timestamp()} unexpected error: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" });
          res.end("internal error\n");
        } else {
          res.destroy();
        }
      });
    });
    server.requestTimeout = 30_000;
    server.headersTimeout = 20_000;
    server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
      log(
        `[sandbox] ${timestamp()} ${vendor.padEnd(5)} malformed HTTP from a client (${error.code ?? error.message})`,
      );
      if (socket.writable)
        socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
      else socket.destroy();
    });
    return server;
  }

  try {
    for (const vendor of VENDORS) {
      const server = createListener(vendor);
      servers.push(server);
      ports[vendor] = await listen(server, options.ports?.[vendor] ?? DEFAULT_PORTS[vendor], host);
      origins[vendor] = `http://${hostForUrl(host)}:${ports[vendor]}`;
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    const e = error as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") {
      throw new Error(
        `port ${(e as { port?: number }).port ?? "?"} on ${host} is in use; choose other ports (--port, --esws-port, …) or 0 for free ones`,
      );
    }
    throw error;
  }

  const urls: SandboxUrls = {
    esws: `${origins.esws}${ESWS_PATH}`,
    eswsWsdl: `${origins.esws}${ESWS_PATH}?wsdl`,
    moka: origins.moka,
    eduix: `${origins.eduix}${EDUIX_PATH}`,
    eduixWsdl: `${origins.eduix}${EDUIX_PATH}/wsdl/`,
    admin: `${origins.esws}/__sandbox`,
  };

  let closed: Promise<void> | undefined;
  return {
    urls,
    ports,
    host,
    seed,
    seedSource,
    faults: { set: setFaults, clear: () => setFaults(""), get: () => describeFaults(globalFaults) },
    expireEduixSessions: () => eduix.expireSessions(),
    reset,
    history,
    close: () => {
      closed ??= Promise.all(servers.map(closeServer)).then(() => undefined);
      return closed;
    },
  };
}

export const ADMIN_ROUTES = [
  "GET /__sandbox/health",
  "GET /__sandbox/faults",
  'POST /__sandbox/faults  body: latency=300,drop | {"faults": "moka:html-500"}',
  "DELETE /__sandbox/faults",
  "POST /__sandbox/eduix/expire-sessions",
  "POST /__sandbox/reset",
  "GET /__sandbox/state",
  "GET /__sandbox/requests",
];
