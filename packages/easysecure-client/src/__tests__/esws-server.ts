/**
 * A stand-in ESWS endpoint for the client's tests: a node:http server on 127.0.0.1 that records every request
 * and answers from a queue. (nock is not a dependency of this package; a real socket also exercises the
 * runtime's undici transport exactly as production does.)
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply = (res: ServerResponse, req: RecordedRequest) => void;

export interface EswsServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queues replies, used in order; when the queue is empty the server answers 599. */
  reply(...replies: Reply[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startEswsServer(): Promise<EswsServer> {
  const requests: RecordedRequest[] = [];
  let queue: Reply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const next = queue.shift();
      if (next) next(res, recorded);
      else {
        res.writeHead(599, { "content-type": "text/plain" });
        res.end("no reply queued");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webservicesesws`,
    requests,
    reply: (...replies) => queue.push(...replies),
    reset: () => {
      requests.length = 0;
      queue = [];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A NuSOAP-style answer (the shape of the vendor's syncMOCA "Response" sample). */
export function eswsResponseXml(operation: string, returnText: string): string {
  const escaped = returnText.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">
<SOAP-ENV:Body>
<ns1:${operation}Response xmlns:ns1="uen:esws">
<return xsi:type="xsd:string">${escaped}</return>
</ns1:${operation}Response>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;
}

/** A NuSOAP fault, as it answers a request it cannot dispatch. */
export function eswsFaultXml(faultcode: string, faultstring: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode xsi:type="xsd:string">${faultcode}</faultcode><faultactor xsi:type="xsd:string"></faultactor><faultstring xsi:type="xsd:string">${faultstring}</faultstring><detail xsi:type="xsd:string"></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export const xmlReply =
  (body: string, status = 200, contentType = "text/xml; charset=utf-8"): Reply =>
  (res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(body);
  };

export const returnReply = (operation: string, text: string): Reply =>
  xmlReply(eswsResponseXml(operation, text));
