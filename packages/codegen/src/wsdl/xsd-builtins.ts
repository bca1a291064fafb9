/**
 * The built-in XSD types the codegen supports, with their JSON Schema and TypeScript forms. Integer types
 * become JSON `integer` with the value space of the XSD type (xsd:int is 32-bit; xsd:integer is unbounded).
 */
import { type QName, XSD_NS } from "@integrations/contract-model";

export interface Builtin {
  readonly jsonType: "string" | "integer" | "boolean";
  readonly ts: "string" | "number" | "boolean";
  readonly minimum?: number;
  readonly maximum?: number;
}

const BUILTINS: Readonly<Record<string, Builtin>> = {
  string: { jsonType: "string", ts: "string" },
  boolean: { jsonType: "boolean", ts: "boolean" },
  integer: { jsonType: "integer", ts: "number" },
  int: { jsonType: "integer", ts: "number", minimum: -2147483648, maximum: 2147483647 },
  short: { jsonType: "integer", ts: "number", minimum: -32768, maximum: 32767 },
  positiveInteger: { jsonType: "integer", ts: "number", minimum: 1 },
  nonNegativeInteger: { jsonType: "integer", ts: "number", minimum: 0 },
};

export function builtin(name: QName): Builtin {
  const found = name.ns === XSD_NS ? BUILTINS[name.local] : undefined;
  if (!found) throw new Error(`built-in type ${name.local} is not supported by the WSDL codegen`);
  return found;
}

/** A typed enumeration / bound value: a number for integer types, a boolean for xsd:boolean. */
export function typedValue(base: Builtin, lexical: string, where: string): string | number | boolean {
  if (base.jsonType === "string") return lexical;
  const value = lexical.trim();
  if (base.jsonType === "boolean") {
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
    throw new Error(`${where}: ${JSON.stringify(lexical)} is not a boolean`);
  }
  if (!/^[+-]?[0-9]+$/.test(value)) throw new Error(`${where}: ${JSON.stringify(lexical)} is not an integer`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${where}: ${value} is beyond JavaScript's safe integers`);
  return n;
}
