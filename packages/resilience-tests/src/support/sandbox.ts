/**
 * The sandbox, seeded with this package's distinctive credentials, on free loopback ports, its log captured;
 * and, per (client, operation), a call that succeeds against that seed.
 */
import {
  DEFAULT_SEED_PATH,
  loadSeedFile,
  type Sandbox,
  type SandboxSeed,
  startSandbox,
} from "@integrations/sandbox";
import {
  type ClientSettings,
  EDUIX_PASSWORD,
  EDUIX_USERNAME,
  ESWS_COMPANY_ID,
  eduixClient,
  eswsClient,
  MOKA_DEALER_CODE,
  MOKA_PASSWORD,
  MOKA_USERNAME,
  mokaClient,
  TARGETS,
  type Target,
} from "./targets.js";

export interface TestSandbox extends Sandbox {
  readonly logs: string[];
}

/** The default seed, with the first company, dealer and account given this package's secrets. */
export function secretSeed(): SandboxSeed {
  const seed = structuredClone(loadSeedFile(DEFAULT_SEED_PATH));
  const company = seed.easysecure.companies[0]!;
  company.securityHash = ESWS_COMPANY_ID;
  const dealer = seed.moka.dealers[0]!;
  Object.assign(dealer, { dealerCode: MOKA_DEALER_CODE, username: MOKA_USERNAME, password: MOKA_PASSWORD });
  const account = seed.eduix.accounts[0]!;
  const oldName = account.username;
  Object.assign(account, { username: EDUIX_USERNAME, password: EDUIX_PASSWORD });
  for (const profile of seed.eduix.profiles) if (profile.owner === oldName) profile.owner = EDUIX_USERNAME;
  return seed;
}

export async function startSecretSandbox(): Promise<TestSandbox> {
  const logs: string[] = [];
  const sandbox = await startSandbox({
    ports: { easysecure: 0, moka: 0, eduix: 0 },
    seed: secretSeed(),
    log: (line) => logs.push(line),
  });
  return Object.assign(sandbox, { logs });
}

/** The origin (scheme, host, port) of the target's vendor listener, with an optional path prefix. */
export function sandboxOrigin(sandbox: Sandbox, target: Target, prefix = ""): string {
  return `${new URL(sandbox.urls[target.vendor]).origin}${prefix}`;
}

/** A free profile of the seeded account, and a userID in the seed's realm. */
const FREE_PROFILE = 48213976;
const PREMATCHED_USER_ID =
  "https://ketenid.nl/201703/b4a7b6700746928d74574fff048e221a2f1ed37d5c0106f2084c2c322f91bf6895a0e611ffafe4f7ef15f496733028acc13d9267c66bdf9349c0ef51f9b35f51";
const NEW_USER_ID = `https://ketenid.nl/201703/${"5eed".repeat(32)}`;

/** Calls that succeed against a fresh (reset) secretSeed sandbox, by target label. */
const SANDBOX_CALLS: Record<string, (s: ClientSettings) => Promise<unknown>> = {
  "moka getCardList": (s) => mokaClient(s).getCardList({ CustomerCode: "Customer" }),
  "moka getCustomerList": (s) => mokaClient(s).getCustomerList(),
  "easysecure syncMOCA": (s) => eswsClient(s).syncMOCA({ p_wsAltUserId: "EMP-0001" }),
  "easysecure updateUserDotweb": (s) =>
    eswsClient(s).updateUserDotweb({
      p_ws_StoreId: 1234,
      p_wsAltUserId: "RESILIENCE-1",
      p_PIN: "",
      p_Achternaam: "Résilience & <Tests>",
      p_Voornaam: "Ana\tMaria",
      p_Admin: 0,
      p_Security: 0,
      p_infoFields: { info1: "resilience@example.com" },
    }),
  "eduix login": (s) => eduixClient(s).login(),
  "eduix createKey": (s) => eduixClient(s).createKey({ profileID: FREE_PROFILE, userID: NEW_USER_ID }),
  "eduix deleteKey": (s) => eduixClient(s).deleteKey({ userID: PREMATCHED_USER_ID }),
  "eduix getKey": (s) => eduixClient(s).getKey({ profileID: FREE_PROFILE }),
};

export interface SandboxTarget extends Target {
  /** Calls the operation with an input that succeeds against the seed. */
  runOnSandbox(settings: ClientSettings): Promise<unknown>;
}

export const SANDBOX_TARGETS: readonly SandboxTarget[] = TARGETS.map((t) => ({
  ...t,
  runOnSandbox: SANDBOX_CALLS[t.label]!,
}));
