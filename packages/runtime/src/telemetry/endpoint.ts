/**
 * What an attempt's URL may say in a trace: `server.address`, `server.port` and a `url.full` with no secret.
 * User info becomes `REDACTED:REDACTED` and every query value `REDACTED`, as the HTTP conventions ask
 * (https://opentelemetry.io/docs/specs/semconv/registry/attributes/url/); our clients put nothing in a query,
 * so whatever is there is configuration and may be a key. The fragment is never sent and is dropped. Last, the
 * client's redactor runs over it, which knows every secret value of the client.
 */
import { HTTP_REQUEST_METHOD, SERVER_ADDRESS, SERVER_PORT, URL_FULL, URL_SCHEME } from "./semconv.js";

export type EndpointAttributes = Readonly<Record<string, string | number>>;

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443 };
const REDACTED = "REDACTED";

/** The attributes of an attempt's endpoint; undefined for a URL that does not parse. */
export function endpointAttributes(
  url: string,
  redact: ((text: string) => string) | undefined,
): EndpointAttributes | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const userinfo = parsed.username !== "" || parsed.password !== "" ? `${REDACTED}:${REDACTED}@` : "";
  let query = "";
  if (parsed.search !== "") {
    const names = [...parsed.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=${REDACTED}`);
    query = `?${names.join("&")}`;
  }
  const full = `${parsed.protocol}//${userinfo}${parsed.host}${parsed.pathname}${query}`;
  const port = parsed.port === "" ? DEFAULT_PORTS[parsed.protocol] : Number(parsed.port);
  const attributes: Record<string, string | number> = {
    [HTTP_REQUEST_METHOD]: "POST",
    // An IPv6 host without its brackets, as the conventions write server.address.
    [SERVER_ADDRESS]: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    [URL_FULL]: redact ? redact(full) : full,
    [URL_SCHEME]: parsed.protocol.slice(0, -1),
  };
  if (port !== undefined) attributes[SERVER_PORT] = port;
  return attributes;
}

/** Most clients call one or two URLs: a small cache per client, emptied when it fills up. */
export class EndpointCache {
  readonly #entries = new Map<string, EndpointAttributes | undefined>();
  readonly #redact: ((text: string) => string) | undefined;

  constructor(redact: ((text: string) => string) | undefined) {
    this.#redact = redact;
  }

  get(url: string): EndpointAttributes | undefined {
    if (this.#entries.has(url)) return this.#entries.get(url);
    if (this.#entries.size >= 32) this.#entries.clear();
    const attributes = endpointAttributes(url, this.#redact);
    this.#entries.set(url, attributes);
    return attributes;
  }
}
