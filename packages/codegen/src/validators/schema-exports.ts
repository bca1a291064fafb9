/**
 * Reads the JSON Schemas back from the text of a generated `schemas.ts`. Each one is written by `constExport`
 * as `export const <Name>Schema = <JSON.stringify(schema, null, 2)> as const;`, so the object between the `=`
 * and the `} as const;` that closes it at the start of a line is plain JSON. Reading the emitted text (rather
 * than the contract) keeps the validator generator independent of how each contract is read: whatever
 * schemas.ts holds is exactly what gets a validator.
 */
import type { SchemaObject } from "./schema.js";

export interface SchemaExport {
  /** The exported constant, e.g. `GetCardListRequestSchema`. */
  readonly exportName: string;
  readonly schema: SchemaObject;
}

const EXPORT = /^export const ([A-Za-z_$][\w$]*) = /gm;
const CLOSE = "\n} as const;";

export function readSchemaExports(schemasTs: string): SchemaExport[] {
  const found: SchemaExport[] = [];
  for (const match of schemasTs.matchAll(EXPORT)) {
    const exportName = match[1]!;
    if (!exportName.endsWith("Schema")) {
      throw new Error(`schemas.ts: export ${exportName} is not named <Name>Schema`);
    }
    const start = match.index + match[0].length;
    const end = schemasTs.indexOf(CLOSE, start);
    if (end < 0) throw new Error(`schemas.ts: ${exportName} does not end with "} as const;" on its own line`);
    let schema: unknown;
    try {
      schema = JSON.parse(schemasTs.slice(start, end + 2));
    } catch (error) {
      throw new Error(`schemas.ts: ${exportName} is not a JSON literal (${(error as Error).message})`);
    }
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
      throw new Error(`schemas.ts: ${exportName} is not a JSON Schema object`);
    }
    found.push({ exportName, schema: schema as SchemaObject });
  }
  const exports = schemasTs.match(/^export /gm)?.length ?? 0;
  if (exports !== found.length) {
    throw new Error(`schemas.ts: ${exports - found.length} export(s) are not JSON Schema constants`);
  }
  return found;
}
