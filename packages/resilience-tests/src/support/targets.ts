/**
 * Every (client, operation) pair under test, with a valid input, a valid success answer, and the facts the
 * suites need (format on the wire, whether the operation may be retried, how to recognise its requests).
 */

import type { Agent as HttpAgent } from "node:http";
import { createEasySecureClient } from "@integrations/easysecure-client";
import { createEduixClient } from "@integrations/eduix-client";
import { computeCheckKey, createMokaClient } from "@integrations/moka-client";
import type { ClientLogger, Dispatcher, RetryOption } from "@integrations/runtime";
import type { VendorId } from "@integrations/vendors";
import type { Answer, RawRequest } from "./raw-server.js";
import { type TransportSettings, transportSettings } from "./transport.js";
import {
  eduixCreateKeyOk,
  eduixDeleteKeyOk,
  eduixGetKeyOk,
  eduixLoginOk,
  eswsReturn,
  JSON_TYPE,
  mokaCardListOk,
  mokaCustomerListOk,
  XML_TYPE,
} from "./wire.js";

// Distinctive values, so a substring search for them can have no false positive.
export const MOKA_DEALER_CODE = "dealer-1001";
export const MOKA_USERNAME = "moka-api-user";
export const MOKA_PASSWORD = "S3CRET-moka-pw-7f1c";
export const MOKA_CHECK_KEY = computeCheckKey(MOKA_DEALER_CODE, MOKA_USERNAME, MOKA_PASSWORD);
export const ESWS_COMPANY_ID = "S3CRET-esws-company-5be2";
export const EDUIX_USERNAME = "eduix-api-user";
export const EDUIX_PASSWORD = "S3CRET-eduix-pw-9a2b";
export const EDUIX_SESSION_ID = "S3CRET-eduix-session-41d8";
/** A card number that passes the Luhn check (so the client sends it); a secret like the others (x-secret). */
export const MOKA_CARD_NUMBER = "4929180000004358";

export const MOKA_PATH_PREFIX = "/DealerCustomer/";
export const ESWS_PATH = "/webservicesesws";
export const EDUIX_PATH = "/soap/4.3/account";

/** A vendor's id, as the registry (`@integrations/vendors`) spells it. */
export type Vendor = VendorId;

export interface ClientSettings {
  /** `http://127.0.0.1:<port>`; each target appends its vendor's path. */
  origin: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  retry?: RetryOption;
  logger?: ClientLogger;
  /** Either transport's connection pool (support/transport.ts); neither: the transport under test, unsteered. */
  dispatcher?: Dispatcher;
  agent?: HttpAgent;
}

/** The settings' transport, or the one under test. */
function transportOf(settings: ClientSettings): TransportSettings {
  if (settings.dispatcher !== undefined || settings.agent !== undefined) {
    return { dispatcher: settings.dispatcher, agent: settings.agent };
  }
  return transportSettings();
}

export interface Target {
  readonly vendor: Vendor;
  /** The client method. */
  readonly method: string;
  /** The contract operation name, as errors and log events carry it. */
  readonly operation: string;
  readonly format: "json" | "soap";
  /** Read or idempotent: retried automatically on transport failures and 5xx. */
  readonly idempotent: boolean;
  /** Edu-iX operations other than login log in first (the suites let that login succeed). */
  readonly needsLogin: boolean;
  /** Creates a fresh client and calls the operation once with a valid input. */
  run(settings: ClientSettings): Promise<unknown>;
  /** A valid success answer. */
  ok(): Answer;
  readonly label: string;
}

export function mokaClient(settings: ClientSettings) {
  return createMokaClient({
    baseUrl: settings.origin,
    dealerCode: MOKA_DEALER_CODE,
    username: MOKA_USERNAME,
    password: MOKA_PASSWORD,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    logger: settings.logger,
    ...transportOf(settings),
  });
}

export function eswsClient(settings: ClientSettings) {
  return createEasySecureClient({
    endpoint: settings.origin + ESWS_PATH,
    companyId: ESWS_COMPANY_ID,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    logger: settings.logger,
    ...transportOf(settings),
  });
}

export function eduixClient(settings: ClientSettings) {
  return createEduixClient({
    endpoint: settings.origin + EDUIX_PATH,
    username: EDUIX_USERNAME,
    password: EDUIX_PASSWORD,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    logger: settings.logger,
    ...transportOf(settings),
  });
}

/** A valid updateUserDotweb input. */
export const USER_INPUT = {
  p_ws_StoreId: 1,
  p_wsAltUserId: "user-1",
  p_PIN: "1234",
  p_Achternaam: "Jansen",
  p_Voornaam: "Piet",
  p_Admin: 0,
  p_Security: 0,
  p_infoFields: { info1: "user-1" },
} as const;

const json = (body: string): Answer => ({ contentType: JSON_TYPE, body });
const xml = (body: string): Answer => ({ contentType: XML_TYPE, body });

/** The card fields of a valid AddCard / AddCustomerWithCard input, with the secret card number. */
export const CARD_INPUT = {
  CardHolderFullName: "Piet Jansen",
  CardNumber: MOKA_CARD_NUMBER,
  ExpMonth: "03",
  ExpYear: "2030",
} as const;

/**
 * The Moka operations that carry a card number (writes: never retried). Not in TARGETS: the secret scan runs them
 * with the card number among the secrets the server echoes.
 */
export const CARD_TARGETS: readonly Target[] = [
  {
    vendor: "moka",
    method: "addCard",
    operation: "AddCard",
    format: "json",
    idempotent: false,
    needsLogin: false,
    run: (s) => mokaClient(s).addCard({ CustomerCode: "Customer", ...CARD_INPUT }),
    ok: () => json(mokaCardListOk()),
    label: "moka addCard",
  },
  {
    vendor: "moka",
    method: "addCustomerWithCard",
    operation: "AddCustomerWithCard",
    format: "json",
    idempotent: false,
    needsLogin: false,
    run: (s) => mokaClient(s).addCustomerWithCard({ CustomerCode: "Customer", ...CARD_INPUT }),
    ok: () => json(mokaCardListOk()),
    label: "moka addCustomerWithCard",
  },
];

export const TARGETS: readonly Target[] = [
  {
    vendor: "moka",
    method: "getCardList",
    operation: "GetCardList",
    format: "json",
    idempotent: true,
    needsLogin: false,
    run: (s) => mokaClient(s).getCardList({ CustomerCode: "Customer" }),
    ok: () => json(mokaCardListOk()),
    label: "moka getCardList",
  },
  {
    vendor: "moka",
    method: "getCustomerList",
    operation: "GetCustomerList",
    format: "json",
    idempotent: true,
    needsLogin: false,
    run: (s) => mokaClient(s).getCustomerList(),
    ok: () => json(mokaCustomerListOk()),
    label: "moka getCustomerList",
  },
  {
    vendor: "easysecure",
    method: "syncMOCA",
    operation: "Esws.syncMOCA",
    format: "soap",
    idempotent: false,
    needsLogin: false,
    run: (s) => eswsClient(s).syncMOCA({ p_wsAltUserId: "user-1" }),
    ok: () => xml(eswsReturn("Esws.syncMOCA", "OK")),
    label: "easysecure syncMOCA",
  },
  {
    vendor: "easysecure",
    method: "updateUserDotweb",
    operation: "Esws.updateUserDotweb",
    format: "soap",
    idempotent: false,
    needsLogin: false,
    run: (s) => eswsClient(s).updateUserDotweb(USER_INPUT),
    ok: () => xml(eswsReturn("Esws.updateUserDotweb", "INSERTED")),
    label: "easysecure updateUserDotweb",
  },
  {
    vendor: "eduix",
    method: "login",
    operation: "login",
    format: "soap",
    idempotent: true,
    needsLogin: false,
    run: (s) => eduixClient(s).login(),
    ok: () => xml(eduixLoginOk(EDUIX_SESSION_ID)),
    label: "eduix login",
  },
  {
    vendor: "eduix",
    method: "createKey",
    operation: "createKey",
    format: "soap",
    idempotent: false,
    needsLogin: true,
    run: (s) => eduixClient(s).createKey({ profileID: 42, userID: "eck-1" }),
    ok: () => xml(eduixCreateKeyOk()),
    label: "eduix createKey",
  },
  {
    vendor: "eduix",
    method: "deleteKey",
    operation: "deleteKey",
    format: "soap",
    idempotent: false,
    needsLogin: true,
    run: (s) => eduixClient(s).deleteKey({ userID: "eck-1" }),
    ok: () => xml(eduixDeleteKeyOk()),
    label: "eduix deleteKey",
  },
  {
    vendor: "eduix",
    method: "getKey",
    operation: "getKey",
    format: "soap",
    idempotent: true,
    needsLogin: true,
    run: (s) => eduixClient(s).getKey({ profileID: 42 }),
    ok: () => xml(eduixGetKeyOk([{ profileID: 42, userID: "eck-1" }])),
    label: "eduix getKey",
  },
];

/** The contract operation a request is for: from the path (Moka) or the SOAPAction header (ESWS, Edu-iX). */
export function operationOf(req: RawRequest): string {
  if (req.path.startsWith(MOKA_PATH_PREFIX)) return req.path.slice(MOKA_PATH_PREFIX.length);
  const action = (req.headers.soapaction ?? "").replace(/"/g, "");
  return action.slice(action.indexOf("#") + 1);
}

export const isEduixLogin = (req: RawRequest): boolean => operationOf(req) === "login";

export const LOGIN_OK: Answer = { contentType: XML_TYPE, body: eduixLoginOk(EDUIX_SESSION_ID) };
