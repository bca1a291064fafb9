/**
 * One scale sample, in a fresh process started with --expose-gc: a large response through our client.
 * argv[2] = "customers" (Moka GetCustomerList) | "keys" (Edu-iX getKey), argv[3] = n, argv[4] = server URL
 * (Moka base URL or Edu-iX endpoint; `/scale/<n>` selects the generated answer), argv[5] = repetitions.
 *
 * 1. Warm up on a small answer (code optimised), then collect garbage.
 * 2. Memory: the first large call, from a clean heap: peak RSS growth (getrusage maxRSS; a lower bound, since
 *    V8 keeps pages it touched before), heap and external (Buffer) growth right after the call, and heap still
 *    retained after a GC while the result is alive.
 * 3. Time: the median of `reps` calls end to end; the same body fetched by raw undici (transfer alone); and
 *    the client's decode steps timed one by one on that body, with the functions and validators the client
 *    uses (@integrations/runtime + the types package).
 */
import type { Validator } from "@integrations/runtime";
import { request } from "undici";
import { INPUT } from "./payloads.js";
import { median } from "./stats.js";

export type ScaleKind = "customers" | "keys";

export interface ScaleSample {
  kind: ScaleKind;
  n: number;
  bytes: number;
  /** The first large call (cold-ish), ms. */
  firstMs: number;
  /** Median end-to-end client call, ms. */
  clientMs: number;
  /** Median raw transfer of the same body (undici.request + text), ms. */
  transferMs: number;
  /** Median parse step alone (JSON.parse / the runtime's XML parser), ms; undefined if not measurable. */
  parseMs?: number | undefined;
  /** Median validation alone (the client's generated response validator), ms. */
  validateMs?: number | undefined;
  /** Peak RSS growth during the first large call, bytes. */
  peakRssDelta: number;
  /** heapUsed growth right after the first large call (result and garbage not yet collected), bytes. */
  heapDelta: number;
  /** external + arrayBuffers growth right after the first large call (response Buffers), bytes. */
  externalDelta: number;
  /** heapUsed still in use after a full GC, result alive, bytes. */
  retainedHeap: number;
}

const MAX_BYTES = 512 * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  gc();
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

async function repeat(reps: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push((await timed(fn))[0]);
  return median(times);
}

interface Subject {
  warm: () => Promise<unknown>;
  prepare: () => Promise<unknown>;
  big: () => Promise<unknown>;
  count: (result: unknown) => number;
  raw: { url: string; headers: Record<string, string>; body: string };
  parse?: ((text: string) => unknown) | undefined;
  validate?: ((parsed: unknown, result: unknown) => void) | undefined;
}

async function mokaSubject(url: string, n: number): Promise<Subject> {
  const { createMokaClient } = await import("@integrations/moka-client");
  const { operations } = await import("@integrations/moka-types");
  const runtime = await import("@integrations/runtime");
  const { dealerCode, username, password } = INPUT.moka;
  const make = (size: number) =>
    createMokaClient({
      baseUrl: `${url}/scale/${size}`,
      dealerCode,
      username,
      password,
      maxResponseBytes: MAX_BYTES,
      retry: false,
    });
  const small = make(100);
  const big = make(n);
  const validateResponse = operations.GetCustomerList.validateResponse;
  return {
    warm: () => small.getCustomerList(),
    prepare: async () => {},
    big: () => big.getCustomerList(),
    count: (r) => (r as { DealerCustomerList: unknown[] }).DealerCustomerList.length,
    raw: {
      url: `${url}/scale/${n}/DealerCustomer/GetCustomerList`,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: "{}",
    },
    parse: (text) => runtime.parseJsonBody(text, "GetCustomerList", 200),
    validate: (parsed) => runtime.assertValidResponse(validateResponse, parsed, "GetCustomerList", 200),
  };
}

async function eduixSubject(url: string, n: number): Promise<Subject> {
  const { createEduixClient } = await import("@integrations/eduix-client");
  const types = (await import("@integrations/eduix-types")) as Record<string, unknown>;
  const runtime = (await import("@integrations/runtime")) as unknown as Record<string, unknown> & {
    assertValidResponse: (validate: Validator, value: unknown, operation: string, status?: number) => void;
  };
  const { username, password, profileID } = INPUT.eduix;
  const make = (size: number) =>
    createEduixClient({
      endpoint: `${url}/scale/${size}`,
      username,
      password,
      maxResponseBytes: MAX_BYTES,
      retry: false,
    });
  const small = make(100);
  const big = make(n);
  const readSoapEnvelope = runtime.readSoapEnvelope as ((xml: string, o: object) => unknown) | undefined;
  const parseXml = runtime.parseXml as ((xml: string, o: object) => unknown) | undefined;
  const validateResponse = types.validateGetKeyResponse as Validator | undefined;
  return {
    warm: () => small.getKey({ profileID }),
    // Log in before the measured call, so that it is one round trip like the others.
    prepare: () => big.login(),
    big: () => big.getKey({ profileID }),
    count: (r) => (r as unknown[]).length,
    raw: {
      url: `${url}/scale/${n}`,
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: '"urn:edu-ix:account:4.3#getKey"' },
      body: "<x/>",
    },
    parse:
      readSoapEnvelope !== undefined
        ? (text) => readSoapEnvelope(text, { operation: "getKey" })
        : parseXml !== undefined
          ? (text) => parseXml(text, { operation: "getKey" })
          : undefined,
    validate:
      validateResponse !== undefined
        ? (_parsed, result) => runtime.assertValidResponse(validateResponse, { key: result }, "getKey", 200)
        : undefined,
  };
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ScaleKind;
  const n = Number(process.argv[3]);
  // `/scale/<n>` is a path from the server's root, whatever path the protocol's endpoint has.
  const url = new URL(process.argv[4] ?? "").origin;
  const reps = Number(process.argv[5] ?? 5);
  const subject = kind === "customers" ? await mokaSubject(url, n) : await eduixSubject(url, n);

  for (let i = 0; i < 30; i++) await subject.warm();
  await subject.prepare();

  // Memory, from a clean heap.
  gc();
  gc();
  const mem0 = process.memoryUsage();
  const heap0 = mem0.heapUsed;
  const ext0 = mem0.external + mem0.arrayBuffers;
  const rss0 = mem0.rss;
  const t0 = performance.now();
  let result: unknown = await subject.big();
  const firstMs = performance.now() - t0;
  const peakRssDelta = Math.max(0, peakRss() - rss0);
  const mem1 = process.memoryUsage();
  const heapDelta = mem1.heapUsed - heap0;
  const externalDelta = mem1.external + mem1.arrayBuffers - ext0;
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - heap0;
  const count = subject.count(result);
  if (count !== n) throw new Error(`${kind}: expected ${n} items, got ${count}`);

  // Time.
  const clientMs = await repeat(reps, async () => {
    result = await subject.big();
  });
  let text = "";
  const transferMs = await repeat(reps, async () => {
    const res = await request(subject.raw.url, {
      method: "POST",
      headers: subject.raw.headers,
      body: subject.raw.body,
    });
    text = await res.body.text();
  });
  let parsed: unknown;
  const parse = subject.parse;
  const parseMs =
    parse !== undefined
      ? await repeat(reps, () => {
          parsed = parse(text);
        })
      : undefined;
  const validate = subject.validate;
  const validateMs =
    validate !== undefined
      ? await repeat(reps, () => {
          validate(parsed, result);
        })
      : undefined;

  const sample: ScaleSample = {
    kind,
    n,
    bytes: Buffer.byteLength(text),
    firstMs,
    clientMs,
    transferMs,
    parseMs,
    validateMs,
    peakRssDelta,
    heapDelta,
    externalDelta,
    retainedHeap,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

await main();
process.exit(0);
