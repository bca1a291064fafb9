/**
 * The OpenAPI 3.x model: the parsed document as written, plus its operations (method + path, parameters
 * merged, `$ref`s followed), servers, component schemas and the contract extensions (`x-result-codes`,
 * `x-idempotent`, `x-quirk`, `x-environment`, `x-secret`; contracts/README.md). Values the contract writes
 * with an unexpected JSON type are left out of the typed fields; the raw objects stay available.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One entry of `x-result-codes`: `{ code, meaning, retryable }`. */
export interface OpenApiResultCode {
  /** The code as text (`"000"` stays `"000"`; a number is written in decimal). */
  readonly code: string;
  readonly meaning: string | undefined;
  readonly retryable: boolean | undefined;
  readonly source: JsonObject;
}

export interface OpenApiServer {
  readonly url: string | undefined;
  readonly description: string | undefined;
  /** `x-environment`: the name the generated servers map uses for it. */
  readonly environment: string | undefined;
  readonly source: JsonObject;
}

export interface OpenApiOperation {
  /** `POST /path`. */
  readonly key: string;
  /** Lower case, as in the document. */
  readonly method: string;
  readonly path: string;
  readonly operationId: string | undefined;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  /** The path item's parameters, then the operation's (which override by `in` + `name`); `$ref`s followed. */
  readonly parameters: readonly JsonObject[];
  /** `$ref` followed. */
  readonly requestBody: JsonObject | undefined;
  /** By status code, as written. */
  readonly responses: JsonObject;
  /** `x-result-codes`; undefined when absent or not a list. */
  readonly resultCodes: readonly OpenApiResultCode[] | undefined;
  /** `x-idempotent`: safe to retry automatically after a transport failure. */
  readonly idempotent: boolean | undefined;
  /** `x-quirk`: a documented vendor quirk. */
  readonly quirk: string | undefined;
  /** Every `x-*` key of the operation, the known ones above included. */
  readonly extensions: Readonly<Record<string, JsonValue>>;
  readonly source: JsonObject;
}

/** A component schema, with the properties its contract marks `x-secret: true`. */
export interface ComponentSchema {
  readonly name: string;
  readonly schema: JsonObject;
  /** Dotted paths of the properties marked `x-secret: true` (`card.number`; `[]` for array items), in order. */
  readonly secretProperties: readonly string[];
}

export interface OpenApiModel {
  /** The document as parsed. */
  readonly document: JsonObject;
  readonly openapi: string | undefined;
  readonly servers: readonly OpenApiServer[];
  /** Path keys in document order. */
  readonly paths: readonly string[];
  /** In document order: paths, then the methods of each as written. */
  readonly operations: readonly OpenApiOperation[];
  /** `components.schemas`, in document order. */
  readonly schemas: ReadonlyMap<string, ComponentSchema>;
  /** Follows a local `$ref` (`#/…`), repeatedly, up to 20 steps; anything else is returned as it is. */
  deref(value: unknown): unknown;
}
