/**
 * The loopback servers every contender is measured against: plain node:http, one per protocol, answering a
 * fixed, precomputed response per operation. A request costs the server the same whoever sends it: read the
 * body to the end (discarding it), pick the answer by URL or SOAPAction, write the precomputed bytes. The
 * servers run in their own process (server-main.ts), so the client under test has the other core.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { customerListJson, getKeyXml, responses } from "./payloads.js";

interface Payload {
  headers: Record<string, string>;
  body: Buffer;
}

function payload(text: string, contentType: string): Payload {
  const body = Buffer.from(text, "utf8");
  return { headers: { "content-type": contentType, "content-length": String(body.length) }, body };
}

const XML = "text/xml; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/** One shape for all: discard the body, answer when it has been read. */
function fixedServer(route: (req: IncomingMessage) => Payload): Server {
  const server = createServer({ keepAlive: true, noDelay: true }, (req, res: ServerResponse) => {
    const answer = route(req);
    req.on("end", () => {
      res.writeHead(200, answer.headers);
      res.end(answer.body);
    });
    req.resume();
  });
  // Longer than any pause between two measurements, so that no contender pays for reconnecting.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return server;
}

/** `/scale/<n>/…` → n, else undefined. */
function scaleOf(url: string | undefined): number | undefined {
  if (url === undefined || !url.startsWith("/scale/")) return undefined;
  const n = Number.parseInt(url.slice(7), 10);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export class ScalePayloads {
  private readonly customers = new Map<number, Payload>();
  private readonly keys = new Map<number, Payload>();

  customerList(n: number): Payload {
    let p = this.customers.get(n);
    if (!p) {
      p = payload(customerListJson(n), JSON_TYPE);
      this.customers.set(n, p);
    }
    return p;
  }

  keyList(n: number): Payload {
    let p = this.keys.get(n);
    if (!p) {
      p = payload(getKeyXml(n), XML);
      this.keys.set(n, p);
    }
    return p;
  }
}

export interface Servers {
  easysecure: string;
  moka: string;
  eduix: string;
  /** GET /cpu → process.cpuUsage(); GET /prepare?customers=1000,10000&keys=1000 → generates those. */
  control: string;
  close(): Promise<void>;
}

export async function startServers(): Promise<Servers> {
  const syncMOCA = payload(responses.eswsSyncMOCA(), XML);
  const cardList = payload(responses.mokaGetCardList(), JSON_TYPE);
  const customerList = payload(responses.mokaGetCustomerList(), JSON_TYPE);
  const login = payload(responses.eduixLogin(), XML);
  const getKey = payload(responses.eduixGetKey(), XML);
  const scale = new ScalePayloads();

  const esws = fixedServer(() => syncMOCA);
  const moka = fixedServer((req) => {
    const n = scaleOf(req.url);
    if (n !== undefined) return scale.customerList(n);
    return req.url?.endsWith("/GetCustomerList") ? customerList : cardList;
  });
  const eduix = fixedServer((req) => {
    const action = req.headers.soapaction;
    if (typeof action === "string" && action.includes("#login")) return login;
    const n = scaleOf(req.url);
    return n === undefined ? getKey : scale.keyList(n);
  });
  const control = createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/prepare") {
      for (const n of list(url.searchParams.get("customers"))) scale.customerList(n);
      for (const n of list(url.searchParams.get("keys"))) scale.keyList(n);
    }
    const body = JSON.stringify({ cpu: process.cpuUsage(), wallMs: performance.now() });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });

  const all = [esws, moka, eduix, control];
  await Promise.all(all.map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    easysecure: `${url(esws)}/webservicesesws`,
    moka: url(moka),
    eduix: `${url(eduix)}/soap/4.3/account`,
    control: url(control),
    close: async () => {
      for (const s of all) s.closeAllConnections();
      await Promise.all(all.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

function list(value: string | null): number[] {
  if (!value) return [];
  return value
    .split(",")
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isSafeInteger(n) && n >= 0);
}
