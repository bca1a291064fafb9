/**
 * The tour runner: runs the steps of tour-steps.ts in order through the real client packages against a
 * running sandbox, and reports each step's outcome against its expectation.
 */
import { createEasySecureClient } from "@integrations/easysecure-client";
import { createEduixClient } from "@integrations/eduix-client";
import { createMokaClient } from "@integrations/moka-client";
import type { TelemetryOption } from "@integrations/runtime";
import type { SandboxSeed } from "./seed.js";
import type { SandboxUrls } from "./server.js";
import {
  type TourCaller,
  type TourCheck,
  type TourExpectation,
  type TourHook,
  type TourStep,
  type TourVendor,
  tourSteps,
} from "./tour-steps.js";
import { formatTourTable } from "./tour-table.js";

export type { TourExpectation, TourVendor } from "./tour-steps.js";
export { formatTourTable } from "./tour-table.js";

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
  /** The clients' `telemetry` option (`--trace` prints the spans of the tour). Default: the global providers. */
  telemetry?: TelemetryOption;
  /** The clients' `onSecret`: told every secret they learn (an Edu-iX sessionID). */
  onSecret?: (value: string) => void;
}

interface Summary {
  code: string;
  note: string;
}

/** A client seen as its methods, each called with one argument (a step's input). */
type TourClient = Record<string, (input?: unknown) => Promise<unknown>>;

const keysSummary = (keys: ReadonlyArray<{ profileID: number }>): string =>
  `${keys.length} key(s)${keys.length > 0 ? `: profileID ${keys.map((k) => k.profileID).join(", ")}` : ""}`;

/** How a successful call's value is shown, per vendor and operation (ESWS answers with its return code). */
const SUMMARIES: Readonly<Record<TourVendor, Readonly<Record<string, (value: never) => Summary>>>> = {
  Moka: {
    getCardList: (data: { CardListCount: number; DealerCustomer: { DealerCustomerId: number } }) => ({
      code: "Success",
      note: `${data.CardListCount} card(s) of customer ${data.DealerCustomer.DealerCustomerId}`,
    }),
    getCustomerList: (data: { DealerCustomerListCount: number }) => ({
      code: "Success",
      note: `${data.DealerCustomerListCount} customer(s)`,
    }),
    ...mokaFamilySummaries(),
  },
  EasySecure: {
    updateUserDotweb: (code: string) => ({ code, note: "" }),
    syncMOCA: (code: string) => ({ code, note: "" }),
  },
  "Edu-iX": {
    login: (sessionID: string) => ({ code: "sessionID", note: `${sessionID.length}-character sessionID` }),
    createKey: () => ({ code: "empty response", note: "prematched" }),
    getKey: (keys: ReadonlyArray<{ profileID: number }>) => ({
      code: keys.length === 1 ? "1 key" : `${keys.length} keys`,
      note: keysSummary(keys),
    }),
    deleteKey: () => ({ code: "empty response", note: "prematch deleted" }),
  },
};

/** The DealerCustomer family: the customer and card count of its Data, `{}` or `true` for the removals. */
function mokaFamilySummaries(): Record<string, (value: never) => Summary> {
  type WithCards = { DealerCustomer: { DealerCustomerId: number }; CardListCount: number };
  const withCards = (data: WithCards): Summary => ({
    code: "Success",
    note: `customer ${data.DealerCustomer.DealerCustomerId}, ${data.CardListCount} card(s) listed`,
  });
  return {
    addCustomer: withCards,
    addCustomerWithCard: withCards,
    updateCustomer: withCards,
    getCustomer: withCards,
    addCard: withCards,
    updateCard: withCards,
    getCard: withCards,
    removeCustomer: () => ({ code: "Success", note: "customer removed" }),
    removeCard: () => ({ code: "Success", note: "card removed" }),
    upsertCustomerWithCard: (result: { outcome: string; steps: ReadonlyArray<{ operation: string }> }) => ({
      code: "Success",
      note: `${result.outcome}: ${result.steps.map((s) => s.operation).join(" → ")}`,
    }),
  };
}

function describeError(error: unknown): Summary {
  if (typeof error === "object" && error !== null && "kind" in error) {
    const e = error as { kind: string; code?: unknown; message?: string };
    if (e.kind === "service" && e.code !== undefined) return { code: String(e.code), note: e.message ?? "" };
    return { code: e.kind, note: e.message ?? "" };
  }
  return { code: "exception", note: error instanceof Error ? error.message : String(error) };
}

const expectedText = (e: TourExpectation): string => (e.kind === "success" ? "success" : `error ${e.code}`);

/** Hooks act through the admin API and return a note for the row. */
const HOOKS: Readonly<Record<TourHook, (urls: SandboxUrls) => Promise<string>>> = {
  "expire-eduix-sessions": async (urls) => {
    const response = await fetch(`${urls.admin}/eduix/expire-sessions`, { method: "POST" });
    const { expired } = (await response.json()) as { expired: number };
    return `${expired} session(s) expired`;
  },
};

/** Checks read the request log; they return the row's code, or throw what they missed. */
const CHECKS: Readonly<Record<TourCheck, (urls: SandboxUrls) => Promise<string>>> = {
  "eduix-logged-in-again": async (urls) => {
    const response = await fetch(`${urls.admin}/requests`);
    const { requests } = (await response.json()) as {
      requests: Array<{ vendor: string; operation?: string; outcome: string }>;
    };
    const tail = requests.filter((r) => r.vendor === "eduix").slice(-3);
    const relogged =
      tail.length === 3 &&
      tail[0]!.outcome === "fault 12" &&
      tail[1]!.operation === "login" &&
      tail[2]!.operation === "getKey" &&
      tail[2]!.outcome === "ok";
    if (!relogged) throw new Error("expected fault 12, then login, then getKey in the sandbox's request log");
    return "fault 12, login, ok";
  },
};

/** The clients of a tour: one per caller, so steps of the same caller share it (and its Edu-iX session). */
function clientCache(options: TourOptions): (caller: TourCaller) => TourClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { urls } = options;
  const common = {
    timeoutMs,
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
    ...(options.onSecret === undefined ? {} : { onSecret: options.onSecret }),
  };
  const clients = new Map<string, TourClient>();
  const create = (caller: TourCaller): object => {
    switch (caller.vendor) {
      case "Moka":
        return createMokaClient({ baseUrl: urls.moka, ...withoutVendor(caller), ...common, retry: false });
      case "EasySecure":
        return createEasySecureClient({ endpoint: urls.easysecure, companyId: caller.companyId, ...common });
      case "Edu-iX":
        return createEduixClient({ endpoint: urls.eduix, ...withoutVendor(caller), ...common, retry: false });
    }
  };
  return (caller) => {
    const key = JSON.stringify(caller);
    let client = clients.get(key);
    if (client === undefined) {
      client = create(caller) as TourClient;
      clients.set(key, client);
    }
    return client;
  };
}

function withoutVendor<T extends { vendor: string }>(caller: T): Omit<T, "vendor"> {
  const { vendor: _vendor, ...rest } = caller;
  return rest;
}

/** The latest successful value of each client method in a tour, for steps made from earlier ones (`inputOf`). */
type TourValues = Map<string, unknown>;

async function runStep(
  step: TourStep,
  options: TourOptions,
  clientOf: ReturnType<typeof clientCache>,
  values: TourValues,
) {
  const notes: string[] = [];
  if (step.before !== undefined) notes.push(await HOOKS[step.before](options.urls));
  const client = clientOf(step.caller!);
  const input = step.inputOf ? step.inputOf((op) => values.get(`${step.vendor} ${op}`)) : step.input;
  const value = await client[step.operation]!.call(client, input);
  values.set(`${step.vendor} ${step.operation}`, value);
  const summary = (SUMMARIES[step.vendor][step.operation] as (value: unknown) => Summary)(value);
  const code = step.check === undefined ? summary.code : await CHECKS[step.check](options.urls);
  if (step.note !== undefined && summary.note === "") notes.push(step.note);
  else notes.push(summary.note);
  return { code, note: notes.filter((n) => n !== "").join("; ") };
}

/** Runs every step in order (some depend on earlier ones) and never throws for a step's failure. */
export async function runTour(options: TourOptions): Promise<TourResult> {
  const rows: TourRow[] = [];
  const clientOf = clientCache(options);
  const values: TourValues = new Map();
  for (const step of tourSteps(options.seed)) {
    const base = {
      vendor: step.vendor,
      operation: step.operation,
      case: step.case,
      expected: expectedText(step.expect),
    };
    let row: TourRow;
    if (step.skip !== undefined || step.caller === undefined) {
      row = { ...base, outcome: "skipped", code: "", ms: 0, ok: true, note: step.skip ?? "no caller" };
    } else {
      const started = performance.now();
      try {
        const { code, note } = await runStep(step, options, clientOf, values);
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
