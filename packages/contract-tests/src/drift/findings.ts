/**
 * The kinds of drift the check names, and how a contract issue (an ajv keyword for JSON, a libxml2 message for
 * XML) becomes one.
 */
import type { ContractIssue } from "../plugin.js";

export type FindingKind =
  | "unknown-member"
  | "missing-member"
  | "type-violation"
  | "facet-violation"
  | "rule-violation"
  | "undocumented-code"
  | "rpc-parts-reordered"
  | "rpc-part-renamed"
  | "not-parseable";

/** What each kind means, for the report. */
export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  "unknown-member": "unknown element or field",
  "missing-member": "missing required member",
  "type-violation": "value of another type",
  "facet-violation": "value outside the contract's limits (facet)",
  "rule-violation": "value breaks a contract rule",
  "undocumented-code": "result code not in the catalog",
  "rpc-parts-reordered": "rpc parts reordered",
  "rpc-part-renamed": "rpc part renamed",
  "not-parseable": "not JSON or XML at all",
};

const FACETS = new Set([
  "enum",
  "const",
  "pattern",
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "multipleOf",
  "maxItems",
  "minItems",
  "format",
]);

/** The kind of one issue of a plugin's validator. */
export function findingKind(issue: ContractIssue): FindingKind {
  const rule = issue.rule;
  if (rule === "rpc-parts-reordered" || rule === "rpc-part-renamed") return rule;
  if (rule === "json") return "not-parseable";
  if (rule === "additionalProperties") return "unknown-member";
  if (rule === "required") return "missing-member";
  if (rule === "type") return "type-violation";
  if (FACETS.has(rule)) return "facet-violation";
  // libxml2's messages.
  const text = `${rule} ${issue.message}`;
  if (/not expected|No matching global (element )?declaration|is not allowed/i.test(text))
    return "unknown-member";
  if (/Missing child element|missing/i.test(text)) return "missing-member";
  if (/facet/i.test(text)) return "facet-violation";
  if (/atomic type|not validly derived|xsi:type|is not a valid value/i.test(text)) return "type-violation";
  if (/parser error|not well-formed|Start tag expected/i.test(text)) return "not-parseable";
  return "rule-violation";
}
