/**
 * URL → what a request needs of it (origin and path for an undici dispatcher; host, port and path for
 * node:http), parsed once per distinct URL: a client calls one or two endpoints, so the cache stays tiny, and
 * it is bounded anyway.
 */
import { urlToHttpOptions } from "node:url";

export interface HttpTarget {
  readonly https: boolean;
  /** `http://host:port`, as undici's `dispatch` wants it. */
  readonly origin: string;
  /** Path and query. */
  readonly path: string;
  /** Without IPv6 brackets, as node:http wants it. */
  readonly hostname: string;
  /** `undefined` for the scheme's default port. */
  readonly port: number | undefined;
  /** `user:password` from the URL, which node:http turns into Basic authorization. */
  readonly auth: string | undefined;
}

const targets = new Map<string, HttpTarget>();
const MAX_TARGETS = 64;

/** @throws TypeError (`ERR_INVALID_URL`) for a URL that does not parse; an Error with code `ERR_INVALID_PROTOCOL` for one that is not http(s). */
export function httpTarget(url: string): HttpTarget {
  const known = targets.get(url);
  if (known !== undefined) return known;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw Object.assign(
      new Error(`protocol ${JSON.stringify(parsed.protocol)} not supported: use http or https`),
      {
        code: "ERR_INVALID_PROTOCOL",
      },
    );
  }
  const options = urlToHttpOptions(parsed);
  const target: HttpTarget = {
    https: parsed.protocol === "https:",
    origin: parsed.origin,
    path: options.path ?? "/",
    hostname: options.hostname ?? parsed.hostname,
    port: parsed.port === "" ? undefined : Number(parsed.port),
    auth: options.auth ?? undefined,
  };
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(url, target);
  return target;
}
