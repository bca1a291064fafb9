/**
 * The behaviour of the Moka DealerCustomer family (contracts/moka/openapi.yaml), one handler per operation: the
 * parsed JSON body in, the envelope's ResultCode and Data out. Every operation checks, in order:
 *   1. the body matches the contract's request schema, apart from a missing identifier
 *                                                               else <Op>.InvalidRequest
 *   2. DealerCode/Username/Password are a seeded dealer, and CheckKey is the lowercase hex SHA-256 of
 *      DealerCode + "MK" + Username + "PD" + Password           else <Op>.InvalidRequest
 * Then, by what the operation names:
 *   a customer (GetCardList, UpdateCustomer, GetCustomer, RemoveCustomer, AddCard):
 *   3. DealerCustomerId (an integer; "" counts as not given) or a non-empty CustomerCode
 *                                                               else CustomerCodeOrDealerCustomerIdMustBeGiven
 *   4. the customer exists (by id if given, else by code)      else DealerCustomerNotFound
 *   5. both given and the id's customer has another code        → CustomerCodeDoesntMatchDealerCustomerId
 *   a card (UpdateCard, GetCard, RemoveCard):
 *   3. a non-empty CardToken                                    else CardTokenIsRequired
 *   4. the dealer has a card with that token (braces and letter case aside, quirk Q15)
 *                                                               else CardNotFound
 *   a new customer (AddCustomer, AddCustomerWithCard):
 *   3. no customer of the dealer has the CustomerCode           else CustomerCodeAlreadyUsing
 *   GetCustomerList:
 *   3. the dealer has the "GetCustomerList" permission          else PermissionDenied
 *   4. the dealer has at least one customer                     else DealerCustomerNotFound
 * Every code string comes from the generated catalogs (catalog.ts), looked up by reason.
 */
import { operations } from "@integrations/moka-types";
import type { MokaCatalog, MokaOperationId } from "../catalog.js";
import type { MokaDealerSeed } from "../seed.js";
import type { CustomerFields, DealerStore, NewCardFields, StoredCard, StoredCustomer } from "./store.js";

/** What a handler answers: the ResultCode, and Data on success. */
export interface MokaAnswer {
  readonly code: string;
  readonly data?: unknown;
}

export type MokaHandler = (body: unknown) => MokaAnswer;

type Request = Record<string, unknown>;

function isRecord(v: unknown): v is Request {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const CUSTOMER_FIELDS = [
  "Password",
  "FirstName",
  "LastName",
  "Gender",
  "BirthDate",
  "GsmNumber",
  "Email",
  "Address",
] as const;

export function customerOut(
  c: StoredCustomer | MokaDealerSeed["customers"][number],
): Record<string, unknown> {
  // The vendor is .NET: unset fields are emitted as null (contract Q7).
  return {
    DealerCustomerId: c.DealerCustomerId,
    CustomerCode: c.CustomerCode,
    Password: c.Password ?? null,
    FirstName: c.FirstName ?? null,
    LastName: c.LastName ?? null,
    Gender: c.Gender ?? null,
    BirthDate: c.BirthDate ?? null,
    GsmNumber: c.GsmNumber ?? null,
    Email: c.Email ?? null,
    Address: c.Address ?? null,
  };
}

function cardOut(card: StoredCard): Record<string, unknown> {
  return {
    CardToken: card.CardToken,
    CardName: card.CardName ?? null,
    BankName: card.BankName ?? null,
    CardNumberFirstSix: card.CardNumberFirstSix,
    CardNumberLastFour: card.CardNumberLastFour,
    CardHolderFullName: card.CardHolderFullName,
    ExpMonth: card.ExpMonth,
    ExpYear: card.ExpYear,
  };
}

/** `{DealerCustomer, CardListCount, CardList}`, with the cards given. */
export function withCards(
  c: StoredCustomer | MokaDealerSeed["customers"][number],
  cards: readonly StoredCard[],
): Record<string, unknown> {
  return { DealerCustomer: customerOut(c), CardListCount: cards.length, CardList: cards.map(cardOut) };
}

export function customerListData(customers: readonly MokaDealerSeed["customers"][number][]) {
  return { DealerCustomerListCount: customers.length, DealerCustomerList: customers.map(customerOut) };
}

/** The customer fields a request carries, as stored: Gender "1"/"2" (quirk Q13) as the number the vendor returns. */
function customerFields(request: Request): CustomerFields {
  const out: Record<string, unknown> = {};
  for (const key of CUSTOMER_FIELDS) {
    if (request[key] === undefined) continue;
    out[key] = key === "Gender" ? Number(request[key]) : request[key];
  }
  return out as CustomerFields;
}

function cardFields(request: Request): NewCardFields {
  return {
    CardHolderFullName: request.CardHolderFullName as string,
    CardNumber: request.CardNumber as string,
    ExpMonth: request.ExpMonth as string,
    ExpYear: request.ExpYear as string,
    CardName: request.CardName as string | undefined,
  };
}

type Names = "customer" | "card" | "none";

/** What each operation names, and so which identifier a missing-identifier check stands in for. */
const NAMES: Readonly<Record<MokaOperationId, Names>> = {
  GetCardList: "customer",
  GetCustomerList: "none",
  AddCustomer: "none",
  AddCustomerWithCard: "none",
  UpdateCustomer: "customer",
  GetCustomer: "customer",
  RemoveCustomer: "customer",
  AddCard: "customer",
  UpdateCard: "card",
  GetCard: "card",
  RemoveCard: "card",
};

const given = (v: unknown): boolean => v !== undefined && v !== null && v !== "";

export function createMokaHandlers(
  catalog: MokaCatalog,
  authenticate: (auth: unknown) => DealerStore | undefined,
): Readonly<Record<MokaOperationId, MokaHandler>> {
  /**
   * Steps 1 and 2: the request and its dealer, or the InvalidRequest answer. A missing identifier has its own
   * code, so the schema check runs with a stand-in for it.
   */
  function admit(op: MokaOperationId, body: unknown): { dealer: DealerStore; request: Request } | MokaAnswer {
    const invalid = { code: catalog[op].InvalidRequest };
    if (!isRecord(body)) return invalid;
    const request = isRecord(body.DealerCustomerRequest) ? body.DealerCustomerRequest : {};
    let checked: unknown = body;
    if (isRecord(body.DealerCustomerRequest)) {
      if (NAMES[op] === "customer" && !given(request.DealerCustomerId) && !given(request.CustomerCode)) {
        checked = { ...body, DealerCustomerRequest: { ...request, CustomerCode: "identifier" } };
      } else if (NAMES[op] === "card" && !given(request.CardToken)) {
        checked = { ...body, DealerCustomerRequest: { ...request, CardToken: "token" } };
      }
    }
    if (operations[op].validateRequest(checked).length > 0) return invalid;
    const dealer = authenticate(body.DealerCustomerAuthentication);
    return dealer === undefined ? invalid : { dealer, request };
  }

  /** Steps 3 to 5 of an operation that names a customer. */
  function findCustomer(
    op: MokaOperationId,
    dealer: DealerStore,
    request: Request,
  ): StoredCustomer | MokaAnswer {
    const codes = catalog[op] as Record<string, string>;
    const id = request.DealerCustomerId;
    const code = request.CustomerCode;
    if (!given(id) && !given(code)) return { code: codes.CustomerCodeOrDealerCustomerIdMustBeGiven! };
    const customer = given(id) ? dealer.customerById(id as number) : dealer.customerByCode(code as string);
    if (customer === undefined) return { code: codes.DealerCustomerNotFound! };
    if (given(id) && given(code) && customer.CustomerCode !== code) {
      return { code: codes.CustomerCodeDoesntMatchDealerCustomerId! };
    }
    return customer;
  }

  /** Steps 3 and 4 of an operation that names a card. */
  function findCard(
    op: MokaOperationId,
    dealer: DealerStore,
    request: Request,
  ): { customer: StoredCustomer; card: StoredCard } | MokaAnswer {
    const codes = catalog[op] as Record<string, string>;
    if (!given(request.CardToken)) return { code: codes.CardTokenIsRequired! };
    return dealer.card(request.CardToken as string) ?? { code: codes.CardNotFound! };
  }

  const isAnswer = (v: object): v is MokaAnswer => "code" in v && typeof v.code === "string";

  /** An operation that names a customer: admit, find, then `act`. */
  const onCustomer =
    (
      op: MokaOperationId,
      act: (dealer: DealerStore, c: StoredCustomer, r: Request) => unknown,
    ): MokaHandler =>
    (body) => {
      const admitted = admit(op, body);
      if (isAnswer(admitted)) return admitted;
      const customer = findCustomer(op, admitted.dealer, admitted.request);
      if (isAnswer(customer)) return customer;
      return { code: catalog[op].Success, data: act(admitted.dealer, customer, admitted.request) };
    };

  /** An operation that names a card: admit, find, then `act`. */
  const onCard =
    (
      op: MokaOperationId,
      act: (
        dealer: DealerStore,
        found: { customer: StoredCustomer; card: StoredCard },
        r: Request,
      ) => unknown,
    ): MokaHandler =>
    (body) => {
      const admitted = admit(op, body);
      if (isAnswer(admitted)) return admitted;
      const found = findCard(op, admitted.dealer, admitted.request);
      if (isAnswer(found)) return found;
      return { code: catalog[op].Success, data: act(admitted.dealer, found, admitted.request) };
    };

  /** AddCustomer and AddCustomerWithCard: a CustomerCode no customer of the dealer has yet. */
  const onNewCustomer =
    (op: "AddCustomer" | "AddCustomerWithCard", withCard: boolean): MokaHandler =>
    (body) => {
      const admitted = admit(op, body);
      if (isAnswer(admitted)) return admitted;
      const { dealer, request } = admitted;
      const code = request.CustomerCode as string;
      if (dealer.customerByCode(code) !== undefined) return { code: catalog[op].CustomerCodeAlreadyUsing };
      const customer = dealer.addCustomer(code, customerFields(request));
      if (withCard) dealer.addCard(customer, cardFields(request));
      return { code: catalog[op].Success, data: withCards(customer, customer.cards) };
    };

  return {
    GetCardList: onCustomer("GetCardList", (_d, c) => withCards(c, c.cards)),
    GetCustomerList: (body) => {
      const admitted = admit("GetCustomerList", body);
      if (isAnswer(admitted)) return admitted;
      const { dealer } = admitted;
      const codes = catalog.GetCustomerList;
      if (!dealer.seed.permissions.includes("GetCustomerList")) return { code: codes.PermissionDenied };
      if (dealer.customers.length === 0) return { code: codes.DealerCustomerNotFound };
      return { code: codes.Success, data: customerListData(dealer.customers) };
    },
    AddCustomer: onNewCustomer("AddCustomer", false),
    AddCustomerWithCard: onNewCustomer("AddCustomerWithCard", true),
    UpdateCustomer: onCustomer("UpdateCustomer", (dealer, c, r) => {
      dealer.updateCustomer(c, customerFields(r));
      return withCards(c, c.cards);
    }),
    // The GetCustomer page: "the customer's cards are not returned by this service" (quirk Q16).
    GetCustomer: onCustomer("GetCustomer", (_d, c) => withCards(c, [])),
    RemoveCustomer: onCustomer("RemoveCustomer", (dealer, c) => {
      dealer.removeCustomer(c);
      return {};
    }),
    AddCard: onCustomer("AddCard", (dealer, c, r) => {
      dealer.addCard(c, cardFields(r));
      return withCards(c, c.cards);
    }),
    UpdateCard: onCard("UpdateCard", (_d, { customer, card }, r) => {
      card.CardName = r.CardName as string;
      return withCards(customer, [card]);
    }),
    GetCard: onCard("GetCard", (_d, { customer, card }) => withCards(customer, [card])),
    RemoveCard: onCard("RemoveCard", (dealer, { card }) => {
      dealer.removeCard(card.CardToken);
      return true;
    }),
  };
}
