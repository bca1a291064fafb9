/**
 * A whole `validators.ts`: for each JSON Schema of a generated `schemas.ts`, `<Name>Schema` becomes the named
 * export `validate<Name>(value: unknown): ValidationIssue[]`. The schemas are turned into plain code here, at
 * codegen time, so nothing compiles a schema when a client starts.
 */
import { nodeSource } from "./node-source.js";
import { NodeTable } from "./node-table.js";
import { RUNTIME_SOURCE } from "./runtime-source.js";
import { readSchemaExports, type SchemaExport } from "./schema-exports.js";

/** `GetCardListRequestSchema` → `validateGetCardListRequest`. */
export function validatorName(schemaExport: string): string {
  if (!schemaExport.endsWith("Schema"))
    throw new Error(`${schemaExport}: a schema export ends with "Schema"`);
  return `validate${schemaExport.slice(0, -"Schema".length)}`;
}

/** For descriptors: `schemas.GetKeyRequestSchema` → `validators.validateGetKeyRequest`. */
export function validatorRef(schemaRef: string): string {
  return `validators.${validatorName(schemaRef.replace(/^schemas\./, ""))}`;
}

/** The validators module for the text of a generated `schemas.ts`. */
export function validatorsModule(schemasTs: string): string {
  return validatorsSource(readSchemaExports(schemasTs), "schemas.ts");
}

/** The validators module for these schemas; `from` names where they live, for the doc comments. */
export function validatorsSource(schemas: readonly SchemaExport[], from: string): string {
  const table = new NodeTable();
  const patterns = new Map<string, string>();
  const keySets = new Map<string, string>();
  const ctx = {
    table,
    pattern(pattern: string): string {
      let name = patterns.get(pattern);
      if (name === undefined) {
        name = `PATTERN_${patterns.size}`;
        patterns.set(pattern, name);
      }
      return name;
    },
    keySet(names: readonly string[]): string {
      const key = JSON.stringify(names);
      let name = keySets.get(key);
      if (name === undefined) {
        name = `KEYS_${keySets.size}`;
        keySets.set(key, name);
      }
      return name;
    },
  };
  const roots = schemas.map(({ exportName, schema }) => ({
    exportName,
    id: table.id({ schema, root: schema, where: exportName }),
  }));
  const functions: string[] = [];
  // Emitting a node interns its subschemas, which appends them to the table: loop until none is left.
  for (let i = 0; i < table.nodes.length; i++) {
    const { id, node } = table.nodes[i]!;
    functions.push(nodeSource(ctx, id, node));
  }

  let out = `/**\n * Validators generated from the JSON Schemas in ${from}: plain code, no schema is compiled at run time.\n`;
  out +=
    " * Each returns every rule a value breaks (one issue per field, in words, never quoting the value), or\n";
  out +=
    " * an empty list when the value is valid; the verdict is the one ajv (draft 2020-12) gives for the schema.\n */\n\n";
  out += RUNTIME_SOURCE;
  if (patterns.size > 0) out += "\n";
  for (const [pattern, name] of patterns)
    out += `const ${name} = new RegExp(${JSON.stringify(pattern)}, "u");\n`;
  if (keySets.size > 0) out += "\n";
  for (const [names, name] of keySets) out += `const ${name}: ReadonlySet<string> = new Set(${names});\n`;
  out += `\n${functions.join("\n")}`;
  for (const { exportName, id } of roots) {
    out += `\n/** \`${exportName}\` as code: every rule \`value\` breaks, or [] when it is valid. */\n`;
    out += `export function ${validatorName(exportName)}(value: unknown): ValidationIssue[] {\n`;
    out += `  return run(value, is${id}, check${id});\n}\n`;
  }
  return out;
}
