/**
 * The `x:resultCodes` extension: documented result / fault codes as data.
 *
 *   <x:resultCodes [scope="general"]>
 *     <x:code value outcome="success|error" retryable="true|false" [detail="true"] [match="^…$"]
 *             [recovery="…"]>meaning</x:code>
 *   </x:resultCodes>
 *
 * Operation lists sit in `wsdl:portType/wsdl:operation`; the general list (scope="general") in
 * `wsdl:definitions` (ESWS: valid WSDL 1.1) or in `wsdl:portType` (Edu-iX); both placements are read.
 */
import { CONTRACT_EXT_NS } from "./namespaces.js";
import { attr, normalizeSpace, type XmlElement } from "./xml.js";

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

export interface ResultCodeList {
  readonly scope: "general" | "operation";
  readonly codes: readonly ResultCode[];
}

const CODE_ATTRIBUTES = new Set(["value", "outcome", "retryable", "detail", "match", "recovery"]);

function flag(el: XmlElement, name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new Error(`<${el.rawName}> ${name}="${value}": expected true or false`);
}

export function parseResultCodes(el: XmlElement): ResultCodeList {
  const scopeAttr = attr(el, "scope");
  if (scopeAttr !== undefined && scopeAttr !== "general") {
    throw new Error(`<${el.rawName} scope="${scopeAttr}">: the only scope is "general"`);
  }
  const codes: ResultCode[] = [];
  const seen = new Set<string>();
  for (const item of el.children) {
    if (item.ns !== CONTRACT_EXT_NS || item.local !== "code") {
      throw new Error(`<${el.rawName}>: unexpected <${item.rawName}>`);
    }
    for (const a of item.attributes) {
      if (a.ns === "" && !CODE_ATTRIBUTES.has(a.local)) {
        throw new Error(`<${item.rawName}>: unknown attribute ${a.local}`);
      }
    }
    const value = attr(item, "value");
    if (value === undefined || value === "") throw new Error(`<${item.rawName}>: no value`);
    if (seen.has(value)) throw new Error(`<${el.rawName}>: code ${JSON.stringify(value)} is listed twice`);
    seen.add(value);
    const where = `code ${JSON.stringify(value)}`;
    const outcome = attr(item, "outcome");
    if (outcome !== "success" && outcome !== "error") {
      throw new Error(`${where}: outcome must be success or error, not ${JSON.stringify(outcome)}`);
    }
    const retryable = flag(item, "retryable", attr(item, "retryable"));
    if (retryable === undefined) throw new Error(`${where}: no retryable`);
    const match = attr(item, "match");
    if (match !== undefined) {
      if (!match.startsWith("^") || !match.endsWith("$"))
        throw new Error(`${where}: match must be anchored ^…$`);
      try {
        new RegExp(match, "u");
      } catch (error) {
        throw new Error(`${where}: match is not a valid JS regex: ${(error as Error).message}`);
      }
    }
    const meaning = normalizeSpace(item.text);
    if (meaning === "") throw new Error(`${where}: no meaning`);
    codes.push({
      value,
      meaning,
      outcome,
      retryable,
      detail: flag(item, "detail", attr(item, "detail")) ?? false,
      match,
      recovery: attr(item, "recovery"),
    });
  }
  if (codes.length === 0) throw new Error(`<${el.rawName}>: no codes`);
  return { scope: scopeAttr === "general" ? "general" : "operation", codes };
}

/** An operation's codes: its specific codes, then the general ones it does not list itself. */
export function mergeResultCodes(
  specific: readonly ResultCode[],
  general: readonly ResultCode[],
): ResultCode[] {
  const own = new Set(specific.map((c) => c.value));
  return [...specific, ...general.filter((c) => !own.has(c.value))];
}
