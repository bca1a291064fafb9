import { getEventListeners } from "node:events";
import { createServer, Agent as HttpAgent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, type Dispatcher, Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, MalformedResponseError, NetworkError, TimeoutError } from "./errors.js";
import { type HttpRequest, sendHttp, type TransportOptions } from "./transport.js";

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

/** Every behaviour below holds for both transports: node:http (the default) and a caller's undici dispatcher. */
const TRANSPORTS: { name: string; options: () => TransportOptions }[] = [
  { name: "node:http", options: () => ({}) },
  { name: "undici dispatcher", options: () => ({ dispatcher: undiciAgent }) },
];
let undiciAgent: Agent;
beforeAll(() => {
  undiciAgent = new Agent();
});
afterAll(() => undiciAgent.close());

describe.each(TRANSPORTS)("sendHttp" + " ($name)", (transport) => {
  const send = (req: HttpRequest, options: TransportOptions = {}) =>
    sendHttp(req, { ...transport.options(), ...options });

  it("returns status, media type and body", async () => {
    const res = await send({ url: `${base}/ok`, headers: {}, body: "{}", operation: op });
    expect(res).toEqual({
      status: 200,
      contentType: "application/json",
      body: '{"ok":true}',
      timeLimitMs: 30_000,
    });
  });

  it("times out a response that never comes", async () => {
    const err = await send({ url: `${base}/slow`, headers: {}, operation: op }, { timeoutMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ kind: "timeout", operation: op, retryable: true, timeoutMs: 100 });
  });

  it("times out a body that drips past the limit", async () => {
    const err = await send({ url: `${base}/drip`, headers: {}, operation: op }, { timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it("reports a caller abort as AbortError, not a timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await send({
      url: `${base}/slow`,
      headers: {},
      operation: op,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject({ kind: "abort", retryable: false });
  });

  it("rejects an already-aborted signal without sending", async () => {
    const err = await send({
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
    const err = await send({ url: `http://127.0.0.1:${port}/`, headers: {}, operation: op }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ kind: "network", code: "ECONNREFUSED", retryable: true });
  });

  it("reports a reset in the middle of the body as NetworkError", async () => {
    const err = await send({ url: `${base}/reset`, headers: {}, operation: op }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });

  it("refuses a declared body over the limit without reading it", async () => {
    const err = await send(
      { url: `${base}/big-declared`, headers: {}, operation: op },
      { maxResponseBytes: 5_000 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err).toMatchObject({ reason: "too-large", status: 200 });
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    const err = await send(
      { url: `${base}/big-chunked`, headers: {}, operation: op },
      { maxResponseBytes: 5_000 },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "malformed-response", reason: "too-large" });
  });
});

describe.each(TRANSPORTS)("sendHttp charset" + " ($name)", (transport) => {
  const send = (req: HttpRequest, options: TransportOptions = {}) =>
    sendHttp(req, { ...transport.options(), ...options });

  it("decodes the body with the declared charset (NuSOAP answers ISO-8859-1)", async () => {
    const latin1 = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": 'text/xml; charset="ISO-8859-1"' });
      res.end(Buffer.from("<r>Müller Ærø</r>", "latin1"));
    });
    await new Promise<void>((resolve) => latin1.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(latin1.address() as AddressInfo).port}/`;
      const res = await send({ url, headers: {}, operation: op });
      expect(res).toMatchObject({ contentType: "text/xml", body: "<r>Müller Ærø</r>" });
    } finally {
      await new Promise((resolve) => latin1.close(resolve));
    }
  });
});

describe.each(TRANSPORTS)("sendHttp abort and timeout edges" + " ($name)", (transport) => {
  const send = (req: HttpRequest, options: TransportOptions = {}) =>
    sendHttp(req, { ...transport.options(), ...options });

  it("reports a caller abort during the body as AbortError", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const err = await send(
      { url: `${base}/drip`, headers: {}, operation: op, signal: controller.signal },
      { timeoutMs: 5_000 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("reports a timeout during the body as TimeoutError even when the caller gave a signal", async () => {
    const controller = new AbortController();
    const err = await send(
      { url: `${base}/drip`, headers: {}, operation: op, signal: controller.signal },
      { timeoutMs: 120 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(controller.signal.aborted).toBe(false);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("reports a timeout before the headers as TimeoutError even when the caller gave a signal", async () => {
    const controller = new AbortController();
    const err = await send(
      { url: `${base}/slow`, headers: {}, operation: op, signal: controller.signal },
      { timeoutMs: 100 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("leaves no listener on the caller's signal after a successful call", async () => {
    const controller = new AbortController();
    const res = await send({ url: `${base}/ok`, headers: {}, operation: op, signal: controller.signal });
    expect(res.body).toBe('{"ok":true}');
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("assembles a body that arrives in many chunks, under the limit", async () => {
    const res = await send(
      { url: `${base}/big-chunked`, headers: {}, operation: op },
      { maxResponseBytes: 20_000 },
    );
    expect(res.body).toBe("y".repeat(20_000));
  });

  it("accepts a body of exactly the limit and an empty body", async () => {
    const exact = await send(
      { url: `${base}/big-chunked`, headers: {}, operation: op },
      { maxResponseBytes: 20_000 },
    );
    expect(exact.body).toHaveLength(20_000);
    const empty = await send({ url: `${base}/missing`, headers: {}, operation: op });
    expect(empty).toEqual({ status: 404, contentType: "", body: "", timeLimitMs: 30_000 });
  });

  it("stops a streamed body one byte over the limit", async () => {
    const err = await send(
      { url: `${base}/big-chunked`, headers: {}, operation: op },
      { maxResponseBytes: 19_999 },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "malformed-response", reason: "too-large" });
  });

  it("decodes each response with its own charset when consecutive headers differ", async () => {
    const headers = ['text/xml; charset="ISO-8859-1"', "text/xml; charset=utf-8", "TEXT/XML", undefined];
    let i = 0;
    const server2 = createServer((req, res) => {
      req.resume();
      const h = headers[i++ % headers.length];
      res.writeHead(200, h === undefined ? {} : { "content-type": h });
      res.end(Buffer.from("<r>Müller</r>", h?.includes("ISO") ? "latin1" : "utf8"));
    });
    await new Promise<void>((resolve) => server2.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server2.address() as AddressInfo).port}/`;
      const seen = [];
      for (let k = 0; k < 8; k++) seen.push(await send({ url, headers: {}, operation: op }));
      for (const [k, res] of seen.entries()) {
        expect(res.body).toBe("<r>Müller</r>");
        expect(res.contentType).toBe(k % 4 === 3 ? "" : "text/xml");
      }
    } finally {
      server2.closeAllConnections();
      await new Promise((resolve) => server2.close(resolve));
    }
  });
});

describe("sendHttp with an undici dispatcher", () => {
  it("times out a call still waiting for a connection, without disturbing the one holding it", async () => {
    const pool = new Pool(base, { connections: 1 });
    try {
      const holder = sendHttp(
        { url: `${base}/slow`, headers: {}, operation: op },
        { dispatcher: pool, timeoutMs: 5_000 },
      ).catch((e: unknown) => e);
      const queued = await sendHttp(
        { url: `${base}/ok`, headers: {}, operation: op },
        { dispatcher: pool, timeoutMs: 100 },
      ).catch((e: unknown) => e);
      expect(queued).toBeInstanceOf(TimeoutError);
      const held = await holder;
      expect(held).toMatchObject({ status: 200, body: "late" });
    } finally {
      await pool.close();
    }
  });

  it("aborts for every listener a dispatcher adds to the request's signal, before and during the body", async () => {
    let fired = 0;
    let added = 0;
    const watchSignal: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
      const { signal } = opts as {
        signal?: { addEventListener(type: "abort", fn: () => void): void };
      };
      if (signal) {
        added++;
        signal.addEventListener("abort", () => fired++);
      }
      return dispatch(opts, handler);
    };
    const agent = new Agent();
    const dispatcher = agent.compose(watchSignal);
    try {
      const early = await sendHttp(
        { url: `${base}/slow`, headers: {}, operation: op },
        { dispatcher, timeoutMs: 100 },
      ).catch((e: unknown) => e);
      expect(early).toBeInstanceOf(TimeoutError);
      const late = await sendHttp(
        { url: `${base}/drip`, headers: {}, operation: op },
        { dispatcher, timeoutMs: 120 },
      ).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(TimeoutError);
      expect(added).toBe(2);
      expect(fired).toBe(2);
    } finally {
      await agent.close();
    }
  });
});

describe("sendHttp over node:http", () => {
  it("sends through the Agent it is given", async () => {
    const agent = new HttpAgent({ keepAlive: true });
    try {
      const res = await sendHttp({ url: `${base}/ok`, headers: {}, operation: op }, { agent });
      expect(res.body).toBe('{"ok":true}');
      // The socket went back to this agent's pool once the body was read.
      expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
    } finally {
      agent.destroy();
    }
  });

  it("keeps the connection alive between calls", async () => {
    const sockets = new Set<unknown>();
    const counting = createServer((req, res) => {
      sockets.add(req.socket);
      req.resume();
      res.end("ok");
    });
    await new Promise<void>((resolve) => counting.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(counting.address() as AddressInfo).port}/`;
      for (let i = 0; i < 5; i++) await sendHttp({ url, headers: {}, operation: op });
      expect(sockets.size).toBe(1);
    } finally {
      counting.closeAllConnections();
      await new Promise((resolve) => counting.close(resolve));
    }
  });

  it("times out a call still waiting for a socket, without disturbing the one holding it", async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const holder = sendHttp(
        { url: `${base}/slow`, headers: {}, operation: op },
        { agent, timeoutMs: 5_000 },
      ).catch((e: unknown) => e);
      const queued = await sendHttp(
        { url: `${base}/ok`, headers: {}, operation: op },
        { agent, timeoutMs: 100 },
      ).catch((e: unknown) => e);
      expect(queued).toBeInstanceOf(TimeoutError);
      const held = await holder;
      expect(held).toMatchObject({ status: 200, body: "late" });
    } finally {
      agent.destroy();
    }
  });

  it("reports a URL it cannot send to as NetworkError, naming why", async () => {
    const err = await sendHttp({ url: "ftp://127.0.0.1/", headers: {}, operation: op }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: "network", code: "ERR_INVALID_PROTOCOL" });
  });
});
