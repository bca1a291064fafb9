/**
 * The tour: every operation of every vendor, called through the real client packages against a running
 * sandbox, once on the success path and once with a documented error, plus an Edu-iX session expiry that
 * the client must survive by logging in again. Each step has an expected outcome; the result says which
 * steps did not get it.
 *
 * Test data comes from the seed (the first dealer, company, account … that fits each case), so the tour
 * also runs against a replaced seed; a case the seed cannot support is reported as skipped.
 */
import { randomBytes } from "node:crypto";
import { createEasySecureClient } from "@integrations/easysecure-client";
import { createEduixClient } from "@integrations/eduix-client";
import { createMokaClient } from "@integrations/moka-client";
import type { SandboxSeed } from "./seed.js";
import type { SandboxUrls } from "./server.js";

export type TourVendor = "Moka" | "EasySecure" | "Edu-iX";

export type TourExpectation = { kind: "success" } | { kind: "error"; code: string | number };

export interface TourRow {
  vendor: TourVendor;
  operation: string;
  case: string;
  /** What the step expects: `success` or `error <code>`. */
  expected: string;
  /** `success`, `error`, or `skipped`. */
  outcome: "success" | "error" | "skipped";
  /** The success code / value summary, the error code, or the error kind for non-service errors. */
  code: string;
  ms: number;
  /** Whether the outcome is the expected one (skipped steps count as passed). */
  ok: boolean;
  /** A short note: the value summary, the error message, or why the step was skipped. */
  note: string;
}

export interface TourResult {
  rows: TourRow[];
  /** True when every step that ran had its expected outcome. */
  ok: boolean;
  failed: number;
  skipped: number;
  /** The rows as a text table. */
  table: string;
}

export interface TourOptions {
  urls: SandboxUrls;
  seed: SandboxSeed;
  /** Called with each row as soon as it is known (for live output). */
  onRow?: (row: TourRow) => void;
  /** Client time limit per call, in ms. Default 10 000. */
  timeoutMs?: number;
}

interface Step {
  vendor: TourVendor;
  operation: string;
  case: string;
  expect: TourExpectation;
  /** Resolves to a short summary of the value; throws the client's error. `undefined`: not possible with this seed. */
  run: (() => Promise<{ code: string; note: string }>) | { skip: string };
}

function describeError(error: unknown): { code: string; note: string } {
  if (typeof error === "object" && error !== null && "kind" in error) {
    const e = error as { kind: string; code?: unknown; message?: string };
    if (e.kind === "service" && e.code !== undefined) return { code: String(e.code), note: e.message ?? "" };
    return { code: e.kind, note: e.message ?? "" };
  }
  return { code: "exception", note: error instanceof Error ? error.message : String(error) };
}

const expectedText = (e: TourExpectation): string => (e.kind === "success" ? "success" : `error ${e.code}`);

/** A fictional ECK iD under `realm`: 128 hex characters after it, like the real ones (128-256 characters: contracts/eduix/README.md). */
function eckId(realm: string): string {
  const base = realm.endsWith("/") ? realm : `${realm}/`;
  return `${base}201703/${randomBytes(64).toString("hex")}`;
}

function buildSteps(options: TourOptions): Step[] {
  const { urls, seed } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = false as const;
  const steps: Step[] = [];
  const runId = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`.toUpperCase();

  // ------------------------------------------------------------------------------------------ Moka
  const mainDealer = seed.moka.dealers.find(
    (d) => d.permissions.includes("GetCustomerList") && d.customers.length > 0,
  );
  const limitedDealer = seed.moka.dealers.find((d) => !d.permissions.includes("GetCustomerList"));
  const moka = (d: { dealerCode: string; username: string; password: string }) =>
    createMokaClient({
      baseUrl: urls.moka,
      dealerCode: d.dealerCode,
      username: d.username,
      password: d.password,
      timeoutMs,
      retry,
    });
  const noMokaDealer = {
    skip: "the seed has no Moka dealer with customers and the GetCustomerList permission",
  };
  const customer = mainDealer?.customers[0];
  steps.push(
    {
      vendor: "Moka",
      operation: "getCardList",
      case: `by CustomerCode ${customer?.CustomerCode ?? "?"}`,
      expect: { kind: "success" },
      run:
        mainDealer && customer
          ? async () => {
              const data = await moka(mainDealer).getCardList({ CustomerCode: customer.CustomerCode });
              return {
                code: "Success",
                note: `${data.CardListCount} card(s) of customer ${data.DealerCustomer.DealerCustomerId}`,
              };
            }
          : noMokaDealer,
    },
    {
      vendor: "Moka",
      operation: "getCardList",
      case: "unknown CustomerCode",
      expect: { kind: "error", code: "DealerCustomer.GetCardList.DealerCustomerNotFound" },
      run: mainDealer
        ? async () => {
            await moka(mainDealer).getCardList({ CustomerCode: `NO-SUCH-CUSTOMER-${runId}` });
            return { code: "Success", note: "" };
          }
        : noMokaDealer,
    },
    {
      vendor: "Moka",
      operation: "getCustomerList",
      case: `dealer ${mainDealer?.dealerCode ?? "?"}`,
      expect: { kind: "success" },
      run: mainDealer
        ? async () => {
            const data = await moka(mainDealer).getCustomerList();
            return { code: "Success", note: `${data.DealerCustomerListCount} customer(s)` };
          }
        : noMokaDealer,
    },
    {
      vendor: "Moka",
      operation: "getCustomerList",
      case: `dealer ${limitedDealer?.dealerCode ?? "?"}, no permission`,
      expect: { kind: "error", code: "DealerCustomer.GetCustomerList.PermissionDenied" },
      run: limitedDealer
        ? async () => {
            await moka(limitedDealer).getCustomerList();
            return { code: "Success", note: "" };
          }
        : { skip: "the seed has no Moka dealer without the GetCustomerList permission" },
    },
  );

  // ------------------------------------------------------------------------------------------ ESWS
  const company = seed.esws.companies.find((c) => {
    const labels = Object.values(c.infoLabels);
    const m = c.moca;
    return (
      c.type === "Standard" &&
      c.storeIds.length > 0 &&
      labels.includes("Email") &&
      labels.includes("wsAltUserId") &&
      !!m?.siteId &&
      !!m.username &&
      !!m.password &&
      (m.response ?? "ok") === "ok"
    );
  });
  const noCompany = {
    skip: "the seed has no Standard ESWS company with Email/wsAltUserId labels and MOCA settings",
  };
  const takenPin = company?.users?.find((u) => (u.pin ?? "") !== "")?.pin;
  const emailField = company
    ? (Object.entries(company.infoLabels).find(([, label]) => label === "Email")?.[0] as
        | `info${number}`
        | undefined)
    : undefined;
  const newUserId = `TOUR-${runId}`;
  const esws = () =>
    company === undefined
      ? undefined
      : createEasySecureClient({ endpoint: urls.esws, companyId: company.securityHash, timeoutMs });
  const baseUser = (id: string, pin: string) => ({
    p_ws_StoreId: company?.storeIds[0] ?? 0,
    p_wsAltUserId: id,
    p_PIN: pin,
    p_Achternaam: "Tour",
    p_Voornaam: "Sandbox",
    p_Admin: 0,
    p_Security: 0,
    p_infoFields: emailField ? { [emailField]: `${id.toLowerCase()}@example.com` } : {},
  });
  steps.push(
    {
      vendor: "EasySecure",
      operation: "updateUserDotweb",
      case: `new user ${newUserId}`,
      expect: { kind: "success" },
      run: company
        ? async () => ({
            code: await esws()!.updateUserDotweb(baseUser(newUserId, "")),
            note: `company ${company.name}`,
          })
        : noCompany,
    },
    {
      vendor: "EasySecure",
      operation: "updateUserDotweb",
      case: "PIN of another user",
      expect: { kind: "error", code: "PIN must be unique" },
      run:
        company && takenPin
          ? async () => ({
              code: await esws()!.updateUserDotweb(baseUser(`${newUserId}-B`, takenPin)),
              note: "",
            })
          : { skip: "the seed has no ESWS user with a PIN in that company" },
    },
    {
      vendor: "EasySecure",
      operation: "syncMOCA",
      case: `card for ${newUserId}`,
      expect: { kind: "success" },
      run: company
        ? async () => ({ code: await esws()!.syncMOCA({ p_wsAltUserId: newUserId }), note: "" })
        : noCompany,
    },
    {
      vendor: "EasySecure",
      operation: "syncMOCA",
      case: "same user again",
      expect: { kind: "error", code: "MOBILE_CARD_ALREADY_ISSUED" },
      run: company
        ? async () => ({ code: await esws()!.syncMOCA({ p_wsAltUserId: newUserId }), note: "" })
        : noCompany,
    },
  );

  // ------------------------------------------------------------------------------------------ Edu-iX
  const free = seed.eduix.profiles.find((p) => p.userID === undefined);
  const account = free === undefined ? undefined : seed.eduix.accounts.find((a) => a.username === free.owner);
  const realms = seed.eduix.realms ?? [];
  const userID = eckId(realms[0] ?? "https://ketenid.nl/");
  const otherUserID = eckId(realms[0] ?? "https://ketenid.nl/");
  const noAccount = { skip: "the seed has no Edu-iX account with a profile that is not prematched" };
  const eduix =
    account === undefined
      ? undefined
      : createEduixClient({
          endpoint: urls.eduix,
          username: account.username,
          password: account.password,
          timeoutMs,
          retry,
        });
  const summary = (keys: ReadonlyArray<{ profileID: number }>): string =>
    `${keys.length} key(s)${keys.length > 0 ? `: profileID ${keys.map((k) => k.profileID).join(", ")}` : ""}`;
  steps.push(
    {
      vendor: "Edu-iX",
      operation: "login",
      case: `account ${account?.username ?? "?"}`,
      expect: { kind: "success" },
      run: eduix
        ? async () => {
            const sessionID = await eduix.login();
            return { code: "sessionID", note: `${sessionID.length}-character sessionID` };
          }
        : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "login",
      case: "wrong password",
      expect: { kind: "error", code: 2 },
      run: account
        ? async () => {
            const client = createEduixClient({
              endpoint: urls.eduix,
              username: account.username,
              password: `${account.password}-wrong`,
              timeoutMs,
              retry,
            });
            await client.login();
            return { code: "sessionID", note: "" };
          }
        : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "createKey",
      case: `profileID ${free?.profileID ?? "?"}`,
      expect: { kind: "success" },
      run:
        eduix && free
          ? async () => {
              await eduix.createKey({ profileID: free.profileID, userID });
              return { code: "empty response", note: "prematched" };
            }
          : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "createKey",
      case: "profileID already prematched",
      expect: { kind: "error", code: 4426 },
      run:
        eduix && free
          ? async () => {
              await eduix.createKey({ profileID: free.profileID, userID: otherUserID });
              return { code: "empty response", note: "" };
            }
          : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "getKey",
      case: "by userID",
      expect: { kind: "success" },
      run: eduix
        ? async () => {
            const keys = await eduix.getKey({ userID });
            return { code: keys.length === 1 ? "1 key" : `${keys.length} keys`, note: summary(keys) };
          }
        : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "getKey",
      case: "userID outside the known realms",
      expect: { kind: "error", code: 5287 },
      run:
        eduix && realms.length > 0
          ? async () => {
              await eduix.getKey({ userID: `urn:unknown-realm:${runId}` });
              return { code: "keys", note: "" };
            }
          : { skip: "the seed lists no Edu-iX realms" },
    },
    {
      vendor: "Edu-iX",
      operation: "getKey",
      case: "session expired, client logs in again",
      expect: { kind: "success" },
      run: eduix
        ? async () => {
            const expire = await fetch(`${urls.admin}/eduix/expire-sessions`, { method: "POST" });
            const { expired } = (await expire.json()) as { expired: number };
            const keys = await eduix.getKey({ userID });
            const recent = await fetch(`${urls.admin}/requests`);
            const { requests } = (await recent.json()) as {
              requests: Array<{ vendor: string; operation?: string; outcome: string }>;
            };
            const tail = requests.filter((r) => r.vendor === "eduix").slice(-3);
            const relogged =
              tail.length === 3 &&
              tail[0]!.outcome === "fault 12" &&
              tail[1]!.operation === "login" &&
              tail[2]!.operation === "getKey" &&
              tail[2]!.outcome === "ok";
            if (!relogged)
              throw new Error("expected fault 12, then login, then getKey in the sandbox's request log");
            return { code: "fault 12, login, ok", note: `${expired} session(s) expired; ${summary(keys)}` };
          }
        : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "deleteKey",
      case: "the key just created",
      expect: { kind: "success" },
      run: eduix
        ? async () => {
            await eduix.deleteKey({ userID });
            return { code: "empty response", note: "prematch deleted" };
          }
        : noAccount,
    },
    {
      vendor: "Edu-iX",
      operation: "deleteKey",
      case: "same userID again",
      expect: { kind: "error", code: 7747 },
      run: eduix
        ? async () => {
            await eduix.deleteKey({ userID });
            return { code: "empty response", note: "" };
          }
        : noAccount,
    },
  );
  return steps;
}

const COLUMNS: ReadonlyArray<{ title: string; get: (r: TourRow) => string; max: number }> = [
  { title: "", get: (r) => (r.outcome === "skipped" ? "-" : r.ok ? "ok" : "FAIL"), max: 4 },
  { title: "vendor", get: (r) => r.vendor, max: 10 },
  { title: "operation", get: (r) => r.operation, max: 16 },
  { title: "case", get: (r) => r.case, max: 40 },
  { title: "outcome", get: (r) => r.outcome, max: 7 },
  { title: "code", get: (r) => r.code, max: 56 },
  { title: "ms", get: (r) => (r.outcome === "skipped" ? "" : String(r.ms)), max: 6 },
];

function cell(text: string, width: number): string {
  const t = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return t.padEnd(width);
}

/**
 * The rows as an aligned text table: ok/FAIL/- (skipped), vendor, operation, case, outcome, code, ms. What a
 * failed step expected is in `TourRow.expected` (main.ts prints it under the table).
 */
export function formatTourTable(rows: readonly TourRow[]): string {
  const widths = COLUMNS.map((c) =>
    Math.min(c.max, Math.max(c.title.length, ...rows.map((r) => c.get(r).length))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((t, i) => cell(t, widths[i]!))
      .join("  ")
      .trimEnd();
  const out = [line(COLUMNS.map((c) => c.title)), line(widths.map((w) => "-".repeat(w)))];
  for (const row of rows) out.push(line(COLUMNS.map((c) => c.get(row))));
  return out.join("\n");
}

/** Runs every step in order (some depend on earlier ones) and never throws for a step's failure. */
export async function runTour(options: TourOptions): Promise<TourResult> {
  const rows: TourRow[] = [];
  for (const step of buildSteps(options)) {
    const base = {
      vendor: step.vendor,
      operation: step.operation,
      case: step.case,
      expected: expectedText(step.expect),
    };
    let row: TourRow;
    if (typeof step.run !== "function") {
      row = { ...base, outcome: "skipped", code: "", ms: 0, ok: true, note: step.run.skip };
    } else {
      const started = performance.now();
      try {
        const { code, note } = await step.run();
        row = { ...base, outcome: "success", code, ms: 0, ok: step.expect.kind === "success", note };
      } catch (error) {
        const { code, note } = describeError(error);
        const ok = step.expect.kind === "error" && String(step.expect.code) === code;
        row = { ...base, outcome: "error", code, ms: 0, ok, note };
      }
      row.ms = Math.round(performance.now() - started);
    }
    rows.push(row);
    options.onRow?.(row);
  }
  const failed = rows.filter((r) => !r.ok).length;
  const skipped = rows.filter((r) => r.outcome === "skipped").length;
  return { rows, ok: failed === 0, failed, skipped, table: formatTourTable(rows) };
}
