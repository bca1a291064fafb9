/**
 * The transport the suites run on. vitest runs every suite twice (vitest.config.ts, one project each):
 * `RESILIENCE_TRANSPORT=node`, the clients' default node:http transport, and `RESILIENCE_TRANSPORT=undici`, an
 * undici dispatcher passed by the caller. The two must behave identically, so the suites do not know which
 * one they run on: they take their client settings from here, and steer requests (reroute some, add a header
 * to some, read the answers) through `steer`, which does it with an undici interceptor or a node:http Agent.
 */
import { type ClientRequest, Agent as HttpAgent, type IncomingMessage } from "node:http";
import type { Dispatcher as RuntimeDispatcher } from "@integrations/runtime";
import { Agent, type Dispatcher, getGlobalDispatcher } from "undici";
import { addHeader, reroute, tapResponses } from "./dispatchers.js";

export type TransportName = "node" | "undici";

export const TRANSPORT: TransportName = process.env.RESILIENCE_TRANSPORT === "undici" ? "undici" : "node";

/** What a client is given to use the transport under test. */
export interface TransportSettings {
  dispatcher?: RuntimeDispatcher;
  agent?: HttpAgent;
}

/** The transport under test, unsteered: the default one, or undici's global dispatcher. */
export function transportSettings(): TransportSettings {
  return TRANSPORT === "undici" ? { dispatcher: getGlobalDispatcher() } : {};
}

/** What a steering rule may look at: the SOAPAction header (unquoted), "" for Moka. */
export interface RequestFacts {
  readonly soapAction: string;
}

export type RequestRule = (request: RequestFacts) => boolean;

/** True for an Edu-iX login request. */
export const isLogin: RequestRule = ({ soapAction }) =>
  soapAction.slice(soapAction.indexOf("#") + 1) === "login";

export interface Steering {
  /** Requests matching `when` go to `origin` (`http://host:port`) instead of where the client sent them. */
  reroute?: { origin: string; when: RequestRule };
  /** Requests matching `when` carry the extra header. */
  header?: { name: string; value: string; when: RequestRule };
  /** Every response body, as text. */
  tap?: (body: string) => void;
}

export interface SteeredTransport {
  readonly settings: TransportSettings;
  close(): Promise<void>;
}

/** A fresh connection pool of the transport under test, steered as asked. */
export function steer(steering: Steering = {}): SteeredTransport {
  if (TRANSPORT === "undici") {
    const agent = new Agent();
    let dispatcher: Dispatcher = agent;
    const facts = (opts: Dispatcher.DispatchOptions): RequestFacts => ({
      soapAction: soapActionOf(opts.headers as Record<string, string> | undefined),
    });
    if (steering.reroute) {
      const { origin, when } = steering.reroute;
      dispatcher = reroute(dispatcher, origin, (opts) => when(facts(opts)));
    }
    if (steering.header) {
      const { name, value, when } = steering.header;
      dispatcher = addHeader(dispatcher, name, value, (opts) => when(facts(opts)));
    }
    if (steering.tap) dispatcher = tapResponses(dispatcher, steering.tap);
    return { settings: { dispatcher }, close: () => agent.destroy() };
  }
  const agent = new SteeringAgent(steering);
  return {
    settings: { agent },
    close: async () => agent.destroy(),
  };
}

function soapActionOf(headers: Record<string, string | string[] | undefined> | undefined): string {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === "soapaction") return String(value).replace(/"/g, "");
  }
  return "";
}

/** Node's own `Agent.prototype.addRequest`, which @types/node does not declare. */
const baseAddRequest = (
  HttpAgent.prototype as unknown as { addRequest(this: HttpAgent, req: ClientRequest, options: object): void }
).addRequest;

/**
 * A keep-alive node:http Agent that steers requests as it is handed them (`addRequest` runs while the
 * request is built, before its headers are written).
 */
class SteeringAgent extends HttpAgent {
  constructor(private readonly steering: Steering) {
    super({ keepAlive: true });
  }

  addRequest(req: ClientRequest, options: { host?: string; port?: number | string }): void {
    const facts = { soapAction: soapActionOf(req.getHeaders() as Record<string, string>) };
    const { reroute: to, header, tap } = this.steering;
    if (to?.when(facts)) {
      const target = new URL(to.origin);
      options.host = target.hostname;
      options.port = Number(target.port);
    }
    if (header?.when(facts)) req.setHeader(header.name, header.value);
    if (tap) {
      req.once("response", (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => tap(Buffer.concat(chunks).toString("utf8")));
      });
    }
    baseAddRequest.call(this, req, options);
  }
}
