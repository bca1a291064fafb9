/**
 * The XML Schema 1.0 built-in datatypes (https://www.w3.org/TR/xmlschema-2/#built-in-datatypes), each with the
 * type it is derived from, so that "is xsd:short a narrowing of xsd:int" is a lookup.
 */

/** XSD 1.0 built-in datatypes, each with the type it is derived from (undefined: a root). */
export const XSD_BUILTINS: ReadonlyMap<string, string | undefined> = new Map<string, string | undefined>([
  ["anyType", undefined],
  ["anySimpleType", "anyType"],
  ["string", "anySimpleType"],
  ["normalizedString", "string"],
  ["token", "normalizedString"],
  ["language", "token"],
  ["Name", "token"],
  ["NCName", "Name"],
  ["ID", "NCName"],
  ["IDREF", "NCName"],
  ["IDREFS", "anySimpleType"],
  ["ENTITY", "NCName"],
  ["ENTITIES", "anySimpleType"],
  ["NMTOKEN", "token"],
  ["NMTOKENS", "anySimpleType"],
  ["boolean", "anySimpleType"],
  ["base64Binary", "anySimpleType"],
  ["hexBinary", "anySimpleType"],
  ["float", "anySimpleType"],
  ["double", "anySimpleType"],
  ["decimal", "anySimpleType"],
  ["integer", "decimal"],
  ["nonPositiveInteger", "integer"],
  ["negativeInteger", "nonPositiveInteger"],
  ["long", "integer"],
  ["int", "long"],
  ["short", "int"],
  ["byte", "short"],
  ["nonNegativeInteger", "integer"],
  ["unsignedLong", "nonNegativeInteger"],
  ["unsignedInt", "unsignedLong"],
  ["unsignedShort", "unsignedInt"],
  ["unsignedByte", "unsignedShort"],
  ["positiveInteger", "nonNegativeInteger"],
  ["duration", "anySimpleType"],
  ["dateTime", "anySimpleType"],
  ["time", "anySimpleType"],
  ["date", "anySimpleType"],
  ["gYearMonth", "anySimpleType"],
  ["gYear", "anySimpleType"],
  ["gMonthDay", "anySimpleType"],
  ["gDay", "anySimpleType"],
  ["gMonth", "anySimpleType"],
  ["anyURI", "anySimpleType"],
  ["QName", "anySimpleType"],
  ["NOTATION", "anySimpleType"],
]);

/** True if built-in `a` is `b` or derived from it. */
export function builtinDerivesFrom(a: string, b: string): boolean {
  for (let t: string | undefined = a; t !== undefined; t = XSD_BUILTINS.get(t)) if (t === b) return true;
  return false;
}

export function isBuiltinName(local: string): boolean {
  return XSD_BUILTINS.has(local);
}
