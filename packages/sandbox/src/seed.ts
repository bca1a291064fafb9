/**
 * Seed data: the sandbox's initial state and credentials. The default is `seed/default.json` (shipped with
 * the package); `--seed <file>` / `SANDBOX_SEED` / `startSandbox({ seed })` replace it. The format is
 * described in README.md ("Seed format") and checked here with a JSON Schema of our own (the seed is not a
 * vendor contract) plus the cross-references a schema cannot express.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validateSeed } from "./generated/seed-validator.js";

// ------------------------------------------------------------------------------------------------ ESWS

/** An EasySecure company. Several companies may share one securityHash (Plus: one code, many stores). */
export interface EswsCompanySeed {
  name: string;
  /** The p_companyID ("security code") that identifies the company. */
  securityHash: string;
  /** "Branches" companies require p_groupName, and every group named in it must exist in `groups`. */
  type: "Standard" | "Branches";
  /** DotWeb store ids of the company (p_ws_StoreId). */
  storeIds: number[];
  /** Group names (Branches companies). */
  groups?: string[];
  /**
   * Info field labels ("infolabel functions"): `info1`..`info14` → label. Labels with a meaning here:
   * `wsAltUserId` (required for both operations), `Email` (syncMOCA), `wsStartDatum` / `wsEindDatum` (must be
   * dd-mm-yyyy when sent), `wsStoreId` (must equal p_ws_StoreId when sent).
   */
  infoLabels: Partial<Record<string, string>>;
  /** MOCA settings (Settings → Scanner & Services); a missing field gives MOCA_*_NOT_SET. */
  moca?: {
    siteId?: string;
    username?: string;
    password?: string;
    /** What MOCA answers when a card is issued. Default "ok". */
    response?: "ok" | "unauthorized" | "invalid-response";
    /** The message after UNAUTHORIZED / MOCA_INVALID_RESPONSE. */
    message?: string;
  };
  users?: EswsUserSeed[];
}

export interface EswsUserSeed {
  wsAltUserId: string;
  storeId?: number;
  firstName: string;
  lastName: string;
  pin?: string;
  admin?: 0 | 1;
  security?: 0 | 1;
  startDate?: string;
  expireDate?: string;
  infoFields?: Partial<Record<string, string>>;
  groups?: string[];
  licensePlate?: string;
  /** A mobile card was already issued (syncMOCA answers MOBILE_CARD_ALREADY_ISSUED). */
  mobileCardIssued?: boolean;
}

// ------------------------------------------------------------------------------------------------ Moka

export interface MokaCardSeed {
  CardToken: string;
  CardName?: string | null;
  BankName?: string | null;
  CardNumberFirstSix: string;
  CardNumberLastFour: string;
  CardHolderFullName: string;
  ExpMonth: string;
  ExpYear: string;
}

export interface MokaCustomerSeed {
  DealerCustomerId: number;
  CustomerCode: string;
  Password?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  Gender?: 1 | 2 | null;
  BirthDate?: string | null;
  GsmNumber?: string | null;
  Email?: string | null;
  Address?: string | null;
  cards?: MokaCardSeed[];
}

export interface MokaDealerSeed {
  dealerCode: string;
  username: string;
  password: string;
  /** Operations the dealer may call besides GetCardList; without "GetCustomerList": PermissionDenied. */
  permissions: string[];
  customers: MokaCustomerSeed[];
}

// ------------------------------------------------------------------------------------------------ Edu-iX

export interface EduixAccountSeed {
  username: string;
  password: string;
  /** The roles with access to the Account service (doc, "Authorization"). */
  role: "Distributor" | "ELO";
  name?: string;
}

/** A profile (a key in getKey's terms): owned by one account, prematched when it has a userID. */
export interface EduixProfileSeed {
  profileID: number;
  /** The username of the account the profile belongs to; only that account may prematch it. */
  owner: string;
  distributorPersonID?: string;
  /** Already prematched to this userID. */
  userID?: string;
}

// ------------------------------------------------------------------------------------------------ seed

export interface SandboxSeed {
  description?: string;
  easysecure: { companies: EswsCompanySeed[] };
  moka: { dealers: MokaDealerSeed[] };
  eduix: {
    accounts: EduixAccountSeed[];
    /**
     * userID prefixes ("realms") that identify a portal; a userID outside them gets fault 5287. Empty or
     * absent: every userID is accepted.
     */
    realms?: string[];
    profiles: EduixProfileSeed[];
  };
}

export const DEFAULT_SEED_URL = new URL("../seed/default.json", import.meta.url);
export const DEFAULT_SEED_PATH = fileURLToPath(DEFAULT_SEED_URL);

export class SeedError extends Error {
  override readonly name = "SeedError";
}

export { seedSchema } from "./seed-schema.js";

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

/** Cross-references the schema cannot check. Returns problems as text. */
function crossCheck(seed: SandboxSeed): string[] {
  const problems: string[] = [];
  const companies = seed.easysecure.companies;
  // A (securityHash, storeId) pair must identify one company.
  const pairs = companies.flatMap((c) => c.storeIds.map((s) => `${c.securityHash}\u0000${s}`));
  for (const d of duplicates(pairs)) {
    problems.push(`easysecure: store id ${d.split("\u0000")[1]} appears twice under one securityHash`);
  }
  for (const c of companies) {
    for (const d of duplicates((c.users ?? []).map((u) => u.wsAltUserId))) {
      problems.push(`easysecure company "${c.name}": wsAltUserId ${d} appears twice`);
    }
    for (const d of duplicates((c.users ?? []).map((u) => u.pin ?? "").filter((p) => p !== ""))) {
      problems.push(`easysecure company "${c.name}": PIN ${d} appears twice (PINs are unique)`);
    }
    for (const u of c.users ?? []) {
      if (u.storeId !== undefined && !c.storeIds.includes(u.storeId)) {
        problems.push(
          `easysecure company "${c.name}": user ${u.wsAltUserId} has store id ${u.storeId} of another company`,
        );
      }
    }
  }
  for (const d of duplicates(seed.moka.dealers.map((d) => d.dealerCode))) {
    problems.push(`moka: dealerCode ${d} appears twice`);
  }
  for (const dealer of seed.moka.dealers) {
    for (const d of duplicates(dealer.customers.map((c) => c.DealerCustomerId))) {
      problems.push(`moka dealer ${dealer.dealerCode}: DealerCustomerId ${d} appears twice`);
    }
    for (const d of duplicates(dealer.customers.map((c) => c.CustomerCode))) {
      problems.push(`moka dealer ${dealer.dealerCode}: CustomerCode ${d} appears twice`);
    }
  }
  const accounts = new Set(seed.eduix.accounts.map((a) => a.username));
  for (const d of duplicates(seed.eduix.accounts.map((a) => a.username))) {
    problems.push(`eduix: account ${d} appears twice`);
  }
  for (const d of duplicates(seed.eduix.profiles.map((p) => p.profileID))) {
    problems.push(`eduix: profileID ${d} appears twice`);
  }
  for (const d of duplicates(
    seed.eduix.profiles.flatMap((p) => (p.userID === undefined ? [] : [p.userID])),
  )) {
    problems.push(`eduix: userID ${d.slice(0, 60)} is prematched twice`);
  }
  for (const p of seed.eduix.profiles) {
    if (!accounts.has(p.owner))
      problems.push(`eduix: profile ${p.profileID} has an unknown owner ${p.owner}`);
  }
  return problems;
}

/**
 * Checks a parsed seed and returns it typed.
 *
 * @throws SeedError listing every problem.
 */
export function checkSeed(value: unknown, source = "seed"): SandboxSeed {
  const issues = validateSeed(value);
  if (issues.length > 0) {
    const list = issues
      .slice(0, 20)
      .map((i) => `  ${i.field || "(root)"}: ${i.message} [${i.rule}]`)
      .join("\n");
    throw new SeedError(`${source} is not a valid sandbox seed:\n${list}`);
  }
  const seed = value as SandboxSeed;
  const problems = crossCheck(seed);
  if (problems.length > 0) {
    throw new SeedError(
      `${source} is not a valid sandbox seed:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
  return seed;
}

/** Reads and checks a seed file. */
export function loadSeedFile(path: string): SandboxSeed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SeedError(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`seed file ${path} is not JSON: ${(error as Error).message}`);
  }
  return checkSeed(value, `seed file ${path}`);
}

/** A seed given as a path, an object, or nothing (the packaged default). Objects are deep-copied. */
export function resolveSeed(seed: string | SandboxSeed | undefined): { seed: SandboxSeed; source: string } {
  if (seed === undefined) return { seed: loadSeedFile(DEFAULT_SEED_PATH), source: DEFAULT_SEED_PATH };
  if (typeof seed === "string") return { seed: loadSeedFile(seed), source: seed };
  return { seed: checkSeed(structuredClone(seed), "seed object"), source: "(seed object)" };
}
