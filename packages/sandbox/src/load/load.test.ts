/**
 * A bounded load test on loopback: while an attacker holds slow-header connections and unfinished large
 * bodies and sends maximum-size deep and wide bodies, all at once, every normal request is answered with
 * success, every attack is answered (the vendor's error, or 503 when the buffer cap is reached), the server
 * closes the slow connections itself, and memory stays bounded. Asserted on outcomes and a generous RSS
 * ceiling, never on time. `pnpm --filter @integrations/sandbox run load` runs the full-size plan.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../__tests__/helpers.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BUFFERED_BYTES } from "../limits.js";
import { VENDORS } from "../vendors.js";
import { formatLoadReport, runLoad } from "./attack.js";

const MiB = 1024 * 1024;

let sb: TestSandbox;
beforeAll(async () => {
  // A short headers timeout keeps the run short; the other limits are the defaults.
  sb = await startTestSandbox({ headersTimeoutMs: 1500 });
});
afterAll(() => sb.close());

describe("under a mixed attack", () => {
  it("answers every normal request, answers every attack, and stays within its memory bounds", {
    timeout: 180_000,
  }, async () => {
    const report = await runLoad(sb, DEFAULT_MAX_BODY_BYTES, {
      slowHeaders: 60,
      bigBodies: 90,
      bigBodyBytes: 1000 * 1024,
      shapeRounds: 1,
      normalRequests: 60,
      normalConcurrency: 3,
      awaitSlowHeadersClosed: true,
    });
    const summary = formatLoadReport(report);
    expect(report.normal.succeeded, summary).toBe(report.normal.sent);
    expect(report.shapeBodies.vendorError + report.shapeBodies.refusedWith503, summary).toBe(
      report.shapeBodies.sent,
    );
    expect(report.slowHeaders.closedByServer, summary).toBe(report.slowHeaders.opened);
    // 90 bodies of ~1 MiB do not fit in the 64 MiB cap: some are refused, the rest held.
    expect(report.bigBodies.refusedWith503, summary).toBeGreaterThan(0);
    expect(report.peakBufferedBodyBytes, summary).toBeLessThanOrEqual(DEFAULT_MAX_BUFFERED_BYTES);
    expect(report.rss.peak - report.rss.before, summary).toBeLessThan(400 * MiB);
    // Everything given back.
    expect(sb.stats().bufferedBodyBytes).toBe(0);
    for (const vendor of VENDORS) expect(sb.stats().connections[vendor].refused).toBe(0);
  });
});
