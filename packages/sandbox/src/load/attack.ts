/**
 * A bounded load run on loopback: while an attacker holds slow-header connections and large unfinished
 * bodies and sends maximum-size deep and wide bodies, normal requests of every vendor are sent and checked.
 * The sandbox runs in the same process, so the RSS figures include the attacker's side (small: it reuses
 * one buffer per body size). Used by load.test.ts (small plan, asserted) and figures.ts (the README figures).
 */
import { eventually, type HeldSocket, holdSocket, raw } from "../__tests__/helpers.js";
import type { Sandbox } from "../server.js";
import { VENDORS } from "../vendors.js";
import { attackBodies } from "./attack-bodies.js";
import { normalRequest } from "./normal-requests.js";

export interface LoadPlan {
  /** Connections that send part of their headers, then nothing. */
  slowHeaders: number;
  /** Connections that send a body one byte short of its Content-Length, then nothing. */
  bigBodies: number;
  bigBodyBytes: number;
  /** Rounds of every maximum-size deep or wide body of attack-bodies.ts (11 bodies a round). */
  shapeRounds: number;
  /** Normal requests, spread over the vendors, sent while the attack lasts. */
  normalRequests: number;
  /** How many normal requests are in flight at once. */
  normalConcurrency: number;
  /** Wait, before the attacker goes, until the server has closed every slow-header connection itself. */
  awaitSlowHeadersClosed: boolean;
}

export interface LoadReport {
  plan: LoadPlan;
  maxBodyBytes: number;
  normal: { sent: number; succeeded: number };
  slowHeaders: { opened: number; closedByServer: number };
  bigBodies: { sent: number; refusedWith503: number; heldAtPeak: number };
  /** Connections the listeners closed at once because their cap was reached. */
  refusedConnections: number;
  /** Answered with the vendor's error, or refused with 503 when the buffer cap was reached. */
  shapeBodies: { sent: number; vendorError: number; refusedWith503: number };
  /** Bytes. `after`: once the attack is gone and the sandbox holds nothing (after a GC when exposed). */
  rss: { before: number; peak: number; after: number };
  peakBufferedBodyBytes: number;
}

const MiB = 1024 * 1024;

async function inBatches<T>(count: number, width: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await run(i);
    }),
  );
  return out;
}

/** Runs `plan` against `sandbox` and reports what happened; never throws for an attack's failure. */
export async function runLoad(sandbox: Sandbox, maxBodyBytes: number, plan: LoadPlan): Promise<LoadReport> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rss = { before: process.memoryUsage.rss(), peak: 0, after: 0 };
  rss.peak = rss.before;
  const sampler = setInterval(() => {
    rss.peak = Math.max(rss.peak, process.memoryUsage.rss());
  }, 25);
  const port = (i: number): number => sandbox.ports[VENDORS[i % VENDORS.length]!];

  // The attacker: slow headers and unfinished big bodies, held open.
  const slow: HeldSocket[] = await Promise.all(
    Array.from({ length: plan.slowHeaders }, (_, i) =>
      holdSocket(port(i), `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${i}: ${"s".repeat(i % 64)}`),
    ),
  );
  const filler = Buffer.alloc(plan.bigBodyBytes, 0x3c);
  const big: HeldSocket[] = [];
  const bigSent = Promise.all(
    Array.from({ length: plan.bigBodies }, async (_, i) => {
      const head = `POST /any HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${plan.bigBodyBytes + 1}\r\n\r\n`;
      const socket = await holdSocket(port(i));
      big.push(socket);
      socket.socket.write(head);
      await new Promise<void>((resolve) => socket.socket.write(filler, () => resolve()));
    }),
  );

  // Deep and wide bodies of the maximum size, a few at a time.
  const bodies = attackBodies(maxBodyBytes);
  const shapeCount = plan.shapeRounds * bodies.length;
  const shapes = inBatches(shapeCount, 4, async (i) => {
    const body = bodies[i % bodies.length]!;
    const res = await raw(`http://127.0.0.1:${sandbox.ports[body.vendor]}${body.path}`, {
      method: "POST",
      body: body.body,
      headers: { "content-type": body.contentType },
    }).catch(() => undefined);
    // The vendor's error: an ESWS/Edu-iX fault (500 with a SOAP Fault), a Moka InvalidRequest (200).
    if (res === undefined) return "no answer";
    if (res.status === 503) return "503";
    const vendorError =
      (res.status === 500 && res.text.includes("SOAP-ENV:Fault")) ||
      (res.status === 200 && res.text.includes("InvalidRequest"));
    return vendorError ? "vendor error" : `other (${res.status})`;
  });

  // Meanwhile, normal requests.
  const normal = await inBatches(plan.normalRequests, plan.normalConcurrency, async (i) => {
    const call = normalRequest(VENDORS[i % VENDORS.length]!, i);
    const res = await raw(`http://127.0.0.1:${sandbox.ports[call.vendor]}${call.path}`, {
      method: "POST",
      body: call.body,
      headers: { "content-type": call.contentType },
    }).catch(() => undefined);
    return res !== undefined && call.succeeded(res.status, res.text);
  });
  const shapeResults = await shapes;
  await bigSent;
  const heldAtPeak = sandbox.stats().bufferedBodyBytes;
  const refused = big.filter((s) => s.received().startsWith("HTTP/1.1 503")).length;
  if (plan.awaitSlowHeadersClosed) await Promise.all(slow.map((s) => s.ended));
  const closedByServer = (
    await Promise.all(slow.map((s) => Promise.race([s.ended.then(() => 1), tick(0)])))
  ).reduce((a: number, b) => a + b, 0);

  // The attacker goes; everything must be given back.
  for (const s of [...slow, ...big]) s.socket.destroy();
  await eventually(
    () =>
      sandbox.stats().bufferedBodyBytes === 0 &&
      VENDORS.every((v) => sandbox.stats().connections[v].open <= plan.normalConcurrency),
  );
  clearInterval(sampler);
  await tick(200);
  gc?.();
  rss.after = process.memoryUsage.rss();

  return {
    plan,
    maxBodyBytes,
    normal: { sent: normal.length, succeeded: normal.filter(Boolean).length },
    slowHeaders: { opened: slow.length, closedByServer },
    bigBodies: { sent: plan.bigBodies, refusedWith503: refused, heldAtPeak },
    refusedConnections: VENDORS.reduce((n, v) => n + sandbox.stats().connections[v].refused, 0),
    shapeBodies: {
      sent: shapeCount,
      vendorError: shapeResults.filter((r) => r === "vendor error").length,
      refusedWith503: shapeResults.filter((r) => r === "503").length,
    },
    rss,
    peakBufferedBodyBytes: sandbox.stats().peakBufferedBodyBytes,
  };
}

function tick(ms: number): Promise<number> {
  return new Promise((resolve) => setTimeout(() => resolve(0), ms));
}

/** The report as text lines, sizes in MiB. */
export function formatLoadReport(r: LoadReport): string {
  const mib = (n: number): string => `${(n / MiB).toFixed(0)} MiB`;
  return [
    `normal requests answered with success: ${r.normal.succeeded}/${r.normal.sent}`,
    `slow-header connections: ${r.slowHeaders.opened} (closed by the server during the run: ${r.slowHeaders.closedByServer})`,
    `unfinished bodies of ${mib(r.plan.bigBodyBytes)}: ${r.bigBodies.sent} (refused with 503: ${r.bigBodies.refusedWith503}; held at the end: ${mib(r.bigBodies.heldAtPeak)})`,
    `maximum-size deep or wide bodies (${mib(r.maxBodyBytes)}): ${r.shapeBodies.sent}, answered with the vendor's error: ${r.shapeBodies.vendorError}, refused with 503: ${r.shapeBodies.refusedWith503}`,
    `connections refused at the per-listener cap: ${r.refusedConnections}`,
    `request bytes held at once, peak: ${mib(r.peakBufferedBodyBytes)}`,
    `RSS before ${mib(r.rss.before)}, peak ${mib(r.rss.peak)}, after ${mib(r.rss.after)}`,
  ].join("\n");
}
