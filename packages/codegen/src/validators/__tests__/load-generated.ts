/**
 * Test support: turns a generated validators module (TypeScript, no imports) into callable functions, the
 * way a bundler would, so the generator can be tested on any schema without writing files.
 */
import ts from "typescript";
import { validatorName, validatorsSource } from "../module.js";
import type { SchemaObject } from "../schema.js";
import type { SchemaExport } from "../schema-exports.js";

export interface Issue {
  field: string;
  rule: string;
  message: string;
}
export type GeneratedValidator = (value: unknown) => Issue[];

export function loadModule(source: string): Record<string, GeneratedValidator> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports: Record<string, GeneratedValidator> = {};
  new Function("exports", outputText)(exports);
  return exports;
}

/** The validator generated for one schema on its own. */
export function validatorFor(schema: SchemaObject, name = "TestSchema"): GeneratedValidator {
  const module = loadModule(validatorsSource([{ exportName: name, schema }], "a test"));
  return module[validatorName(name)]!;
}

/** Every validator generated for a list of schemas, by export name of the schema. */
export function validatorsFor(schemas: readonly SchemaExport[]): Map<string, GeneratedValidator> {
  const module = loadModule(validatorsSource(schemas, "a test"));
  return new Map(schemas.map((s) => [s.exportName, module[validatorName(s.exportName)]!]));
}
