/**
 * `upsertCustomerWithCard`: store a customer with a card, whether or not the customer exists yet. Public
 * integrations hand-code this (the Moka United WooCommerce plugin: AddCustomerWithCard, and on
 * `CustomerCodeAlreadyUsing` GetCustomer, RemoveCard and AddCard; contracts/moka/README.md). This is that flow,
 * typed, with two changes for safety:
 *
 * - the customer's cards are read with **GetCardList**, the operation documented to return them; the GetCustomer
 *   page says it returns none (quirk Q16 in contracts/moka/openapi.yaml);
 * - the new card is added **before** the old ones are removed, so a failure can leave an extra card, never a
 *   customer without one.
 *
 * The steps, each recorded in `steps` with its outcome:
 *   1. AddCustomerWithCard(input). Success: done, `outcome: "created"`. `CustomerCodeAlreadyUsing`: go on. Any
 *      other error is thrown as it is (nothing was stored, or, after a timeout, possibly the customer and card:
 *      running the upsert again converges, because step 4 removes every card listed in step 2).
 *   2. GetCardList({CustomerCode}): the customer's DealerCustomerId and current cards.
 *   3. AddCard({DealerCustomerId, card fields}): the new card.
 *   4. RemoveCard for each card listed in step 2 (unless `keepExistingCards`), one after the other.
 *
 * A failure in step 2, 3 or 4 throws `UpsertCustomerWithCardError`: its `steps` say what was done, `cause` is the
 * failing step's error, `cardStored` whether the new card is stored, and `data`/`card` what Moka returned for it.
 *   - step 2 fails: nothing changed (the customer exists with its old cards);
 *   - step 3 fails: nothing changed (the old cards are untouched);
 *   - step 4 fails: the new card is stored, and the old cards not yet removed are in `remainingCardTokens`.
 * No step is retried automatically (they are writes, x-idempotent false), and the card number never appears in
 * a step, an error or a result.
 */
import type {
  Card,
  DealerCustomerWithCards,
  MokaOperations,
  NewCustomerWithCard,
} from "@integrations/moka-types";
import type { CallOptions } from "@integrations/runtime";
import { MokaError } from "./moka-error.js";

export type UpsertCustomerWithCardInput = NewCustomerWithCard;

export interface UpsertCustomerWithCardOptions extends CallOptions {
  /** Keep the cards the customer already had (default false: they are removed once the new card is stored). */
  keepExistingCards?: boolean;
}

/** The operations the upsert calls, by their contract name. */
export type UpsertOperation = "AddCustomerWithCard" | "GetCardList" | "AddCard" | "RemoveCard";

/** One call the upsert made: `code` is the ResultCode, or for a failure that is not one, the error's kind. */
export interface UpsertStep {
  readonly operation: UpsertOperation;
  readonly outcome: "success" | "error";
  readonly code: string;
  /** RemoveCard: the token of the card it removed (or failed to). */
  readonly cardToken?: string;
}

export interface UpsertCustomerWithCardResult {
  /** `created`: a new customer with the card; `card-added`: an existing customer that had no card; `card-replaced`: one whose cards were removed (or kept, with `keepExistingCards`) after the new one was added. */
  readonly outcome: "created" | "card-added" | "card-replaced";
  /** What the storing call returned: AddCustomerWithCard's Data, or AddCard's. */
  readonly data: DealerCustomerWithCards;
  /** The stored card as Moka lists it, when it can be told from the others (its token is new). */
  readonly card: Card | undefined;
  /** The tokens of the customer's earlier cards that were removed. */
  readonly removedCardTokens: readonly string[];
  readonly steps: readonly UpsertStep[];
}

export class UpsertCustomerWithCardError extends Error {
  override readonly name = "UpsertCustomerWithCardError";
  readonly kind = "upsert";
  /** The step that failed. */
  readonly failedStep: UpsertOperation;
  readonly steps: readonly UpsertStep[];
  /** Whether the new card is stored (the failure came after AddCard). */
  readonly cardStored: boolean;
  /** AddCard's Data, when the card is stored. */
  readonly data: DealerCustomerWithCards | undefined;
  readonly card: Card | undefined;
  /** The earlier cards still stored, when RemoveCard failed. */
  readonly remainingCardTokens: readonly string[];

  constructor(options: {
    failedStep: UpsertOperation;
    steps: readonly UpsertStep[];
    cause: unknown;
    data?: DealerCustomerWithCards | undefined;
    card?: Card | undefined;
    remainingCardTokens?: readonly string[];
  }) {
    const stored = options.data !== undefined;
    super(
      `upsertCustomerWithCard: ${options.failedStep} failed (${codeOf(options.cause)}); ${
        stored
          ? `the new card is stored, ${options.remainingCardTokens?.length ?? 0} earlier card(s) not removed`
          : "nothing was changed"
      }`,
      { cause: options.cause },
    );
    this.failedStep = options.failedStep;
    this.steps = options.steps;
    this.cardStored = stored;
    this.data = options.data;
    this.card = options.card;
    this.remainingCardTokens = options.remainingCardTokens ?? [];
  }
}

/** The ResultCode of a MokaError, or the kind (or name) of any other error. */
function codeOf(error: unknown): string {
  if (error instanceof MokaError) return error.code;
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind === "string") return kind;
  return error instanceof Error ? error.name : "unknown";
}

const ALREADY_USING = "DealerCustomer.AddCustomerWithCard.CustomerCodeAlreadyUsing";

/** The card fields of the input, for AddCard: the customer fields stay with the customer that already exists. */
function cardFields(input: UpsertCustomerWithCardInput) {
  const { CardHolderFullName, CardNumber, ExpMonth, ExpYear, CardName } = input;
  return {
    CardHolderFullName,
    CardNumber,
    ExpMonth,
    ExpYear,
    ...(CardName === undefined ? {} : { CardName }),
  };
}

export async function upsertCustomerWithCard(
  moka: MokaOperations<CallOptions>,
  input: UpsertCustomerWithCardInput,
  options: UpsertCustomerWithCardOptions = {},
): Promise<UpsertCustomerWithCardResult> {
  const { keepExistingCards = false, ...callOptions } = options;
  const steps: UpsertStep[] = [];
  const ok = (operation: UpsertOperation, cardToken?: string) =>
    steps.push({ operation, outcome: "success", code: "Success", ...(cardToken && { cardToken }) });
  const failed = (operation: UpsertOperation, error: unknown, cardToken?: string) =>
    steps.push({ operation, outcome: "error", code: codeOf(error), ...(cardToken && { cardToken }) });

  // 1. A new customer with the card. Invalid input fails here, before anything is sent.
  try {
    const data = await moka.addCustomerWithCard(input, callOptions);
    ok("AddCustomerWithCard");
    return { outcome: "created", data, card: data.CardList[0], removedCardTokens: [], steps };
  } catch (error) {
    if (!(error instanceof MokaError && error.code === ALREADY_USING)) throw error;
    failed("AddCustomerWithCard", error);
  }

  // 2. The customer exists: its id and its cards.
  let existing: DealerCustomerWithCards;
  try {
    existing = await moka.getCardList({ CustomerCode: input.CustomerCode }, callOptions);
    ok("GetCardList");
  } catch (error) {
    failed("GetCardList", error);
    throw new UpsertCustomerWithCardError({ failedStep: "GetCardList", steps, cause: error });
  }
  const earlier = existing.CardList.map((c) => c.CardToken);

  // 3. The new card, added first.
  let data: DealerCustomerWithCards;
  try {
    data = await moka.addCard(
      { DealerCustomerId: existing.DealerCustomer.DealerCustomerId, ...cardFields(input) },
      callOptions,
    );
    ok("AddCard");
  } catch (error) {
    failed("AddCard", error);
    throw new UpsertCustomerWithCardError({ failedStep: "AddCard", steps, cause: error });
  }
  const added = data.CardList.filter((c) => !earlier.includes(c.CardToken));
  const card = added.length === 1 ? added[0] : undefined;

  // 4. The earlier cards, removed once the new one is stored.
  const removed: string[] = [];
  if (!keepExistingCards) {
    for (const token of earlier) {
      if (card !== undefined && token === card.CardToken) continue;
      try {
        await moka.removeCard({ CardToken: token }, callOptions);
        ok("RemoveCard", token);
        removed.push(token);
      } catch (error) {
        failed("RemoveCard", error, token);
        throw new UpsertCustomerWithCardError({
          failedStep: "RemoveCard",
          steps,
          cause: error,
          data,
          card,
          remainingCardTokens: earlier.filter((t) => !removed.includes(t)),
        });
      }
    }
  }
  return {
    outcome: earlier.length === 0 ? "card-added" : "card-replaced",
    data,
    card,
    removedCardTokens: removed,
    steps,
  };
}
