/**
 * Documented result codes (`x-result-codes`, `x:resultCodes`): a removed code breaks the typed unions and
 * catalogs generated from it and the callers matching on it; an added one does not (clients map an unknown
 * code to a generic error); a retry hint or a meaning is documentation for the types.
 */
import { type ChangeLog, normalizeText, show } from "./change.js";
import { BOTH } from "./policy.js";

export interface DocumentedCode {
  /** The code's identity in its list. */
  readonly code: string;
  readonly retryable: unknown;
  readonly meaning: string;
}

export interface CodeListFormat<T extends DocumentedCode> {
  /** Where a code is, for the report. */
  at(code: string): string;
  /** A code missing from this list that is still documented elsewhere (moved between lists). */
  stillListed?(code: string): boolean;
  /** The format's other attributes of a code present in both versions. */
  compareRest(at: string, a: T, b: T): void;
}

export function compareResultCodes<T extends DocumentedCode>(
  log: ChangeLog,
  a: readonly T[],
  b: readonly T[],
  format: CodeListFormat<T>,
): void {
  for (const x of a) {
    const y = b.find((c) => c.code === x.code);
    const at = format.at(x.code);
    const label = JSON.stringify(x.code);
    if (!y) {
      if (format.stillListed?.(x.code)) {
        log.record(
          "result-code-moved",
          at,
          BOTH,
          `code ${label} moved between the general and the operation's list; it is still documented`,
        );
      } else {
        log.record(
          "result-code-removed",
          at,
          BOTH,
          `code ${label} was removed: typed unions, catalogs and callers matching on it break`,
        );
      }
      continue;
    }
    format.compareRest(at, x, y);
    if (x.retryable !== y.retryable) {
      log.record(
        "result-code-retryable-changed",
        at,
        BOTH,
        `retryable ${show(x.retryable)} → ${show(y.retryable)}: retry behaviour changes, the types do not`,
      );
    }
    if (normalizeText(x.meaning) !== normalizeText(y.meaning)) {
      log.record("description-changed", at, BOTH, "the code's meaning text changed");
    }
  }
  for (const y of b) {
    if (a.some((c) => c.code === y.code)) continue;
    log.record(
      "result-code-added",
      format.at(y.code),
      BOTH,
      `code ${JSON.stringify(y.code)} was added (clients already map unknown codes to a generic error)`,
    );
  }
}
