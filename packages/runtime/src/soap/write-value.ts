/**
 * Shared by the envelope writers: turn a caller's value into escaped character data, or record why it
 * cannot be sent. Problems with caller data become ValidationIssues (all of them, reported once);
 * problems with names that come from contracts are programming errors and throw TypeError at once.
 */
import type { ValidationIssue } from "../errors.js";
import { escapeXmlText, findInvalidXmlChar, formatCodePoint } from "../xml/escape.js";

/**
 * Escaped text for `value`, or `""` after recording an issue against `field`. `subject` prefixes the
 * message when the offending string is not the field's value itself (e.g. a map key).
 */
export function textContent(
  value: string | number | boolean,
  field: string,
  issues: ValidationIssue[],
  subject = "",
): string {
  if (typeof value === "string") {
    const bad = findInvalidXmlChar(value);
    if (bad === undefined) return escapeXmlText(value);
    issues.push({
      field,
      rule: "xmlChar",
      message: `${subject}contains ${formatCodePoint(bad.codePoint)}, which XML 1.0 cannot carry`,
    });
    return "";
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    issues.push({ field, rule: "finite", message: "must be a finite number" });
    return "";
  }
  return String(value);
}

// An XML NCName restricted to what contracts use (ASCII); `.` is allowed, as in `Esws.syncMOCA`.
const NC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Throws TypeError unless `name` can be written as-is as an element name or prefix. */
export function assertNcName(name: string, what: string): void {
  if (!NC_NAME.test(name))
    throw new TypeError(`${what} ${JSON.stringify(name.slice(0, 60))} is not an XML name`);
}

/** Throws TypeError for a namespace URI that is empty or that XML cannot carry (it comes from configuration). */
export function assertNamespace(uri: string): void {
  if (uri === "" || findInvalidXmlChar(uri) !== undefined) {
    throw new TypeError("the service namespace must be a non-empty string XML can carry");
  }
}
