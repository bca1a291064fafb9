/**
 * Emitting code catalogs (result codes, fault codes) as typed constants. Each list keeps its literal types
 * (`as const`: code unions, `Extract<…, { outcome: "success" }>`), and each entry also carries the optional
 * keys of the entry interface it does not set, so `entry.match` / `entry.detail` / `entry.recovery` can be read
 * on the union of entries without a cast.
 */
import { tsLiteral } from "../emit.js";
import type { JsonObject } from "../json-schema.js";
import { jsDoc } from "./xsd-typescript.js";

export interface EntryField {
  readonly name: string;
  readonly type: string;
  readonly optional?: boolean;
  readonly doc?: string;
}

/** `export interface <name> {…}` plus the (internal) `Entries<T>` helper type the lists are typed with. */
export function entryInterface(name: string, doc: string, fields: readonly EntryField[]): string {
  let out = `${jsDoc([doc])}export interface ${name} {\n`;
  for (const f of fields)
    out += `${jsDoc([f.doc], "  ")}  readonly ${f.name}${f.optional ? "?" : ""}: ${f.type};\n`;
  out += "}\n\n";
  out += `/** The entries of a list, each with the optional keys of ${name} it does not set. */\n`;
  out += `type Entries<T extends readonly ${name}[]> = readonly {\n`;
  out += `  [I in keyof T]: T[I] & Omit<${name}, keyof T[I]>;\n`;
  out += "}[number][];\n";
  return out;
}

/** `const <name>Data = [...] as const; export const <name>: Entries<typeof <name>Data> = <name>Data;` */
export function entryList(name: string, entries: readonly JsonObject[], doc: string): string {
  return (
    `const ${name}Data = ${tsLiteral(entries)} as const;\n` +
    `${jsDoc([doc])}export const ${name}: Entries<typeof ${name}Data> = ${name}Data;\n`
  );
}
