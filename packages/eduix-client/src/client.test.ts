import {
  AbortError,
  type ClientLogEvent,
  HttpStatusError,
  MalformedResponseError,
  NetworkError,
  SoapFaultError,
  TimeoutError,
  ValidationError,
} from "@integrations/runtime";
import { afterEach, describe, expect, it } from "vitest";
import {
  createKeyOk,
  deleteKeyOk,
  envelope,
  type FakeEduix,
  fault,
  getKeyOk,
  type Handler,
  loginOk,
  startFakeEduix,
} from "./__tests__/fake-eduix.js";
import { createEduixClient } from "./client.js";
import { EduixError } from "./eduix-error.js";
import { DEFAULT_ENVIRONMENT, type EduixClientOptions } from "./options.js";

const USERNAME = "api-koppeling@distributeur-voorbeeld.nl";
const PASSWORD = "Zw4rtK@t-2024!";
const SESSION = "b3f1c9e2a7d84f06a1c5e9d2f7b30e4c";
const ECK =
  "https://ketenid.nl/201703/3bbc8e25fe8d2edc6f6b2e26ee22e6bfa4493bb8d661ae92a29c9b4c8890bf7a7bfc1e8c75ec006badee652d555dff9d0ca0ef363a183b6ffd641820bda87b5d";

let server: FakeEduix | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that logs in with SESSION and answers every operation through `ops`. */
async function serve(
  ops: Handler = () => undefined,
  login: Handler = () => loginOk(SESSION),
): Promise<FakeEduix> {
  server = await startFakeEduix((req, i) => (req.operation === "login" ? login(req, i) : ops(req, i)));
  return server;
}

function client(s: FakeEduix, extra: Partial<EduixClientOptions> = {}) {
  return createEduixClient({
    username: USERNAME,
    password: PASSWORD,
    endpoint: s.url,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });
}

const errorOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );

describe("requests on the wire", () => {
  it("logs in with the loginHeader and an empty loginRequest, then sends the sessionIDHeader", async () => {
    const s = await serve(() => createKeyOk());
    await expect(client(s).createKey({ profileID: 48213976, userID: ECK })).resolves.toBeUndefined();
    expect(s.received.map((r) => r.operation)).toEqual(["login", "createKey"]);
    const [login, create] = s.received;
    expect(login!.soapAction).toBe('"urn:edu-ix:account:4.3#login"');
    expect(login!.contentType).toBe("text/xml; charset=utf-8");
    expect(login!.body).toContain(
      `<soapenv:Header><urn:loginHeader><urn:username>${USERNAME}</urn:username><urn:password>${PASSWORD}</urn:password></urn:loginHeader></soapenv:Header>`,
    );
    expect(login!.body).toContain("<soapenv:Body><urn:loginRequest/></soapenv:Body>");
    expect(create!.soapAction).toBe('"urn:edu-ix:account:4.3#createKey"');
    expect(create!.body).toContain(
      `<urn:authHeader><urn:sessionIDHeader><urn:sessionID>${SESSION}</urn:sessionID></urn:sessionIDHeader></urn:authHeader>`,
    );
    expect(create!.body).toContain(
      `<urn:createKeyRequest><urn:profileID>48213976</urn:profileID><urn:userID>${ECK}</urn:userID></urn:createKeyRequest>`,
    );
    expect(create!.body).not.toContain("loginHeader");
  });

  it("writes the one getKey member given, and a 10-digit profileID exactly", async () => {
    const s = await serve(() => getKeyOk([]));
    const c = client(s);
    await c.getKey({ profileID: 9999999999 });
    await c.getKey({ distributorPersonID: "d-1" });
    await c.getKey({ userID: ECK });
    await c.deleteKey({ userID: ECK }).catch(() => undefined);
    const bodies = s.received.filter((r) => r.operation !== "login").map((r) => r.body);
    expect(bodies[0]).toContain(
      "<urn:getKeyRequest><urn:profileID>9999999999</urn:profileID></urn:getKeyRequest>",
    );
    expect(bodies[1]).toContain(
      "<urn:getKeyRequest><urn:distributorPersonID>d-1</urn:distributorPersonID></urn:getKeyRequest>",
    );
    expect(bodies[2]).toContain(`<urn:getKeyRequest><urn:userID>${ECK}</urn:userID></urn:getKeyRequest>`);
    expect(bodies[3]).toContain(
      `<urn:deleteKeyRequest><urn:userID>${ECK}</urn:userID></urn:deleteKeyRequest>`,
    );
  });

  it("escapes markup in values", async () => {
    const s = await serve(() => getKeyOk([]));
    await client(s).getKey({ distributorPersonID: "a<b&c" });
    expect(s.received[1]!.body).toContain("<urn:distributorPersonID>a&lt;b&amp;c</urn:distributorPersonID>");
  });
});

describe("results", () => {
  it("login() resolves to the sessionID, and later calls reuse it", async () => {
    const s = await serve(() => deleteKeyOk());
    const c = client(s);
    await expect(c.login()).resolves.toBe(SESSION);
    await expect(c.deleteKey({ userID: ECK })).resolves.toBeUndefined();
    expect(s.count("login")).toBe(1);
  });

  it("getKey resolves to an array of 0, 1 or n keys, profileID as a number", async () => {
    const responses = [
      getKeyOk([]),
      getKeyOk([{ profileID: "48213976", distributorPersonID: "d-1", userID: ECK }]),
      getKeyOk([
        { profileID: "48213976", distributorPersonID: "d-1", userID: ECK },
        { profileID: " 9876543210 ", userID: "u-2" },
        { profileID: "0001073741" },
      ]),
    ];
    const s = await serve((_req, i) => responses[i]);
    const c = client(s);
    await expect(c.getKey({ userID: ECK })).resolves.toEqual([]);
    await expect(c.getKey({ userID: ECK })).resolves.toEqual([
      { profileID: 48213976, distributorPersonID: "d-1", userID: ECK },
    ]);
    const keys = await c.getKey({ userID: ECK });
    expect(keys).toEqual([
      { profileID: 48213976, distributorPersonID: "d-1", userID: ECK },
      { profileID: 9876543210, userID: "u-2" },
      { profileID: 1073741 },
    ]);
    expect(Object.keys(keys[2]!)).toEqual(["profileID"]);
  });

  it("accepts PHP SoapServer style answers (other prefixes, no whitespace, start/end pairs, no content type)", async () => {
    const php = (body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:edu-ix:account:4.3"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    const s = await serve(
      () => ({ contentType: "", body: php("<ns1:deleteKeyResponse></ns1:deleteKeyResponse>") }),
      () => php(`<ns1:loginResponse><ns1:sessionID>\n  ${SESSION}\n</ns1:sessionID></ns1:loginResponse>`),
    );
    const c = client(s);
    await expect(c.deleteKey({ userID: ECK })).resolves.toBeUndefined();
    expect(s.sessionIDsSent("deleteKey")).toEqual([SESSION]);
  });

  it("rejects keys that break the contract as malformed", async () => {
    const s = await serve((_req, i) =>
      i === 0 ? getKeyOk([{ profileID: "12345678901" }]) : getKeyOk([{ profileID: "abc" }]),
    );
    const c = client(s);
    await expect(c.getKey({ userID: ECK })).rejects.toMatchObject({
      kind: "malformed-response",
      reason: "schema",
    });
    const err = (await errorOf(c.getKey({ userID: ECK }))) as MalformedResponseError;
    expect(err.reason).toBe("schema");
    expect(err.message).toContain("profileID");
  });
});

describe("faults", () => {
  it("throws EduixError with the operation's meaning, code read from '0006' and ' 6 '", async () => {
    const s = await serve((_req, i) =>
      fault(i === 0 ? "0006" : " 6 ", "Missing required fields: userID or eckID"),
    );
    const c = client(s);
    for (let n = 0; n < 2; n++) {
      const err = await errorOf(c.createKey({ profileID: 1, userID: "u" }));
      expect(err).toBeInstanceOf(EduixError);
      expect(err).toMatchObject({
        kind: "service",
        vendor: "eduix",
        code: 6,
        meaning: "Missing required fields: userID or eckID",
        operation: "createKey",
        retryable: false,
        status: 500,
        sessionExpired: false,
        faultcode: "soapenv:Client",
      });
      expect((err as EduixError).detail).toBeUndefined();
    }
  });

  it("uses each operation's own wording of a code", async () => {
    const s = await serve(() => fault("6", "x"));
    const c = client(s);
    await expect(c.getKey({ userID: "u" })).rejects.toMatchObject({
      code: 6,
      meaning: "Missing required fields: profileID, distributorPersonID or userID",
      detail: "x",
    });
    await expect(c.deleteKey({ userID: "u" })).rejects.toMatchObject({
      meaning: "Missing required fields: userID",
    });
  });

  it("admits undocumented codes, and maps a fault without any code to SoapFaultError", async () => {
    const s = await serve((_req, i) =>
      i === 0
        ? fault("9999", "brand new")
        : {
            status: 500,
            body: envelope(
              "<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Internal Server Error</faultstring></soapenv:Fault>",
            ),
          },
    );
    const c = client(s);
    await expect(c.getKey({ userID: "u" })).rejects.toMatchObject({
      code: 9999,
      meaning: "Undocumented fault code",
      retryable: false,
      detail: "brand new",
    });
    const err = await errorOf(c.getKey({ userID: "u" }));
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ faultcode: "soapenv:Server", faultstring: "Internal Server Error" });
    expect(s.count("getKey")).toBe(2);
  });

  it("reads a fault sent with HTTP 200 too", async () => {
    const s = await serve(() => ({ ...fault("4426", "ProfileID is already prematched"), status: 200 }));
    await expect(client(s).createKey({ profileID: 1, userID: "u" })).rejects.toMatchObject({
      code: 4426,
      status: 200,
      meaning: "ProfileID is already prematched",
    });
  });

  it("marks the general codes 0 and 1 retryable but never repeats them automatically", async () => {
    const s = await serve(() => fault("1", "General error"));
    await expect(client(s).getKey({ userID: "u" })).rejects.toMatchObject({ code: 1, retryable: true });
    expect(s.count("getKey")).toBe(1);
  });
});

describe("non-fault answers", () => {
  it("HTML 500: HttpStatusError; getKey is retried, createKey and deleteKey never", async () => {
    const html = {
      status: 500,
      contentType: "text/html",
      body: "<html><body>Internal Server Error</body></html>",
    };
    const s = await serve(() => html);
    const c = client(s);
    const err = await errorOf(c.getKey({ userID: ECK }));
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err).toMatchObject({ status: 500, retryable: true, operation: "getKey" });
    expect(s.count("getKey")).toBe(3);
    await expect(c.createKey({ profileID: 1, userID: ECK })).rejects.toBeInstanceOf(HttpStatusError);
    expect(s.count("createKey")).toBe(1);
    await expect(c.deleteKey({ userID: ECK })).rejects.toBeInstanceOf(HttpStatusError);
    expect(s.count("deleteKey")).toBe(1);
  });

  it("a 5xx with an XML body that is not a fault, or an unparseable one, is an HttpStatusError", async () => {
    const s = await serve((_req, i) =>
      i === 0 ? { status: 502, body: getKeyOk([]) } : { status: 503, contentType: "", body: "<unclosed" },
    );
    const c = client(s, { retry: false });
    await expect(c.getKey({ userID: "u" })).rejects.toMatchObject({ kind: "http-status", status: 502 });
    await expect(c.getKey({ userID: "u" })).rejects.toMatchObject({ kind: "http-status", status: 503 });
  });

  it("retries login and getKey on 5xx and transport failures, then succeeds", async () => {
    const events: string[] = [];
    const s = await serve(
      (_req, i) => (i === 0 ? { status: 503, body: "busy", contentType: "text/plain" } : getKeyOk([])),
      (_req, i) =>
        i === 0 ? { status: 502, body: "bad gateway", contentType: "text/plain" } : loginOk(SESSION),
    );
    const c = client(s, { logger: (e) => events.push(`${e.operation}#${e.attempt}:${e.outcome}`) });
    await expect(c.getKey({ userID: ECK })).resolves.toEqual([]);
    expect(events).toEqual(["login#1:error", "login#2:success", "getKey#1:error", "getKey#2:success"]);
  });

  it("retry: false makes one attempt", async () => {
    const s = await serve(undefined, () => ({ status: 503, body: "busy", contentType: "text/plain" }));
    await expect(client(s, { retry: false }).login()).rejects.toBeInstanceOf(HttpStatusError);
    expect(s.count("login")).toBe(1);
  });

  it("garbage, HTML with 200 and truncated XML are MalformedResponseErrors", async () => {
    const answers = [
      { contentType: "text/html", body: "<html>maintenance</html>" },
      { contentType: "", body: "<html><body>maintenance</body></html>" },
      { body: "not xml at all" },
      { body: getKeyOk([{ profileID: "1" }]).slice(0, 120) },
      { body: envelope("<urn:createKeyResponse/>") },
      { body: envelope("") },
      { body: '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>' },
    ];
    const s = await serve((_req, i) => answers[i]);
    const c = client(s);
    const reasons: string[] = [];
    for (let i = 0; i < answers.length; i++) {
      const err = await errorOf(c.getKey({ userID: ECK }));
      expect(err).toBeInstanceOf(MalformedResponseError);
      reasons.push((err as MalformedResponseError).reason);
    }
    expect(reasons).toEqual([
      "content-type",
      "envelope",
      "not-xml",
      "truncated",
      "envelope",
      "envelope",
      "envelope",
    ]);
    expect(s.count("getKey")).toBe(answers.length); // malformed answers are not retried
  });

  it("a loginResponse without a sessionID, or with one over 64 characters, is malformed", async () => {
    const s = await serve(undefined, (_req, i) =>
      i === 0
        ? envelope("<urn:loginResponse><urn:sessionID> </urn:sessionID></urn:loginResponse>")
        : loginOk("s".repeat(65)),
    );
    const c = client(s);
    await expect(c.login()).rejects.toMatchObject({ kind: "malformed-response", reason: "envelope" });
    await expect(c.login()).rejects.toMatchObject({ kind: "malformed-response", reason: "schema" });
  });

  it("times out, and reports a refused connection as a NetworkError", async () => {
    const s = await serve(() => undefined);
    await expect(client(s, { retry: false, timeoutMs: 100 }).getKey({ userID: "u" })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    const url = s.url;
    await s.close();
    server = undefined;
    const c = createEduixClient({ username: USERNAME, password: PASSWORD, endpoint: url, retry: false });
    await expect(c.login()).rejects.toBeInstanceOf(NetworkError);
  });

  it("caps oversized answers", async () => {
    const s = await serve(() => getKeyOk([]));
    await expect(client(s, { maxResponseBytes: 64 }).login()).rejects.toMatchObject({ reason: "too-large" });
  });
});

describe("validation before sending", () => {
  it("names every field and rule, and sends nothing (not even a login)", async () => {
    const s = await serve(() => createKeyOk());
    const c = client(s);
    const err = await errorOf(c.createKey({ profileID: 0, userID: "x".repeat(257) }));
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues.map((i) => `${i.field}:${i.rule}`);
    expect(issues).toEqual(expect.arrayContaining(["profileID:minimum", "userID:maxLength"]));
    const cases: Array<[Promise<unknown>, string[]]> = [
      [c.createKey({ profileID: 12345678901, userID: "u" }), ["profileID:maximum"]],
      [c.createKey({ profileID: 4821.5, userID: "u" }), ["profileID:type"]],
      [c.createKey({ profileID: "48213976", userID: "u" } as never), ["profileID:type"]],
      [c.createKey({ profileID: 1 } as never), ["userID:required"]],
      [c.deleteKey({} as never), ["userID:required"]],
      [c.getKey({} as never), [":oneOf"]],
      [c.getKey({ profileID: 1, userID: "u" } as never), [":oneOf"]],
      [c.getKey({ profileID: 0 }), ["profileID:minimum"]],
    ];
    for (const [promise, expected] of cases) {
      const e = await errorOf(promise);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => `${i.field}:${i.rule}`)).toEqual(
        expect.arrayContaining(expected),
      );
    }
    expect(s.received).toEqual([]);
  });

  it("refuses characters XML 1.0 cannot carry before logging in", async () => {
    const s = await serve(() => deleteKeyOk());
    const err = await errorOf(client(s).deleteKey({ userID: "abc\u0001" }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      expect.objectContaining({ field: "deleteKeyRequest.userID", rule: "xmlChar" }),
    ]);
    expect(s.received).toEqual([]);
  });

  it("checks the options at creation, without quoting the password", () => {
    const longPassword = `secret-${"p".repeat(64)}`;
    const cases: Array<[Partial<EduixClientOptions>, string[]]> = [
      [{ username: "", password: "" }, ["username:required", "password:required"]],
      [{ password: longPassword, username: "u".repeat(101) }, ["username:maxLength", "password:maxLength"]],
      [{ environment: "staging" as never }, ["environment:enum"]],
      [{ endpoint: "ftp://example.com" }, ["endpoint:format"]],
      [{ endpoint: "not a url" }, ["endpoint:format"]],
    ];
    for (const [over, expected] of cases) {
      let caught: unknown;
      try {
        createEduixClient({ username: USERNAME, password: PASSWORD, ...over });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).issues.map((i) => `${i.field}:${i.rule}`)).toEqual(expected);
      expect(JSON.stringify(caught) + String(caught)).not.toContain(longPassword);
    }
  });

  it("defaults to the acceptance environment", () => {
    expect(DEFAULT_ENVIRONMENT).toBe("acceptance");
    expect(() => createEduixClient({ username: USERNAME, password: PASSWORD })).not.toThrow();
  });
});

describe("aborting", () => {
  it("an aborted signal starts nothing", async () => {
    const s = await serve(() => getKeyOk([]));
    const c = client(s);
    const signal = AbortSignal.abort();
    await expect(c.getKey({ userID: "u" }, { signal })).rejects.toBeInstanceOf(AbortError);
    await expect(c.login({ signal })).rejects.toBeInstanceOf(AbortError);
    expect(s.received).toEqual([]);
  });

  it("a caller can stop waiting for a shared login without failing the others", async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const s = await serve(
      () => getKeyOk([]),
      async () => {
        await gate;
        return loginOk(SESSION);
      },
    );
    const c = client(s);
    const controller = new AbortController();
    const impatient = c.getKey({ userID: "u" }, { signal: controller.signal });
    const patient = c.getKey({ userID: "u" });
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(impatient).rejects.toBeInstanceOf(AbortError);
    release!();
    await expect(patient).resolves.toEqual([]);
    expect(s.count("login")).toBe(1);
    expect(s.count("getKey")).toBe(1);
  });

  it("a failed shared wait passes the login's error to an abortable caller", async () => {
    const s = await serve(undefined, () => fault("2", "Authentication error"));
    const controller = new AbortController();
    await expect(client(s).getKey({ userID: "u" }, { signal: controller.signal })).rejects.toMatchObject({
      code: 2,
    });
  });
});

describe("secrets", () => {
  it("never puts the password or the sessionID in errors or log events, even when the vendor echoes them", async () => {
    const events: ClientLogEvent[] = [];
    const s = await serve(
      (_req, i) =>
        i === 0
          ? fault("1", `db error for session ${SESSION}`, `General error (${SESSION})`)
          : {
              status: 500,
              body: envelope(
                `<soapenv:Fault><faultcode>x:${SESSION}</faultcode><faultstring>${PASSWORD}</faultstring></soapenv:Fault>`,
              ),
            },
      () => loginOk(SESSION),
    );
    const c = client(s, { logger: (e) => events.push(e) });
    const first = await errorOf(c.getKey({ userID: ECK }));
    const second = await errorOf(c.getKey({ userID: ECK }));
    expect(first).toBeInstanceOf(EduixError);
    expect(second).toBeInstanceOf(SoapFaultError);
    for (const err of [first, second]) {
      const text = `${(err as Error).message} ${JSON.stringify(err)} ${String(err)} ${(err as Error).stack}`;
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(SESSION);
      expect(text).toContain("[REDACTED]");
    }
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(SESSION);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it("a failed login that echoes the password does not leak it", async () => {
    const s = await serve(undefined, () =>
      fault("2", `bad password ${PASSWORD}`, `Authentication error: ${PASSWORD}`),
    );
    const events: ClientLogEvent[] = [];
    const err = await errorOf(client(s, { logger: (e) => events.push(e) }).login());
    expect(err).toMatchObject({ code: 2, meaning: "Authentication error", retryable: false });
    const text = `${(err as Error).message} ${JSON.stringify(err)} ${JSON.stringify(events)}`;
    expect(text).not.toContain(PASSWORD);
  });
});
