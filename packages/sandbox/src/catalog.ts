/**
 * Every code the sandbox answers with comes from the generated catalogs of the types packages, looked up by
 * name here, once, at startup. A name the catalog does not have is a CatalogError: the sandbox refuses to
 * start rather than answer with a code the contract does not know.
 */
import {
  generalResultCodes as eswsGeneralCodes,
  operations as eswsOperations,
} from "@integrations/easysecure-types";
import { operations as eduixOperations } from "@integrations/eduix-types";
import { operations as mokaOperations } from "@integrations/moka-types";

export class CatalogError extends Error {
  override readonly name = "CatalogError";
}

// ------------------------------------------------------------------------------------------------ Moka

/** The Moka operations with behaviour of their own in the sandbox (the others answer their contract example). */
export type MokaOperationId = keyof typeof MOKA_REASONS;

const CUSTOMER_REASONS = [
  "Success",
  "InvalidRequest",
  "CustomerCodeOrDealerCustomerIdMustBeGiven",
  "DealerCustomerNotFound",
  "CustomerCodeDoesntMatchDealerCustomerId",
  "EX",
] as const;
const CARD_REASONS = ["Success", "InvalidRequest", "CardTokenIsRequired", "CardNotFound", "EX"] as const;

/** The reasons each operation's behaviour answers with (moka/handlers.ts), found in the contract's catalog. */
const MOKA_REASONS = {
  GetCardList: CUSTOMER_REASONS,
  GetCustomerList: ["Success", "InvalidRequest", "PermissionDenied", "DealerCustomerNotFound", "EX"],
  AddCustomer: ["Success", "InvalidRequest", "CustomerCodeAlreadyUsing", "EX"],
  AddCustomerWithCard: ["Success", "InvalidRequest", "CustomerCodeAlreadyUsing", "EX"],
  UpdateCustomer: CUSTOMER_REASONS,
  GetCustomer: CUSTOMER_REASONS,
  RemoveCustomer: CUSTOMER_REASONS,
  AddCard: CUSTOMER_REASONS,
  UpdateCard: CARD_REASONS,
  GetCard: CARD_REASONS,
  RemoveCard: CARD_REASONS,
} as const;

export type MokaCatalog = {
  [Op in MokaOperationId]: Record<(typeof MOKA_REASONS)[Op][number], string>;
};

/**
 * A Moka code by reason: the first catalog entry that is the reason itself (`Success`, `EX`) or ends with
 * `.<reason>`. First, because the contract lists the vendor doc's own spelling first where two exist
 * (GetCustomerList's InvalidRequest: the doc's `DealerCustomer.GetCustomer.InvalidRequest`, then the family
 * pattern's `DealerCustomer.GetCustomerList.InvalidRequest`).
 */
export function mokaCode(operation: MokaOperationId, reason: string): string {
  const codes: ReadonlyArray<{ readonly code: string }> = mokaOperations[operation].codes;
  const entry = codes.find((c) => c.code === reason || c.code.endsWith(`.${reason}`));
  if (entry === undefined) {
    throw new CatalogError(`the Moka catalog of ${operation} has no code for "${reason}"`);
  }
  return entry.code;
}

export function resolveMokaCatalog(): MokaCatalog {
  const out = {} as Record<string, Record<string, string>>;
  for (const op of Object.keys(MOKA_REASONS) as MokaOperationId[]) {
    const codes: Record<string, string> = {};
    for (const reason of MOKA_REASONS[op]) codes[reason] = mokaCode(op, reason);
    out[op] = codes;
  }
  return out as MokaCatalog;
}

// ------------------------------------------------------------------------------------------------ ESWS

type EswsOperationId = keyof typeof eswsOperations;

interface EswsCodeEntry {
  readonly code: string;
  readonly detail?: boolean;
  readonly match?: string;
}

function eswsEntry(operation: EswsOperationId | "general", name: string): EswsCodeEntry {
  const list: ReadonlyArray<EswsCodeEntry> =
    operation === "general" ? eswsGeneralCodes : eswsOperations[operation].codes;
  const entry = list.find((c) => c.code === name);
  if (entry === undefined) {
    throw new CatalogError(
      `the ESWS catalog ${operation === "general" ? "(general codes)" : `of ${operation}`} has no code "${name}"`,
    );
  }
  return entry;
}

/** An ESWS code whose raw return is the code itself. */
function eswsCode(operation: EswsOperationId | "general", name: string): string {
  const entry = eswsEntry(operation, name);
  if (entry.match !== undefined) {
    throw new CatalogError(`the ESWS code "${name}" has a variable text (match); use its builder`);
  }
  return entry.code;
}

/** An ESWS code that may carry a message: `CODE <message>` (catalog `detail: true`). */
function eswsDetailCode(operation: EswsOperationId, name: string): (message: string | undefined) => string {
  const entry = eswsEntry(operation, name);
  if (entry.detail !== true) throw new CatalogError(`the ESWS code "${name}" carries no message (detail)`);
  return (message) => (message === undefined || message === "" ? entry.code : `${entry.code} ${message}`);
}

/**
 * An ESWS code whose raw text varies (catalog `match`): the text is built here and must match the catalog's
 * regex, checked at startup with a sample and again on every use.
 */
function eswsMatchCode<A extends unknown[]>(
  operation: EswsOperationId,
  name: string,
  build: (...args: A) => string,
  sample: A,
): (...args: A) => string {
  const entry = eswsEntry(operation, name);
  if (entry.match === undefined) throw new CatalogError(`the ESWS code "${name}" has no match regex`);
  const re = new RegExp(entry.match, "u");
  const checked = (...args: A): string => {
    const text = build(...args);
    if (!re.test(text))
      throw new CatalogError(`the text built for ESWS code "${name}" does not match the catalog`);
    return text;
  };
  checked(...sample);
  return checked;
}

export function resolveEswsCatalog() {
  const general = {
    ERROR_NO_SECURITY_HASH: eswsCode("general", "ERROR_NO_SECURITY_HASH"),
    ERROR_UNKNOWN_SECURITY_HASH: eswsCode("general", "ERROR_UNKNOWN_SECURITY_HASH"),
    BRANCHES_NO_GROUP_NAME: eswsCode(
      "general",
      "Company is Branches but no group name specified. It is required for this type of company.",
    ),
    BRANCHES_GROUP_NOT_FOUND: eswsCode(
      "general",
      "Company is Branches but the group name specified does not exists.",
    ),
  };
  return {
    general,
    syncMOCA: {
      OK: eswsCode("syncMOCA", "OK"),
      NO_WSALTUSERID: eswsCode("syncMOCA", "NO_WSALTUSERID"),
      NO_WS_ALT_USER_ID_INFOFIELD: eswsCode("syncMOCA", "NO_WS_ALT_USER_ID_INFOFIELD"),
      NO_EMAIL_INFOFIELD: eswsCode("syncMOCA", "NO_EMAIL_INFOFIELD"),
      NO_USER_ID_FOUND: eswsCode("syncMOCA", "NO_USER_ID_FOUND"),
      MOBILE_CARD_ALREADY_ISSUED: eswsCode("syncMOCA", "MOBILE_CARD_ALREADY_ISSUED"),
      NO_EMAIL: eswsCode("syncMOCA", "NO_EMAIL"),
      MOCA_SITE_ID_NOT_SET: eswsCode("syncMOCA", "MOCA_SITE_ID_NOT_SET"),
      MOCA_USERNAME_NOT_SET: eswsCode("syncMOCA", "MOCA_USERNAME_NOT_SET"),
      MOCA_PASSWORD_NOT_SET: eswsCode("syncMOCA", "MOCA_PASSWORD_NOT_SET"),
      UNAUTHORIZED: eswsDetailCode("syncMOCA", "UNAUTHORIZED"),
      MOCA_INVALID_RESPONSE: eswsDetailCode("syncMOCA", "MOCA_INVALID_RESPONSE"),
      // The general codes, checked to be in this operation's catalog too.
      ERROR_NO_SECURITY_HASH: eswsCode("syncMOCA", general.ERROR_NO_SECURITY_HASH),
      ERROR_UNKNOWN_SECURITY_HASH: eswsCode("syncMOCA", general.ERROR_UNKNOWN_SECURITY_HASH),
    },
    updateUserDotweb: {
      INSERTED: eswsCode("updateUserDotweb", "INSERTED"),
      UPDATED: eswsCode("updateUserDotweb", "UPDATED"),
      ERROR_UNKNOWN_STORE_ID: eswsCode("updateUserDotweb", "ERROR_UNKNOWN_STORE_ID"),
      NO_ID_RECEIVED: eswsCode("updateUserDotweb", "NO_ID_RECEIVED"),
      PIN_MUST_BE_UNIQUE: eswsCode("updateUserDotweb", "PIN must be unique"),
      PIN_NOT_NUMERIC: eswsCode("updateUserDotweb", "PIN data should consist of numeric character"),
      NOT_INSERTED_ERROR: eswsCode("updateUserDotweb", "NOT_INSERTED_ERROR"),
      NO_WS_ALT_USER_ID_LABEL: eswsCode("updateUserDotweb", "NO_WS_ALT_USER_ID_LABEL"),
      NO_FIRSTNAME_RECEIVED: eswsCode("updateUserDotweb", "NO_FIRSTNAME_RECEIVED"),
      NO_LASTNAME_RECEIVED: eswsCode("updateUserDotweb", "NO_LASTNAME_RECEIVED"),
      START_DATE_CAN_NOT_BE_AFTER_END_DATE: eswsCode(
        "updateUserDotweb",
        "START_DATE_CAN_NOT_BE_AFTER_END_DATE",
      ),
      /** `wsStartDatum (INFO3) and wsEindDatum (INFO4) must have this following format`. */
      INVALID_INFO_DATE_FORMAT: eswsMatchCode(
        "updateUserDotweb",
        "INVALID_INFO_DATE_FORMAT",
        (startField: string, endField: string) =>
          `wsStartDatum (${startField.toUpperCase()}) and wsEindDatum (${endField.toUpperCase()}) must have this following format`,
        ["info3", "info4"],
      ),
      /** `<storeId>_VALUE_MUST_MATCH_WITH_info5` (PHP interpolates `$p_ws_StoreId`). */
      STORE_ID_MUST_MATCH_INFO_FIELD: eswsMatchCode(
        "updateUserDotweb",
        "STORE_ID_MUST_MATCH_INFO_FIELD",
        (storeId: string, field: string) => `${storeId}_VALUE_MUST_MATCH_WITH_${field}`,
        ["1234", "info5"],
      ),
      ERROR_NO_SECURITY_HASH: eswsCode("updateUserDotweb", general.ERROR_NO_SECURITY_HASH),
      ERROR_UNKNOWN_SECURITY_HASH: eswsCode("updateUserDotweb", general.ERROR_UNKNOWN_SECURITY_HASH),
      BRANCHES_NO_GROUP_NAME: eswsCode("updateUserDotweb", general.BRANCHES_NO_GROUP_NAME),
      BRANCHES_GROUP_NOT_FOUND: eswsCode("updateUserDotweb", general.BRANCHES_GROUP_NOT_FOUND),
    },
  };
}

export type EswsCatalog = ReturnType<typeof resolveEswsCatalog>;

// ------------------------------------------------------------------------------------------------ Edu-iX

type EduixOperationId = keyof typeof eduixOperations;

export interface EduixFault {
  readonly code: number;
  readonly meaning: string;
}

/**
 * An Edu-iX fault of one operation: the operation's own entry (its wording wins: createKey's 6 reads
 * "Missing required fields: userID or eckID"), else the general entry the generated list also carries.
 */
export function eduixFault(operation: EduixOperationId, code: number): EduixFault {
  const entry = (eduixOperations[operation].codes as ReadonlyArray<{ code: number; meaning: string }>).find(
    (c) => c.code === code,
  );
  if (entry === undefined)
    throw new CatalogError(`the Edu-iX catalog of ${operation} has no fault code ${code}`);
  return { code: entry.code, meaning: entry.meaning };
}

const EDUIX_FAULTS = {
  login: [1, 2],
  createKey: [1, 2, 6, 12, 4426, 4428, 5287, 7766],
  deleteKey: [1, 2, 6, 12, 5287, 7747, 7748],
  getKey: [1, 2, 6, 12, 5287],
} as const;

export type EduixCatalog = {
  [Op in EduixOperationId]: Record<(typeof EDUIX_FAULTS)[Op][number], EduixFault>;
};

export function resolveEduixCatalog(): EduixCatalog {
  const out = {} as Record<string, Record<number, EduixFault>>;
  for (const op of Object.keys(EDUIX_FAULTS) as EduixOperationId[]) {
    const faults: Record<number, EduixFault> = {};
    for (const code of EDUIX_FAULTS[op]) faults[code] = eduixFault(op, code);
    out[op] = faults;
  }
  return out as EduixCatalog;
}
