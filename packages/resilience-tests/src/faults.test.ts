/**
 * Fault injection, raw: a table of faults × (client, operation). Each fault is served by a raw socket server
 * on 127.0.0.1 (what an HTTP framework will not do: resets mid-body, drips, 64 MiB bodies, no answer at
 * all). Every cell must end in a typed IntegrationError with the expected kind/reason, within a bound far
 * below vitest's timeout, with no unhandled rejection (support/setup.ts), and — for the big and the
 * explosive bodies — with bounded memory.
 *
 * Edu-iX operations other than login log in first: the login is answered normally and the fault is
 * injected into the operation's own answer.
 */
import { deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { bounded, type Expected, expectTypedError, MiB, peakMemoryGrowth } from "./support/outcome.js";
import {
  type Answer,
  closedPort,
  drip,
  drop,
  type Exchange,
  type RawServer,
  resetMidBody,
  respond,
  startRawServer,
  streamHuge,
} from "./support/raw-server.js";
import { isEduixLogin, LOGIN_OK, operationOf, TARGETS, type Target } from "./support/targets.js";
import { isLogin, type Steering, steer } from "./support/transport.js";
import {
  deepJson,
  deepXml,
  entityBomb,
  firstHalf,
  genericSoapFault,
  HTML_TYPE,
  htmlPage,
  JSON_TYPE,
  XML_TYPE,
  xxe,
} from "./support/wire.js";

/** The clients' time limit in this suite: small, so timeouts cost little. */
const TIMEOUT_MS = 300;
/** The clients' size cap in this suite; the over-size bodies are 64 MiB. */
const MAX_BYTES = 1 * MiB;
const HUGE = 64 * MiB;
/** No call may take longer than its time limit plus this. */
const SLACK_MS = 700;

interface FaultContext {
  /** Requests made to the XXE's SYSTEM URL: must stay 0. */
  xxeServer: RawServer;
}

interface Fault {
  readonly name: string;
  /** Answers the request of the operation under test. */
  serve?(exchange: Exchange, target: Target, ctx: FaultContext): void | Promise<void>;
  /** The operation's requests go to a port nothing listens on. */
  readonly refused?: boolean;
  readonly expect: (target: Target) => Expected;
  /** Assert the peak heap + buffer growth of the call stays below this. */
  readonly memoryBound?: number;
}

const contentTypeError: Expected = { kind: "malformed-response", reason: "content-type" };

/** 64 MiB of spaces, gzip-compressed to about 64 KiB: made once, outside any measured call. */
const GZIP_BOMB = gzipSync(Buffer.alloc(HUGE, 0x20));

const FAULTS: readonly Fault[] = [
  {
    name: "connection refused",
    refused: true,
    expect: () => ({ kind: "network", code: "ECONNREFUSED" }),
  },
  {
    name: "connection closed without an answer",
    serve: ({ socket }) => drop(socket),
    expect: () => ({ kind: "network" }),
  },
  {
    name: "connection reset in the middle of the body (content-length declared)",
    serve: ({ socket }, target) => resetMidBody(socket, target.ok()),
    expect: () => ({ kind: "network" }),
  },
  {
    name: "connection reset in the middle of the body (chunked)",
    serve: ({ socket }, target) => resetMidBody(socket, target.ok(), true),
    expect: () => ({ kind: "network" }),
  },
  {
    name: "no answer (timeout)",
    serve: () => {},
    expect: () => ({ kind: "timeout" }),
  },
  {
    name: "slow drip past the timeout",
    serve: ({ socket }, target) => drip(socket, target.ok(), 40),
    expect: () => ({ kind: "timeout" }),
  },
  {
    name: "HTTP 500 with an HTML page",
    serve: ({ socket }) =>
      respond(socket, { status: 500, contentType: HTML_TYPE, body: htmlPage("500 Internal Server Error") }),
    expect: () => ({ kind: "http-status", status: 500 }),
  },
  {
    name: "HTTP 200 carrying a SOAP fault",
    serve: ({ socket }) => respond(socket, { contentType: XML_TYPE, body: genericSoapFault() }),
    expect: (t) => (t.format === "soap" ? { kind: "soap-fault" } : contentTypeError),
  },
  {
    name: "truncated XML",
    serve: ({ socket }, target) =>
      respond(socket, {
        contentType: XML_TYPE,
        body: firstHalf(target.format === "soap" ? target.ok().body.toString() : genericSoapFault()),
      }),
    expect: (t) =>
      t.format === "soap" ? { kind: "malformed-response", reason: "truncated" } : contentTypeError,
  },
  {
    name: "truncated JSON",
    serve: ({ socket }, target) =>
      respond(socket, {
        contentType: JSON_TYPE,
        body: firstHalf(target.format === "json" ? target.ok().body.toString() : '{"ResultCode":"Success"}'),
      }),
    expect: (t) =>
      t.format === "json" ? { kind: "malformed-response", reason: "not-json" } : contentTypeError,
  },
  {
    name: "HTTP 200 with an empty body",
    serve: ({ socket }, target) => respond(socket, { contentType: target.ok().contentType ?? "", body: "" }),
    expect: (t) => ({ kind: "malformed-response", reason: t.format === "json" ? "not-json" : "not-xml" }),
  },
  {
    name: "wrong content type (the right body, as text/html)",
    serve: ({ socket }, target) => respond(socket, { ...target.ok(), contentType: HTML_TYPE }),
    expect: () => contentTypeError,
  },
  {
    name: "body over the size limit (64 MiB, content-length declared)",
    serve: async ({ socket }, target) => {
      await streamHuge(socket, { total: HUGE, declared: true, contentType: target.ok().contentType ?? "" });
    },
    expect: () => ({ kind: "malformed-response", reason: "too-large" }),
    memoryBound: 16 * MiB,
  },
  {
    name: "body over the size limit (64 MiB, chunked, no length)",
    serve: async ({ socket }, target) => {
      await streamHuge(socket, {
        total: HUGE,
        declared: false,
        contentType: target.ok().contentType ?? "",
        prefix: target.format === "json" ? '{"Data":"' : "<SOAP-ENV:Envelope><!--",
        fill: 0x61,
      });
    },
    expect: () => ({ kind: "malformed-response", reason: "too-large" }),
    memoryBound: 16 * MiB,
  },
  {
    name: "entity-expansion bomb (billion laughs)",
    serve: ({ socket }) => respond(socket, { contentType: XML_TYPE, body: entityBomb() }),
    expect: (t) =>
      t.format === "soap" ? { kind: "malformed-response", reason: "dtd-forbidden" } : contentTypeError,
    memoryBound: 8 * MiB,
  },
  {
    name: "external entity (XXE)",
    serve: ({ socket }, _target, ctx) =>
      respond(socket, { contentType: XML_TYPE, body: xxe(`${ctx.xxeServer.origin}/secret.txt`) }),
    expect: (t) =>
      t.format === "soap" ? { kind: "malformed-response", reason: "dtd-forbidden" } : contentTypeError,
  },
  {
    name: "nesting 100 000 deep (XML; JSON for Moka)",
    serve: ({ socket }, target) =>
      target.format === "soap"
        ? respond(socket, { contentType: XML_TYPE, body: deepXml() })
        : respond(socket, { contentType: JSON_TYPE, body: deepJson() }),
    expect: (t) =>
      t.format === "soap"
        ? { kind: "malformed-response", reason: "too-deep" }
        : { kind: "malformed-response", reason: "schema" },
    memoryBound: 24 * MiB,
  },
  {
    name: "gzip bomb: 64 MiB compressed into a small body",
    serve: ({ socket }, target) =>
      respond(socket, {
        contentType: target.ok().contentType ?? "",
        headers: { "content-encoding": "gzip" },
        body: GZIP_BOMB,
      }),
    expect: () => ({ kind: "malformed-response", reason: "too-large" }),
    memoryBound: 16 * MiB,
  },
  {
    name: "a content coding the client cannot decode",
    serve: ({ socket }, target) =>
      respond(socket, { ...target.ok(), headers: { "content-encoding": "zstd" } }),
    expect: () => ({ kind: "malformed-response", reason: "content-encoding" }),
  },
  {
    name: "invalid UTF-8 in a body declared UTF-8",
    serve: ({ socket }, target) => {
      const ok = target.ok().body.toString();
      const cut = Math.floor(ok.length / 2);
      respond(socket, {
        contentType: target.ok().contentType ?? "",
        body: Buffer.concat([
          Buffer.from(ok.slice(0, cut)),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(ok.slice(cut)),
        ]),
      });
    },
    expect: () => ({ kind: "malformed-response", reason: "charset" }),
  },
  {
    name: "a charset nobody can decode",
    serve: ({ socket }, target) =>
      respond(socket, {
        ...target.ok(),
        contentType: `${target.format === "json" ? "application/json" : "text/xml"}; charset=x-unknown`,
      }),
    expect: () => ({ kind: "malformed-response", reason: "charset" }),
  },
  {
    name: "HTTP 503 asking to retry after an hour",
    serve: ({ socket }) =>
      respond(socket, {
        status: 503,
        contentType: HTML_TYPE,
        headers: { "retry-after": "3600" },
        body: htmlPage("503 Service Unavailable"),
      }),
    expect: () => ({ kind: "http-status", status: 503 }),
  },
];

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(TARGETS)("$label", (target) => {
  it.each(FAULTS)("$name → typed error, no hang", async (fault) => {
    const server = await startRawServer();
    const xxeServer = await startRawServer(({ socket }) => respond(socket, { body: "root:x:0:0" }));
    cleanups.push(
      () => server.close(),
      () => xxeServer.close(),
    );

    server.handler = (exchange) => {
      if (target.needsLogin && isEduixLogin(exchange.req)) return respond(exchange.socket, LOGIN_OK);
      return fault.serve?.(exchange, target, { xxeServer });
    };

    let origin = server.origin;
    const steering: Steering = {};
    if (fault.refused) {
      const dead = `http://127.0.0.1:${await closedPort()}`;
      if (target.needsLogin) steering.reroute = { origin: dead, when: (request) => !isLogin(request) };
      else origin = dead;
    }
    const transport = steer(steering);
    cleanups.push(() => transport.close());

    const call = () =>
      bounded(() =>
        target.run({
          origin,
          timeoutMs: TIMEOUT_MS,
          maxResponseBytes: MAX_BYTES,
          retry: false,
          ...transport.settings,
        }),
      );
    // Memory is measured (after a GC) only where it is the point: the big and the explosive bodies.
    const { result: outcome, growth } =
      fault.memoryBound === undefined ? { result: await call(), growth: 0 } : await peakMemoryGrowth(call);

    const error = expectTypedError(outcome, fault.expect(target), target.operation);
    expect(outcome.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    if (error.kind === "timeout") expect(outcome.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    if (fault.memoryBound !== undefined) expect(growth).toBeLessThan(fault.memoryBound);

    // retry: false — exactly one request for the operation (none when refused), plus the login.
    const ops = server.requests.map(operationOf);
    expect(ops.filter((op) => op === target.operation)).toHaveLength(fault.refused ? 0 : 1);
    if (target.needsLogin) expect(ops.filter((op) => op === "login")).toHaveLength(1);
    expect(xxeServer.connections()).toBe(0);
  });
});

describe("answers in an unusual but valid form succeed", () => {
  const BOM: Record<string, Buffer> = {
    utf8: Buffer.from([0xef, 0xbb, 0xbf]),
    utf16le: Buffer.from([0xff, 0xfe]),
  };
  const variants: Record<string, (answer: Answer, target: Target) => Answer> = {
    "gzip-compressed": (a) => ({ ...a, headers: { "content-encoding": "gzip" }, body: gzipSync(a.body) }),
    "deflate-compressed": (a) => ({
      ...a,
      headers: { "content-encoding": "deflate" },
      body: deflateSync(a.body),
    }),
    "with a UTF-8 byte order mark": (a) => ({ ...a, body: Buffer.concat([BOM.utf8!, Buffer.from(a.body)]) }),
    "in UTF-16 with a byte order mark (SOAP), or ISO-8859-1 by charset (JSON)": (a, t) =>
      t.format === "soap"
        ? {
            contentType: "text/xml",
            body: Buffer.concat([
              BOM.utf16le!,
              Buffer.from(a.body.toString().replace(/encoding="UTF-8"/, 'encoding="UTF-16"'), "utf16le"),
            ]),
          }
        : {
            contentType: "application/json; charset=iso-8859-1",
            body: Buffer.from(a.body.toString(), "latin1"),
          },
  };
  for (const [name, variant] of Object.entries(variants)) {
    it.each(TARGETS)(`$label: ${name}`, async (target) => {
      const server = await startRawServer((exchange) =>
        respond(
          exchange.socket,
          target.needsLogin && isEduixLogin(exchange.req) ? LOGIN_OK : variant(target.ok(), target),
        ),
      );
      cleanups.push(() => server.close());
      const outcome = await bounded(() =>
        target.run({ origin: server.origin, timeoutMs: TIMEOUT_MS, retry: false }),
      );
      expect(outcome.error).toBeUndefined();
      expect(outcome.resolved).toBe(true);
    });
  }
});

describe("fault suite sanity", () => {
  it.each(TARGETS)("$label succeeds against the same server when nothing is injected", async (target) => {
    const server = await startRawServer((exchange) =>
      respond(exchange.socket, target.needsLogin && isEduixLogin(exchange.req) ? LOGIN_OK : target.ok()),
    );
    cleanups.push(() => server.close());
    const outcome = await bounded(() =>
      target.run({ origin: server.origin, timeoutMs: TIMEOUT_MS, retry: false }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.resolved).toBe(true);
  });
});
