/**
 * Turning ESWS's raw `<return>` text into a documented result code.
 *
 * Every ESWS call answers with one string: a code (`OK`, `NO_EMAIL`), a code followed by a message
 * (`UNAUTHORIZED <message>`, the syncMOCA page), a whole sentence (`PIN must be unique`,
 * the user insert/update page), or text with a variable part (`wsStartDatum (INFO3) and …`). The contract
 * (esws.wsdl, header comment, "Resolving a raw return") fixes the order, implemented here:
 *   after trimming surrounding whitespace,
 *   1. an exact match on a code's value;
 *   2. a code's `match` regex (the code is the value; no detail is split off);
 *   3. `VALUE <message>` for a code marked detail="true" (the message becomes the detail);
 *   4. anything else is an undocumented return.
 */

/** One entry of a generated result-code catalog (`generalResultCodes`, `syncMOCAResultCodes`, …). */
export interface ResultCodeEntry {
  readonly code: string;
  readonly meaning: string;
  readonly outcome: "success" | "error";
  readonly retryable: boolean;
  readonly detail?: boolean | undefined;
  readonly match?: string | undefined;
}

export type Resolution =
  | { readonly documented: true; readonly entry: ResultCodeEntry; readonly detail: string | undefined }
  | { readonly documented: false; readonly code: string };

export type ReturnResolver = (raw: string) => Resolution;

/**
 * A resolver over `catalog` (general codes and the operation's own; a code listed twice is kept once, the
 * first entry winning). Regexes are compiled once, here.
 */
export function createReturnResolver(catalog: ReadonlyArray<ResultCodeEntry>): ReturnResolver {
  const exact = new Map<string, ResultCodeEntry>();
  for (const entry of catalog) if (!exact.has(entry.code)) exact.set(entry.code, entry);
  const entries = [...exact.values()];
  const patterns = entries
    .filter((e) => typeof e.match === "string" && e.match !== "")
    .map((e) => ({ entry: e, regex: new RegExp(e.match!) }));
  // Longest value first, so that a code that is a prefix of another can never steal its messages.
  const withDetail = entries.filter((e) => e.detail === true).sort((a, b) => b.code.length - a.code.length);

  return (raw) => {
    const text = raw.trim();
    const hit = exact.get(text);
    if (hit !== undefined) return { documented: true, entry: hit, detail: undefined };
    for (const { entry, regex } of patterns) {
      if (regex.test(text)) return { documented: true, entry, detail: undefined };
    }
    for (const entry of withDetail) {
      if (text.startsWith(`${entry.code} `)) {
        return { documented: true, entry, detail: text.slice(entry.code.length + 1).trim() };
      }
    }
    return { documented: false, code: text };
  };
}
