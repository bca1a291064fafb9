/**
 * Shape limits: a body of the maximum size that is as wide or as deep as it can be is answered with the
 * vendor's own error, with linear work, while other requests of every vendor still get through. (Before the
 * limits, 20k repeated children in an Edu-iX loginHeader froze all three vendors for seconds, 40k for a
 * minute.) No clock is asserted: each attack is bounded by the test's generous timeout only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawResponse, raw, startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";
import { attackBodies } from "./load/attack-bodies.js";
import { normalRequest } from "./load/normal-requests.js";
import { DEFAULT_MAX_BODY_BYTES } from "./server.js";
import { VENDORS, type Vendor } from "./vendors.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

const origin = (vendor: Vendor): string => `http://127.0.0.1:${sb.ports[vendor]}`;

/** The vendor's own answer to a request it cannot take. */
function expectVendorError(vendor: Vendor, res: RawResponse): void {
  if (vendor === "moka") {
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).ResultCode).toBe("DealerCustomer.GetCardList.InvalidRequest");
  } else if (vendor === "easysecure") {
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode xsi:type="xsd:string">SOAP-ENV:Client</faultcode>');
    expect(res.text).toMatch(/XML error parsing SOAP payload: (too-many-children|too-deep): /);
  } else {
    expect(res.status).toBe(500);
    expect(res.text).toContain("<ns1:code>1</ns1:code>");
  }
}

async function normalCallsSucceed(n: number): Promise<void> {
  const results = await Promise.all(
    VENDORS.map(async (vendor) => {
      const call = normalRequest(vendor, n);
      const res = await raw(`${origin(vendor)}${call.path}`, {
        method: "POST",
        body: call.body,
        headers: { "content-type": call.contentType },
      });
      return call.succeeded(res.status, res.text);
    }),
  );
  expect(results).toEqual([true, true, true]);
}

describe("every vendor answers a maximum-size wide or deep body with its error and keeps serving", () => {
  const attacks = attackBodies(DEFAULT_MAX_BODY_BYTES);

  it("builds attacks of exactly the maximum body size", () => {
    for (const attack of attacks) expect(attack.body.length, attack.name).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(new Set(attacks.map((a) => a.vendor))).toEqual(new Set(VENDORS));
  });

  it.each(attacks.map((a, i) => [a.name, i] as const))("%s", { timeout: 60_000 }, async (_name, i) => {
    const attack = attacks[i]!;
    const [answer] = await Promise.all([
      raw(`${origin(attack.vendor)}${attack.path}`, {
        method: "POST",
        body: attack.body,
        headers: { "content-type": attack.contentType },
      }),
      normalCallsSucceed(i),
    ]);
    expectVendorError(attack.vendor, answer);
    await normalCallsSucceed(i + 100);
  });

  it("answers every attack at once, and then serves normally", { timeout: 120_000 }, async () => {
    const answers = await Promise.all(
      attacks.map((a) =>
        raw(`${origin(a.vendor)}${a.path}`, {
          method: "POST",
          body: a.body,
          headers: { "content-type": a.contentType },
        }),
      ),
    );
    for (const [i, answer] of answers.entries()) expectVendorError(attacks[i]!.vendor, answer);
    await normalCallsSucceed(1000);
  });
});
