/**
 * How a recording scrubs Moka's secrets where the runtime's default placeholder (`REDACTED-<field>`) would break
 * the field's own rules: the CheckKey is recomputed from the placeholder credentials, so a recorded request is
 * still internally consistent (and passes the contract's 64-hex pattern), and a card number becomes a fixed test
 * number that passes the 12–19 digit pattern and the Luhn check.
 */
import type { ScrubRules } from "@integrations/runtime";
import { CARD_NUMBER_FIELD } from "./card-number.js";
import { computeCheckKey } from "./check-key.js";

/** 16 digits with a valid Luhn check digit; no issuer's real range matters in a recording. */
export const PLACEHOLDER_CARD_NUMBER = "4000000000000002";

const AUTHENTICATION = "DealerCustomerAuthentication";

export const mokaScrubRules: ScrubRules = {
  placeholder(path, { request, placeholderOf }) {
    if (path === `${AUTHENTICATION}.CheckKey`) {
      const auth = (request as Record<string, unknown> | undefined)?.[AUTHENTICATION] as
        | Record<string, unknown>
        | undefined;
      const { DealerCode: dealerCode, Username: username } = auth ?? {};
      if (typeof dealerCode !== "string" || typeof username !== "string") return undefined;
      return computeCheckKey(dealerCode, username, placeholderOf(`${AUTHENTICATION}.Password`));
    }
    if (path.endsWith(`.${CARD_NUMBER_FIELD}`)) return PLACEHOLDER_CARD_NUMBER;
    return undefined;
  },
};
