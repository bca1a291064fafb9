/**
 * Every command against the real sandbox: @integrations/sandbox started in process on ephemeral ports,
 * with its default seed, configured through the same environment variables a user sets.
 */
import { computeCheckKey } from "@integrations/moka-client";
import { type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CliResult, cli } from "./__tests__/harness.js";
import { OPERATIONS } from "./operations.js";

let sandbox: Sandbox;
let env: Record<string, string>;

const USER_ID = `https://ketenid.nl/201703/${"3bbc8e25fe8d2edc".repeat(8)}`;
const SECRETS = {
  moka: "sandbox-secret",
  checkKey: computeCheckKey("SANDBOX-DEALER", "sandbox-api", "sandbox-secret"),
  company: "FAKE-SECURITY-CODE-FOR-TESTS-001",
  eduix: "sandbox-password",
};

beforeAll(async () => {
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  env = {
    MOKA_BASE_URL: sandbox.urls.moka,
    MOKA_DEALER_CODE: "SANDBOX-DEALER",
    MOKA_USERNAME: "sandbox-api",
    MOKA_PASSWORD: SECRETS.moka,
    EASYSECURE_ENDPOINT: sandbox.urls.easysecure,
    EASYSECURE_COMPANY_ID: SECRETS.company,
    EDUIX_ENDPOINT: sandbox.urls.eduix,
    EDUIX_USERNAME: "sandbox-distributor",
    EDUIX_PASSWORD: SECRETS.eduix,
    INTEGRATIONS_TIMEOUT_MS: "5000",
  };
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.faults.clear();
});

/** Runs a command with --debug, checks that no stream carries a secret, and returns the result. */
async function run(argv: string[], overrides: Record<string, string> = {}): Promise<CliResult> {
  const result = await cli([...argv, "--debug"], { ...env, ...overrides });
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(result.stdout, `${name} on stdout`).not.toContain(secret);
    expect(result.stderr, `${name} on stderr`).not.toContain(secret);
  }
  return result;
}

function ok(result: CliResult): unknown {
  expect(result.code, result.stderr).toBe(0);
  return result.json();
}

describe("moka against the sandbox", () => {
  it("get-card-list --customer-code", async () => {
    const data = ok(await run(["moka", "get-card-list", "--customer-code", "Customer1"])) as {
      DealerCustomer: { DealerCustomerId: number };
      CardListCount: number;
    };
    expect(data.DealerCustomer.DealerCustomerId).toBe(1035);
    expect(data.CardListCount).toBe(2);
  });

  it("get-card-list --dealer-customer-id", async () => {
    const data = ok(await run(["moka", "get-card-list", "--dealer-customer-id", "1034"]));
    expect(data).toMatchObject({ DealerCustomer: { CustomerCode: "Customer" } });
  });

  it("get-customer-list", async () => {
    const data = ok(await run(["moka", "get-customer-list"]));
    expect(data).toMatchObject({ DealerCustomerListCount: 3 });
  });

  it("an unknown customer: MokaError, exit 1", async () => {
    const result = await run(["moka", "get-card-list", "--customer-code", "Nobody"]);
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({
      name: "MokaError",
      code: "DealerCustomer.GetCardList.DealerCustomerNotFound",
    });
  });

  it("a dealer without permission: PermissionDenied, exit 1", async () => {
    const result = await run(["moka", "get-customer-list"], {
      MOKA_DEALER_CODE: "LIMITED-DEALER",
      MOKA_USERNAME: "limited-api",
      MOKA_PASSWORD: "limited-secret",
    });
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({
      kind: "service",
      code: "DealerCustomer.GetCustomerList.PermissionDenied",
    });
    expect(result.stderr).not.toContain("limited-secret");
  });

  it("a wrong password is the vendor's answer, exit 1, and the password is not shown", async () => {
    const result = await run(["moka", "get-customer-list"], { MOKA_PASSWORD: "wrong-password-123" });
    expect(result.code).toBe(1);
    expect(result.error().kind).toBe("service");
    expect(result.stderr).not.toContain("wrong-password-123");
  });
});

describe("easysecure against the sandbox", () => {
  it("sync-moca issues a card once, then MOBILE_CARD_ALREADY_ISSUED (exit 1)", async () => {
    expect(ok(await run(["easysecure", "sync-moca", "--ws-alt-user-id", "EMP-0001"]))).toBe("OK");
    const again = await run(["easysecure", "sync-moca", "--ws-alt-user-id", "EMP-0001"]);
    expect(again.code).toBe(1);
    expect(again.error()).toMatchObject({ name: "EasySecureError", code: "MOBILE_CARD_ALREADY_ISSUED" });
  });

  it("update-user-dotweb inserts, then updates", async () => {
    const argv = [
      "easysecure",
      "update-user-dotweb",
      "--ws-store-id",
      "1234",
      "--ws-alt-user-id",
      "CLI-0001",
      "--pin",
      "8765",
      "--achternaam",
      "de Groot",
      "--voornaam",
      "Łukasz",
      "--admin",
      "0",
      "--security",
      "1",
      "--info-fields",
      "info1=lukasz@example.com",
      "--start-date",
      "2024-01-01 00:00:00",
      "--expire-date",
      "2030-12-31 23:59:59",
      "--license-plate",
      "AB-123-C",
      "--transliterate",
    ];
    expect(ok(await run(argv))).toBe("INSERTED");
    expect(ok(await run(argv))).toBe("UPDATED");
  });

  it("a Branches company needs a group: a general error, exit 1", async () => {
    const result = await run(
      [
        "easysecure",
        "update-user-dotweb",
        "--ws-store-id=2001",
        "--ws-alt-user-id=BR-0099",
        "--pin=",
        "--achternaam=Visser",
        "--voornaam=Sanne",
        "--admin=0",
        "--security=0",
      ],
      { EASYSECURE_COMPANY_ID: "FAKE-SECURITY-CODE-BRANCHES-002" },
    );
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({ kind: "service", vendor: "easysecure" });
    expect(result.stderr).not.toContain("FAKE-SECURITY-CODE-BRANCHES-002");
  });

  it("an invalid wsAltUserId is a ValidationError (exit 3) and nothing reaches the sandbox", async () => {
    const before = sandbox.history.length;
    const result = await run(["easysecure", "sync-moca", "--ws-alt-user-id", "not_valid"]);
    expect(result.code).toBe(3);
    expect(result.error()).toMatchObject({ name: "ValidationError", operation: "Esws.syncMOCA" });
    expect(sandbox.history.length).toBe(before);
  });
});

describe("eduix against the sandbox", () => {
  it("login", async () => {
    expect(ok(await run(["eduix", "login"]))).toEqual({ ok: true, sessionID: "[REDACTED]" });
  });

  it("login --show-session-id prints a sessionID the sandbox accepts", async () => {
    const result = await cli(["eduix", "login", "--show-session-id"], env);
    const { sessionID } = ok(result) as { sessionID: string };
    expect(sessionID).toMatch(/^\S{8,}$/);
  });

  it("create-key, get-key (three ways), delete-key", async () => {
    expect(ok(await run(["eduix", "create-key", "--profile-id", "48213976", "--user-id", USER_ID]))).toEqual({
      ok: true,
    });
    for (const flags of [
      ["--profile-id", "48213976"],
      ["--distributor-person-id", "5f0c2a8e-3d71-4b9e-9a64-2c1e7b3d9f10"],
      ["--user-id", USER_ID],
    ]) {
      const keys = ok(await run(["eduix", "get-key", ...flags])) as Array<Record<string, unknown>>;
      expect(keys).toContainEqual(expect.objectContaining({ profileID: 48213976, userID: USER_ID }));
    }
    expect(ok(await run(["eduix", "delete-key", "--user-id", USER_ID]))).toEqual({ ok: true });
    expect(ok(await run(["eduix", "get-key", "--user-id", USER_ID]))).toEqual([]);
  });

  it("a second createKey for the same userID: EduixError 7766, exit 1", async () => {
    ok(await run(["eduix", "create-key", "--profile-id", "48213976", "--user-id", USER_ID]));
    const again = await run(["eduix", "create-key", "--profile-id", "1073741", "--user-id", USER_ID]);
    expect(again.code).toBe(1);
    expect(again.error()).toMatchObject({
      name: "EduixError",
      kind: "service",
      code: 7766,
      operation: "createKey",
    });
  });

  it("a wrong password: EduixError 2 (authentication), exit 1", async () => {
    const result = await run(["eduix", "login"], { EDUIX_PASSWORD: "not-the-password" });
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({ name: "EduixError", code: 2, operation: "login" });
    expect(result.stderr).not.toContain("not-the-password");
  });
});

describe("sandbox fault injection: transport failures exit 4", () => {
  it("an HTML 500 page: HttpStatusError", async () => {
    const result = await run(["moka", "get-customer-list"], {
      MOKA_BASE_URL: `${sandbox.urls.moka}/__fault/html-500`,
    });
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({ name: "HttpStatusError", kind: "http-status", status: 500 });
  });

  it("latency beyond INTEGRATIONS_TIMEOUT_MS: TimeoutError", async () => {
    const origin = new URL(sandbox.urls.easysecure).origin;
    const result = await run(["easysecure", "sync-moca", "--ws-alt-user-id", "EMP-0001"], {
      EASYSECURE_ENDPOINT: `${origin}/__fault/latency=2000/webservicesesws`,
      INTEGRATIONS_TIMEOUT_MS: "200",
    });
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({ name: "TimeoutError", kind: "timeout" });
  });

  it("a truncated body: MalformedResponseError", async () => {
    const origin = new URL(sandbox.urls.eduix).origin;
    const result = await run(["eduix", "login"], {
      EDUIX_ENDPOINT: `${origin}/__fault/truncate/soap/4.3/account`,
    });
    expect(result.code).toBe(4);
    expect(["malformed-response", "network"]).toContain(result.error().kind);
  });
});

/** A help example as argv: words, '…' and "…" quoting, and backslash-newline continuations. */
function exampleArgv(example: string): string[] {
  const words = example.replace(/\\\n\s*/g, " ").match(/'[^']*'|"[^"]*"|\S+/g) ?? [];
  return words.slice(1).map((w) => (/^(['"]).*\1$/.test(w) ? w.slice(1, -1) : w));
}

describe("the examples in --help", () => {
  const runnable = OPERATIONS.flatMap((op) =>
    // An example with an elided value ("3bbc…") or a placeholder ("<X>") is a shape, not a command.
    op.examples.filter((e) => !e.includes("…") && !e.includes("<")).map((e) => [e, op] as const),
  );

  it.each(runnable)("%s works against the sandbox's seed", async (example) => {
    sandbox.reset();
    ok(await run(exampleArgv(example)));
  });
});

describe("hints in the CLI's words", () => {
  it("text outside Latin-1 points to --transliterate, not the client option", async () => {
    const result = await run([
      "easysecure",
      "update-user-dotweb",
      "--ws-store-id",
      "1234",
      "--ws-alt-user-id",
      "CLI-0002",
      "--pin",
      "",
      "--achternaam",
      "Wałęsa",
      "--voornaam",
      "Lech",
      "--admin",
      "0",
      "--security",
      "0",
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("add --transliterate");
    expect(result.stderr).not.toContain("transliterate: true");
  });

  it("an address where nothing listens: NetworkError, exit 4, no sandbox advice", async () => {
    const closed = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
    const url = closed.urls.moka;
    await closed.close();
    const result = await run(["moka", "get-customer-list"], { MOKA_BASE_URL: url });
    expect(result.code).toBe(4);
    // Without --sandbox the address is the user's own: no advice about the sandbox.
    expect(result.error().hint).toBeUndefined();
  });
});
