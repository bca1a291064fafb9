/**
 * Loading recordings (`INTEGRATIONS_RECORD`'s layout, `<dir>/<vendor>/<Operation>/<case>/`) and contract
 * fixtures (one vendor's `<Operation>/<case>/` folders), once, when a replay is created. Bounded: a file larger
 * than a client would accept is refused, and a broken recording is a ReplayLoadError naming it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Canonical, canonicalRequest } from "./canonical.js";
import { operationNamed, type ReplayVendor, VENDORS } from "./operations.js";

/**
 * Where exchanges come from: a recording directory (matched by request), or one vendor's fixture folders, some
 * cases only (each answers any request of its operation).
 */
export type ReplaySource =
  | string
  | { readonly vendor: ReplayVendor; readonly dir: string; readonly cases?: readonly string[] | undefined };

export interface LoadedExchange {
  readonly vendor: ReplayVendor;
  readonly operation: string;
  /** `<Operation>/<case>`. */
  readonly id: string;
  readonly dir: string;
  /** The request's canonical form; undefined for a case without a request (it answers any request). */
  readonly request: Canonical | undefined;
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** The largest file read: a client's default response limit. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export class ReplayLoadError extends Error {
  override readonly name = "ReplayLoadError";
}

function readBounded(path: string): Buffer {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) throw new ReplayLoadError(`${path}: ${size} bytes, more than ${MAX_FILE_BYTES}`);
  return readFileSync(path);
}

function firstFile(
  dir: string,
  base: string,
  formats: readonly string[],
): { path: string; format: string } | undefined {
  for (const format of formats) {
    const path = join(dir, `${base}.${format}`);
    if (existsSync(path)) return { path, format };
  }
  return undefined;
}

const visible = (dir: string) =>
  readdirSync(dir)
    .filter((name) => !name.startsWith("."))
    .sort();

interface Meta {
  recorded?: { http?: { status?: unknown; contentType?: unknown } };
}

function loadCase(
  vendor: ReplayVendor,
  operation: string,
  name: string,
  dir: string,
  matchRequests: boolean,
): LoadedExchange | undefined {
  const op = operationNamed(vendor, operation);
  if (op === undefined) throw new ReplayLoadError(`${dir}: ${vendor} has no operation ${operation}`);
  const response = firstFile(dir, "response", ["json", "xml", "txt"]);
  if (response === undefined) return undefined; // no answer was recorded (a time-out): nothing to replay
  let meta: Meta = {};
  const metaPath = join(dir, "meta.json");
  if (existsSync(metaPath)) {
    try {
      meta = JSON.parse(readBounded(metaPath).toString("utf8")) as Meta;
    } catch (error) {
      if (error instanceof ReplayLoadError) throw error;
      throw new ReplayLoadError(`${metaPath}: not JSON`);
    }
  }
  const body = readBounded(response.path);
  const request = matchRequests ? firstFile(dir, "request", [op.format]) : undefined;
  const http = meta.recorded?.http;
  const isFault = response.format === "xml" && /<([\w.-]+:)?Fault\b/.test(body.toString("utf8"));
  const status = typeof http?.status === "number" ? http.status : isFault ? 500 : 200;
  const contentType =
    typeof http?.contentType === "string" && http.contentType !== ""
      ? http.contentType
      : response.format === "json"
        ? "application/json; charset=utf-8"
        : response.format === "xml"
          ? "text/xml; charset=utf-8"
          : "text/html; charset=utf-8";
  return {
    vendor,
    operation,
    id: `${operation}/${name}`,
    dir,
    request:
      request === undefined ? undefined : canonicalRequest(op, readBounded(request.path).toString("utf8")),
    status,
    contentType,
    body,
  };
}

function loadVendor(
  vendor: ReplayVendor,
  root: string,
  matchRequests: boolean,
  cases?: readonly string[],
): LoadedExchange[] {
  const out: LoadedExchange[] = [];
  const wanted = cases === undefined ? undefined : new Set(cases);
  for (const operation of visible(root)) {
    const opDir = join(root, operation);
    if (!statSync(opDir).isDirectory()) continue;
    for (const name of visible(opDir)) {
      if (wanted !== undefined && !wanted.has(name) && !wanted.has(`${operation}/${name}`)) continue;
      const loaded = loadCase(vendor, operation, name, join(opDir, name), matchRequests);
      if (loaded) out.push(loaded);
    }
  }
  return out;
}

export function loadSource(source: ReplaySource): LoadedExchange[] {
  if (typeof source !== "string") {
    if (!existsSync(source.dir)) throw new ReplayLoadError(`no directory ${source.dir}`);
    // A fixture answers its operation whatever the request (its request, if any, is another case's sample).
    return loadVendor(source.vendor, source.dir, false, source.cases);
  }
  if (!existsSync(source)) throw new ReplayLoadError(`no directory ${source}`);
  return VENDORS.filter((vendor) => existsSync(join(source, vendor))).flatMap((vendor) =>
    loadVendor(vendor, join(source, vendor), true),
  );
}
