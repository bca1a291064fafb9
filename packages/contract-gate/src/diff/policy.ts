/**
 * The gate's classification policy, in one place for both formats: whether a kind of change breaks clients,
 * by the direction(s) the changed definition is used in. A request is what the client writes (narrowing it
 * rejects calls that worked); a response is what it reads (widening it hands the client values it was not
 * prepared for). The walkers (openapi/, wsdl/) find changes; this table classifies them.
 */

export type Classification = "breaking" | "non-breaking";

/** Which side of the wire a schema node is on. A node reachable from both is checked under both rule sets. */
export type Direction = "request" | "response";

export type Directions = ReadonlySet<Direction>;
export const REQUEST: Directions = new Set<Direction>(["request"]);
export const RESPONSE: Directions = new Set<Direction>(["response"]);
export const BOTH: Directions = new Set<Direction>(["request", "response"]);

/** A classification per direction: what the change means for a request (the client writes) or a response. */
export interface DirectionalRule {
  readonly request: Classification;
  readonly response: Classification;
}

export const BREAKING: DirectionalRule = { request: "breaking", response: "breaking" };
export const NON_BREAKING: DirectionalRule = { request: "non-breaking", response: "non-breaking" };
/** Breaking when the client sends it (it may now be rejected), harmless when the client reads it. */
export const BREAKING_IN_REQUEST: DirectionalRule = { request: "breaking", response: "non-breaking" };
/** Breaking when the client reads it (it may now get what it was not prepared for), harmless when it sends it. */
export const BREAKING_IN_RESPONSE: DirectionalRule = { request: "non-breaking", response: "breaking" };

/** Breaking if breaking in any direction the node is used in (no directions known: both, conservatively). */
export function classify(rule: DirectionalRule | Classification, dirs: Directions): Classification {
  if (typeof rule === "string") return rule;
  const used = dirs.size === 0 ? BOTH : dirs;
  for (const d of used) if (rule[d] === "breaking") return "breaking";
  return "non-breaking";
}

export function describeDirections(dirs: Directions): string {
  if (dirs.size === 0 || dirs.size === 2) return "requests and responses";
  return `${[...dirs][0] ?? ""}s`;
}

const breaking = (...kinds: string[]) => kinds.map((k) => [k, BREAKING] as const);
const nonBreaking = (...kinds: string[]) => kinds.map((k) => [k, NON_BREAKING] as const);
const inRequest = (...kinds: string[]) => kinds.map((k) => [k, BREAKING_IN_REQUEST] as const);
const inResponse = (...kinds: string[]) => kinds.map((k) => [k, BREAKING_IN_RESPONSE] as const);

/**
 * The rule of every kind whose classification does not depend on the values involved (value restrictions:
 * see RESTRICTIONS below). A few kinds whose rule depends on the change itself — a removed response is
 * breaking only for a success status, a part rename only where part names are on the wire — pass their rule
 * where they are found, with the reason beside it.
 */
const POLICY: ReadonlyMap<string, DirectionalRule> = new Map([
  // Whatever the direction: the wire, a generated name or a documented meaning changes under the client.
  ...breaking(
    "path-removed",
    "operation-removed",
    "operation-renamed",
    "input-removed",
    "output-removed",
    "fault-removed",
    "header-removed",
    "service-removed",
    "port-removed",
    "server-removed",
    "server-changed",
    "server-environment-changed",
    "endpoint-removed",
    "security-changed",
    "keyword-changed",
    "namespace-changed",
    "element-form-changed",
    "style-changed",
    "use-changed",
    "encoding-style-changed",
    "soap-action-changed",
    "transport-changed",
    "soap-version-changed",
    "parameter-removed",
    "parameter-became-required",
    "parameter-added-required",
    "parameter-serialization-changed",
    "request-body-removed",
    "request-body-became-required",
    "media-type-removed",
    "schema-removed",
    "type-removed",
    "element-removed",
    "element-changed",
    "field-removed",
    "field-renamed",
    "part-removed",
    "part-renamed",
    "part-inserted",
    "part-order-changed",
    "member-order-changed",
    "choice-member-removed",
    "union-member-removed",
    "all-of-member-added",
    "group-removed",
    "attribute-removed",
    "composition-changed",
    "compositor-changed",
    "cardinality-changed",
    "maxOccurs-narrowed",
    "type-narrowed",
    "type-changed",
    "base-type-changed",
    "derivation-changed",
    "content-changed",
    "mixed-changed",
    "abstract-changed",
    "substitution-group-changed",
    "fixed-changed",
    "not-changed",
    "readOnly-changed",
    "writeOnly-changed",
    "discriminator-changed",
    "result-code-removed",
    "result-code-outcome-changed",
    "result-code-changed",
    "enum-value-removed",
  ),
  // Breaking in requests: the client must now send more, or something stricter.
  ...inRequest(
    "field-added-required",
    "field-became-required",
    "minOccurs-increased",
    "part-added",
    "part-added-required",
    "part-became-required",
    "rule-added",
    "header-added",
    "attribute-added-required",
    "additional-properties-narrowed",
    "nillable-removed",
  ),
  // Breaking in responses: the client may now read what it was not prepared for.
  ...inResponse(
    "type-widened",
    "field-became-optional",
    "minOccurs-decreased",
    "part-became-optional",
    "rule-removed",
    "nillable-added",
    "choice-member-added",
    "union-member-added",
    "all-of-member-removed",
  ),
  // Never breaking: additions a client ignores, relaxed limits, documentation, retry hints, addresses.
  ...nonBreaking(
    "operation-added",
    "fault-added",
    "service-added",
    "port-added",
    "server-added",
    "endpoint-added",
    "address-changed",
    "endpoint-location-changed",
    "schema-added",
    "type-added",
    "element-added",
    "field-added-optional",
    "part-added-optional",
    "attribute-added-optional",
    "parameter-added-optional",
    "parameter-became-optional",
    "request-body-became-optional",
    "media-type-added",
    "response-added",
    "response-headers-changed",
    "additional-properties-widened",
    "maxOccurs-widened",
    "type-reference-changed",
    "schema-restructured",
    "default-changed",
    "deprecated-changed",
    "description-changed",
    "extension-changed",
    "openapi-version-changed",
    "info-version-changed",
    "idempotency-changed",
    "result-code-added",
    "result-code-moved",
    "result-code-retryable-changed",
    "result-code-recovery-changed",
    "enum-value-added",
  ),
]);

/**
 * Value restrictions — JSON Schema limits and XSD facets, patterns, enumerations, formats — follow one rule
 * on both sides of the wire: `<restriction>-narrowed`, `-added` or `-changed` may reject values that were
 * accepted and is breaking; `-widened` or `-removed` accepts every value accepted before and is not.
 * (An enumeration is the exception: `enum-value-removed` narrows it, `enum-value-added` widens it; both are
 * listed above.)
 */
const RESTRICTIONS: ReadonlySet<string> = new Set([
  ...["maxLength", "minLength", "length", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"],
  ...["maxInclusive", "minInclusive", "maxExclusive", "minExclusive", "totalDigits", "fractionDigits"],
  ...["maxItems", "minItems", "maxProperties", "minProperties", "multipleOf"],
  ...["pattern", "enum", "format", "uniqueItems", "whiteSpace"],
]);
const RESTRICTION_CHANGES: ReadonlyMap<string, DirectionalRule> = new Map([
  ["narrowed", BREAKING],
  ["added", BREAKING],
  ["changed", BREAKING],
  ["widened", NON_BREAKING],
  ["removed", NON_BREAKING],
]);

/** The rule of a kind of change; a kind the policy does not cover is a bug in the walker that found it. */
export function ruleFor(kind: string): DirectionalRule {
  const rule = POLICY.get(kind);
  if (rule) return rule;
  const dash = kind.lastIndexOf("-");
  const restriction = RESTRICTIONS.has(kind.slice(0, dash))
    ? RESTRICTION_CHANGES.get(kind.slice(dash + 1))
    : undefined;
  if (!restriction) throw new Error(`internal: no classification policy for change kind ${kind}`);
  return restriction;
}
