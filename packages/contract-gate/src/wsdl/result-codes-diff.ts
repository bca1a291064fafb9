/**
 * `x:resultCodes` in the WSDL diff: the shared result-code rules (diff/result-codes.ts), plus what an
 * `x:code` adds — its outcome, `detail` and `match` (which raw returns resolve to it) and `recovery`.
 */
import type { ResultCodeList } from "@integrations/contract-model";
import { type ChangeLog, show } from "../diff/change.js";
import { BOTH, BREAKING } from "../diff/policy.js";
import { compareResultCodes } from "../diff/result-codes.js";

/** An `x:code` as the shared result-code rules read it (a missing value reads as ""). */
export interface Code {
  readonly code: string;
  readonly retryable: string | undefined;
  readonly meaning: string;
  readonly outcome: string | undefined;
  readonly detail: string | undefined;
  readonly match: string | undefined;
  readonly recovery: string | undefined;
}

export const codesOf = (lists: readonly ResultCodeList[]): Code[] =>
  lists.flatMap((l) => l.codes.map((c) => ({ ...c, code: c.value ?? "" })));

/** Two `x:resultCodes` lists at one location; a code moved to or from the general list is not removed. */
export function compareCodeLists(
  log: ChangeLog,
  location: string,
  a: readonly Code[],
  b: readonly Code[],
  stillListed: (code: string) => boolean,
): void {
  compareResultCodes(log, a, b, {
    at: (code) => `${location} › code ${JSON.stringify(code)}`,
    stillListed,
    compareRest: (at, x, y) => {
      if (x.outcome !== y.outcome) {
        log.record(
          "result-code-outcome-changed",
          at,
          BOTH,
          `outcome ${show(x.outcome)} → ${show(y.outcome)}: the code now means the opposite`,
        );
      }
      if (x.detail !== y.detail) {
        // Dropping detail="true" stops "CODE <message>" returns resolving to the code; adding it resolves more.
        const narrowed = x.detail === "true";
        log.add(
          "result-code-detail-changed",
          at,
          narrowed ? BREAKING : "non-breaking",
          BOTH,
          `detail ${show(x.detail)} → ${show(y.detail)}: ${narrowed ? '"CODE <message>" returns no longer resolve to the code' : "more raw returns resolve to the code"}`,
        );
      }
      if (x.match !== y.match) {
        // A first match pattern resolves more raw returns; a changed or removed one may resolve fewer.
        const widened = x.match === undefined;
        log.add(
          "result-code-match-changed",
          at,
          widened ? "non-breaking" : BREAKING,
          BOTH,
          `match ${show(x.match)} → ${show(y.match)}: ${widened ? "more raw returns resolve to the code" : "raw returns that resolved to the code may not any more"}`,
        );
      }
      if (x.recovery !== y.recovery) {
        log.record(
          "result-code-recovery-changed",
          at,
          BOTH,
          `recovery ${show(x.recovery)} → ${show(y.recovery)}`,
        );
      }
    },
  });
}
