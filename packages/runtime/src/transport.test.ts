import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, MalformedResponseError, NetworkError, TimeoutError } from "./errors.js";
import { sendHttp } from "./transport.js";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    req.resume();
    if (path === "/ok") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end('{"ok":true}');
    } else if (path === "/slow") {
      setTimeout(() => res.end("late"), 2_000).unref();
    } else if (path === "/drip") {
      res.writeHead(200, { "content-type": "text/xml" });
      const timer = setInterval(() => res.write("<a/>"), 20);
      res.on("close", () => clearInterval(timer));
    } else if (path === "/reset") {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 10);
    } else if (path === "/big-declared") {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10_000) });
      res.end("x".repeat(10_000));
    } else if (path === "/big-chunked") {
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 20; i++) res.write("y".repeat(1_000));
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const op = "TestOp";

describe("sendHttp", () => {
  it("returns status, media type and body", async () => {
    const res = await sendHttp({ url: `${base}/ok`, headers: {}, body: "{}", operation: op });
    expect(res).toEqual({ status: 200, contentType: "application/json", body: '{"ok":true}' });
  });

  it("times out a response that never comes", async () => {
    const err = await sendHttp({ url: `${base}/slow`, headers: {}, operation: op }, { timeoutMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ kind: "timeout", operation: op, retryable: true, timeoutMs: 100 });
  });

  it("times out a body that drips past the limit", async () => {
    const err = await sendHttp({ url: `${base}/drip`, headers: {}, operation: op }, { timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it("reports a caller abort as AbortError, not a timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await sendHttp({
      url: `${base}/slow`,
      headers: {},
      operation: op,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject({ kind: "abort", retryable: false });
  });

  it("rejects an already-aborted signal without sending", async () => {
    const err = await sendHttp({
      url: `${base}/ok`,
      headers: {},
      operation: op,
      signal: AbortSignal.abort(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
  });

  it("reports a refused connection as NetworkError", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const err = await sendHttp({ url: `http://127.0.0.1:${port}/`, headers: {}, operation: op }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ kind: "network", code: "ECONNREFUSED", retryable: true });
  });

  it("reports a reset in the middle of the body as NetworkError", async () => {
    const err = await sendHttp({ url: `${base}/reset`, headers: {}, operation: op }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });

  it("refuses a declared body over the limit without reading it", async () => {
    const err = await sendHttp(
      { url: `${base}/big-declared`, headers: {}, operation: op },
      { maxResponseBytes: 5_000 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err).toMatchObject({ reason: "too-large", status: 200 });
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    const err = await sendHttp(
      { url: `${base}/big-chunked`, headers: {}, operation: op },
      { maxResponseBytes: 5_000 },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "malformed-response", reason: "too-large" });
  });
});

describe("sendHttp charset", () => {
  it("decodes the body with the declared charset (NuSOAP answers ISO-8859-1)", async () => {
    const latin1 = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": 'text/xml; charset="ISO-8859-1"' });
      res.end(Buffer.from("<r>Müller Ærø</r>", "latin1"));
    });
    await new Promise<void>((resolve) => latin1.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(latin1.address() as AddressInfo).port}/`;
      const res = await sendHttp({ url, headers: {}, operation: op });
      expect(res).toMatchObject({ contentType: "text/xml", body: "<r>Müller Ærø</r>" });
    } finally {
      await new Promise((resolve) => latin1.close(resolve));
    }
  });
});
