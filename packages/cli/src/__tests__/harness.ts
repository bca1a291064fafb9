/**
 * Test helpers: run the CLI in process and capture both streams, and small node:http vendor stubs that
 * answer from the contract fixtures (or anything a test wants) and record what they received.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Env, runCli } from "../index.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json(): unknown;
  /** stderr parsed as JSON (the error object; the last JSON document when --debug added lines before it). */
  error(): Record<string, unknown>;
}

export async function cli(argv: readonly string[], env: Env = {}, signal?: AbortSignal): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    env,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    ...(signal ? { signal } : {}),
  });
  return {
    code,
    stdout,
    stderr,
    json: () => JSON.parse(stdout),
    error: () => {
      const start = stderr.lastIndexOf("\n{\n");
      return JSON.parse(start === -1 ? stderr : stderr.slice(start + 1)) as Record<string, unknown>;
    },
  };
}

const CONTRACTS = new URL("../../../../contracts/", import.meta.url);

/** A fixture file of the contracts, e.g. `fixture("moka/fixtures/GetCardList/code-success/response.json")`. */
export function fixture(path: string): string {
  return readFileSync(new URL(path, CONTRACTS), "utf8");
}

export interface StubRequest {
  method: string;
  path: string;
  soapAction: string;
  body: string;
}

export interface StubResponse {
  status?: number;
  contentType?: string;
  body: string;
  /** Waits this long before answering (timeouts). */
  delayMs?: number;
}

export type StubHandler = (request: StubRequest) => StubResponse;

export interface Stub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A loopback HTTP server on an ephemeral port. */
export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: StubRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer(async (req, res) => {
    const request: StubRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      soapAction: String(req.headers.soapaction ?? "").replace(/^"|"$/g, ""),
      body: await read(req),
    };
    requests.push(request);
    let response: StubResponse;
    try {
      response = handler(request);
    } catch (error) {
      response = { status: 500, contentType: "text/plain", body: String(error) };
    }
    const send = () => {
      res.writeHead(response.status ?? 200, {
        "content-type": response.contentType ?? "text/xml; charset=utf-8",
      });
      res.end(response.body);
    };
    if (response.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send();
      }, response.delayMs);
      timers.add(timer);
    } else {
      send();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (body: unknown): StubResponse => ({
  contentType: "application/json; charset=utf-8",
  body: typeof body === "string" ? body : JSON.stringify(body),
});

export const xml = (body: string, status = 200): StubResponse => ({
  status,
  contentType: "text/xml; charset=utf-8",
  body,
});

/** An ESWS answer with this return string (rpc/encoded, as NuSOAP writes it). */
export function eswsReturn(operation: "syncMOCA" | "updateUserDotweb", value: string): StubResponse {
  const escaped = value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return xml(
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body><ns1:Esws.${operation}Response xmlns:ns1="uen:esws"><return xsi:type="xsd:string">${escaped}</return></ns1:Esws.${operation}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
  );
}

const EDUIX_NS = "urn:edu-ix:account:4.3";

export function eduixBody(inner: string): StubResponse {
  return xml(
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="${EDUIX_NS}"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`,
  );
}

export function eduixFault(code: number, message: string): StubResponse {
  const escaped = message.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const response = eduixBody(
    `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${escaped}</faultstring><detail><accountFault xmlns="${EDUIX_NS}"><code>${code}</code><message>${escaped}</message></accountFault></detail></soapenv:Fault>`,
  );
  return { ...response, status: 500 };
}

/** The SOAP operation an Edu-iX request is for (SOAPAction, else the Body's first element). */
export function eduixOperation(request: StubRequest): string {
  const fromBody = /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(request.body)?.[1];
  const action = request.soapAction.split(/[/:#]/).pop() ?? "";
  return action || (fromBody ?? "");
}
