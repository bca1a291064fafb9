/**
 * Usage and configuration errors (exit 2), CLI-side validation (exit 3) and --version. None of these needs a
 * server: a usage error is reported before anything is configured or sent.
 */
import { describe, expect, it } from "vitest";
import { cli } from "./__tests__/harness.js";
import { closest } from "./args.js";
import { VERSION } from "./index.js";

const MOKA_ENV = {
  MOKA_DEALER_CODE: "d",
  MOKA_USERNAME: "u",
  MOKA_PASSWORD: "p4ssw0rd",
  MOKA_BASE_URL: "http://127.0.0.1:9",
};

async function usage(argv: string[], env = {}) {
  const result = await cli(argv, env);
  expect(result.stdout).toBe("");
  expect(result.code, result.stderr).toBe(2);
  const error = result.error();
  expect(error).toMatchObject({ kind: expect.stringMatching(/^(usage|config)$/) });
  expect(error.hint).toEqual(expect.any(String));
  return error as { name: string; message: string; hint: string; variables?: string[] };
}

describe("usage errors exit 2 with a hint", () => {
  it("no command at all", async () => {
    const error = await usage([]);
    expect(error).toMatchObject({ name: "UsageError", message: "missing command" });
    expect(error.hint).toContain("integrations --help");
  });

  it("only global flags", async () => {
    expect((await usage(["--sandbox", "--debug"])).message).toBe("missing command");
  });

  it("a flag where the command should be", async () => {
    expect((await usage(["--customer-code", "x"])).message).toMatch(/a command comes first/);
  });

  it("an unknown vendor, with a suggestion", async () => {
    const error = await usage(["mokka", "get-card-list"]);
    expect(error.message).toBe("unknown command 'mokka'");
    expect(error.hint).toContain("Did you mean 'moka'?");
  });

  it("an operation without its vendor suggests the vendor", async () => {
    expect((await usage(["get-key", "--user-id", "x"])).hint).toContain("Did you mean 'eduix get-key'?");
  });

  it("a vendor without an operation lists the operations", async () => {
    const error = await usage(["eduix"]);
    expect(error.message).toBe("missing operation for 'eduix'");
    expect(error.hint).toContain("login, create-key, delete-key, get-key");
  });

  it("an unknown operation, with a suggestion (also for the client method name)", async () => {
    expect((await usage(["moka", "get-card-lst"])).hint).toContain("Did you mean 'get-card-list'?");
    expect((await usage(["eduix", "getKey"])).hint).toContain("Did you mean 'get-key'?");
    expect((await usage(["moka", "sync-moca"])).hint).toContain("'sync-moca' is a easysecure operation");
  });

  it("an unknown flag, with a suggestion", async () => {
    const error = await usage(["moka", "get-card-list", "--custmer-code", "C1"]);
    expect(error.message).toBe("unknown flag --custmer-code for 'integrations moka get-card-list'");
    expect(error.hint).toContain("Did you mean --customer-code?");
  });

  it.each([
    ["moka", "get-customer-list", "--password", "MOKA_PASSWORD"],
    ["eduix", "login", "--password=hunter22", "EDUIX_PASSWORD"],
    ["easysecure", "sync-moca", "--company-id", "EASYSECURE_COMPANY_ID"],
    ["moka", "get-customer-list", "--dealer-code", "MOKA_DEALER_CODE"],
    ["eduix", "get-key", "--session-id", "EDUIX_USERNAME and EDUIX_PASSWORD"],
    ["eduix", "get-key", "--endpoint", "EDUIX_ENDPOINT"],
    ["easysecure", "sync-moca", "--endpoint", "EASYSECURE_ENDPOINT"],
  ])(
    "a credential flag (%s %s %s) points at the environment variable",
    async (vendor, op, flag, variable) => {
      const result = await cli([vendor, op, flag, "hunter22"]);
      expect(result.code).toBe(2);
      expect(result.error().hint).toContain(variable);
      expect(result.stderr).not.toContain("hunter22");
    },
  );

  it("missing required flags are all named", async () => {
    const error = await usage(["easysecure", "update-user-dotweb", "--ws-store-id", "1", "--pin", "1"]);
    expect(error.message).toBe(
      "missing required flags: --ws-alt-user-id, --achternaam, --voornaam, --admin, --security",
    );
  });

  it("a choice needs exactly one member", async () => {
    expect((await usage(["eduix", "get-key"])).message).toBe(
      "one of --profile-id | --distributor-person-id | --user-id is required",
    );
    expect((await usage(["eduix", "get-key", "--profile-id", "1", "--user-id", "u"])).message).toMatch(
      /^only one of --profile-id \| --distributor-person-id \| --user-id may be given/,
    );
  });

  it("a flag given twice (that is not repeatable)", async () => {
    expect(
      (await usage(["moka", "get-card-list", "--customer-code", "a", "--customer-code", "b"])).message,
    ).toBe("--customer-code is given more than once");
  });

  it("a flag without its value", async () => {
    expect((await usage(["eduix", "delete-key", "--user-id"])).message).toBe("--user-id needs a value");
    const ambiguous = await usage(["eduix", "create-key", "--user-id", "--profile-id", "1"]);
    expect(ambiguous.message).toBe("--user-id needs a value");
    expect(ambiguous.hint).toContain("--user-id=VALUE");
  });

  it("a value for a switch", async () => {
    expect((await usage(["eduix", "login", "--show-session-id=yes"])).message).toBe(
      "--show-session-id is a switch and takes no value",
    );
  });

  it("a stray positional argument is reported without being echoed", async () => {
    const result = await cli(["eduix", "login", "correct-horse-battery"]);
    expect(result.code).toBe(2);
    expect(result.error().message).toMatch(/takes no positional arguments \(1 given\)/);
    expect(result.stderr).not.toContain("correct-horse-battery");
  });

  it("global flags are accepted before and after the command", async () => {
    const before = await cli(["--debug", "moka", "get-card-list"]);
    const after = await cli(["moka", "get-card-list", "--debug"]);
    expect(before.error().message).toBe(after.error().message);
    expect(before.error().message).toBe("one of --dealer-customer-id | --customer-code is required");
  });
});

describe("configuration errors exit 2 and name the variables, never their values", () => {
  it("missing credentials", async () => {
    const error = await usage(["moka", "get-customer-list"], { MOKA_USERNAME: "u" });
    expect(error).toMatchObject({ name: "ConfigError", variables: ["MOKA_DEALER_CODE", "MOKA_PASSWORD"] });
    expect(error.hint).toContain("--sandbox");
  });

  it("an empty variable counts as unset", async () => {
    const error = await usage(["easysecure", "sync-moca", "--ws-alt-user-id", "1"], {
      EASYSECURE_COMPANY_ID: "",
    });
    expect(error.variables).toEqual(["EASYSECURE_COMPANY_ID"]);
  });

  it.each([
    [{ MOKA_ENVIRONMENT: "staging" }, "MOKA_ENVIRONMENT must be one of test, production"],
    [{ MOKA_BASE_URL: "ftp://moka.example" }, "MOKA_BASE_URL must be an http(s) URL"],
    [{ MOKA_BASE_URL: "not a url" }, "MOKA_BASE_URL must be an http(s) URL"],
    [{ INTEGRATIONS_TIMEOUT_MS: "1.5" }, "INTEGRATIONS_TIMEOUT_MS must be a positive integer (milliseconds)"],
    [{ INTEGRATIONS_TIMEOUT_MS: "0" }, "INTEGRATIONS_TIMEOUT_MS must be a positive integer (milliseconds)"],
    [{ INTEGRATIONS_SANDBOX: "maybe" }, "INTEGRATIONS_SANDBOX must be 1 or 0"],
  ])("%j", async (override, message) => {
    const result = await cli(["moka", "get-customer-list"], { ...MOKA_ENV, ...override });
    expect(result.code).toBe(2);
    expect(result.error()).toMatchObject({ name: "ConfigError", kind: "config", message });
    for (const value of Object.values(override)) expect(result.stderr).not.toContain(`"${value}"`);
  });

  it("EDUIX_ENVIRONMENT is checked", async () => {
    const result = await cli(["eduix", "login"], {
      EDUIX_USERNAME: "u",
      EDUIX_PASSWORD: "edu-pw-for-config-test",
      EDUIX_ENVIRONMENT: "dev",
    });
    expect(result.code).toBe(2);
    expect(result.error().message).toBe(
      "EDUIX_ENVIRONMENT must be one of acceptance, production, chain-test",
    );
  });
});

describe("CLI-side validation exits 3", () => {
  it("a non-integer for an integer flag is a ValidationError on the vendor field", async () => {
    const result = await cli(["moka", "get-card-list", "--dealer-customer-id", "12abc"], MOKA_ENV);
    expect(result.code).toBe(3);
    expect(result.error()).toMatchObject({
      name: "ValidationError",
      kind: "validation",
      operation: "GetCardList",
      issues: [{ field: "DealerCustomerRequest.DealerCustomerId", rule: "type" }],
    });
  });

  it('a DealerCustomerId of 0 (the contract allows a positive integer or "") is one issue, in words', async () => {
    const result = await cli(["moka", "get-card-list", "--dealer-customer-id", "0"], MOKA_ENV);
    expect(result.code).toBe(3);
    expect(result.error().issues).toEqual([
      {
        field: "DealerCustomerRequest.DealerCustomerId",
        rule: "anyOf",
        message: "must be an integer of at least 1 or an empty string",
      },
    ]);
  });

  it("every bad integer is listed at once", async () => {
    const result = await cli([
      "easysecure",
      "update-user-dotweb",
      "--ws-store-id=x",
      "--ws-alt-user-id=A",
      "--pin=",
      "--achternaam=L",
      "--voornaam=F",
      "--admin=yes",
      "--security=0",
    ]);
    expect(result.code).toBe(3);
    const issues = result.error().issues as Array<{ field: string }>;
    expect(issues.map((i) => i.field)).toEqual(["p_ws_StoreId", "p_Admin"]);
  });

  it("the client's own validation (contract rules) also exits 3", async () => {
    const result = await cli(["moka", "get-card-list", "--customer-code", "x".repeat(101)], MOKA_ENV);
    expect(result.code).toBe(3);
    expect(result.error()).toMatchObject({ name: "ValidationError", kind: "validation" });
    expect(result.error().issues).toEqual([
      {
        field: "DealerCustomerRequest.CustomerCode",
        rule: "maxLength",
        message: "must be at most 100 characters (got 101)",
      },
    ]);
  });
});

describe("--version", () => {
  it("prints the package version", async () => {
    const result = await cli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(VERSION);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("closest", () => {
  it("suggests prefixes and near misses, and nothing for unrelated words", () => {
    expect(closest("get", ["get-card-list", "get-customer-list"])).toBe("get-card-list");
    expect(closest("eudix", ["moka", "easysecure", "eduix"])).toBe("eduix");
    expect(closest("banana", ["moka", "easysecure", "eduix"])).toBeUndefined();
  });
});
