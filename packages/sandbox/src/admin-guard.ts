/**
 * Who may use the admin API. Any web page can make a browser send a simple cross-origin POST (e.g. with
 * `text/plain`) to loopback, and a page on a domain that re-resolves to 127.0.0.1 (DNS rebinding) even sends
 * its own name as Host. So `/__sandbox/*` is served only when Host names a loopback address (127.0.0.1,
 * localhost, [::1], or the address the sandbox was started on), with any port, and when no foreign Origin
 * is given: an Origin, when present, must be one of the sandbox's own listeners. Anything else gets 403.
 * Vendor routes are not affected: clients reach them under any name.
 */
import type { IncomingHttpHeaders } from "node:http";

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "::", "[::]"]);

/** `name` and `port` of a Host header value (`[::1]:7401`, `localhost`), or undefined when malformed. */
export function parseHostHeader(value: string): { name: string; port: string | undefined } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::([0-9]{1,5}))?$/i.exec(value.trim());
  return m === null ? undefined : { name: m[1]!.toLowerCase(), port: m[2] };
}

export interface AdminGuard {
  /** Why the request is refused, or undefined when it may use the admin API. */
  refusal(headers: IncomingHttpHeaders): string | undefined;
}

/**
 * @param host the address the sandbox listens on (allowed as a Host name too, unless it is a wildcard)
 * @param ports the sandbox's listener ports (an Origin must name one of them), read on each check
 */
export function createAdminGuard(host: string, ports: () => readonly number[]): AdminGuard {
  const own = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const names = new Set(LOOPBACK_NAMES);
  if (!WILDCARD_ADDRESSES.has(own)) names.add(own.toLowerCase());
  return {
    refusal(headers) {
      const hostHeader = parseHostHeader(headers.host ?? "");
      if (hostHeader === undefined || !names.has(hostHeader.name)) {
        return "the admin API answers only requests addressed to a loopback host (127.0.0.1, localhost, [::1])";
      }
      const origin = headers.origin;
      if (origin !== undefined) {
        let url: URL | undefined;
        try {
          url = new URL(origin);
        } catch {
          url = undefined;
        }
        const port =
          url === undefined ? Number.NaN : Number(url.port || (url.protocol === "http:" ? 80 : 443));
        if (
          url === undefined ||
          url.protocol !== "http:" ||
          !names.has(url.hostname.toLowerCase()) ||
          !ports().includes(port)
        ) {
          return "the admin API does not answer requests from other origins";
        }
      }
      if (headers["sec-fetch-site"] === "cross-site") {
        return "the admin API does not answer cross-site requests";
      }
      return undefined;
    },
  };
}
