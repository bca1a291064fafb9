import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createEasySecureClient, type EasySecureError } from "@integrations/easysecure-client";
import { createEduixClient, type EduixError } from "@integrations/eduix-client";
import { createMokaClient, type MokaError } from "@integrations/moka-client";
import { createRecorder, NetworkError } from "@integrations/runtime";
import { type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplay, ReplayLoadError } from "./index.js";

const FIXTURES = fileURLToPath(new URL("../../../contracts/", import.meta.url));
const OFFLINE = { retry: false as const };

let sandbox: Sandbox;
let recordings: string;
/** What the vendors answered live, to compare the replayed answers with. */
const live: Record<string, unknown> = {};

/** The calls a team's code makes, against whatever clients it is given. */
async function scenario(clients: {
  moka: ReturnType<typeof createMokaClient>;
  easysecure: ReturnType<typeof createEasySecureClient>;
  eduix: ReturnType<typeof createEduixClient>;
}): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  out.cards = await clients.moka.getCardList({ CustomerCode: "Customer1" });
  out.customers = await clients.moka.getCustomerList();
  out.keys = await clients.eduix.getKey({ profileID: 48213976 });
  out.moca = await clients.easysecure
    .syncMOCA({ p_wsAltUserId: "EMP-0001" })
    .catch((e: EasySecureError) => e.code);
  return out;
}

beforeAll(async () => {
  sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  recordings = mkdtempSync(join(tmpdir(), "replay-"));
  const recorder = createRecorder({ dir: recordings, environment: "sandbox" });
  const dealer = sandbox.seed.moka.dealers[0]!;
  const account = sandbox.seed.eduix.accounts[0]!;
  Object.assign(
    live,
    await scenario({
      moka: createMokaClient({
        ...OFFLINE,
        baseUrl: sandbox.urls.moka,
        dealerCode: dealer.dealerCode,
        username: dealer.username,
        password: dealer.password,
        recorder,
      }),
      easysecure: createEasySecureClient({
        endpoint: sandbox.urls.easysecure,
        companyId: sandbox.seed.easysecure.companies[0]!.securityHash,
        recorder,
      }),
      eduix: createEduixClient({
        ...OFFLINE,
        endpoint: sandbox.urls.eduix,
        username: account.username,
        password: account.password,
        recorder,
      }),
    }),
  );
  await sandbox.close();
});
afterAll(() => {
  if (recordings) rmSync(recordings, { recursive: true, force: true });
});

/** The same clients a test would create, with other secrets than were recorded, on the replay. */
function replayedClients(dispatcher: ReturnType<typeof createReplay>["dispatcher"]) {
  const account = { username: "sandbox-distributor", password: "not the recorded one" };
  return {
    moka: createMokaClient({
      ...OFFLINE,
      dispatcher,
      dealerCode: "SANDBOX-DEALER",
      username: "sandbox-api",
      password: "another-password",
    }),
    easysecure: createEasySecureClient({ dispatcher, companyId: "ANOTHER-COMPANY-CODE" }),
    eduix: createEduixClient({ ...OFFLINE, dispatcher, ...account }),
  };
}

describe("createReplay from recordings", () => {
  it("answers the real clients as the vendors did, in-process, whatever the secrets", async () => {
    const replay = createReplay({ from: recordings });
    expect(replay.size).toBeGreaterThanOrEqual(5);
    // The same answers, but for the secrets in them: a recording holds the placeholder of a customer's password.
    const asRecorded = JSON.parse(
      JSON.stringify(live).replace(/"Password":"[^"]*"/g, '"Password":"REDACTED-Password"'),
    );
    expect(JSON.stringify(live)).toContain('"Password"');
    expect(await scenario(replayedClients(replay.dispatcher))).toEqual(asRecorded);
    expect(replay.misses).toEqual([]);
    expect(replay.calls.map((c) => `${c.vendor} ${c.operation}`)).toEqual([
      "moka GetCardList",
      "moka GetCustomerList",
      "eduix login",
      "eduix getKey",
      "easysecure syncMOCA",
    ]);
  });

  it("fails a request nothing matches with a NetworkError naming the closest recording and the first difference", async () => {
    const replay = createReplay({ from: recordings });
    const { moka } = replayedClients(replay.dispatcher);
    const error = await moka.getCardList({ CustomerCode: "Customer2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe("REPLAY_MISS");
    const message = (error as Error).message;
    expect(message).toContain("closest is GetCardList/");
    expect(message).toContain('DealerCustomerRequest.CustomerCode: recorded "Customer1", sent "Customer2"');
    expect(message).not.toContain("another-password");
    expect(replay.misses).toHaveLength(1);
    expect(replay.misses[0]!.operation).toBe("GetCardList");
  });
});

describe("createReplay from contract fixtures", () => {
  it("serves a vendor's documented answers, success and error, to every client", async () => {
    const replay = createReplay({
      from: [
        {
          vendor: "moka",
          dir: join(FIXTURES, "moka/fixtures"),
          cases: ["GetCardList/doc-sample-success", "GetCustomerList/code-ex"],
        },
        {
          vendor: "eduix",
          dir: join(FIXTURES, "eduix/fixtures"),
          cases: ["login/success", "getKey/code-5287-portal-not-found"],
        },
        {
          vendor: "easysecure",
          dir: join(FIXTURES, "easysecure/fixtures"),
          cases: ["syncMOCA/code-mobile-card-already-issued"],
        },
      ],
    });
    const clients = replayedClients(replay.dispatcher);
    const cards = await clients.moka.getCardList({ CustomerCode: "anyone" });
    expect(cards.DealerCustomer.CustomerCode).toBe("Customer");
    expect(await clients.moka.getCustomerList().catch((e: MokaError) => e.code)).toBe("EX");
    expect(await clients.eduix.getKey({ profileID: 1 }).catch((e: EduixError) => e.code)).toBe(5287);
    expect(
      await clients.easysecure.syncMOCA({ p_wsAltUserId: "EMP-1" }).catch((e: EasySecureError) => e.code),
    ).toBe("MOBILE_CARD_ALREADY_ISSUED");
  });
});

describe("hostile recordings", () => {
  const broken = (write: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "replay-broken-"));
    try {
      write(dir);
      return () => createReplay({ from: dir });
    } finally {
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 1_000).unref();
    }
  };
  it("refuses an unknown operation, a broken meta.json or a huge file with a ReplayLoadError", () => {
    const unknown = broken((dir) => {
      mkdirSync(join(dir, "moka", "Nope", "c"), { recursive: true });
      writeFileSync(join(dir, "moka", "Nope", "c", "response.json"), "{}");
    });
    expect(unknown).toThrow(ReplayLoadError);
    const meta = broken((dir) => {
      mkdirSync(join(dir, "moka", "GetCardList", "c"), { recursive: true });
      writeFileSync(join(dir, "moka", "GetCardList", "c", "response.json"), "{}");
      writeFileSync(join(dir, "moka", "GetCardList", "c", "meta.json"), "{{{");
    });
    expect(meta).toThrow(ReplayLoadError);
    const huge = broken((dir) => {
      mkdirSync(join(dir, "moka", "GetCardList", "c"), { recursive: true });
      writeFileSync(
        join(dir, "moka", "GetCardList", "c", "response.json"),
        Buffer.alloc(17 * 1024 * 1024, 32),
      );
    });
    expect(huge).toThrow(/more than/);
    expect(() => createReplay({ from: join(tmpdir(), "no-such-recordings") })).toThrow(ReplayLoadError);
  });

  it("serves a garbage answer as recorded: the client reports it as malformed, nothing crashes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-garbage-"));
    try {
      mkdirSync(join(dir, "GetCardList", "garbage"), { recursive: true });
      writeFileSync(join(dir, "GetCardList", "garbage", "response.json"), '{"ResultCode": ');
      const replay = createReplay({ from: { vendor: "moka", dir } });
      const error = await replayedClients(replay.dispatcher)
        .moka.getCardList({ CustomerCode: "x" })
        .catch((e: unknown) => e);
      expect((error as { kind?: string }).kind).toBe("malformed-response");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
