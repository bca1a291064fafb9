/**
 * What the transport makes of the bytes it receives: content codings, charsets, Retry-After, and the options
 * a call passes it. Each route answers what its query string says, so one server covers every case.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpStatusError, MalformedResponseError, ValidationError } from "./errors.js";
import { httpStatusErrorOf, parseRetryAfter } from "./retry-after.js";
import { sendHttp } from "./transport.js";

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: Buffer;
}

const answers = new Map<string, Answer>();
let server: Server;
let base: string;
let next = 0;

/** Registers an answer and returns its URL. */
function serve(answer: Answer): string {
  const path = `/a${next++}`;
  answers.set(path, answer);
  return base + path;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const answer = answers.get(req.url ?? "");
    if (answer === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const op = "TestOp";
const get = (url: string, options?: Parameters<typeof sendHttp>[1]) =>
  sendHttp({ url, method: "GET", headers: {}, operation: op }, options);

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

const ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="urn:x"><r>Jérôme Müller</r></e:Envelope>';

describe("sendHttp: content codings", () => {
  const codings: Record<string, (b: Buffer) => Buffer> = {
    gzip: (b) => gzipSync(b),
    "x-gzip": (b) => gzipSync(b),
    deflate: (b) => deflateSync(b),
    "deflate (raw, as some servers send it)": (b) => deflateRawSync(b),
    br: (b) => brotliCompressSync(b),
    "gzip, gzip": (b) => gzipSync(gzipSync(b)),
    "identity, gzip": (b) => gzipSync(b),
  };

  for (const [name, encode] of Object.entries(codings)) {
    it(`decodes ${name}`, async () => {
      for (const [body, type] of [
        [ENVELOPE, "text/xml; charset=utf-8"],
        [JSON.stringify({ Data: { Name: "Jérôme" }, ResultCode: "Success" }), "application/json"],
        ["", "text/xml"],
      ] as const) {
        const header = name.split(" (")[0]!;
        const url = serve({
          headers: { "content-type": type, "content-encoding": header },
          body: encode(Buffer.from(body)),
        });
        expect((await get(url)).body).toBe(body);
      }
    });
  }

  it("decodes within the size cap: a small compressed body that expands past it is too-large", async () => {
    for (const size of [50_001, 1_000_000, 20_000_000]) {
      const url = serve({
        headers: { "content-type": "text/xml", "content-encoding": "gzip" },
        body: gzipSync(Buffer.alloc(size, 0x20)),
      });
      const error = await failureOf(() => get(url, { maxResponseBytes: 50_000 }));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error).toMatchObject({ reason: "too-large" });
      expect((error as Error).message).toContain("once decompressed (gzip)");
    }
  });

  it("names a coding it does not know, and a corrupt or cut-short body", async () => {
    const gz = gzipSync(Buffer.from(ENVELOPE));
    const cases: [string, Buffer, RegExp][] = [
      ["compress", Buffer.from(ENVELOPE), /unsupported Content-Encoding "compress"/],
      ["zstd", Buffer.from(ENVELOPE), /unsupported Content-Encoding "zstd"/],
      ["gzip", gz.subarray(0, gz.length - 10), /the gzip body is corrupt or cut short/],
      ["gzip", Buffer.from(ENVELOPE), /the gzip body is corrupt or cut short/],
      ["br", Buffer.from("not brotli at all"), /the br body is corrupt or cut short/],
      ["gzip, gzip, gzip, gzip", gz, /4 layers of Content-Encoding/],
    ];
    for (const [coding, body, message] of cases) {
      const url = serve({ headers: { "content-type": "text/xml", "content-encoding": coding }, body });
      const error = await failureOf(() => get(url));
      expect(error, coding).toMatchObject({
        kind: "malformed-response",
        reason: "content-encoding",
        status: 200,
      });
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe("sendHttp: charsets", () => {
  it("decodes what the XML declaration says when the transport says nothing (NuSOAP's ISO-8859-1)", async () => {
    for (const name of ["Jérôme Müller", "Ærøskøbing", "Ñandú"]) {
      const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><return>${name}</return>`;
      for (const type of ["text/xml", "application/soap+xml", ""]) {
        const url = serve({
          headers: type ? { "content-type": type } : {},
          body: Buffer.from(xml, "latin1"),
        });
        expect((await get(url)).body).toBe(xml);
      }
    }
  });

  it("rejects undecodable bytes when the body is read, with the status, never producing U+FFFD", async () => {
    const bad = Buffer.concat([Buffer.from("<a>J"), Buffer.from([0xe9]), Buffer.from("r</a>")]);
    for (const [type, status] of [
      ["text/xml", 200],
      ["application/json; charset=utf-8", 200],
      ["text/xml; charset=us-ascii", 500],
    ] as const) {
      const response = await get(serve({ status, headers: { "content-type": type }, body: bad }));
      expect(response.status).toBe(status);
      const error = await failureOf(async () => response.body);
      expect(error).toMatchObject({ kind: "malformed-response", reason: "charset", status, operation: op });
    }
  });

  it("honours a UTF-16 body with a BOM", async () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><a>中文 Jérôme \u{1F600}</a>';
    const url = serve({
      headers: { "content-type": "text/xml" },
      body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]),
    });
    expect((await get(url)).body).toBe(xml);
  });
});

describe("Retry-After", () => {
  it("parses delay-seconds and HTTP-dates", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter(" 3600 ", now)).toBe(3_600_000);
    expect(parseRetryAfter("99999999999", now)).toBe(2 ** 31 - 1);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wednesday, 21-Oct-15 07:29:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Tue, 20 Oct 2015 07:28:00 GMT", now)).toBe(0);
    for (const bad of ["", "soon", "-1", "1.5", "3 s", "2015-10-21"])
      expect(parseRetryAfter(bad, now)).toBe(undefined);
    expect(parseRetryAfter(undefined, now)).toBe(undefined);
  });

  it("reaches the HttpStatusError: honoured within the time limit, refused beyond it with the reason", async () => {
    for (const [retryAfter, timeoutMs, retryable] of [
      ["1", 5_000, true],
      ["5", 5_000, true],
      ["6", 5_000, false],
      ["3600", 30_000, false],
    ] as const) {
      const url = serve({ status: 503, headers: { "retry-after": retryAfter }, body: Buffer.from("busy") });
      const response = await get(url, { timeoutMs });
      const error = httpStatusErrorOf(response, op);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect(error.retryable, retryAfter).toBe(retryable);
      expect(error.retryAfterMs).toBe(Number(retryAfter) * 1000);
      expect(error.message).toContain(`the server asks to retry after ${retryAfter} s`);
      if (!retryable) expect(error.message).toContain(`beyond the call's time limit of ${timeoutMs} ms`);
    }
    // A Retry-After on a status that is not retried anyway changes nothing.
    const url = serve({ status: 400, headers: { "retry-after": "5" }, body: Buffer.from("") });
    const error = httpStatusErrorOf(await get(url), op);
    expect(error).toMatchObject({ retryable: false, retryAfterMs: undefined });
  });
});

describe("sendHttp: a call's options", () => {
  it("rejects a bad timeoutMs or size cap with a ValidationError, before sending", async () => {
    const url = serve({ body: Buffer.from("x") });
    for (const timeoutMs of [Number.POSITIVE_INFINITY, Number.NaN, "5000", 2 ** 31, 0, -1, 1.5, null]) {
      const error = await failureOf(() => get(url, { timeoutMs: timeoutMs as number }));
      expect(error, String(timeoutMs)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]).toMatchObject({ field: "timeoutMs", rule: "range" });
    }
    for (const maxResponseBytes of [Number.NaN, -5, 0, Number.POSITIVE_INFINITY, "100"]) {
      const error = await failureOf(() => get(url, { maxResponseBytes: maxResponseBytes as number }));
      expect(error, String(maxResponseBytes)).toBeInstanceOf(ValidationError);
    }
    for (const signal of [{}, "abort", { aborted: false }]) {
      const error = await failureOf(() =>
        sendHttp({ url, method: "GET", headers: {}, operation: op, signal: signal as AbortSignal }),
      );
      expect(error, JSON.stringify(signal)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]).toMatchObject({ field: "signal", rule: "type" });
    }
  });
});
