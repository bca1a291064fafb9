/**
 * Secret scan: with the secrets set in the environment, no output stream contains any of them (the Moka
 * password and CheckKey, the ESWS company id, the Edu-iX password and sessionID), on success or failure,
 * with --debug, even when the vendor echoes them back.
 */
import { computeCheckKey } from "@integrations/moka-client";
import { createRedactor } from "@integrations/runtime/redact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  cli,
  eduixBody,
  eduixFault,
  eduixOperation,
  eswsReturn,
  json,
  type Stub,
  type StubResponse,
  startStub,
} from "./__tests__/harness.js";

const MOKA_PASSWORD = "moka-Secret-pw-7731";
const COMPANY_ID = "ES-Company-SECRET-4242";
const EDUIX_PASSWORD = "eduix-Secret-pw-9918";
const SESSION_ID = "sess-SECRET-5c1e9d2f7b30e4cb3f1c";
const CHECK_KEY = computeCheckKey("DEALER-1", "api-user", MOKA_PASSWORD);
const SECRETS = { MOKA_PASSWORD, COMPANY_ID, EDUIX_PASSWORD, SESSION_ID, CHECK_KEY };
const USER_ID = "https://ketenid.nl/201703/abc";

/** Whether the vendors answer successfully or with errors that quote every secret they know. */
let mode: "success" | "echo-error" | "echo-success" = "success";

/**
 * What a vendor echoes back: every secret in the environment (the output guard knows them all, whichever
 * vendor is called). Only Edu-iX can echo the sessionID: no other call of the process ever sees it.
 */
const envEcho = `pw=${MOKA_PASSWORD} key=${CHECK_KEY} company=${COMPANY_ID} eduix=${EDUIX_PASSWORD}`;
const eduixEcho = `${envEcho} session=${SESSION_ID}`;

function moka(operation: string): StubResponse {
  if (mode === "echo-error") {
    return json({
      Data: null,
      ResultCode: "EX",
      ResultMessage: envEcho,
      Exception: `System.Exception: ${envEcho}`,
    });
  }
  const customer = {
    DealerCustomerId: 1,
    CustomerCode: "C1",
    Password: null,
    FirstName: "A",
    LastName: "B",
    Gender: 1,
    BirthDate: "19800101",
    GsmNumber: null,
    Email: null,
    Address: mode === "echo-success" ? envEcho : null,
  };
  const data =
    operation === "GetCardList"
      ? { DealerCustomer: customer, CardListCount: 0, CardList: [] }
      : { DealerCustomerListCount: 1, DealerCustomerList: [customer] };
  return json({ Data: data, ResultCode: "Success", ResultMessage: "", Exception: null });
}

function esws(operation: "syncMOCA" | "updateUserDotweb"): StubResponse {
  if (mode === "echo-error") return eswsReturn(operation, `UNAUTHORIZED ${envEcho}`);
  return eswsReturn(operation, operation === "syncMOCA" ? "OK" : "UPDATED");
}

function eduix(operation: string): StubResponse {
  if (operation === "login") {
    return eduixBody(`<urn:loginResponse><urn:sessionID>${SESSION_ID}</urn:sessionID></urn:loginResponse>`);
  }
  if (mode === "echo-error") return eduixFault(1, `General error for ${eduixEcho}`);
  if (operation === "getKey") {
    // A value that quotes the sessionID and the password: only the CLI's output guard stands in the way.
    const id = mode === "echo-success" ? `${SESSION_ID}-${EDUIX_PASSWORD}` : "person-1";
    return eduixBody(
      `<urn:getKeyResponse><urn:key><urn:profileID>5</urn:profileID><urn:distributorPersonID>${id}</urn:distributorPersonID></urn:key></urn:getKeyResponse>`,
    );
  }
  return eduixBody(`<urn:${operation}Response/>`);
}

let stub: Stub;
let env: Record<string, string>;

beforeAll(async () => {
  stub = await startStub((request) => {
    if (request.path.startsWith("/DealerCustomer/"))
      return moka(request.path.slice("/DealerCustomer/".length));
    if (request.path === "/esws") {
      return esws(/Esws\.updateUserDotweb/.test(request.body) ? "updateUserDotweb" : "syncMOCA");
    }
    return eduix(eduixOperation(request));
  });
  env = {
    MOKA_BASE_URL: stub.url,
    MOKA_DEALER_CODE: "DEALER-1",
    MOKA_USERNAME: "api-user",
    MOKA_PASSWORD,
    EASYSECURE_ENDPOINT: `${stub.url}/esws`,
    EASYSECURE_COMPANY_ID: COMPANY_ID,
    EDUIX_ENDPOINT: `${stub.url}/eduix`,
    EDUIX_USERNAME: "distributor",
    EDUIX_PASSWORD,
    INTEGRATIONS_TIMEOUT_MS: "2000",
  };
});
afterAll(() => stub.close());

const COMMANDS: readonly string[][] = [
  ["moka", "get-card-list", "--customer-code", "C1"],
  ["moka", "get-card-list", "--dealer-customer-id", "1"],
  ["moka", "get-customer-list"],
  ["easysecure", "sync-moca", "--ws-alt-user-id", "6666"],
  [
    "easysecure",
    "update-user-dotweb",
    "--ws-store-id=1",
    "--ws-alt-user-id=A-1",
    "--pin=",
    "--achternaam=L",
    "--voornaam=F",
    "--admin=0",
    "--security=0",
  ],
  ["eduix", "login"],
  ["eduix", "create-key", "--profile-id", "5", "--user-id", USER_ID],
  ["eduix", "delete-key", "--user-id", USER_ID],
  ["eduix", "get-key", "--profile-id", "5"],
];

function expectClean(result: CliResult): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(result.stdout, `${name} on stdout`).not.toContain(secret);
    expect(result.stderr, `${name} on stderr`).not.toContain(secret);
  }
}

describe("no secret in any output stream", () => {
  it("the secrets really are sent to the vendors (so the scan below means something)", async () => {
    mode = "success";
    const before = stub.requests.length;
    await cli(["moka", "get-customer-list"], env);
    await cli(["easysecure", "sync-moca", "--ws-alt-user-id", "6666"], env);
    await cli(["eduix", "get-key", "--profile-id", "5"], env);
    const sent = stub.requests
      .slice(before)
      .map((r) => r.body)
      .join("\n");
    for (const secret of [MOKA_PASSWORD, CHECK_KEY, COMPANY_ID, EDUIX_PASSWORD, SESSION_ID]) {
      expect(sent).toContain(secret);
    }
  });

  it.each(COMMANDS)("success: %s %s (with --debug)", async (...argv) => {
    mode = "success";
    const result = await cli([...argv, "--debug"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('"debug":"config"');
    expectClean(result);
  });

  it.each(COMMANDS)("the vendor echoes every secret in an error: %s %s (with --debug)", async (...argv) => {
    mode = "echo-error";
    const result = await cli([...argv, "--debug"], env);
    expectClean(result);
    if (argv[1] !== "login") {
      expect(result.code).toBe(1);
      expect(result.error().kind).toBe("service");
    }
  });

  it.each(COMMANDS)("the vendor echoes secrets in a successful value: %s %s", async (...argv) => {
    mode = "echo-success";
    const result = await cli(argv, env);
    expect(result.code, result.stderr).toBe(0);
    expectClean(result);
  });

  it("transport failures, with --debug", async () => {
    const closed = await startStub(() => json("{}"));
    await closed.close();
    const down = {
      ...env,
      MOKA_BASE_URL: closed.url,
      EASYSECURE_ENDPOINT: closed.url,
      EDUIX_ENDPOINT: closed.url,
    };
    for (const argv of COMMANDS) {
      const result = await cli([...argv, "--debug"], down);
      expect(result.code).toBe(4);
      expectClean(result);
    }
  });

  it("validation, usage and configuration errors", async () => {
    const results = await Promise.all([
      cli(["moka", "get-card-list", "--customer-code", "x".repeat(101)], env),
      cli(["eduix", "get-key", "--profile-id", "0"], env),
      cli(["eduix", "login", "--password", EDUIX_PASSWORD], env),
      cli(["eduix", "login", `--password=${EDUIX_PASSWORD}`], env),
      cli(["eduix", "login", EDUIX_PASSWORD], env),
      cli(["moka", "get-customer-list"], { ...env, MOKA_USERNAME: "" }),
      cli(["moka", "get-customer-list"], { ...env, MOKA_BASE_URL: `http://x/${MOKA_PASSWORD}:bad url` }),
    ]);
    for (const result of results) {
      expect(result.code).not.toBe(0);
      expectClean(result);
    }
  });

  it("help, at every level, with the secrets set", async () => {
    for (const argv of [["--help"], ["moka", "--help"], ["eduix", "login", "--help"], ["--version"]]) {
      const result = await cli(argv, env);
      expect(result.code).toBe(0);
      expectClean(result);
    }
  });

  it("--show-session-id is the one explicit exception", async () => {
    mode = "success";
    const result = await cli(["eduix", "login", "--show-session-id"], env);
    expect(result.stdout).toContain(SESSION_ID);
    expect(result.stderr).toBe("");
  });
});

describe("the output guard (the runtime's redactor)", () => {
  it("replaces every occurrence of every secret, longest first, however short", () => {
    const guard = createRedactor(["abcd", "abcdef", "xy"]);
    expect(guard("abcdef abcd xy abcdef")).toBe("[REDACTED] [REDACTED] [REDACTED] [REDACTED]");
    guard.add("late-secret");
    guard.add(undefined);
    expect(guard("a late-secret")).toBe("a [REDACTED]");
  });
});
