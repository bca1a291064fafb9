/**
 * XSD → JSON Schema (draft 2020-12), for the subset xsd-subset.ts accepts. The JSON form is the client-level
 * value of an element's content: an object per complex type, property names = element local names.
 *
 * - simpleType (one restriction step): pattern → `^(?:…)$`; length / minLength / maxLength; enumeration →
 *   `enum` typed by the base (numbers for integer bases); min/maxInclusive, min/maxExclusive and totalDigits
 *   on integer bases → minimum / maximum (intersected with the base type's own range).
 * - sequence → object, `additionalProperties: false`, `required` = elements with minOccurs ≥ 1.
 * - choice → the same object with every member listed, plus `oneOf` of one `required` branch per member:
 *   exactly one member (none, or two, fail).
 * - maxOccurs > 1 → array (minItems = minOccurs when > 0, maxItems when bounded).
 * - an Apache SOAP `Map` (or a complexContent restriction of it) → a plain JSON object: keys = the item's
 *   `key` type (`propertyNames`), values = its `value` type (`additionalProperties`), at most maxOccurs
 *   entries (`maxProperties`). That is what a PHP associative array is at the client level.
 *
 * Named types become `$defs` entries keyed by local name (`$ref: "#/$defs/<local>"`), sorted by name; the
 * documentation of a type or element becomes its `description` (whitespace-normalised).
 */
import {
  APACHE_SOAP_NS,
  type ComplexType,
  type ElementDecl,
  type QName,
  qnameKey,
  type SimpleType,
  type TypeRef,
  type XsdSchemaSet,
  type XsdType,
} from "@integrations/contract-model";
import type { JsonObject } from "../json-schema.js";
import { builtin, typedValue } from "./xsd-builtins.js";
import { xsdPatternsToJs } from "./xsd-pattern.js";
import {
  builtinName,
  lookupType,
  modelGroup,
  resolveTypeRef,
  restrictionBase,
  simpleBase,
  simpleFacets,
} from "./xsd-subset.js";

type Json = JsonObject[string];

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** Collects the named types a schema refers to, so they can be emitted under `$defs`. */
export class XsdJsonSchemaConverter {
  private readonly needed = new Map<string, QName>();

  constructor(private readonly set: XsdSchemaSet) {}

  /** A standalone schema: `root` built with this converter, plus `$defs` for every named type it reaches. */
  standalone(id: string, root: (c: XsdJsonSchemaConverter) => JsonObject): JsonObject {
    this.needed.clear();
    const body = root(this);
    const defs = new Map<string, JsonObject>();
    const byLocal = new Map<string, string>();
    for (let pending = [...this.needed.values()]; pending.length > 0; pending = this.pendingDefs(defs)) {
      for (const name of pending) {
        const other = byLocal.get(name.local);
        if (other !== undefined && other !== qnameKey(name)) {
          throw new Error(
            `two named types share the local name ${name.local}: ${other} and ${qnameKey(name)}`,
          );
        }
        byLocal.set(name.local, qnameKey(name));
        defs.set(qnameKey(name), this.typeSchema(lookupType(this.set, name)));
      }
    }
    const out: JsonObject = { $schema: JSON_SCHEMA_DIALECT, $id: id, ...body };
    if (defs.size > 0) {
      const sorted: JsonObject = {};
      const entries = [...this.needed.values()].sort((a, b) =>
        a.local < b.local ? -1 : a.local > b.local ? 1 : 0,
      );
      for (const name of entries) sorted[name.local] = defs.get(qnameKey(name))!;
      out.$defs = sorted;
    }
    return out;
  }

  private pendingDefs(done: ReadonlyMap<string, JsonObject>): QName[] {
    return [...this.needed.entries()].filter(([key]) => !done.has(key)).map(([, name]) => name);
  }

  /** The schema of a type reference: a built-in inline, a named type as `$ref`, an anonymous type inline. */
  ref(ref: TypeRef): JsonObject {
    if (ref.kind === "anonymous") return this.typeSchema(ref.type);
    const builtinType = builtinName(ref, "type reference");
    if (builtinType) return builtinSchema(builtinType);
    const name = (ref as { name: QName }).name;
    lookupType(this.set, name); // fail early on an unknown type
    this.needed.set(qnameKey(name), name);
    return { $ref: `#/$defs/${name.local}` };
  }

  /** The schema of a type's content (what a `$defs` entry holds). */
  typeSchema(type: XsdType): JsonObject {
    return type.kind === "simple" ? simpleTypeSchema(type) : this.complexTypeSchema(type);
  }

  /** One element occurrence: its type, as an array when it may repeat, with its documentation. */
  element(decl: ElementDecl): JsonObject {
    let schema = this.ref(decl.type);
    if (decl.maxOccurs > 1) {
      const array: JsonObject = { type: "array", items: schema };
      if (decl.minOccurs > 0) array.minItems = decl.minOccurs;
      if (Number.isFinite(decl.maxOccurs)) array.maxItems = decl.maxOccurs;
      schema = array;
    }
    return decl.documentation ? { description: decl.documentation, ...schema } : schema;
  }

  complexTypeSchema(type: ComplexType): JsonObject {
    const out: JsonObject = {};
    if (type.documentation) out.description = type.documentation;
    if (isApacheMap(type)) return { ...out, ...this.mapSchema(type) };
    const { group, elements } = modelGroup(type);
    out.type = "object";
    if (elements.length > 0) {
      const properties: JsonObject = {};
      for (const e of elements) properties[e.name] = this.element(e);
      out.properties = properties;
    }
    if (group === "sequence") {
      const required = elements.filter((e) => e.minOccurs > 0).map((e) => e.name);
      if (required.length > 0) out.required = required;
    }
    out.additionalProperties = false;
    if (group === "choice") out.oneOf = elements.map((e) => ({ required: [e.name] }));
    return out;
  }

  private mapSchema(type: ComplexType): JsonObject {
    const label = type.name?.local ?? "anonymous Map";
    const { group, elements } = modelGroup(type);
    const item = elements.length === 1 ? elements[0]! : undefined;
    const itemType = item ? resolveTypeRef(this.set, item.type) : undefined;
    if (item?.name !== "item" || group !== "sequence" || itemType?.kind !== "complex") {
      throw new Error(`${label}: an Apache Map must be a sequence of one complex <item>`);
    }
    const itemElements = modelGroup(itemType).elements;
    const key = itemElements.find((e) => e.name === "key");
    const value = itemElements.find((e) => e.name === "value");
    if (!key || !value || itemElements.length !== 2 || key.maxOccurs !== 1 || value.maxOccurs !== 1) {
      throw new Error(`${label}: a Map item must be a sequence of one <key> and one <value>`);
    }
    const out: JsonObject = { type: "object" };
    const keySchema = this.ref(key.type);
    if (!isPlainString(keySchema)) out.propertyNames = keySchema;
    out.additionalProperties = this.ref(value.type);
    if (item.minOccurs > 0) out.minProperties = item.minOccurs;
    if (Number.isFinite(item.maxOccurs)) out.maxProperties = item.maxOccurs;
    return out;
  }
}

function isPlainString(schema: JsonObject): boolean {
  return Object.keys(schema).length === 1 && schema.type === "string";
}

/** `apachesoap:Map` itself, or a complexContent restriction of it. */
export function isApacheMap(type: ComplexType): boolean {
  const isMap = (name: QName | undefined) => name?.ns === APACHE_SOAP_NS && name.local === "Map";
  return isMap(type.name) || isMap(restrictionBase(type));
}

export function builtinSchema(name: QName): JsonObject {
  const b = builtin(name);
  const out: JsonObject = { type: b.jsonType };
  if (b.minimum !== undefined) out.minimum = b.minimum;
  if (b.maximum !== undefined) out.maximum = b.maximum;
  return out;
}

export function simpleTypeSchema(type: SimpleType): JsonObject {
  const where = `simpleType ${type.name?.local ?? "(anonymous)"}`;
  const base = builtin(simpleBase(type));
  const f = simpleFacets(type);
  const out: JsonObject = {};
  if (type.documentation) out.description = type.documentation;
  out.type = base.jsonType;

  const stringFacets = [f.length, f.minLength, f.maxLength, f.patterns].some((v) => v !== undefined);
  const numericFacets = [f.minInclusive, f.maxInclusive, f.minExclusive, f.maxExclusive, f.totalDigits].some(
    (v) => v !== undefined,
  );
  if (stringFacets && base.jsonType !== "string")
    throw new Error(`${where}: string facets on a non-string base`);
  if (numericFacets && base.jsonType !== "integer")
    throw new Error(`${where}: numeric facets on a non-integer base`);

  if (f.enumeration) {
    out.enum = f.enumeration.map((v) => typedValue(base, v, where) as Json);
  }
  if (f.length !== undefined) {
    out.minLength = f.length;
    out.maxLength = f.length;
  }
  if (f.minLength !== undefined) out.minLength = f.minLength;
  if (f.maxLength !== undefined) out.maxLength = f.maxLength;
  if (f.patterns) out.pattern = xsdPatternsToJs(f.patterns);

  if (base.jsonType === "integer" && !f.enumeration) {
    const bound = (v: string | undefined) =>
      v === undefined ? undefined : (typedValue(base, v, where) as number);
    let minimum = base.minimum;
    let maximum = base.maximum;
    const tighterMin = (v: number | undefined) => {
      if (v !== undefined) minimum = minimum === undefined ? v : Math.max(minimum, v);
    };
    const tighterMax = (v: number | undefined) => {
      if (v !== undefined) maximum = maximum === undefined ? v : Math.min(maximum, v);
    };
    tighterMin(bound(f.minInclusive));
    tighterMax(bound(f.maxInclusive));
    if (f.totalDigits !== undefined) {
      if (f.totalDigits < 1 || f.totalDigits > 15)
        throw new Error(`${where}: totalDigits ${f.totalDigits} unsupported`);
      const limit = 10 ** f.totalDigits - 1;
      tighterMin(-limit);
      tighterMax(limit);
    }
    if (minimum !== undefined) out.minimum = minimum;
    if (maximum !== undefined) out.maximum = maximum;
    const exclusiveMin = bound(f.minExclusive);
    const exclusiveMax = bound(f.maxExclusive);
    if (exclusiveMin !== undefined) out.exclusiveMinimum = exclusiveMin;
    if (exclusiveMax !== undefined) out.exclusiveMaximum = exclusiveMax;
    if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
      throw new Error(`${where}: empty value space (${minimum} > ${maximum})`);
    }
  }
  return out;
}
