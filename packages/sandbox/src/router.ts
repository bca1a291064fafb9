/**
 * The router: a request goes to the admin API (`/__sandbox/*`, on every listener) or to its vendor, whose
 * route table says what each path does (the operation calls, `?wsdl`, a service page). A path no route has
 * gets the vendor's 404; a method the route does not have gets the vendor's 405. HEAD is GET without a body.
 */
import type { SandboxRequest, VendorResponse, VendorRoute, VendorService } from "./service.js";
import { hasQueryKey } from "./service.js";

export const ADMIN_PREFIX = "/__sandbox";

/** Whether `path` belongs to the admin API rather than to a vendor. */
export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

function methodHandler(route: VendorRoute, method: string): VendorRoute["get"] {
  if (method === "GET" || method === "HEAD") return route.get;
  if (method === "POST") return route.post;
  return undefined;
}

function allowedMethods(routes: readonly VendorRoute[]): string[] {
  const allow = new Set<string>();
  for (const route of routes) {
    if (route.get !== undefined) allow.add("GET");
    if (route.post !== undefined) allow.add("POST");
  }
  return [...allow];
}

/**
 * The vendor's answer to `request`. Among the routes of the path, one with a `query` key the request has comes
 * first (`?wsdl`), then the plain one; the first that handles the method answers.
 */
export function routeVendorRequest(service: VendorService, request: SandboxRequest): VendorResponse {
  const normalise = (p: string): string => {
    const trimmed = p.replace(/\/+$/, "");
    return service.caseInsensitivePaths ? trimmed.toLowerCase() : trimmed;
  };
  const path = normalise(request.path);
  const candidates = service.routes
    .filter(
      (r) => normalise(r.path) === path && (r.query === undefined || hasQueryKey(request.query, r.query)),
    )
    .sort((a, b) => Number(b.query !== undefined) - Number(a.query !== undefined));
  if (candidates.length === 0) return service.notFound(request);
  for (const route of candidates) {
    const handler = methodHandler(route, request.method);
    if (handler !== undefined) return handler(request);
  }
  return service.methodNotAllowed(request, candidates[0]!, allowedMethods(candidates));
}
