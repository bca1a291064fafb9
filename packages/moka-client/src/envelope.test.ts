/**
 * Hostile and unusual Moka answers through the client: numbers JSON.parse would change, ambiguous objects, a
 * BOM, encodings, compression, Retry-After, and secrets echoed in .NET's escaped forms.
 */
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import type { ClientLogEvent } from "@integrations/runtime";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeCheckKey } from "./check-key.js";
import { createMokaClient, type MokaClientOptions } from "./client.js";

const BASE = "http://moka.test";
const PASSWORD = `S3cret&<Code-01'"\\/>`;
const creds = { dealerCode: "D100", username: "apiuser", password: PASSWORD };
const CHECK_KEY = computeCheckKey(creds.dealerCode, creds.username, creds.password);

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(() => agent.close());

const client = (extra: Partial<MokaClientOptions> = {}) =>
  createMokaClient({ ...creds, baseUrl: BASE, dispatcher: agent, ...extra });

let requests = 0;
function answer(body: string | Buffer, headers: Record<string, string> = {}, status = 200, times = 1): void {
  requests = 0;
  agent
    .get(BASE)
    .intercept({ path: "/DealerCustomer/GetCustomerList", method: "POST" })
    .reply(
      status,
      () => {
        requests++;
        return body;
      },
      { headers: { "content-type": "application/json; charset=utf-8", ...headers } },
    )
    .times(times);
}

async function failure(extra: Partial<MokaClientOptions> = {}): Promise<Error & Record<string, unknown>> {
  try {
    await client(extra).getCustomerList();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("the call succeeded");
}

const list = (items: string) =>
  `{"Data":{"DealerCustomerList":[${items}],"DealerCustomerListCount":1},"ResultCode":"Success","ResultMessage":"","Exception":null}`;
const customer = (id: string) =>
  `{"DealerCustomerId":${id},"CustomerCode":"C1","Password":"x","FirstName":"A","LastName":"B","Gender":1,"BirthDate":"19850710","GsmNumber":"5","Email":"a@b.c","Address":"x"}`;

describe("numbers are returned exactly or rejected", () => {
  it("rejects ids beyond 2^53 − 1 and numbers beyond a double, naming the field", async () => {
    for (const id of ["9007199254740993", "12345678901234567890", "-9007199254740993", "1e400", "1e21"]) {
      answer(list(customer(id)));
      const error = await failure();
      expect(error, id).toMatchObject({ kind: "malformed-response", reason: "number", status: 200 });
      expect(error.message).toContain("Data.DealerCustomerList[0].DealerCustomerId");
    }
  });

  it("returns the largest safe id exactly", async () => {
    answer(list(customer("9007199254740991")));
    const data = await client().getCustomerList();
    expect(data.DealerCustomerList[0]!.DealerCustomerId).toBe(9007199254740991);
  });
});

describe("ambiguous objects are rejected", () => {
  it("a duplicate key or a __proto__ key anywhere in the envelope", async () => {
    for (const body of [
      list(customer("1").replace('"Gender":1', '"Gender":1,"Gender":2')),
      list(customer("1").replace('"Gender":1', '"__proto__":{"isAdmin":true},"Gender":1')),
      list(customer("1")).replace('"ResultCode":"Success"', '"ResultCode":"Success","ResultCode":"EX"'),
    ]) {
      answer(body);
      await expect(failure()).resolves.toMatchObject({ reason: "ambiguous-json" });
    }
  });
});

describe("encodings", () => {
  it("accepts a UTF-8 BOM before the JSON, a charset, and gzip; rejects invalid UTF-8", async () => {
    const body = list(customer("7").replace('"Address":"x"', '"Address":"TAŞDELEN Müller"'));
    answer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    await expect(client().getCustomerList()).resolves.toMatchObject({ DealerCustomerListCount: 1 });
    answer(gzipSync(body), { "content-encoding": "gzip" });
    await expect(client().getCustomerList()).resolves.toMatchObject({
      DealerCustomerList: [expect.objectContaining({ Address: "TAŞDELEN Müller" })],
    });
    answer(
      Buffer.concat([Buffer.from(body.slice(0, 20)), Buffer.from([0xc3, 0x28]), Buffer.from(body.slice(20))]),
    );
    await expect(failure()).resolves.toMatchObject({ reason: "charset" });
  });
});

describe("Retry-After on a 503", () => {
  it("is not waited for past the time limit: one request, and the error says why", async () => {
    answer("busy", { "content-type": "text/plain", "retry-after": "3600" }, 503, 5);
    const error = await failure({
      timeoutMs: 10_000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    expect(error).toMatchObject({
      kind: "http-status",
      status: 503,
      retryable: false,
      retryAfterMs: 3_600_000,
    });
    expect(error.message).toContain("retry after 3600 s, beyond the call's time limit of 10000 ms");
    expect(requests).toBe(1);
  });

  it("is waited for within the time limit: the retry comes no sooner than asked", async () => {
    answer("busy", { "content-type": "text/plain", "retry-after": "1" }, 503, 2);
    const events: ClientLogEvent[] = [];
    const error = await failure({
      timeoutMs: 5_000,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      logger: (e) => events.push(e),
    });
    expect(error).toMatchObject({ status: 503 });
    expect(requests).toBe(2);
    expect(events[0]!.retryInMs).toBeGreaterThanOrEqual(1_000);
  });
});

describe("secrets echoed in .NET's escaped forms are redacted", () => {
  // The texts as the envelope carries them once parsed.
  const dotnet = (s: string) =>
    s.replace(/[&<>'"\\/]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  const forms = {
    ".NET \\u escapes in Exception (a serialised request)": `{"Password":"${dotnet(PASSWORD)}"}`,
    "XML-escaped in ResultMessage": PASSWORD.replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;"),
    "the CheckKey in upper case": CHECK_KEY.toUpperCase(),
    "the CheckKey cut short": `${CHECK_KEY.slice(0, 40)}…`,
  };
  for (const [name, form] of Object.entries(forms)) {
    it(name, async () => {
      const body = JSON.stringify({
        Data: null,
        ResultCode: "EX",
        ResultMessage: `failed for ${form}`,
        Exception: `System.Exception: ${form}`,
      });
      answer(body);
      const events: ClientLogEvent[] = [];
      const error = await failure({ logger: (e) => events.push(e) });
      expect(error).toMatchObject({ kind: "service", code: "EX" });
      const surfaces = [
        error.message,
        String(error),
        JSON.stringify(error),
        error.stack,
        inspect(error, { depth: 10 }),
        JSON.stringify(events),
      ].join("\n");
      for (const leak of ["S3cret", CHECK_KEY.slice(0, 16), CHECK_KEY.slice(0, 16).toUpperCase()]) {
        expect(surfaces).not.toContain(leak);
      }
      expect(surfaces).toContain("[REDACTED]");
    });
  }
});
