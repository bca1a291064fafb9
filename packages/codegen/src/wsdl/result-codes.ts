/**
 * The `x:resultCodes` extension as codegen emits it: each `x:code` of the contract model checked and typed
 * (outcome, retryable and detail as values, `match` an anchored JS regex). The vocabulary:
 *
 *   <x:resultCodes [scope="general"]>
 *     <x:code value outcome="success|error" retryable="true|false" [detail="true"] [match="^…$"]
 *             [recovery="…"]>meaning</x:code>
 *   </x:resultCodes>
 *
 * Operation lists sit in `wsdl:portType/wsdl:operation`; the general list (scope="general") in
 * `wsdl:definitions` (ESWS: valid WSDL 1.1) or in `wsdl:portType` (Edu-iX); both placements are read.
 */
import { CONTRACT_EXT_NS, qualifiedName, type ResultCodeList } from "@integrations/contract-model";

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

const CODE_ATTRIBUTES = new Set(["value", "outcome", "retryable", "detail", "match", "recovery"]);

function flag(where: string, name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new Error(`<${where}> ${name}="${value}": expected true or false`);
}

/** The codes of one list, checked; `scope` says where the list sits (general or one operation's). */
export function resultCodesOf(
  list: ResultCodeList,
  scope: "general" | "operation",
  where: string,
): ResultCode[] {
  const listName = qualifiedName(list.source);
  if (list.scope !== undefined && list.scope !== "general") {
    throw new Error(`<${listName} scope="${list.scope}">: the only scope is "general"`);
  }
  if (scope === "general" && list.scope !== "general") {
    throw new Error(`x:resultCodes in ${where} must have scope="general"`);
  }
  if (scope === "operation" && list.scope === "general") {
    throw new Error(`${where}: scope="general" is not allowed here`);
  }
  for (const item of list.source.children) {
    if (item.ns !== CONTRACT_EXT_NS || item.name !== "code") {
      throw new Error(`<${listName}>: unexpected <${qualifiedName(item)}>`);
    }
  }
  const codes: ResultCode[] = [];
  const seen = new Set<string>();
  for (const code of list.codes) {
    const codeName = qualifiedName(code.source);
    for (const a of code.source.attributes) {
      if (a.ns === "" && !CODE_ATTRIBUTES.has(a.name))
        throw new Error(`<${codeName}>: unknown attribute ${a.name}`);
    }
    const value = code.value;
    if (value === undefined || value === "") throw new Error(`<${codeName}>: no value`);
    if (seen.has(value)) throw new Error(`<${listName}>: code ${JSON.stringify(value)} is listed twice`);
    seen.add(value);
    const at = `code ${JSON.stringify(value)}`;
    const outcome = code.outcome;
    if (outcome !== "success" && outcome !== "error") {
      throw new Error(`${at}: outcome must be success or error, not ${JSON.stringify(outcome)}`);
    }
    const retryable = flag(codeName, "retryable", code.retryable);
    if (retryable === undefined) throw new Error(`${at}: no retryable`);
    const match = code.match;
    if (match !== undefined) {
      if (!match.startsWith("^") || !match.endsWith("$"))
        throw new Error(`${at}: match must be anchored ^…$`);
      try {
        new RegExp(match, "u");
      } catch (error) {
        throw new Error(`${at}: match is not a valid JS regex: ${(error as Error).message}`);
      }
    }
    if (code.meaning === "") throw new Error(`${at}: no meaning`);
    codes.push({
      value,
      meaning: code.meaning,
      outcome,
      retryable,
      detail: flag(codeName, "detail", code.detail) ?? false,
      match,
      recovery: code.recovery,
    });
  }
  if (codes.length === 0) throw new Error(`<${listName}>: no codes`);
  return codes;
}

/** An operation's codes: its specific codes, then the general ones it does not list itself. */
export function mergeResultCodes(
  specific: readonly ResultCode[],
  general: readonly ResultCode[],
): ResultCode[] {
  const own = new Set(specific.map((c) => c.value));
  return [...specific, ...general.filter((c) => !own.has(c.value))];
}
