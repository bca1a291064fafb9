/**
 * Card numbers: the Luhn check the client adds to the contract's `CardNumber` rule (12 to 19 digits, quirk Q26 in
 * contracts/moka/openapi.yaml), and the scrubbing of card-number-shaped digit runs from vendor text. A card
 * number is a secret (`x-secret`): no check or message here ever quotes it.
 */
import type { ValidationIssue } from "@integrations/runtime";

/** The input field the contract names for a card number (marked `x-secret`). */
export const CARD_NUMBER_FIELD = "CardNumber";

/** Whether `digits` (ASCII digits only) passes the Luhn (mod 10) check of ISO/IEC 7812. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The Luhn issue of a card number that already satisfies the contract's pattern (a value that does not is
 * reported by the generated validator, once: one issue per field).
 */
export function luhnIssue(field: string, value: unknown): ValidationIssue | undefined {
  if (typeof value !== "string" || !/^[0-9]{12,19}$/.test(value) || luhnValid(value)) return undefined;
  return {
    field,
    rule: "luhn",
    message:
      "is not a valid card number: its check digit does not match the Luhn checksum (the number is not shown; check it for a mistyped digit)",
  };
}

/**
 * A run of 12 to 19 digits, optionally grouped by single spaces or hyphens: what a card number looks like in vendor
 * text (a longer run loses its first 19 digits at least). Bounded repetition, so matching stays linear in the
 * text's length.
 */
const CARD_NUMBER_RUN = /[0-9](?:[ -]?[0-9]){11,18}/g;

/** `text` with every card-number-shaped run of digits replaced by `[REDACTED]`. */
export function redactCardNumbers(text: string): string {
  return text.replace(CARD_NUMBER_RUN, "[REDACTED]");
}
