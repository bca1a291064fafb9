/** Shared by the sandbox tests: a sandbox on free ports, raw HTTP, fixtures, wire builders. */
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { connect, type Socket } from "node:net";
import type { Dispatcher } from "@integrations/runtime";
import { type Sandbox, type SandboxOptions, startSandbox } from "../server.js";

export const CONTRACTS = new URL("../../../../contracts/", import.meta.url);

export function fixture(path: string): string {
  return readFileSync(new URL(path, CONTRACTS), "utf8");
}

export interface TestSandbox extends Sandbox {
  logs: string[];
}

/** A sandbox on free loopback ports, logging into `logs`. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const logs: string[] = [];
  const sandbox = await startSandbox({
    ports: { easysecure: 0, moka: 0, eduix: 0 },
    log: (line) => logs.push(line),
    ...options,
  });
  return Object.assign(sandbox, { logs });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request with node:http (no retries, no client logic). */
export function raw(
  url: string,
  init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: init.method ?? (init.body === undefined ? "GET" : "POST"), headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

export const post = (
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<RawResponse> =>
  raw(url, { method: "POST", body, headers: { "content-type": "text/xml; charset=utf-8", ...headers } });

/** The text of `<return>` in an ESWS response. */
export function eswsReturn(xml: string): string {
  const m = /<return xsi:type="xsd:string">([\s\S]*?)<\/return>/.exec(xml);
  if (m === null) throw new Error(`no <return> in ${xml.slice(0, 300)}`);
  return m[1]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export type EswsParam = string | Record<string, string> | null;

/** An rpc/encoded ESWS request in the style of the vendor sample; parameters as [element name, value]. */
export function eswsRequest(operation: string, params: ReadonlyArray<readonly [string, EswsParam]>): string {
  const parts = params
    .map(([name, value]) => {
      if (value === null) return `<${name} xsi:nil="true"/>`;
      if (typeof value === "string") return `<${name} xsi:type="xsd:string">${esc(value)}</${name}>`;
      const items = Object.entries(value)
        .map(
          ([k, v]) =>
            `<item><key xsi:type="xsd:string">${esc(k)}</key><value xsi:type="xsd:string">${esc(v)}</value></item>`,
        )
        .join("");
      return `<${name} xsi:type="ns2:Map">${items}</${name}>`;
    })
    .join("\n");
  return `<soapenv:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:uen="uen:esws" xmlns:ns2="http://xml.apache.org/xml-soap">
<soapenv:Header/>
<soapenv:Body>
<uen:${operation} soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
${parts}
</uen:${operation}>
</soapenv:Body>
</soapenv:Envelope>`;
}

export const PLUS_COMPANY = "FAKE-SECURITY-CODE-FOR-TESTS-001";

/** updateUserDotweb parameters, in contract order, with overrides by name. */
export function userParams(overrides: Partial<Record<string, EswsParam>> = {}): Array<[string, EswsParam]> {
  const base: Array<[string, EswsParam]> = [
    ["p_companyID", PLUS_COMPANY],
    ["p_ws_StoreId", "1234"],
    ["p_wsAltUserId", "T-0001"],
    ["p_PIN", ""],
    ["p_Achternaam", "Jansen"],
    ["p_Voornaam", "Piet"],
    ["p_Admin", "0"],
    ["p_Security", "0"],
    ["p_StartDate", ""],
    ["p_ExpireDate", ""],
    ["p_infoFields", { info1: "t-0001@example.com" }],
    ["p_groupName", ""],
    ["p_groupUpdate", ""],
    ["p_licensePlate", ""],
    ["p_locationID", ""],
  ];
  return base.map(([name, value]) => [name, name in overrides ? (overrides[name] as EswsParam) : value]);
}

export const EDUIX_NS = "urn:edu-ix:account:4.3";

/** A document/literal Edu-iX request; `header` and `body` are inner XML using the `urn:` prefix. */
export function eduixRequest(header: string, body: string): string {
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="${EDUIX_NS}"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

export const loginHeader = (username: string, password: string): string =>
  `<urn:loginHeader><urn:username>${esc(username)}</urn:username><urn:password>${esc(password)}</urn:password></urn:loginHeader>`;

export const sessionHeader = (sessionID: string): string =>
  `<urn:authHeader><urn:sessionIDHeader><urn:sessionID>${esc(sessionID)}</urn:sessionID></urn:sessionIDHeader></urn:authHeader>`;

export const authLoginHeader = (username: string, password: string): string =>
  `<urn:authHeader>${loginHeader(username, password)}</urn:authHeader>`;

/** `<element><child>text</child>…</element>` in the `urn:` prefix. */
export function eduixBody(element: string, children: Record<string, string | number> = {}): string {
  const inner = Object.entries(children)
    .map(([k, v]) => `<urn:${k}>${esc(String(v))}</urn:${k}>`)
    .join("");
  return inner === "" ? `<urn:${element}/>` : `<urn:${element}>${inner}</urn:${element}>`;
}

/** The accountFault code of an Edu-iX fault, or undefined for a non-fault. */
export function eduixFaultCode(xml: string): number | undefined {
  const m = /<ns1:code>([^<]*)<\/ns1:code>/.exec(xml);
  return m === null ? undefined : Number(m[1]);
}

export function eduixSessionID(xml: string): string {
  const m = /<ns1:sessionID>([^<]*)<\/ns1:sessionID>/.exec(xml);
  if (m === null) throw new Error(`no sessionID in ${xml.slice(0, 300)}`);
  return m[1]!;
}

export const DISTRIBUTOR = { username: "sandbox-distributor", password: "sandbox-password" };
export const OTHER_DISTRIBUTOR = { username: "other-distributor", password: "other-password" };
export const MOKA_DEALER = {
  dealerCode: "SANDBOX-DEALER",
  username: "sandbox-api",
  password: "sandbox-secret",
};
export const MOKA_LIMITED = {
  dealerCode: "LIMITED-DEALER",
  username: "limited-api",
  password: "limited-secret",
};
export const MOKA_EMPTY = { dealerCode: "EMPTY-DEALER", username: "empty-api", password: "empty-secret" };

/** A fictional ECK iD in the default seed's realm. */
export function eckId(tag: string): string {
  return `https://ketenid.nl/201703/${tag.padEnd(128, "0").slice(0, 128)}`;
}

// undici is a dependency of the runtime, not of the sandbox: tests reach it through the runtime's package.
const requireFromRuntime = createRequire(new URL("../../../runtime/package.json", import.meta.url));
const undici = requireFromRuntime("undici") as {
  Agent: new (
    options?: Record<string, unknown>,
  ) => Dispatcher & {
    compose(
      interceptor: (dispatch: Dispatcher["dispatch"]) => Dispatcher["dispatch"],
    ): Dispatcher & { close(): Promise<void> };
    close(): Promise<void>;
  };
};

/** A dispatcher that adds `x-sandbox-fault: <spec>` to every request a client sends through it. */
export function faultDispatcher(spec: string): Dispatcher & { close(): Promise<void> } {
  return new undici.Agent().compose(
    (dispatch) => (opts, handler) =>
      dispatch(
        {
          ...opts,
          headers: { ...(opts.headers as Record<string, string> | undefined), "x-sandbox-fault": spec },
        },
        handler,
      ),
  );
}

/** A raw TCP client that keeps its own side open (like a slow or malicious client), and what it got. */
export interface HeldSocket {
  readonly socket: Socket;
  /** Everything received so far (latin1). */
  received(): string;
  /** Resolves when the server has ended or reset the connection (or it failed to connect). */
  readonly ended: Promise<void>;
}

export function holdSocket(port: number, data?: string | Buffer): Promise<HeldSocket> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ended!: () => void;
    const endedPromise = new Promise<void>((r) => {
      ended = r;
    });
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("end", () => ended());
    socket.on("close", () => ended());
    socket.on("error", () => ended());
    const held: HeldSocket = {
      socket,
      received: () => Buffer.concat(chunks).toString("latin1"),
      ended: endedPromise,
    };
    socket.once("connect", () => {
      if (data === undefined) resolve(held);
      else socket.write(data, () => resolve(held));
    });
    socket.once("error", () => resolve(held));
  });
}

/** Polls `condition` until it holds (no clock is asserted: the test's own timeout is the bound). */
export async function eventually(condition: () => boolean, pollMs = 20): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, pollMs));
}
