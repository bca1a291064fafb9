/**
 * What the HTTP layer hands a vendor simulation, and what it gets back: a vendor is a table of routes (path →
 * what each method does there), and each SOAP or JSON call is dispatched by the vendor to a table of
 * per-operation handlers keyed by the contract's operation ids.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Vendor } from "./vendors.js";

export interface SandboxRequest {
  readonly vendor: Vendor;
  readonly method: string;
  /** The path, without the query and without a `/__fault/<list>` prefix. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** How clients reach this listener, e.g. `http://127.0.0.1:7401` (for soap:address). */
  readonly origin: string;
  /** Faults asked for this request that the simulation itself acts on (Edu-iX session expiry). */
  readonly expireSession: boolean;
}

export interface VendorResponse {
  status: number;
  contentType: string;
  body: string;
  /** The operation, when one was recognised (for the log). */
  operation?: string | undefined;
  /** The result code / fault code / short outcome, for the log. */
  outcome?: string | undefined;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: SandboxRequest) => VendorResponse;

/** One route of a vendor: a path (and optionally a query key) and what each method does there. */
export interface VendorRoute {
  /** The path as the vendor's server matches it: no trailing slash (see VendorService.caseInsensitivePaths). */
  readonly path: string;
  /** A query key (compared case-insensitively, e.g. `wsdl`) that must be present for this route to match. */
  readonly query?: string;
  /** The operation this route belongs to (Moka: one path per operation), for the log. */
  readonly operation?: string;
  /** GET, and HEAD (the same answer without its body). */
  readonly get?: RouteHandler;
  readonly post?: RouteHandler;
}

export interface VendorService {
  readonly vendor: Vendor;
  /** ASP.NET (Moka) matches paths case-insensitively; PHP behind Apache (ESWS, Edu-iX) does not. */
  readonly caseInsensitivePaths: boolean;
  readonly routes: readonly VendorRoute[];
  /** The vendor's own 404 (a web server page, or ASP.NET's JSON). */
  notFound(request: SandboxRequest): VendorResponse;
  /** The vendor's own 405, with the methods the route has. */
  methodNotAllowed(request: SandboxRequest, route: VendorRoute, allow: readonly string[]): VendorResponse;
  /** The vendor's own kind of answer to an unexpected failure of the simulation itself. */
  internalError(request: SandboxRequest): VendorResponse;
  /** Back to the seed state. */
  reset(): void;
  /** A JSON-able view of the state, for `GET /__sandbox/state`. */
  snapshot(): unknown;
}

/** Whether the request's query has `key` (any case), e.g. `?wsdl` or `?WSDL`. */
export function hasQueryKey(query: URLSearchParams, key: string): boolean {
  const wanted = key.toLowerCase();
  for (const k of query.keys()) if (k.toLowerCase() === wanted) return true;
  return false;
}
