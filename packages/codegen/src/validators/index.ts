export { validatorName, validatorRef, validatorsModule, validatorsSource } from "./module.js";
export { patternWords } from "./pattern-words.js";
export type { SchemaObject } from "./schema.js";
export { readSchemaExports, type SchemaExport } from "./schema-exports.js";
