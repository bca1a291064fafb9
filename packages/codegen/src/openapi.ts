/**
 * OpenAPI 3.1 → a types package: openapi-typescript for the TypeScript types, plus standalone JSON Schemas,
 * the ResultCode catalog (from `x-result-codes`), operation descriptors and servers, all from the one
 * contract file.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import {
  componentSchemaName,
  isJsonObject,
  loadOpenApi,
  openApiExtensionIssues,
} from "@integrations/contract-model";
import openapiTS, { astToString } from "openapi-typescript";
import { clientMethodsInterface, methodName } from "./client-methods.js";
import { descriptorFields, TsCode } from "./descriptor.js";
import { constExport, REPO_ROOT, writeGeneratedFolder } from "./emit.js";
import { type JsonObject, standaloneSchema } from "./json-schema.js";
import { secretPaths } from "./secret-paths.js";
import { validatorRef, validatorsModule } from "./validators/index.js";

interface ResultCodeEntry {
  code: string;
  meaning: string;
  retryable: boolean;
  /** Where the code comes from (`vendor-page`, `public-client`, `family-pattern`), when the contract says. */
  source?: string;
  /** The page, client or pattern it comes from, in words. */
  citation?: string;
}

/** The provenance of a result code, carried into the catalog as data where the contract writes it. */
function provenance(entry: Readonly<Record<string, unknown>>): Pick<ResultCodeEntry, "source" | "citation"> {
  const out: Pick<ResultCodeEntry, "source" | "citation"> = {};
  if (typeof entry.source === "string") out.source = entry.source;
  if (typeof entry.citation === "string") out.citation = entry.citation;
  return out;
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
  /** The 200 response's first example whose ResultCode is Success, if the contract has one. */
  example: unknown;
}

export interface OpenApiCodegenOptions {
  /** Contract path, relative to the repository root or absolute. */
  contract: string;
  /** Output folder, relative to the repository root or absolute. */
  outDir: string;
  /** Base of the `$id` of every emitted JSON Schema. */
  schemaIdBase: string;
  /** The vendor's registry id, written into every descriptor. */
  vendor: string;
  /** Names the generated client-methods interface: `${vendorPrefix}Operations`. */
  vendorPrefix: string;
  /**
   * The vendor's body convention: the request member that carries the caller's input (the rest, e.g. the
   * authentication, is the client's), and the response member that carries the result.
   */
  requestMember: string;
  resultMember: string;
}

/** The methods codegen emits operations for. */
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** The component schema of a body's `application/json` content, which must be a `$ref` to one. */
function jsonSchemaName(holder: unknown, where: string): string {
  const content = isJsonObject(holder) ? holder.content : undefined;
  const media = isJsonObject(content) ? content["application/json"] : undefined;
  return refName(isJsonObject(media) && isJsonObject(media.schema) ? media.schema.$ref : undefined, where);
}

/** The first `application/json` example of a response whose `ResultCode` is `Success` (the vendor envelope). */
function successExample(response: unknown): unknown {
  const content = isJsonObject(response) ? response.content : undefined;
  const media = isJsonObject(content) ? content["application/json"] : undefined;
  const examples = isJsonObject(media) && isJsonObject(media.examples) ? Object.values(media.examples) : [];
  for (const example of examples) {
    const value = isJsonObject(example) ? example.value : undefined;
    if (isJsonObject(value) && value.ResultCode === "Success") return value;
  }
  return undefined;
}

/** A `$ref` to a component schema, by name. */
function refName(ref: unknown, where: string): string {
  const name = componentSchemaName(ref);
  if (name === undefined) throw new Error(`${where}: expected a $ref to a component schema`);
  return name;
}

export async function generateFromOpenApi(options: OpenApiCodegenOptions): Promise<void> {
  const contractPath = resolve(REPO_ROOT, options.contract);
  const model = loadOpenApi(readFileSync(contractPath, "utf8"));
  // The x- extensions, by the rules the contract gate's lint applies too (one implementation).
  const extensionIssues = openApiExtensionIssues(model);
  if (extensionIssues.length > 0) {
    throw new Error(extensionIssues.map((issue) => `${issue.at}: ${issue.message}`).join("\n"));
  }
  const components: Record<string, JsonObject> = {};
  for (const [name, component] of model.schemas) components[name] = component.schema;

  const operations: OpenApiOperation[] = [];
  for (const op of model.operations) {
    if (!METHODS.has(op.method)) continue;
    const id = op.operationId;
    if (id === undefined) throw new Error(`${op.key}: no operationId`);
    // Both checked above: x-result-codes listed and x-idempotent declared on every operation.
    const codes = op.resultCodes ?? [];
    const idempotent = op.idempotent === true;
    operations.push({
      operationId: id,
      method: op.method.toUpperCase(),
      path: op.path,
      summary: op.summary,
      requestSchema: jsonSchemaName(op.requestBody, `${id} request`),
      responseSchema: jsonSchemaName(op.responses["200"], `${id} 200`),
      resultCodes: codes.map((c) => {
        if (c.meaning === undefined) throw new Error(`${id}: result code ${c.code} has no meaning`);
        return { code: c.code, meaning: c.meaning, retryable: c.retryable === true, ...provenance(c.source) };
      }),
      idempotent,
      example: successExample(op.responses["200"]),
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

  // The method's input: the request member the vendor's convention names (a component reference), standalone.
  const inputComponent = new Map<string, string>();
  for (const op of operations) {
    const member = (components[op.requestSchema]?.properties as JsonObject | undefined)?.[
      options.requestMember
    ];
    if (member === undefined) continue;
    inputComponent.set(
      op.operationId,
      refName((member as JsonObject).$ref, `${op.operationId} ${options.requestMember}`),
    );
    schemas += constExport(
      `${op.operationId}InputSchema`,
      standaloneSchema(
        components,
        inputComponent.get(op.operationId)!,
        `${options.schemaIdBase}${op.operationId}Input.json`,
      ),
      `JSON Schema (2020-12) of the input of ${op.operationId} as callers pass it (its \`${options.requestMember}\`).`,
    );
    schemas += "\n";
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

  let descriptors = `import * as schemas from "./schemas.js";\nimport * as codes from "./result-codes.js";\n`;
  descriptors += `import * as validators from "./validators.js";\n\n`;
  descriptors += "export const operations = {\n";
  for (const op of operations) {
    descriptors += `  ${op.operationId}: {\n`;
    descriptors += descriptorFields({
      vendor: options.vendor,
      operationId: op.operationId,
      wireName: op.operationId,
      summary: op.summary,
      idempotent: op.idempotent,
      secrets: [
        ...secretPaths(components, op.requestSchema),
        ...secretPaths(components, op.responseSchema).map((path) => `response.${path}`),
      ],
      codes: `codes.${op.operationId}ResultCodes`,
      validateRequest: validatorRef(`${op.requestSchema}Schema`),
      validateResponse: validatorRef(`${op.responseSchema}Schema`),
      binding: {
        kind: "json-post",
        method: op.method,
        path: op.path,
        inputMember: inputComponent.has(op.operationId) ? options.requestMember : undefined,
        // The wire bodies' JSON Schemas: what the contract tests check fixtures and sent requests against.
        requestSchema: new TsCode(`schemas.${op.requestSchema}Schema`),
        responseSchema: new TsCode(`schemas.${op.responseSchema}Schema`),
      },
      inputSchema: inputComponent.has(op.operationId) ? `schemas.${op.operationId}InputSchema` : undefined,
      example: op.example,
    });
    descriptors += "  },\n";
  }
  descriptors += "} as const;\n\nexport type OperationId = keyof typeof operations;\n";

  let methods =
    'import type { components } from "./openapi.js";\n\ntype Schemas = components["schemas"];\n\n';
  methods += clientMethodsInterface(
    `${options.vendorPrefix}Operations`,
    "The client methods of the contract's operations, one per operationId.",
    operations.map((op) => {
      const properties = (components[op.requestSchema]?.properties ?? {}) as JsonObject;
      const member = JSON.stringify(options.requestMember);
      return {
        name: methodName(op.operationId),
        summary: op.summary,
        input:
          member.slice(1, -1) in properties
            ? `Schemas[${JSON.stringify(op.requestSchema)}][${member}]`
            : undefined,
        output: `NonNullable<Schemas[${JSON.stringify(op.responseSchema)}][${JSON.stringify(options.resultMember)}]>`,
      };
    }),
  );

  writeGeneratedFolder(resolve(REPO_ROOT, options.outDir), source, {
    "methods.ts": methods,
    "openapi.ts": astToString(ast),
    "schemas.ts": schemas,
    "validators.ts": validatorsModule(schemas),
    "result-codes.ts": codes,
    "operations.ts": descriptors,
    "servers.ts": constExport(
      "servers",
      serverMap,
      "Base URLs from the contract's `servers`, by environment.",
    ),
  });
}
