/**
 * `startSandbox(options)`: one Node process, three HTTP listeners on loopback (ESWS, Moka, Edu-iX), in-memory
 * state from the seed, fault injection and an admin API under `/__sandbox/` on every listener. This file
 * wires the parts together: the vendor simulations (esws.ts, moka.ts, eduix.ts), the request pipeline
 * (request-handler.ts: body reading, router, fault middleware), the admin API (admin.ts) and the listeners
 * (listener.ts).
 *
 * Robustness: a request never takes the process down. Bodies are capped (`maxBodyBytes`), every failure of
 * a simulation is answered in the vendor's own way for an internal error (ESWS: a NuSOAP Server fault; Moka:
 * the EX envelope; Edu-iX: fault 1), socket errors are swallowed and logged, and malformed HTTP gets a 400.
 */
import type { Server } from "node:http";
import { createAdminGuard } from "./admin-guard.js";
import { createBodyBudget } from "./body-budget.js";
import { createCallCounts } from "./call-counts.js";
import { createEduixService, type EduixService } from "./eduix.js";
import { createEswsService } from "./esws.js";
import { describeFaults, type FaultPlan, parseFaults } from "./faults.js";
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from "./limits.js";
import { closeServer, createListener, type ListenerStats, listen } from "./listener.js";
import { createMokaService } from "./moka.js";
import { createRequestHandler } from "./request-handler.js";
import { createRequestLog, type RequestRecord } from "./request-log.js";
import { resolveSeed, type SandboxSeed } from "./seed.js";
import type { VendorService } from "./service.js";
import {
  DEFAULT_HOST,
  DEFAULT_PORTS,
  EDUIX_PATH,
  ESWS_PATH,
  VENDOR_WIDTH,
  VENDORS,
  type Vendor,
} from "./vendors.js";

export { DEFAULT_MAX_BODY_BYTES } from "./limits.js";
export type { ListenerStats } from "./listener.js";
export type { RequestRecord } from "./request-log.js";

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
  /** Most Edu-iX sessions kept; a login past it ends the least recently used one. Default 10 000. */
  eduixMaxSessions?: number;
  /** Largest request body accepted, in bytes; larger ones get HTTP 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Most request-body bytes held at once over all listeners; a body finding no room gets 503. Default 64 MiB. */
  maxBufferedBytes?: number;
  /** Most open connections per listener; more are closed at once. Default 256. */
  maxConnections?: number;
  /** Time for a client to send complete request headers, else 408 and the connection closed. Default 10 s. */
  headersTimeoutMs?: number;
  /** Time for a client to send a whole request, else 408 and the connection closed. Default 30 s. */
  requestTimeoutMs?: number;
  /** One line per request and per event; `false` for silence. Default: `console.log`. */
  log?: ((line: string) => void) | false;
}

export interface SandboxUrls {
  /** ESWS endpoint (pass it as the EasySecure client's endpoint). */
  easysecure: string;
  easysecureWsdl: string;
  /** Moka base URL (pass it as the Moka client's baseUrl). */
  moka: string;
  /** Edu-iX endpoint (pass it as the Edu-iX client's endpoint). */
  eduix: string;
  eduixWsdl: string;
  /** The admin API (also served on the other two ports). */
  admin: string;
}

/** What the sandbox holds now, against its limits (also in `GET /__sandbox/health`). */
export interface SandboxStats {
  /** Per listener: open connections, connections refused at the cap, connections closed for a 400/408. */
  connections: Record<Vendor, ListenerStats>;
  /** Request-body bytes held now, and the most held at once since the start. */
  bufferedBodyBytes: number;
  peakBufferedBodyBytes: number;
  /** Bodies refused (503) because the buffer cap was reached. */
  refusedBodies: number;
  /** Entries in the Edu-iX session table. */
  eduixSessions: number;
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
  /** Connections, buffered bytes and sessions held now. */
  stats(): SandboxStats;
  /** Expires every Edu-iX session (the next sessionID call gets fault 12); returns how many were active. */
  expireEduixSessions(): number;
  /** Back to the seed state (users, keys, sessions) and the call counts to zero; faults stay. */
  reset(): void;
  /**
   * The calls each operation got that the vendor ran, by the vendor's outcome, since the start or the last
   * reset: `{"eduix createKey": {"ok": 10000}}` (also `GET /__sandbox/calls`).
   */
  calls(): Record<string, Record<string, number>>;
  /** The latest requests, oldest first (at most 500). */
  readonly history: readonly RequestRecord[];
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** Starts the three listeners. Rejects (and leaves nothing listening) when a port is taken or the seed is bad. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyBudget = createBodyBudget(options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES);
  const listenerLimits = {
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    // Node requires requestTimeout ≥ headersTimeout.
    requestTimeoutMs: Math.max(
      options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    ),
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
  };
  const log = createRequestLog(
    options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line))),
  );
  const { seed, source: seedSource } = resolveSeed(options.seed);
  let globalFaults: FaultPlan = parseFaults(options.faults);
  const calls = createCallCounts();

  const eduix: EduixService = createEduixService(seed.eduix, {
    ...(options.eduixSessionTtlMs === undefined ? {} : { sessionTtlMs: options.eduixSessionTtlMs }),
    ...(options.eduixMaxSessions === undefined ? {} : { maxSessions: options.eduixMaxSessions }),
  });
  const services: Record<Vendor, VendorService> = {
    easysecure: createEswsService(seed.easysecure, { warn: (text) => log.event(`warning: ${text}`) }),
    moka: createMokaService(seed.moka),
    eduix,
  };

  const ports = { ...DEFAULT_PORTS } as Record<Vendor, number>;
  const origins = {} as Record<Vendor, string>;
  const servers: Server[] = [];
  const listenerStats = {} as Record<Vendor, ListenerStats>;

  const stats = (): SandboxStats => ({
    connections: structuredClone(listenerStats),
    bufferedBodyBytes: bodyBudget.used,
    peakBufferedBodyBytes: bodyBudget.peak,
    refusedBodies: bodyBudget.refused,
    eduixSessions: eduix.sessionTableSize(),
  });

  function setFaults(spec: string | readonly string[]): void {
    globalFaults = parseFaults(spec);
    log.event(`global faults: ${describeFaults(globalFaults) || "none"}`);
  }

  function reset(): void {
    for (const s of Object.values(services)) s.reset();
    calls.reset();
    log.event("state reset to the seed");
  }

  const context = {
    services,
    origins,
    maxBodyBytes,
    bodyBudget,
    calls,
    adminGuard: createAdminGuard(host, () => Object.values(ports)),
    log,
    globalFaults: () => globalFaults,
    admin: {
      health: () => ({
        ok: true,
        urls,
        ports,
        seed: seedSource,
        faults: describeFaults(globalFaults),
        limits: {
          maxBodyBytes,
          maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
          ...listenerLimits,
          eduixSessionTtlMs: eduix.sessionTtlMs,
          eduixMaxSessions: eduix.maxSessions,
        },
        stats: stats(),
      }),
      getFaults: () => describeFaults(globalFaults),
      setFaults,
      expireEduixSessions: () => eduix.expireSessions(),
      reset,
      state: () => ({
        easysecure: services.easysecure.snapshot(),
        moka: services.moka.snapshot(),
        eduix: services.eduix.snapshot(),
      }),
      calls: () => calls.snapshot(),
      history: log.history,
    },
  };

  try {
    for (const vendor of VENDORS) {
      const { server, stats: counts } = createListener({
        limits: listenerLimits,
        handle: createRequestHandler(context, vendor),
        onError: (text) => log.event(`${vendor.padEnd(VENDOR_WIDTH)} ${text}`),
      });
      listenerStats[vendor] = counts;
      servers.push(server);
      ports[vendor] = await listen(server, options.ports?.[vendor] ?? DEFAULT_PORTS[vendor], host);
      origins[vendor] = `http://${hostForUrl(host)}:${ports[vendor]}`;
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    const e = error as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") {
      throw new Error(
        `port ${(e as { port?: number }).port ?? "?"} on ${host} is in use; choose other ports (--port, --easysecure-port, …) or 0 for free ones`,
      );
    }
    throw error;
  }

  const urls: SandboxUrls = {
    easysecure: `${origins.easysecure}${ESWS_PATH}`,
    easysecureWsdl: `${origins.easysecure}${ESWS_PATH}?wsdl`,
    moka: origins.moka,
    eduix: `${origins.eduix}${EDUIX_PATH}`,
    eduixWsdl: `${origins.eduix}${EDUIX_PATH}/wsdl/`,
    admin: `${origins.easysecure}/__sandbox`,
  };

  let closed: Promise<void> | undefined;
  return {
    urls,
    ports,
    host,
    seed,
    seedSource,
    faults: { set: setFaults, clear: () => setFaults(""), get: () => describeFaults(globalFaults) },
    stats,
    expireEduixSessions: () => eduix.expireSessions(),
    reset,
    calls: () => calls.snapshot(),
    history: log.history,
    close: () => {
      closed ??= Promise.all(servers.map(closeServer)).then(() => undefined);
      return closed;
    },
  };
}

export { ADMIN_ROUTES } from "./admin.js";
