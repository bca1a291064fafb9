/**
 * The `x:resultCodes` extension (contracts/README.md, "Result codes are data in the contract"): documented
 * result / fault codes, as written.
 *
 *   <x:resultCodes [scope="general"]>
 *     <x:code value outcome="success|error" retryable="true|false" [detail="true"] [match="^…$"]
 *             [recovery="…"]>meaning</x:code>
 *   </x:resultCodes>
 *
 * Attribute values are kept as written: the lint reports malformed ones and codegen refuses them, each in its
 * own words, so the model never guesses what a malformed value meant.
 */
import { CONTRACT_EXT_NS } from "../namespaces.js";
import { attr, children, deepText, type XmlNode } from "../xml.js";

export interface ResultCode {
  /** The canonical code literal; undefined when the attribute is missing. */
  readonly value: string | undefined;
  readonly outcome: string | undefined;
  readonly retryable: string | undefined;
  /** `"true"`: the raw return may carry a message after the code ("VALUE <message>"). */
  readonly detail: string | undefined;
  /** An anchored JS regex for codes whose raw text varies. */
  readonly match: string | undefined;
  /** The operation to call before a retry (Edu-iX: "login" on an expired session). */
  readonly recovery: string | undefined;
  /** The element's text, whitespace-normalised. */
  readonly meaning: string;
  readonly source: XmlNode;
}

export interface ResultCodeList {
  /** `scope` as written: `"general"` for codes every operation can return; undefined on an operation's list. */
  readonly scope: string | undefined;
  /** The `x:code` children, in contract order. */
  readonly codes: readonly ResultCode[];
  readonly source: XmlNode;
}

export function readResultCodes(el: XmlNode): ResultCodeList {
  return {
    scope: attr(el, "scope"),
    codes: children(el, CONTRACT_EXT_NS, "code").map((c) => ({
      value: attr(c, "value"),
      outcome: attr(c, "outcome"),
      retryable: attr(c, "retryable"),
      detail: attr(c, "detail"),
      match: attr(c, "match"),
      recovery: attr(c, "recovery"),
      meaning: deepText(c),
      source: c,
    })),
    source: el,
  };
}
