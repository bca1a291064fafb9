/**
 * Secret inputs (a card number, a customer's password): never flags, because flags end up in shell history.
 * They come from `<VENDOR>_INPUT_<FIELD>` or from stdin with `--<field>-stdin`, and never reach any output. Also
 * the DealerCustomer family's scenario, end to end through the CLI against the sandbox.
 */
import { type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliResult } from "./__tests__/harness.js";
import { operationHelp } from "./help.js";
import { OPERATIONS } from "./operations.js";
import { runCli } from "./run.js";

const NUMBER = "4111111111111111";
const CARD_FLAGS = ["--card-holder-full-name", "Elif Yetimoglu", "--exp-month", "03", "--exp-year", "2030"];

let sandbox: Sandbox;
let env: Record<string, string>;
let run = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  env = {
    MOKA_BASE_URL: sandbox.urls.moka,
    MOKA_DEALER_CODE: "SANDBOX-DEALER",
    MOKA_USERNAME: "sandbox-api",
    MOKA_PASSWORD: "sandbox-secret",
    INTEGRATIONS_TIMEOUT_MS: "5000",
  };
});
afterAll(() => sandbox.close());

const code = () => `CLI-${Date.now().toString(36)}-${++run}`;

/** The CLI with stdin, both streams captured and checked for the card number. */
async function moka(argv: string[], extra: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const exit = await runCli(["moka", ...argv, "--debug"], {
    env: { ...env, ...extra },
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    ...(stdin === undefined ? {} : { stdin }),
  });
  expect(stdout, "the card number on stdout").not.toContain(NUMBER);
  expect(stderr, "the card number on stderr").not.toContain(NUMBER);
  return {
    code: exit,
    stdout,
    stderr,
    json: () => JSON.parse(stdout),
    error: () => JSON.parse(stderr.slice(stderr.lastIndexOf("\n{\n") + 1)) as Record<string, unknown>,
  };
}

function ok<T>(result: CliResult): T {
  expect(result.code, result.stderr).toBe(0);
  return result.json() as T;
}

describe("a card number is never a flag", () => {
  it.each([["--card-number", NUMBER], [`--card-number=${NUMBER}`]])(
    "%s is refused with a message that says how to pass it, without the number",
    async (...flag) => {
      const result = await moka(["add-card", "--customer-code", "Customer", ...CARD_FLAGS, ...flag]);
      expect(result.code).toBe(2);
      const error = result.error() as { message: string; hint: string };
      expect(error.message).toContain("--card-number is not accepted");
      expect(error.message).toContain("shell history");
      expect(error.hint).toContain("MOKA_INPUT_CARD_NUMBER");
      expect(error.hint).toContain("--card-number-stdin");
    },
  );

  it("a command that needs one says where it comes from when it is missing", async () => {
    const result = await moka(["add-customer-with-card", "--customer-code", code(), ...CARD_FLAGS]);
    expect(result.code).toBe(2);
    expect((result.error() as { hint: string }).hint).toContain("MOKA_INPUT_CARD_NUMBER");
  });

  it("help lists it as a secret input, with no --card-number flag", () => {
    for (const name of ["add-card", "add-customer-with-card"]) {
      const help = operationHelp(OPERATIONS.find((op) => op.vendor === "moka" && op.name === name)!);
      expect(help).toContain("MOKA_INPUT_CARD_NUMBER");
      expect(help).toContain("--card-number-stdin");
      expect(help).not.toMatch(/--card-number\s/);
    }
  });

  it("a customer's own password is a secret input too, apart from the API password", () => {
    const op = OPERATIONS.find((o) => o.vendor === "moka" && o.name === "add-customer")!;
    expect(op.flags.map((f) => f.name)).not.toContain("password");
    expect(op.secretInputs?.map((s) => s.env)).toEqual(["MOKA_INPUT_PASSWORD"]);
  });

  it("from the environment and from stdin, the number is sent and never printed", async () => {
    const viaEnv = await moka(["add-customer-with-card", "--customer-code", code(), ...CARD_FLAGS], {
      MOKA_INPUT_CARD_NUMBER: NUMBER,
    });
    expect(
      ok<{ CardList: Array<{ CardNumberLastFour: string }> }>(viaEnv).CardList[0]!.CardNumberLastFour,
    ).toBe("1111");
    const viaStdin = await moka(
      ["add-customer-with-card", "--customer-code", code(), ...CARD_FLAGS, "--card-number-stdin"],
      {},
      `${NUMBER}\n`,
    );
    expect(ok<{ CardListCount: number }>(viaStdin).CardListCount).toBe(1);
  });

  it("a number that fails the Luhn check: exit 3, the field and rule named, the number not shown", async () => {
    const result = await moka(
      ["add-card", "--customer-code", "Customer", ...CARD_FLAGS, "--card-number-stdin"],
      {},
      "4111111111111112\n",
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("DealerCustomerRequest.CardNumber");
    expect(result.stderr).toContain("luhn");
    expect(result.stderr).not.toContain("4111111111111112");
  });
});

describe("the DealerCustomer family through the CLI, against the sandbox", () => {
  it("AddCustomer → GetCustomer → AddCard → GetCardList → UpdateCard → GetCard → RemoveCard → GetCard (CardNotFound) → RemoveCustomer → GetCustomer (DealerCustomerNotFound)", async () => {
    const customer = code();
    const added = ok<{ DealerCustomer: { DealerCustomerId: number } }>(
      await moka(["add-customer", "--customer-code", customer, "--first-name", "Elif", "--gender", "2"]),
    );
    const id = String(added.DealerCustomer.DealerCustomerId);
    expect(ok(await moka(["get-customer", "--customer-code", customer]))).toMatchObject({
      DealerCustomer: { FirstName: "Elif", Gender: 2 },
    });
    const withCard = ok<{ CardList: Array<{ CardToken: string }> }>(
      await moka(["add-card", "--dealer-customer-id", id, ...CARD_FLAGS, "--card-name", "Bonus"], {
        MOKA_INPUT_CARD_NUMBER: NUMBER,
      }),
    );
    const token = withCard.CardList[0]!.CardToken;
    const list = ok<{ CardList: Array<{ CardToken: string; CardNumberLastFour: string }> }>(
      await moka(["get-card-list", "--customer-code", customer]),
    );
    expect(list.CardList).toEqual([
      expect.objectContaining({ CardToken: token, CardNumberLastFour: "1111" }),
    ]);
    ok(await moka(["update-card", "--card-token", token, "--card-name", "Maximum"]));
    expect(ok(await moka(["get-card", "--card-token", token]))).toMatchObject({
      CardList: [{ CardToken: token, CardName: "Maximum" }],
    });
    expect(ok(await moka(["remove-card", "--card-token", token]))).toBe(true);
    const gone = await moka(["get-card", "--card-token", token]);
    expect(gone.code).toBe(1);
    expect(gone.error()).toMatchObject({ code: "DealerCustomer.GetCard.CardNotFound" });
    expect(ok(await moka(["remove-customer", "--dealer-customer-id", id]))).toEqual({});
    const after = await moka(["get-customer", "--customer-code", customer]);
    expect(after.code).toBe(1);
    expect(after.error()).toMatchObject({ code: "DealerCustomer.GetCustomer.DealerCustomerNotFound" });
  });
});
