#!/usr/bin/env node
/**
 * The nightly live check: a few read calls against the vendors' own test environments (Moka's test host:
 * GetCustomerList and GetCardList; Edu-iX acceptance: getKey), recorded (scrubbed) and run through the drift
 * check, so that a vendor's change is noticed before it breaks a team. It never writes: every call it makes is
 * an operation the contract declares idempotent, which is checked before anything is sent. Credentials come
 * from the environment. `--dry-run` makes the same calls against the embedded sandbox instead (what CI tests).
 *
 *   pnpm contracts:live-check [--dry-run] [--out <dir>] [--report <file>]
 *
 * Exit codes: 0 no drift, 1 drift (or no exchange could be recorded), 2 usage (a missing variable).
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runAsScript } from "@integrations/contract-gate";
import { createEduixClient } from "@integrations/eduix-client";
import { operations as eduixOperations } from "@integrations/eduix-types";
import { createMokaClient } from "@integrations/moka-client";
import { operations as mokaOperations } from "@integrations/moka-types";
import { createRecorder } from "@integrations/runtime";
import { checkDrift } from "./check.js";
import { renderDriftReport } from "./report.js";

/** The environment a live run needs; the names, never the values, are printed. */
export const LIVE_VARIABLES = [
  "MOKA_DEALER_CODE",
  "MOKA_USERNAME",
  "MOKA_PASSWORD",
  "MOKA_CUSTOMER_CODE",
  "EDUIX_USERNAME",
  "EDUIX_PASSWORD",
  "EDUIX_PROFILE_ID",
] as const;

/** The only calls the live check makes: reads. */
const CALLS = [mokaOperations.GetCustomerList, mokaOperations.GetCardList, eduixOperations.getKey] as const;

interface Target {
  environment: { moka: string; eduix: string };
  moka: { dealerCode: string; username: string; password: string; baseUrl?: string | undefined };
  customerCode: string;
  eduix: { username: string; password: string; endpoint?: string | undefined };
  profileID: number;
  close(): Promise<void>;
}

class UsageError extends Error {}

function liveTarget(env: NodeJS.ProcessEnv): Target {
  const missing = LIVE_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) throw new UsageError(`set ${missing.join(", ")} (or use --dry-run)`);
  const profileID = Number(env.EDUIX_PROFILE_ID);
  if (!Number.isInteger(profileID)) throw new UsageError("EDUIX_PROFILE_ID must be a whole number");
  return {
    environment: { moka: "moka-test", eduix: "eduix-acceptance" },
    // Moka's test host and Edu-iX acceptance are the clients' defaults; the overrides are for a proxy.
    moka: {
      dealerCode: env.MOKA_DEALER_CODE!,
      username: env.MOKA_USERNAME!,
      password: env.MOKA_PASSWORD!,
      baseUrl: env.MOKA_BASE_URL || undefined,
    },
    customerCode: env.MOKA_CUSTOMER_CODE!,
    eduix: {
      username: env.EDUIX_USERNAME!,
      password: env.EDUIX_PASSWORD!,
      endpoint: env.EDUIX_ENDPOINT || undefined,
    },
    profileID,
    close: async () => {},
  };
}

/**
 * The same calls against the embedded sandbox, from its default seed: a dealer allowed GetCustomerList (a
 * permission the sandbox checks, the way Moka enables it per dealer) with a customer, and a profile of an account.
 */
async function sandboxTarget(): Promise<Target> {
  const { startSandbox } = await import("@integrations/sandbox");
  const sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  const dealer = sandbox.seed.moka.dealers.find(
    (d) => d.permissions.includes("GetCustomerList") && d.customers.length > 0,
  );
  const account = sandbox.seed.eduix.accounts.find((a) =>
    sandbox.seed.eduix.profiles.some((p) => p.owner === a.username),
  );
  const profile = sandbox.seed.eduix.profiles.find((p) => p.owner === account?.username);
  if (!dealer || !account || !profile)
    throw new Error("the sandbox's seed has no dealer, account or profile to read");
  return {
    environment: { moka: "sandbox", eduix: "sandbox" },
    moka: {
      dealerCode: dealer.dealerCode,
      username: dealer.username,
      password: dealer.password,
      baseUrl: sandbox.urls.moka,
    },
    customerCode: String(dealer.customers[0]!.CustomerCode),
    eduix: { username: account.username, password: account.password, endpoint: sandbox.urls.eduix },
    profileID: profile.profileID,
    close: () => sandbox.close(),
  };
}

export interface LiveCheckOptions {
  dryRun: boolean;
  out: string;
  report?: string | undefined;
  env?: NodeJS.ProcessEnv;
  print?: (line: string) => void;
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  // Reads only: an operation the contract does not declare idempotent is never called by this check.
  for (const op of CALLS)
    if (!op.idempotent) throw new Error(`${op.wireName} is not a read; the live check calls reads only`);
  const target = options.dryRun ? await sandboxTarget() : liveTarget(options.env ?? process.env);
  const out = resolve(options.out);
  try {
    const moka = createMokaClient({
      ...target.moka,
      recorder: createRecorder({ dir: out, environment: target.environment.moka }),
    });
    const eduix = createEduixClient({
      ...target.eduix,
      recorder: createRecorder({ dir: out, environment: target.environment.eduix }),
    });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["Moka GetCustomerList", () => moka.getCustomerList()],
      ["Moka GetCardList", () => moka.getCardList({ CustomerCode: target.customerCode })],
      ["Edu-iX getKey", () => eduix.getKey({ profileID: target.profileID })],
    ];
    let answered = 0;
    for (const [name, call] of calls) {
      try {
        await call();
        answered += 1;
        print(`${name}: answered`);
      } catch (error) {
        // A vendor's own error is an answer (recorded and checked); anything else is said, never its secrets
        // (the clients scrub their errors).
        const e = error as { kind?: string; code?: unknown; message?: string };
        if (e.kind === "service" || e.kind === "soap-fault") answered += 1;
        print(
          `${name}: ${e.kind ?? "error"}${e.code === undefined ? "" : ` ${String(e.code)}`}: ${e.message ?? ""}`,
        );
      }
    }
    if (answered === 0) {
      print("No call was answered: nothing to check.");
      return 1;
    }
    const result = await checkDrift(out);
    const text = renderDriftReport(result);
    print(text);
    const report = resolve(options.report ?? join(out, "drift-report.md"));
    writeFileSync(report, text);
    print(`(recordings in ${out}, report in ${report})`);
    return result.findings.length === 0 ? 0 : 1;
  } finally {
    await target.close();
  }
}

export async function main(argv: readonly string[], print?: (line: string) => void): Promise<number> {
  const args = [...argv];
  let dryRun = false;
  let out: string | undefined;
  let report: string | undefined;
  try {
    while (args.length > 0) {
      const arg = args.shift()!;
      if (arg === "--dry-run") dryRun = true;
      else if (arg === "--out") out = args.shift();
      else if (arg === "--report") report = args.shift();
      else throw new UsageError(`unknown argument ${arg}`);
    }
    const dir = out ?? join("live-check", new Date().toISOString().slice(0, 10));
    return await runLiveCheck({ dryRun, out: dir, report, ...(print ? { print } : {}) });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(
      `contracts:live-check: ${error.message}\n\nUsage: pnpm contracts:live-check [--dry-run] [--out <dir>] [--report <file>]`,
    );
    return 2;
  }
}

runAsScript(import.meta.url, (argv) => main(argv));
