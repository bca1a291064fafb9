/**
 * OpenAPI 3.1 → a types package: openapi-typescript for the TypeScript types, plus standalone JSON Schemas,
 * the ResultCode catalog (from `x-result-codes`), operation descriptors and servers, all from the one
 * contract file.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { componentSchemaName, isJsonObject, loadOpenApi } from "@integrations/contract-model";
import openapiTS, { astToString } from "openapi-typescript";
import { constExport, REPO_ROOT, writeGeneratedFolder } from "./emit.js";
import { type JsonObject, standaloneSchema } from "./json-schema.js";

interface ResultCodeEntry {
  code: string;
  meaning: string;
  retryable: boolean;
}

interface OpenApiOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string | undefined;
  requestSchema: string;
  responseSchema: string;
  resultCodes: ResultCodeEntry[];
  /** `x-idempotent`: safe to retry automatically after a transport failure. */
  idempotent: boolean;
}

export interface OpenApiCodegenOptions {
  /** Contract path relative to the repository root. */
  contract: string;
  /** Output folder relative to the repository root. */
  outDir: string;
  /** Base of the `$id` of every emitted JSON Schema. */
  schemaIdBase: string;
}

/** The methods codegen emits operations for. */
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** The component schema of a body's `application/json` content, which must be a `$ref` to one. */
function jsonSchemaName(holder: unknown, where: string): string {
  const content = isJsonObject(holder) ? holder.content : undefined;
  const media = isJsonObject(content) ? content["application/json"] : undefined;
  const name = componentSchemaName(
    isJsonObject(media) && isJsonObject(media.schema) ? media.schema.$ref : undefined,
  );
  if (name === undefined) throw new Error(`${where}: expected a $ref to a component schema`);
  return name;
}

export async function generateFromOpenApi(options: OpenApiCodegenOptions): Promise<void> {
  const contractPath = join(REPO_ROOT, options.contract);
  const model = loadOpenApi(readFileSync(contractPath, "utf8"));
  const components: Record<string, JsonObject> = {};
  for (const [name, component] of model.schemas) components[name] = component.schema;

  const operations: OpenApiOperation[] = [];
  for (const op of model.operations) {
    if (!METHODS.has(op.method)) continue;
    const id = op.operationId;
    if (id === undefined) throw new Error(`${op.key}: no operationId`);
    const codes = op.resultCodes;
    if (!codes || codes.length === 0) throw new Error(`${id}: no x-result-codes`);
    operations.push({
      operationId: id,
      method: op.method.toUpperCase(),
      path: op.path,
      summary: op.summary,
      requestSchema: jsonSchemaName(op.requestBody, `${id} request`),
      responseSchema: jsonSchemaName(op.responses["200"], `${id} 200`),
      resultCodes: codes.map((c) => {
        if (c.meaning === undefined) throw new Error(`${id}: result code ${c.code} has no meaning`);
        return { code: c.code, meaning: c.meaning, retryable: c.retryable === true };
      }),
      idempotent: op.idempotent === true,
    });
  }

  const source = relative(REPO_ROOT, contractPath);
  const ast = await openapiTS(model.document as unknown as Parameters<typeof openapiTS>[0], {
    defaultNonNullable: false,
    alphabetize: false,
  });

  let schemas = "";
  for (const op of operations) {
    for (const name of [op.requestSchema, op.responseSchema]) {
      schemas += constExport(
        `${name}Schema`,
        standaloneSchema(components, name, `${options.schemaIdBase}${name}.json`),
        `JSON Schema (2020-12) of \`${name}\`, standalone.`,
      );
      schemas += "\n";
    }
  }

  let codes = "";
  for (const op of operations) {
    codes += constExport(
      `${op.operationId}ResultCodes`,
      op.resultCodes,
      `Documented ResultCodes of ${op.operationId}.`,
    );
    codes += `export type ${op.operationId}ResultCode = (typeof ${op.operationId}ResultCodes)[number]["code"];\n\n`;
  }

  const serverMap: Record<string, string> = {};
  for (const s of model.servers) {
    if (s.url === undefined) throw new Error(`${source}: a server has no url`);
    serverMap[s.environment ?? s.description ?? ""] = s.url;
  }

  let descriptors = `import * as schemas from "./schemas.js";\nimport * as codes from "./result-codes.js";\n\n`;
  descriptors += "export const operations = {\n";
  for (const op of operations) {
    descriptors += `  ${op.operationId}: {\n`;
    descriptors += `    operationId: ${JSON.stringify(op.operationId)},\n`;
    descriptors += `    method: ${JSON.stringify(op.method)},\n`;
    descriptors += `    path: ${JSON.stringify(op.path)},\n`;
    if (op.summary) descriptors += `    summary: ${JSON.stringify(op.summary)},\n`;
    descriptors += `    idempotent: ${op.idempotent},\n`;
    descriptors += `    requestSchema: schemas.${op.requestSchema}Schema,\n`;
    descriptors += `    responseSchema: schemas.${op.responseSchema}Schema,\n`;
    descriptors += `    resultCodes: codes.${op.operationId}ResultCodes,\n`;
    descriptors += "  },\n";
  }
  descriptors += "} as const;\n\nexport type OperationId = keyof typeof operations;\n";

  writeGeneratedFolder(join(REPO_ROOT, options.outDir), source, {
    "openapi.ts": astToString(ast),
    "schemas.ts": schemas,
    "result-codes.ts": codes,
    "operations.ts": descriptors,
    "servers.ts": constExport(
      "servers",
      serverMap,
      "Base URLs from the contract's `servers`, by environment.",
    ),
  });
}
