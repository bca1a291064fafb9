/**
 * The `x:resultCodes` extension as codegen emits it: each `x:code` of the contract model typed (outcome,
 * retryable and detail as values, `match` an anchored JS regex). The vocabulary:
 *
 *   <x:resultCodes [scope="general"]>
 *     <x:code value outcome="success|error" retryable="true|false" [detail="true"] [match="^…$"]
 *             [recovery="…"]>meaning</x:code>
 *   </x:resultCodes>
 *
 * Operation lists sit in `wsdl:portType/wsdl:operation`; the general list (scope="general") in
 * `wsdl:definitions` (ESWS: valid WSDL 1.1) or in `wsdl:portType` (Edu-iX); both placements are read.
 */
import type { ResultCodeList } from "@integrations/contract-model";

export interface ResultCode {
  /** The canonical code literal, as written in `value`. */
  readonly value: string;
  /** Whitespace-normalised text of the element. */
  readonly meaning: string;
  readonly outcome: "success" | "error";
  readonly retryable: boolean;
  /** The raw return may carry a message after the code ("VALUE <message>"). */
  readonly detail: boolean;
  /** An anchored JS regex for codes whose raw text varies. */
  readonly match: string | undefined;
  /** The operation to call before a retry (Edu-iX: "login" on an expired session). */
  readonly recovery: string | undefined;
}

/**
 * The codes of one list, typed. The list is well-formed: `serviceView`'s contract check applies the extension
 * rules first (contract-model's `wsdlExtensionIssues`, the ones the contract gate's lint applies too).
 */
export function resultCodesOf(list: ResultCodeList): ResultCode[] {
  return list.codes.map((code) => ({
    value: code.value!,
    meaning: code.meaning,
    outcome: code.outcome as "success" | "error",
    retryable: code.retryable === "true",
    detail: code.detail === "true",
    match: code.match,
    recovery: code.recovery,
  }));
}

/** An operation's codes: its specific codes, then the general ones it does not list itself. */
export function mergeResultCodes(
  specific: readonly ResultCode[],
  general: readonly ResultCode[],
): ResultCode[] {
  const own = new Set(specific.map((c) => c.value));
  return [...specific, ...general.filter((c) => !own.has(c.value))];
}
