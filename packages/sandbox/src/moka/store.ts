/**
 * The Moka sandbox's state: per dealer, its customers and their stored cards, loaded from the seed and changed by
 * the DealerCustomer writes. Cards are kept the way the vendor shows them (contracts/moka/openapi.yaml, Card): the
 * first six and last four digits of the number only. The full number is never stored, and never leaves a call.
 */
import { randomUUID } from "node:crypto";
import type { MokaCardSeed, MokaCustomerSeed, MokaDealerSeed } from "../seed.js";

export type StoredCard = MokaCardSeed;
export type StoredCustomer = MokaCustomerSeed & { cards: StoredCard[] };

/** The customer fields a request may set (AddCustomer, UpdateCustomer): all but the ids and the cards. */
export type CustomerFields = Partial<Omit<MokaCustomerSeed, "DealerCustomerId" | "CustomerCode" | "cards">>;

/** The card fields of AddCard and AddCustomerWithCard, with the number the request carried. */
export interface NewCardFields {
  CardHolderFullName: string;
  CardNumber: string;
  ExpMonth: string;
  ExpYear: string;
  CardName?: string | undefined;
}

/**
 * A CardToken as a lookup key. The samples send `{51937236-82E0-…}` (braces, upper case) and the vendor returns
 * bare lower-case GUIDs (quirk Q15): .NET parses a GUID in either form, so both find the same card.
 */
export function tokenKey(token: string): string {
  return token.replace(/^\{(.*)\}$/, "$1").toLowerCase();
}

export class DealerStore {
  readonly seed: MokaDealerSeed;
  private readonly byId = new Map<number, StoredCustomer>();
  private readonly byCode = new Map<string, StoredCustomer>();
  private readonly cards = new Map<string, { customer: StoredCustomer; card: StoredCard }>();
  private nextId: number;

  /** `seed` is this store's own copy: its customer list is the one GetCustomerList answers. */
  constructor(seed: MokaDealerSeed) {
    this.seed = seed;
    for (const c of seed.customers) this.index(c as StoredCustomer);
    this.nextId = seed.customers.reduce((max, c) => Math.max(max, c.DealerCustomerId), 1000) + 1;
  }

  private index(customer: StoredCustomer): void {
    customer.cards ??= [];
    this.byId.set(customer.DealerCustomerId, customer);
    this.byCode.set(customer.CustomerCode, customer);
    for (const card of customer.cards) this.cards.set(tokenKey(card.CardToken), { customer, card });
  }

  get customers(): readonly StoredCustomer[] {
    return this.seed.customers as StoredCustomer[];
  }

  customerById(id: number): StoredCustomer | undefined {
    return this.byId.get(id);
  }

  customerByCode(code: string): StoredCustomer | undefined {
    return this.byCode.get(code);
  }

  card(token: string): { customer: StoredCustomer; card: StoredCard } | undefined {
    return this.cards.get(tokenKey(token));
  }

  addCustomer(code: string, fields: CustomerFields): StoredCustomer {
    const customer: StoredCustomer = {
      DealerCustomerId: this.nextId++,
      CustomerCode: code,
      ...fields,
      cards: [],
    };
    this.seed.customers.push(customer);
    this.index(customer);
    return customer;
  }

  updateCustomer(customer: StoredCustomer, fields: CustomerFields): void {
    Object.assign(customer, fields);
  }

  /** Removes the customer and its cards (the page does not say; a card without its customer could not be charged). */
  removeCustomer(customer: StoredCustomer): void {
    this.byId.delete(customer.DealerCustomerId);
    this.byCode.delete(customer.CustomerCode);
    for (const card of customer.cards) this.cards.delete(tokenKey(card.CardToken));
    const at = this.seed.customers.indexOf(customer);
    if (at >= 0) this.seed.customers.splice(at, 1);
  }

  /** Stores a card under a new GUID token, keeping only the first six and last four digits of its number. */
  addCard(customer: StoredCustomer, fields: NewCardFields): StoredCard {
    const number = fields.CardNumber;
    const card: StoredCard = {
      CardToken: randomUUID(),
      CardName: fields.CardName ?? null,
      BankName: "SANDBOX BANK",
      CardNumberFirstSix: number.slice(0, 6),
      CardNumberLastFour: number.slice(-4),
      CardHolderFullName: fields.CardHolderFullName,
      ExpMonth: fields.ExpMonth,
      ExpYear: fields.ExpYear,
    };
    customer.cards.push(card);
    this.cards.set(tokenKey(card.CardToken), { customer, card });
    return card;
  }

  removeCard(token: string): void {
    const found = this.cards.get(tokenKey(token));
    if (found === undefined) return;
    this.cards.delete(tokenKey(token));
    const at = found.customer.cards.indexOf(found.card);
    if (at >= 0) found.customer.cards.splice(at, 1);
  }
}
