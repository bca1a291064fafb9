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
import { createEduixService, type EduixService } from "./eduix.js";
import { createEswsService } from "./esws.js";
import { describeFaults, type FaultPlan, parseFaults } from "./faults.js";
import { closeServer, createListener, listen } from "./listener.js";
import { createMokaService } from "./moka.js";
import { createRequestHandler } from "./request-handler.js";
import { createRequestLog, type RequestRecord } from "./request-log.js";
import { resolveSeed, type SandboxSeed } from "./seed.js";
import type { VendorService } from "./service.js";
import { DEFAULT_HOST, DEFAULT_PORTS, EDUIX_PATH, ESWS_PATH, VENDORS, type Vendor } from "./vendors.js";

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

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** Starts the three listeners. Rejects (and leaves nothing listening) when a port is taken or the seed is bad. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = createRequestLog(
    options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line))),
  );
  const { seed, source: seedSource } = resolveSeed(options.seed);
  let globalFaults: FaultPlan = parseFaults(options.faults);

  const eduix: EduixService = createEduixService(seed.eduix, {
    ...(options.eduixSessionTtlMs === undefined ? {} : { sessionTtlMs: options.eduixSessionTtlMs }),
  });
  const services: Record<Vendor, VendorService> = {
    esws: createEswsService(seed.esws, { warn: (text) => log.event(`warning: ${text}`) }),
    moka: createMokaService(seed.moka),
    eduix,
  };

  const ports = { ...DEFAULT_PORTS } as Record<Vendor, number>;
  const origins = {} as Record<Vendor, string>;
  const servers: Server[] = [];

  function setFaults(spec: string | readonly string[]): void {
    globalFaults = parseFaults(spec);
    log.event(`global faults: ${describeFaults(globalFaults) || "none"}`);
  }

  function reset(): void {
    for (const s of Object.values(services)) s.reset();
    log.event("state reset to the seed");
  }

  const context = {
    services,
    origins,
    maxBodyBytes,
    log,
    globalFaults: () => globalFaults,
    admin: {
      health: () => ({ ok: true, urls, ports, seed: seedSource, faults: describeFaults(globalFaults) }),
      getFaults: () => describeFaults(globalFaults),
      setFaults,
      expireEduixSessions: () => eduix.expireSessions(),
      reset,
      state: () => ({
        esws: services.esws.snapshot(),
        moka: services.moka.snapshot(),
        eduix: services.eduix.snapshot(),
      }),
      history: log.history,
    },
  };

  try {
    for (const vendor of VENDORS) {
      const server = createListener({
        handle: createRequestHandler(context, vendor),
        onError: (text) => log.event(`${vendor.padEnd(5)} ${text}`),
      });
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
    history: log.history,
    close: () => {
      closed ??= Promise.all(servers.map(closeServer)).then(() => undefined);
      return closed;
    },
  };
}

export { ADMIN_ROUTES } from "./admin.js";
