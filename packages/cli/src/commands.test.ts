/**
 * Every command against small node:http stubs of the three vendors: the flags reach the wire 1:1 (checked
 * against the contracts' request fixtures), the resolved value is printed as JSON, and each failure kind
 * prints the typed error and exits with its code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cli,
  eduixBody,
  eduixFault,
  eduixOperation,
  eswsReturn,
  fixture,
  json,
  type Stub,
  type StubHandler,
  type StubResponse,
  startStub,
} from "./__tests__/harness.js";

const SESSION_ID = "b3f1c9e2a7d84f06a1c5e9d2f7b30e4c";
const USER_ID =
  "https://ketenid.nl/201703/3bbc8e25fe8d2edc6f6b2e26ee22e6bfa4493bb8d661ae92a29c9b4c8890bf7a7bfc1e8c75ec006badee652d555dff9d0ca0ef363a183b6ffd641820bda87b5d";

/** What each stubbed operation answers; tests override entries. */
let answers: Record<string, () => StubResponse>;

function defaultAnswers(): Record<string, () => StubResponse> {
  return {
    GetCardList: () => json(fixture("moka/fixtures/GetCardList/code-success/response.json")),
    GetCustomerList: () => json(fixture("moka/fixtures/GetCustomerList/code-success/response.json")),
    syncMOCA: () => eswsReturn("syncMOCA", "OK"),
    updateUserDotweb: () => eswsReturn("updateUserDotweb", "INSERTED"),
    login: () =>
      eduixBody(`<urn:loginResponse><urn:sessionID>${SESSION_ID}</urn:sessionID></urn:loginResponse>`),
    createKey: () => eduixBody("<urn:createKeyResponse/>"),
    deleteKey: () => eduixBody("<urn:deleteKeyResponse/>"),
    getKey: () => ({
      contentType: "text/xml; charset=utf-8",
      body: fixture("eduix/fixtures/getKey/success-several-keys/response.xml"),
    }),
  };
}

const route: StubHandler = (request) => {
  let operation: string;
  if (request.path.startsWith("/DealerCustomer/")) operation = request.path.slice("/DealerCustomer/".length);
  else if (request.path === "/esws") operation = /Esws\.(\w+)/.exec(request.body)?.[1] ?? "";
  else operation = eduixOperation(request);
  const answer = answers[operation];
  if (!answer) return { status: 404, contentType: "text/plain", body: `no stub for ${operation}` };
  return answer();
};

let stub: Stub;
let env: Record<string, string>;

beforeAll(async () => {
  stub = await startStub(route);
  env = {
    MOKA_BASE_URL: stub.url,
    MOKA_DEALER_CODE: "xxx",
    MOKA_USERNAME: "xxx",
    MOKA_PASSWORD: "xxx",
    EASYSECURE_ENDPOINT: `${stub.url}/esws`,
    EASYSECURE_COMPANY_ID: "FAKE-SECURITY-CODE-FOR-TESTS-001",
    EDUIX_ENDPOINT: `${stub.url}/eduix`,
    EDUIX_USERNAME: "distributor",
    EDUIX_PASSWORD: "distributor-password",
    INTEGRATIONS_TIMEOUT_MS: "2000",
  };
});
afterAll(() => stub.close());

function lastRequest() {
  const request = stub.requests.at(-1);
  if (!request) throw new Error("no request reached the stub");
  return request;
}

/** The rpc/encoded parts of an ESWS request as name → text (and the info map as key → value). */
function eswsParts(body: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [, name, value] of body.matchAll(/<(p_\w+)[^>]*?(?:\/>|>([^<]*)<\/\1>)/g)) {
    parts[name!] = value ?? "";
  }
  for (const [, key, value] of body.matchAll(/<key[^>]*>([^<]*)<\/key>\s*<value[^>]*>([^<]*)<\/value>/g)) {
    parts[`p_infoFields.${key}`] = value!;
  }
  return parts;
}

describe("moka", () => {
  it("get-card-list --customer-code sends the documented request and prints Data", async () => {
    answers = defaultAnswers();
    const result = await cli(["moka", "get-card-list", "--customer-code", "Customer"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = JSON.parse(fixture("moka/fixtures/GetCardList/code-success/response.json")).Data;
    expect(result.json()).toEqual(expected);
    const sent = JSON.parse(lastRequest().body);
    expect(sent).toEqual(
      JSON.parse(fixture("moka/fixtures/GetCardList/request-by-customer-code/request.json")),
    );
  });

  it("get-card-list takes both identifiers, as the contract does (at least one; the vendor checks they match)", async () => {
    answers = defaultAnswers();
    const result = await cli(
      ["moka", "get-card-list", "--customer-code", "Customer", "--dealer-customer-id", "1034"],
      env,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(lastRequest().body).DealerCustomerRequest).toEqual({
      DealerCustomerId: 1034,
      CustomerCode: "Customer",
    });
  });

  it("get-card-list --dealer-customer-id sends an integer DealerCustomerId", async () => {
    answers = defaultAnswers();
    const result = await cli(["moka", "get-card-list", "--dealer-customer-id", "1034"], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(lastRequest().body).DealerCustomerRequest).toEqual({ DealerCustomerId: 1034 });
  });

  it("get-customer-list sends only the authentication and prints Data", async () => {
    answers = defaultAnswers();
    const result = await cli(["moka", "get-customer-list"], env);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ DealerCustomerListCount: 1 });
    expect(JSON.parse(lastRequest().body)).toEqual(
      JSON.parse(fixture("moka/fixtures/GetCustomerList/request-real-check-key/request.json")),
    );
  });

  it("a documented ResultCode is a MokaError on stderr, exit 1", async () => {
    answers = {
      ...defaultAnswers(),
      GetCardList: () =>
        json(fixture("moka/fixtures/GetCardList/code-dealer-customer-not-found/response.json")),
    };
    const result = await cli(["moka", "get-card-list", "--customer-code", "Nobody"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.error()).toMatchObject({
      name: "MokaError",
      kind: "service",
      vendor: "moka",
      code: "DealerCustomer.GetCardList.DealerCustomerNotFound",
      operation: "GetCardList",
      retryable: false,
      status: 200,
    });
    expect(result.error().meaning).toEqual(expect.any(String));
  });
});

describe("easysecure", () => {
  it("sync-moca sends p_wsAltUser_id and prints the return code", async () => {
    answers = defaultAnswers();
    const result = await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.json()).toBe("OK");
    expect(eswsParts(lastRequest().body)).toEqual({
      p_companyID: "FAKE-SECURITY-CODE-FOR-TESTS-001",
      p_wsAltUser_id: "6666",
    });
  });

  it("update-user-dotweb maps every flag 1:1 to its part (the contract's request-full fixture)", async () => {
    answers = defaultAnswers();
    const result = await cli(
      [
        "easysecure",
        "update-user-dotweb",
        "--ws-store-id",
        "1234",
        "--ws-alt-user-id",
        "EMP-0042",
        "--pin",
        "4711",
        "--achternaam",
        "Müller",
        "--voornaam",
        "José",
        "--admin",
        "1",
        "--security",
        "0",
        "--start-date",
        "2024-01-01 00:00:00",
        "--expire-date",
        "2030-12-31 23:59:59",
        "--info-fields",
        "info1=jose.muller@example.com",
        "--info-fields",
        "info2=Straße 5, Zürich",
        "--group-name",
        "Group1;Group2",
        "--group-update",
        "1",
        "--license-plate",
        "AB-123-C",
        "--location-id",
        "7",
      ],
      env,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.json()).toBe("INSERTED");
    const expected = eswsParts(fixture("easysecure/fixtures/updateUserDotweb/request-full/request.xml"));
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(16);
    expect(eswsParts(lastRequest().body)).toEqual(expected);
  });

  it("update-user-dotweb with only the required flags matches request-minimal", async () => {
    answers = { ...defaultAnswers(), updateUserDotweb: () => eswsReturn("updateUserDotweb", "UPDATED") };
    const result = await cli(
      [
        "easysecure",
        "update-user-dotweb",
        "--ws-store-id=1234",
        "--ws-alt-user-id=EMP-0042",
        "--pin=",
        "--achternaam=Jansen",
        "--voornaam=Piet",
        "--admin=0",
        "--security=0",
        "--info-fields=info1=piet.jansen@example.com",
      ],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.json()).toBe("UPDATED");
    const expected = eswsParts(fixture("easysecure/fixtures/updateUserDotweb/request-minimal/request.xml"));
    expect(eswsParts(lastRequest().body)).toEqual(expected);
  });

  it("--transliterate turns on the client's Latin-1 transliteration", async () => {
    answers = defaultAnswers();
    const base = [
      "easysecure",
      "update-user-dotweb",
      "--ws-store-id",
      "1234",
      "--ws-alt-user-id",
      "EMP-0042",
      "--pin",
      "",
      "--achternaam",
      "Jansen",
      "--voornaam",
      "Łukasz",
      "--admin",
      "0",
      "--security",
      "0",
    ];
    const before = stub.requests.length;
    const rejected = await cli(base, env);
    expect(rejected.code).toBe(3);
    expect(rejected.error()).toMatchObject({ name: "ValidationError", kind: "validation" });
    expect(JSON.stringify(rejected.error().issues)).toContain("p_Voornaam");
    expect(stub.requests.length).toBe(before); // nothing was sent

    const accepted = await cli([...base, "--transliterate"], env);
    expect(accepted.code).toBe(0);
    expect(eswsParts(lastRequest().body).p_Voornaam).toBe("Lukasz");
  });

  it("a coded return is an EasySecureError with code and detail, exit 1", async () => {
    answers = {
      ...defaultAnswers(),
      syncMOCA: () => eswsReturn("syncMOCA", "UNAUTHORIZED Invalid credentials"),
    };
    const result = await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], env);
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({
      name: "EasySecureError",
      kind: "service",
      vendor: "easysecure",
      code: "UNAUTHORIZED",
      detail: "Invalid credentials",
      operation: "Esws.syncMOCA",
    });
  });

  it("a malformed --info-fields is a usage error", async () => {
    const result = await cli(
      [
        "easysecure",
        "update-user-dotweb",
        "--ws-store-id=1",
        "--ws-alt-user-id=A",
        "--pin=",
        "--achternaam=L",
        "--voornaam=F",
        "--admin=0",
        "--security=0",
        "--info-fields",
        "novalue",
      ],
      env,
    );
    expect(result.code).toBe(2);
    expect(result.error()).toMatchObject({ name: "UsageError", message: "--info-fields takes key=value" });
  });
});

describe("eduix", () => {
  it("login prints ok with the sessionID redacted", async () => {
    answers = defaultAnswers();
    const result = await cli(["eduix", "login"], env);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ ok: true, sessionID: "[REDACTED]" });
    expect(result.stdout + result.stderr).not.toContain(SESSION_ID);
  });

  it("login --show-session-id prints the sessionID", async () => {
    answers = defaultAnswers();
    const result = await cli(["eduix", "login", "--show-session-id"], env);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ ok: true, sessionID: SESSION_ID });
  });

  it("create-key logs in, sends profileID and userID, and prints ok", async () => {
    answers = defaultAnswers();
    const before = stub.requests.length;
    const result = await cli(["eduix", "create-key", "--profile-id", "48213976", "--user-id", USER_ID], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ ok: true });
    const sent = stub.requests.slice(before).map(eduixOperation);
    expect(sent).toEqual(["login", "createKey"]);
    expect(lastRequest().body).toMatch(/<(\w+:)?profileID>48213976<\/(\w+:)?profileID>/);
    expect(lastRequest().body).toContain(USER_ID);
    expect(lastRequest().body).toContain(SESSION_ID);
  });

  it("delete-key prints ok", async () => {
    answers = defaultAnswers();
    const result = await cli(["eduix", "delete-key", "--user-id", USER_ID], env);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ ok: true });
    expect(eduixOperation(lastRequest())).toBe("deleteKey");
  });

  it.each([
    [["--profile-id", "48213976"], /<(\w+:)?profileID>48213976</],
    [["--distributor-person-id", "5f0c2a8e"], /<(\w+:)?distributorPersonID>5f0c2a8e</],
    [["--user-id", USER_ID], /<(\w+:)?userID>https:\/\/ketenid/],
  ])("get-key %j prints the keys", async (flags, sent) => {
    answers = defaultAnswers();
    const result = await cli(["eduix", "get-key", ...flags], env);
    expect(result.code).toBe(0);
    const keys = result.json() as unknown[];
    expect(keys).toHaveLength(3);
    expect(keys[1]).toMatchObject({ profileID: 9876543210 });
    expect(lastRequest().body).toMatch(sent);
  });

  it("a fault is an EduixError with its numeric code, exit 1", async () => {
    answers = { ...defaultAnswers(), createKey: () => eduixFault(7766, "userID is already prematched") };
    const result = await cli(["eduix", "create-key", "--profile-id", "1", "--user-id", USER_ID], env);
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({
      name: "EduixError",
      kind: "service",
      vendor: "eduix",
      code: 7766,
      operation: "createKey",
      retryable: false,
    });
  });

  it("a profileID out of range is a ValidationError, exit 3, and nothing is sent", async () => {
    answers = defaultAnswers();
    const before = stub.requests.length;
    const result = await cli(["eduix", "get-key", "--profile-id", "0"], env);
    expect(result.code).toBe(3);
    expect(result.error()).toMatchObject({
      name: "ValidationError",
      kind: "validation",
      operation: "getKey",
    });
    expect(stub.requests.length).toBe(before);
  });
});

describe("transport failures exit 4", () => {
  it("an unexpected HTTP status (HTML 502) is an HttpStatusError", async () => {
    answers = {
      ...defaultAnswers(),
      syncMOCA: () => ({ status: 502, contentType: "text/html", body: "<html>Bad gateway</html>" }),
    };
    const result = await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], env);
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({ name: "HttpStatusError", kind: "http-status", status: 502 });
  });

  it("a body that is not the envelope is a MalformedResponseError", async () => {
    answers = { ...defaultAnswers(), GetCustomerList: () => json("{not json") };
    const result = await cli(["moka", "get-customer-list"], env);
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({ name: "MalformedResponseError", kind: "malformed-response" });
  });

  it("INTEGRATIONS_TIMEOUT_MS bounds the call: TimeoutError", async () => {
    answers = { ...defaultAnswers(), syncMOCA: () => ({ ...eswsReturn("syncMOCA", "OK"), delayMs: 2_000 }) };
    const result = await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], {
      ...env,
      INTEGRATIONS_TIMEOUT_MS: "150",
    });
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({ name: "TimeoutError", kind: "timeout", retryable: true });
  });

  it("a refused connection is a NetworkError", async () => {
    const closed = await startStub(() => json("{}"));
    await closed.close();
    const result = await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], {
      ...env,
      EASYSECURE_ENDPOINT: `${closed.url}/esws`,
    });
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({ name: "NetworkError", kind: "network", code: "ECONNREFUSED" });
  });

  it("an abort (Ctrl-C) exits 130", async () => {
    answers = { ...defaultAnswers(), syncMOCA: () => ({ ...eswsReturn("syncMOCA", "OK"), delayMs: 2_000 }) };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], env, controller.signal);
    expect(result.code).toBe(130);
    expect(result.error()).toMatchObject({ name: "AbortError", kind: "abort" });
  });
});

describe("--debug", () => {
  it("writes the configuration (secrets redacted) and one line per attempt to stderr", async () => {
    answers = defaultAnswers();
    const result = await cli(["--debug", "moka", "get-customer-list"], env);
    expect(result.code).toBe(0);
    const lines = result.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({
      debug: "config",
      vendor: "moka",
      baseUrl: stub.url,
      password: "[REDACTED]",
    });
    expect(lines[1]).toMatchObject({ debug: "attempt", operation: "GetCustomerList", outcome: "success" });
  });
});
