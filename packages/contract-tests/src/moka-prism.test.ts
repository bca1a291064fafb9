/**
 * Prism (`@stoplight/prism-cli`), proxying to the sandbox with `--errors`, accepts every request the Moka client
 * sends, for all eleven DealerCustomer operations: an independent OpenAPI validator between the client and a
 * vendor double. With `--errors`, a request (or an answer) that breaks the contract comes back as an HTTP error
 * instead of being forwarded, and the client would throw it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMokaClient, type MokaClient, MokaError } from "@integrations/moka-client";
import { operations } from "@integrations/moka-types";
import { methodName } from "@integrations/runtime";
import { type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CONTRACT = fileURLToPath(new URL("../../../contracts/moka/openapi.yaml", import.meta.url));
const PRISM = join(
  dirname(createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json")),
  "dist",
  "index.js",
);
const NUMBER = "4111111111111111";
const CARD = { CardHolderFullName: "Elif Yetimoglu", CardNumber: NUMBER, ExpMonth: "03", ExpYear: "2030" };

let sandbox: Sandbox;
let prism: ChildProcess;
let moka: MokaClient;
let prismOrigin: string;
/** The operations the client called through Prism, with what Prism answered. */
const called = new Map<string, string>();

/** Starts Prism on a free port and resolves to its address once it listens. */
function startPrism(upstream: string): Promise<string> {
  return new Promise((resolve, reject) => {
    prism = spawn(
      process.execPath,
      [PRISM, "proxy", "--errors", "--host", "127.0.0.1", "--port", "0", CONTRACT, upstream],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Prism is listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (listening) resolve(listening[1]!);
    };
    prism.stdout!.on("data", onData);
    prism.stderr!.on("data", onData);
    prism.on("exit", (code) => reject(new Error(`prism exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  const origin = await startPrism(sandbox.urls.moka);
  prismOrigin = origin;
  const client = createMokaClient({
    baseUrl: origin,
    dealerCode: "SANDBOX-DEALER",
    username: "sandbox-api",
    password: "sandbox-secret",
    retry: false,
    logger: (event) => {
      if (event.operation) called.set(event.operation, String(event.outcome ?? ""));
    },
  });
  moka = client;
}, 120_000);

afterAll(async () => {
  prism?.kill();
  await sandbox?.close();
});

/** The ResultCode of a call that Prism forwarded (a vendor error is fine: Prism accepted the request). */
async function through(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof MokaError) return error.code;
    throw error;
  }
}

describe("Prism proxy --errors between the Moka client and the sandbox", () => {
  it("accepts every request of the family scenario, the upsert and the list operations", async () => {
    const code = `PRISM-${Date.now().toString(36)}`;
    const added = (await moka.addCustomer({ CustomerCode: code, FirstName: "Elif", Gender: "2" })) as {
      DealerCustomer: { DealerCustomerId: number };
    };
    const id = added.DealerCustomer.DealerCustomerId;
    await moka.getCustomer({ DealerCustomerId: "", CustomerCode: code });
    await moka.updateCustomer({ DealerCustomerId: id, Email: "elif@example.com", BirthDate: "19901218" });
    const withCard = await moka.addCard({ DealerCustomerId: id, ...CARD, CardName: "Bonus" });
    const token = withCard.CardList[0]!.CardToken;
    await moka.getCardList({ CustomerCode: code });
    await moka.updateCard({ CardToken: token, CardName: "Maximum" });
    await moka.getCard({ CardToken: `{${token.toUpperCase()}}` });
    expect(await moka.removeCard({ CardToken: token })).toBe(true);
    expect(await through(moka.getCard({ CardToken: token }))).toBe("DealerCustomer.GetCard.CardNotFound");
    await moka.addCustomerWithCard({ CustomerCode: `${code}-C`, ...CARD, Password: "Elif1234", Gender: 2 });
    const upsert = await moka.upsertCustomerWithCard({ CustomerCode: `${code}-C`, ...CARD });
    expect(upsert.outcome).toBe("card-replaced");
    await moka.getCustomerList();
    expect(await moka.removeCustomer({ CustomerCode: code })).toEqual({});
    expect(await through(moka.getCustomer({ CustomerCode: code }))).toBe(
      "DealerCustomer.GetCustomer.DealerCustomerNotFound",
    );

    const all = Object.values(operations).map((op) => op.wireName);
    expect([...called.keys()].sort()).toEqual([...all].sort());
    expect(all.map(methodName)).toHaveLength(11);
  });

  it("does refuse a request that breaks the contract (the control: the check above means something)", async () => {
    const response = await fetch(`${prismOrigin}/DealerCustomer/AddCard`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        DealerCustomerAuthentication: { DealerCode: "d", Username: "u", Password: "p", CheckKey: "k" },
        DealerCustomerRequest: { CustomerCode: "C", ...CARD, CardNumber: "4111 1111" },
      }),
    });
    expect(response.status).toBe(422);
    await response.body?.cancel();
  });
});
