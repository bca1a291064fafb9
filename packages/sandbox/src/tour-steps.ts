/**
 * The tour's steps, as data: for every operation of every vendor, a success case and a documented error,
 * plus an Edu-iX session expiry the client must survive by logging in again. A step names the vendor, the
 * client method, who calls (credentials from the seed), the input, and the expected outcome. Steps run in
 * order and some build on earlier ones (a user is created, then gets a card).
 *
 * Test data comes from the seed (the first dealer, company, account … that fits each case), so the tour
 * also runs against a replaced seed; a case the seed cannot support carries `skip` with the reason.
 */
import { randomBytes } from "node:crypto";
import type { EasySecureClient } from "@integrations/easysecure-client";
import type { EduixClient } from "@integrations/eduix-client";
import type { MokaClient } from "@integrations/moka-client";
import type { SandboxSeed } from "./seed.js";

export type TourVendor = "Moka" | "EasySecure" | "Edu-iX";

export type TourExpectation = { kind: "success" } | { kind: "error"; code: string | number };

/** Who calls: the credentials a step's client is made with. */
export type TourCaller =
  | { vendor: "Moka"; dealerCode: string; username: string; password: string }
  | { vendor: "EasySecure"; companyId: string }
  | { vendor: "Edu-iX"; username: string; password: string };

/** Something done around a step's call, through the sandbox's admin API (see tour.ts). */
export type TourHook = "expire-eduix-sessions";
/** A check of the sandbox's request log after a step's call (see tour.ts). */
export type TourCheck = "eduix-logged-in-again";

export interface TourStep {
  vendor: TourVendor;
  /** The client method. */
  operation: string;
  case: string;
  expect: TourExpectation;
  /** Why the seed cannot support this step: it is reported as skipped. */
  skip?: string;
  /** The client; steps with the same caller share one client (and so an Edu-iX session). */
  caller?: TourCaller;
  /** The method's argument (none when undefined). */
  input?: unknown;
  /**
   * The argument made from what earlier steps returned, when it needs one of their values (a CardToken the
   * sandbox made up): `last(operation)` is the value of the latest successful step of that client method.
   */
  inputOf?: (last: (operation: string) => unknown) => unknown;
  /** Context for the row's note, e.g. which company. */
  note?: string;
  before?: TourHook;
  check?: TourCheck;
}

/** First argument of a client method: what a step's `input` must be for that operation. */
type InputOf<C, K extends keyof C> = C[K] extends (...args: infer A) => unknown ? A[0] : never;

const moka = <K extends keyof MokaClient>(operation: K, input: InputOf<MokaClient, K>) => ({
  operation,
  input,
});
/** A Moka step whose input is made from earlier steps' values (see `TourStep.inputOf`). */
const mokaLater = <K extends keyof MokaClient>(
  operation: K,
  inputOf: (last: (operation: string) => unknown) => InputOf<MokaClient, K>,
) => ({ operation, inputOf });

const esws = <K extends keyof EasySecureClient>(operation: K, input: InputOf<EasySecureClient, K>) => ({
  operation,
  input,
});
const eduix = <K extends keyof EduixClient>(operation: K, input: InputOf<EduixClient, K>) => ({
  operation,
  input,
});

/** A fictional ECK iD under `realm`: 128 hex characters after it, like the real ones (128-256 characters: contracts/eduix/README.md). */
function eckId(realm: string): string {
  const base = realm.endsWith("/") ? realm : `${realm}/`;
  return `${base}201703/${randomBytes(64).toString("hex")}`;
}

function mokaSteps(seed: SandboxSeed, runId: string): TourStep[] {
  const main = seed.moka.dealers.find(
    (d) => d.permissions.includes("GetCustomerList") && d.customers.length > 0,
  );
  const limited = seed.moka.dealers.find((d) => !d.permissions.includes("GetCustomerList"));
  const customer = main?.customers[0];
  const caller = (d: typeof main): TourCaller | undefined =>
    d && { vendor: "Moka", dealerCode: d.dealerCode, username: d.username, password: d.password };
  const skip = main
    ? undefined
    : "the seed has no Moka dealer with customers and the GetCustomerList permission";
  return [
    {
      vendor: "Moka",
      case: `by CustomerCode ${customer?.CustomerCode ?? "?"}`,
      expect: { kind: "success" },
      ...moka("getCardList", { CustomerCode: customer?.CustomerCode ?? "" }),
      caller: caller(main),
      ...(skip && { skip }),
    },
    {
      vendor: "Moka",
      case: "unknown CustomerCode",
      expect: { kind: "error", code: "DealerCustomer.GetCardList.DealerCustomerNotFound" },
      ...moka("getCardList", { CustomerCode: `NO-SUCH-CUSTOMER-${runId}` }),
      caller: caller(main),
      ...(skip && { skip }),
    },
    {
      vendor: "Moka",
      case: `dealer ${main?.dealerCode ?? "?"}`,
      expect: { kind: "success" },
      ...moka("getCustomerList", undefined),
      caller: caller(main),
      ...(skip && { skip }),
    },
    {
      vendor: "Moka",
      case: `dealer ${limited?.dealerCode ?? "?"}, no permission`,
      expect: { kind: "error", code: "DealerCustomer.GetCustomerList.PermissionDenied" },
      ...moka("getCustomerList", undefined),
      caller: caller(limited),
      ...(limited ? {} : { skip: "the seed has no Moka dealer without the GetCustomerList permission" }),
    },
    ...mokaFamilySteps(runId, caller(main), skip),
  ];
}

/** A CardToken no card has: where an earlier step did not store one, its dependants still send a valid request. */
const NO_CARD = "00000000-0000-0000-0000-000000000000";

/**
 * The rest of the DealerCustomer family, on customers this run creates: every operation's success and one
 * documented error, and the upsert. The card is the well-known test number, which passes the Luhn check.
 */
function mokaFamilySteps(
  runId: string,
  caller: TourCaller | undefined,
  skip: string | undefined,
): TourStep[] {
  const code = `TOUR-${runId}`;
  const withCard = `TOUR-${runId}-C`;
  const unknown = `NO-SUCH-CUSTOMER-${runId}`;
  const card = {
    CardHolderFullName: "Tour Sandbox",
    CardNumber: "4111111111111111",
    ExpMonth: "12",
    ExpYear: "2030",
  };
  /** The token of the card the tour's addCard stored. */
  const token = (last: (operation: string) => unknown): string =>
    (last("addCard") as { CardList?: Array<{ CardToken: string }> } | undefined)?.CardList?.at(-1)
      ?.CardToken ?? NO_CARD;
  const step = (s: Omit<TourStep, "vendor" | "caller">): TourStep => ({
    vendor: "Moka",
    caller,
    ...s,
    ...(skip && { skip }),
  });
  const error = (reason: string, operation: string) => ({
    kind: "error" as const,
    code: `DealerCustomer.${operation}.${reason}`,
  });
  return [
    step({
      case: `new customer ${code}`,
      expect: { kind: "success" },
      ...moka("addCustomer", { CustomerCode: code, FirstName: "Tour" }),
    }),
    step({
      case: "same CustomerCode again",
      expect: error("CustomerCodeAlreadyUsing", "AddCustomer"),
      ...moka("addCustomer", { CustomerCode: code }),
    }),
    step({
      case: `by CustomerCode ${code}`,
      expect: { kind: "success" },
      ...moka("getCustomer", { CustomerCode: code }),
    }),
    step({
      case: "unknown CustomerCode",
      expect: error("DealerCustomerNotFound", "GetCustomer"),
      ...moka("getCustomer", { CustomerCode: unknown }),
    }),
    step({
      case: "new e-mail address",
      expect: { kind: "success" },
      ...moka("updateCustomer", { CustomerCode: code, Email: "tour@example.com" }),
    }),
    step({
      case: "unknown CustomerCode",
      expect: error("DealerCustomerNotFound", "UpdateCustomer"),
      ...moka("updateCustomer", { CustomerCode: unknown, Email: "tour@example.com" }),
    }),
    step({
      case: `card for ${code}`,
      expect: { kind: "success" },
      ...moka("addCard", { CustomerCode: code, ...card, CardName: "Tour card" }),
    }),
    step({
      case: "unknown CustomerCode",
      expect: error("DealerCustomerNotFound", "AddCard"),
      ...moka("addCard", { CustomerCode: unknown, ...card }),
    }),
    step({
      case: "rename the card just added",
      expect: { kind: "success" },
      ...mokaLater("updateCard", (last) => ({ CardToken: token(last), CardName: "Renamed" })),
    }),
    step({
      case: "unknown CardToken",
      expect: error("CardNotFound", "UpdateCard"),
      ...moka("updateCard", { CardToken: `{${NO_CARD}}`, CardName: "x" }),
    }),
    step({
      case: "the card just added",
      expect: { kind: "success" },
      ...mokaLater("getCard", (last) => ({ CardToken: token(last) })),
    }),
    step({
      case: "unknown CardToken",
      expect: error("CardNotFound", "GetCard"),
      ...moka("getCard", { CardToken: NO_CARD }),
    }),
    step({
      case: "the card just added",
      expect: { kind: "success" },
      ...mokaLater("removeCard", (last) => ({ CardToken: token(last) })),
    }),
    step({
      case: "the same card again",
      expect: error("CardNotFound", "RemoveCard"),
      ...mokaLater("removeCard", (last) => ({ CardToken: token(last) })),
    }),
    step({
      case: `new customer ${withCard}`,
      expect: { kind: "success" },
      ...moka("addCustomerWithCard", { CustomerCode: withCard, ...card }),
    }),
    step({
      case: "same CustomerCode again",
      expect: error("CustomerCodeAlreadyUsing", "AddCustomerWithCard"),
      ...moka("addCustomerWithCard", { CustomerCode: withCard, ...card }),
    }),
    step({
      case: `existing ${withCard}: card replaced`,
      expect: { kind: "success" },
      ...moka("upsertCustomerWithCard", { CustomerCode: withCard, ...card, CardNumber: "5406675406675403" }),
    }),
    step({
      case: `customer ${code}`,
      expect: { kind: "success" },
      ...moka("removeCustomer", { CustomerCode: code }),
    }),
    step({
      case: "the same customer again",
      expect: error("DealerCustomerNotFound", "RemoveCustomer"),
      ...moka("removeCustomer", { CustomerCode: code }),
    }),
  ];
}

function eswsSteps(seed: SandboxSeed, runId: string): TourStep[] {
  const company = seed.easysecure.companies.find((c) => {
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
  const skip = company
    ? undefined
    : "the seed has no Standard ESWS company with Email/wsAltUserId labels and MOCA settings";
  const takenPin = company?.users?.find((u) => (u.pin ?? "") !== "")?.pin;
  const emailField = Object.entries(company?.infoLabels ?? {}).find(([, label]) => label === "Email")?.[0] as
    | `info${number}`
    | undefined;
  const caller: TourCaller | undefined = company && { vendor: "EasySecure", companyId: company.securityHash };
  const newUserId = `TOUR-${runId}`;
  const user = (id: string, pin: string) => ({
    p_ws_StoreId: company?.storeIds[0] ?? 0,
    p_wsAltUserId: id,
    p_PIN: pin,
    p_Achternaam: "Tour",
    p_Voornaam: "Sandbox",
    p_Admin: 0 as const,
    p_Security: 0 as const,
    p_infoFields: emailField ? { [emailField]: `${id.toLowerCase()}@example.com` } : {},
  });
  return [
    {
      vendor: "EasySecure",
      case: `new user ${newUserId}`,
      expect: { kind: "success" },
      ...esws("updateUserDotweb", user(newUserId, "")),
      caller,
      note: `company ${company?.name ?? "?"}`,
      ...(skip && { skip }),
    },
    {
      vendor: "EasySecure",
      case: "PIN of another user",
      expect: { kind: "error", code: "PIN must be unique" },
      ...esws("updateUserDotweb", user(`${newUserId}-B`, takenPin ?? "")),
      caller,
      ...(company && takenPin ? {} : { skip: "the seed has no ESWS user with a PIN in that company" }),
    },
    {
      vendor: "EasySecure",
      case: `card for ${newUserId}`,
      expect: { kind: "success" },
      ...esws("syncMOCA", { p_wsAltUserId: newUserId }),
      caller,
      ...(skip && { skip }),
    },
    {
      vendor: "EasySecure",
      case: "same user again",
      expect: { kind: "error", code: "MOBILE_CARD_ALREADY_ISSUED" },
      ...esws("syncMOCA", { p_wsAltUserId: newUserId }),
      caller,
      ...(skip && { skip }),
    },
  ];
}

function eduixSteps(seed: SandboxSeed, runId: string): TourStep[] {
  const free = seed.eduix.profiles.find((p) => p.userID === undefined);
  const account = free && seed.eduix.accounts.find((a) => a.username === free.owner);
  const realms = seed.eduix.realms ?? [];
  const userID = eckId(realms[0] ?? "https://ketenid.nl/");
  const otherUserID = eckId(realms[0] ?? "https://ketenid.nl/");
  const profileID = free?.profileID ?? 0;
  const skip = account ? undefined : "the seed has no Edu-iX account with a profile that is not prematched";
  const caller: TourCaller | undefined = account && {
    vendor: "Edu-iX",
    username: account.username,
    password: account.password,
  };
  const base = { vendor: "Edu-iX" as const, caller, ...(skip && { skip }) };
  return [
    {
      ...base,
      case: `account ${account?.username ?? "?"}`,
      expect: { kind: "success" },
      ...eduix("login", undefined),
    },
    {
      ...base,
      case: "wrong password",
      expect: { kind: "error", code: 2 },
      ...eduix("login", undefined),
      caller: account && {
        vendor: "Edu-iX",
        username: account.username,
        password: `${account.password}-wrong`,
      },
    },
    {
      ...base,
      case: `profileID ${free?.profileID ?? "?"}`,
      expect: { kind: "success" },
      ...eduix("createKey", { profileID, userID }),
    },
    {
      ...base,
      case: "profileID already prematched",
      expect: { kind: "error", code: 4426 },
      ...eduix("createKey", { profileID, userID: otherUserID }),
    },
    { ...base, case: "by userID", expect: { kind: "success" }, ...eduix("getKey", { userID }) },
    {
      ...base,
      case: "userID outside the known realms",
      expect: { kind: "error", code: 5287 },
      ...eduix("getKey", { userID: `urn:unknown-realm:${runId}` }),
      ...(skip ? {} : realms.length > 0 ? {} : { skip: "the seed lists no Edu-iX realms" }),
    },
    {
      ...base,
      case: "session expired, client logs in again",
      expect: { kind: "success" },
      ...eduix("getKey", { userID }),
      before: "expire-eduix-sessions",
      check: "eduix-logged-in-again",
    },
    {
      ...base,
      case: "the key just created",
      expect: { kind: "success" },
      ...eduix("deleteKey", { userID }),
    },
    {
      ...base,
      case: "same userID again",
      expect: { kind: "error", code: 7747 },
      ...eduix("deleteKey", { userID }),
    },
  ];
}

/** Every step of the tour, in order, for `seed`. Ids made here are unique per call, so the tour can rerun. */
export function tourSteps(seed: SandboxSeed): TourStep[] {
  const runId = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`.toUpperCase();
  return [...mokaSteps(seed, runId), ...eswsSteps(seed, runId), ...eduixSteps(seed, runId)];
}
