/**
 * A minimal valid instance of an element's content, from its XSD: what the sandbox answers for a
 * document/literal operation that has no behaviour of its own yet. A WSDL carries no examples (unlike an OpenAPI
 * response), so the example is derived: required elements only (an optional one is left out, a repeated one
 * occurs `minOccurs` times), the first member of a choice, the first enumeration value, and otherwise a value
 * that meets the facets.
 *
 * The instance is the content as the generated schemas and validators see it (child element name → value, in
 * contract order; integers as numbers), so the response validator accepts it and the sandbox can write it as
 * XML in order. A string facet no candidate value meets (a pattern no word or run of one character matches)
 * gives no example rather than an invalid one.
 */
import type { ElementDecl, QName, SimpleType, XsdSchemaSet, XsdType } from "@integrations/contract-model";
import { type Builtin, builtin } from "./xsd-builtins.js";
import { xsdPatternsToJs } from "./xsd-pattern.js";
import { type Facets, modelGroup, resolveTypeRef, simpleBase, simpleFacets } from "./xsd-subset.js";

export type ExampleValue = string | number | boolean | ExampleContent | ExampleValue[];
export interface ExampleContent {
  [element: string]: ExampleValue;
}

/** Content models nest at most this deep in an example (a recursive type would not end otherwise). */
const MAX_DEPTH = 16;

/** Text candidates for a string, tried in order against its facets: a word, then runs of one character. */
const TEXT_CANDIDATES = [
  "example",
  ...["0", "1", "a", "A", "x"].flatMap((ch) => Array.from({ length: 64 }, (_, i) => ch.repeat(i + 1))),
];

/** Why no example: a facet no candidate meets. Thrown inside, turned into `undefined` at the top. */
class NoExample extends Error {}

/** The minimal content of the global element `name`; undefined when a facet cannot be met. */
export function minimalContent(set: XsdSchemaSet, name: QName): ExampleContent | undefined {
  const element = set.element(name);
  if (element === undefined) throw new Error(`unknown global element {${name.ns}}${name.local}`);
  try {
    const value = elementValue(set, element, 0);
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new Error(`element ${name.local}: a body element must have element content`);
    }
    return value;
  } catch (error) {
    if (error instanceof NoExample) return undefined;
    throw error;
  }
}

function elementValue(set: XsdSchemaSet, element: ElementDecl, depth: number): ExampleValue {
  if (depth > MAX_DEPTH) throw new Error(`element ${element.name}: nested more than ${MAX_DEPTH} deep`);
  const type = resolveTypeRef(set, element.type);
  if (type === undefined) {
    const ref = element.type;
    if (ref.kind !== "builtin") throw new Error(`element ${element.name}: unresolved type`);
    return simpleValue(builtin(ref.name), {}, element.name);
  }
  return typeValue(set, type, element.name, depth);
}

function typeValue(set: XsdSchemaSet, type: XsdType, where: string, depth: number): ExampleValue {
  if (type.kind === "simple") return simpleTypeValue(type, where);
  const content: ExampleContent = {};
  if (type.particle === undefined) return content;
  const { group, elements } = modelGroup(type);
  // A choice needs exactly one member: its first.
  const members = group === "choice" ? elements.slice(0, 1) : elements.filter((e) => e.minOccurs > 0);
  for (const member of members) {
    const value = elementValue(set, member, depth + 1);
    const count = Math.max(1, member.minOccurs);
    content[member.name] = member.maxOccurs > 1 ? Array.from({ length: count }, () => value) : value;
  }
  return content;
}

function simpleTypeValue(type: SimpleType, where: string): ExampleValue {
  return simpleValue(builtin(simpleBase(type)), simpleFacets(type), where);
}

function simpleValue(base: Builtin, facets: Facets, where: string): string | number | boolean {
  const first = facets.enumeration?.[0];
  if (base.jsonType === "boolean") {
    return first === undefined ? false : first.trim() === "true" || first.trim() === "1";
  }
  if (base.jsonType === "integer")
    return first === undefined ? integerValue(base, facets, where) : Number(first.trim());
  if (first !== undefined) return first;
  const pattern = facets.patterns && new RegExp(xsdPatternsToJs(facets.patterns), "u");
  for (const base of TEXT_CANDIDATES) {
    const text = fitLength(base, facets);
    if (pattern === undefined || pattern.test(text)) return text;
  }
  throw new NoExample(`${where}: no candidate text meets its pattern`);
}

/** `text` cut or padded (with its last character) to meet the length facets. */
function fitLength(text: string, facets: Facets): string {
  const min = facets.length ?? facets.minLength ?? 0;
  const max = facets.length ?? facets.maxLength ?? Number.POSITIVE_INFINITY;
  const cut = text.slice(0, max);
  return cut.length >= min ? cut : cut.padEnd(min, cut.at(-1) ?? "x");
}

/** 0 when the bounds (the type's and the facets') allow it, else the bound nearest to it. */
function integerValue(base: Builtin, facets: Facets, where: string): number {
  const bound = (text: string | undefined, step: number) =>
    text === undefined ? undefined : Number(text) + step;
  const lows = [base.minimum, bound(facets.minInclusive, 0), bound(facets.minExclusive, 1)].filter(
    (n) => n !== undefined,
  );
  const highs = [base.maximum, bound(facets.maxInclusive, 0), bound(facets.maxExclusive, -1)].filter(
    (n) => n !== undefined,
  );
  const low = lows.length > 0 ? Math.max(...lows) : undefined;
  const high = highs.length > 0 ? Math.min(...highs) : undefined;
  const value = low !== undefined && low > 0 ? low : high !== undefined && high < 0 ? high : 0;
  if ((low !== undefined && value < low) || (high !== undefined && value > high)) {
    throw new NoExample(`${where}: its bounds leave no integer`);
  }
  if (facets.totalDigits !== undefined && String(Math.abs(value)).length > facets.totalDigits) {
    throw new NoExample(`${where}: ${value} has more than ${facets.totalDigits} digits`);
  }
  return value;
}
