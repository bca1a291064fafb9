/**
 * Reading the numeric code of an Edu-iX SOAP Fault.
 *
 * The vendor doc only lists numeric codes ("Errors" tables) and writes code 6 as "0006" in its "Specific
 * errors" table; Edu-iX warns that it can arrive as a string (contracts/eduix/README.md, "Faults"). The contract (account.wsdl, accountFault)
 * puts it in `detail/accountFault/code`. So the code is read defensively: surrounding whitespace (including
 * newlines from pretty-printing) is trimmed and leading zeros are allowed, but anything that is not a plain
 * base-10 integer is refused rather than guessed at (`parseInt("12abc")` would say 12).
 */
import { firstChild, type SoapFault, type XmlElement } from "@integrations/runtime";

/** An optional sign and 1–10 digits after trimming: the value space of the contract's `faultCode` (int32). */
const INTEGER = /^[+-]?\d{1,10}$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** `" 12 "` → 12, `"0006"` → 6; `undefined` for anything that is not a plain integer in the int32 range. */
export function parseFaultCode(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (value < INT32_MIN || value > INT32_MAX) return undefined;
  // Number("-0") is -0; a code is never negative zero.
  return value === 0 ? 0 : value;
}

/**
 * A faultstring that is only a code (`"12"`) or starts with one followed by a separator (`"12: Session
 * expired"`, `"0006 - Missing required fields"`). Free text that merely contains digits ("error in line 12")
 * does not count.
 */
const CODE_PREFIXED_TEXT = /^\s*(\d{1,10})\s*(?:$|[:-]\s)/;

/**
 * The fault's numeric code, or `undefined` when it carries none.
 *
 * 1. `detail/accountFault/code` (the contract's place). Matched by local name: the namespace is an
 *    assumption of the contract (see account.wsdl header), and the fixtures show prefixed, PHP `ns1:` and
 *    default-namespace forms.
 * 2. Only when that is absent or not an integer: a faultcode whose local part is all digits (`SOAP-ENV:12`,
 *    `12`), then a faultstring that is or starts with a code. The standard faultcodes (`Server`, `Client`)
 *    and plain messages never match, so the fallback cannot invent a code.
 */
export function faultCodeOf(fault: SoapFault): number | undefined {
  const fromDetail = parseFaultCode(accountFaultText(fault, "code"));
  if (fromDetail !== undefined) return fromDetail;
  const localPart = fault.faultcode.slice(fault.faultcode.lastIndexOf(":") + 1).trim();
  if (/^\d{1,10}$/.test(localPart)) return parseFaultCode(localPart);
  const prefixed = CODE_PREFIXED_TEXT.exec(fault.faultstring);
  return prefixed === null ? undefined : parseFaultCode(prefixed[1]);
}

function accountFaultText(fault: SoapFault, member: "code" | "message"): string | undefined {
  const accountFault: XmlElement | undefined =
    fault.detail === undefined ? undefined : firstChild(fault.detail, "accountFault");
  return accountFault === undefined ? undefined : firstChild(accountFault, member)?.text;
}

/** The vendor's own message (`detail/accountFault/message`), trimmed; `undefined` when absent or empty. */
export function faultMessageOf(fault: SoapFault): string | undefined {
  return accountFaultText(fault, "message")?.trim() || undefined;
}
