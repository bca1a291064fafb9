/**
 * A scriptable Edu-iX Account endpoint on 127.0.0.1 (node:http), for the client's tests. It records every
 * request (operation from the SOAPAction header, the body) and answers with whatever the test's handler says.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  /** From the SOAPAction header: `"urn:edu-ix:account:4.3#getKey"` → `getKey`. */
  operation: string;
  soapAction: string;
  contentType: string;
  body: string;
}

export interface Reply {
  status?: number;
  contentType?: string;
  body: string;
}

/** `index` counts requests of that operation, from 0. Return `undefined` to never answer (timeouts). */
export type Handler = (
  req: Received,
  index: number,
) => Reply | string | undefined | Promise<Reply | string | undefined>;

export interface FakeEduix {
  url: string;
  received: Received[];
  count(operation: string): number;
  sessionIDsSent(operation: string): string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeEduix(handler: Handler): Promise<FakeEduix> {
  const received: Received[] = [];
  const perOperation = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const soapAction = String(req.headers.soapaction ?? "");
    const operation = soapAction.replace(/"/g, "").split("#")[1] ?? "";
    const request: Received = {
      operation,
      soapAction,
      contentType: String(req.headers["content-type"] ?? ""),
      body: await readBody(req),
    };
    received.push(request);
    const index = perOperation.get(operation) ?? 0;
    perOperation.set(operation, index + 1);
    const reply = await handler(request, index);
    if (reply === undefined) return; // hang: the client's timeout must fire
    const {
      status = 200,
      contentType = "text/xml; charset=utf-8",
      body,
    } = typeof reply === "string" ? { body: reply } : reply;
    res.writeHead(status, contentType === "" ? {} : { "content-type": contentType });
    res.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/soap/4.3/account`,
    received,
    count: (operation) => received.filter((r) => r.operation === operation).length,
    sessionIDsSent: (operation) =>
      received
        .filter((r) => r.operation === operation)
        .map((r) => /<urn:sessionID>([^<]*)<\/urn:sessionID>/.exec(r.body)?.[1] ?? ""),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const NS = "urn:edu-ix:account:4.3";
const open = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="${NS}"><soapenv:Body>`;
const close = "</soapenv:Body></soapenv:Envelope>";

export const envelope = (body: string): string => `${open}${body}${close}`;

export const loginOk = (sessionID: string): string =>
  envelope(`<urn:loginResponse><urn:sessionID>${sessionID}</urn:sessionID></urn:loginResponse>`);

export const createKeyOk = (): string => envelope("<urn:createKeyResponse/>");
export const deleteKeyOk = (): string => envelope("<urn:deleteKeyResponse/>");

export interface WireKey {
  profileID: string;
  distributorPersonID?: string;
  userID?: string;
}

export const getKeyOk = (keys: WireKey[]): string =>
  envelope(
    `<urn:getKeyResponse>${keys
      .map(
        (k) =>
          `<urn:key><urn:profileID>${k.profileID}</urn:profileID>${
            k.distributorPersonID === undefined
              ? ""
              : `<urn:distributorPersonID>${k.distributorPersonID}</urn:distributorPersonID>`
          }${k.userID === undefined ? "" : `<urn:userID>${k.userID}</urn:userID>`}</urn:key>`,
      )
      .join("")}</urn:getKeyResponse>`,
  );

/** A SOAP 1.1 Fault with detail/accountFault; `code` is written as given ("0006", " 6 "). */
export const fault = (code: string, message = "fault", faultstring = message): Reply => ({
  status: 500,
  body: envelope(
    `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${faultstring}</faultstring><detail><urn:accountFault><urn:code>${code}</urn:code><urn:message>${message}</urn:message></urn:accountFault></detail></soapenv:Fault>`,
  ),
});
