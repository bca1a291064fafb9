/**
 * The one descriptor shape every generated operation has, whatever the vendor or wire binding. Codegen writes
 * these from the contracts (`src/generated/descriptors.ts` of each types package); the runtime's caller, the
 * redactor, the CLI and the sandbox read them. The types packages have no dependencies, so they declare the
 * same shape structurally; `satisfies OperationDescriptor` in the clients keeps the two in step.
 */
import type { Validator } from "./validation.js";

/** One documented result or fault code, with its meaning as data. */
export interface OperationCode {
  readonly code: string | number;
  readonly meaning: string;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** `login`: the session expired; the caller logs in again and repeats the call once. */
  readonly recovery?: string | undefined;
}

export interface OperationDescriptor<Binding = unknown> {
  /** The vendor's registry id (`moka`, `easysecure`, `eduix`). */
  readonly vendor: string;
  /** The contract's name for it: the OpenAPI operationId or the WSDL operation's key (`GetCardList`, `syncMOCA`). */
  readonly operationId: string;
  /** The name on the wire and in errors and log events (`GetCardList`, `Esws.syncMOCA`, `getKey`). */
  readonly wireName: string;
  /** One sentence from the contract's documentation: help text and doc comments. */
  readonly summary?: string | undefined;
  /** Declared in the contract (`x-idempotent`, `<x:idempotent>`): only these are retried automatically. */
  readonly idempotent: boolean;
  /**
   * The fields the contract marks secret (`x-secret`, `x:secret`), as dotted paths: from the request body (or the
   * rpc parameters) as they are, SOAP header fields under `header.`, response fields under `response.`; `[]`
   * marks an array's items. Their values never reach an error, a log event or a recording.
   */
  readonly secrets: readonly string[];
  /** The documented result or fault codes of this operation, general codes included. */
  readonly codes: readonly OperationCode[];
  /** How it goes on the wire: the protocol-specific part (path, SOAPAction, parts, elements …). */
  readonly binding: Binding;
  /** The generated validator of the request (the wire body, the rpc parameters, the body element's content). */
  readonly validateRequest: Validator;
  /** The generated validator of the response, where the contract describes one. */
  readonly validateResponse?: Validator | undefined;
  /**
   * The JSON Schema of the method's input as callers pass it (the client adds credentials, sessions and
   * client-option fields); absent when the method takes none. The CLI derives its flags and help from it.
   */
  readonly inputSchema?: { readonly [key: string]: unknown } | undefined;
  /**
   * The contract's first success example: a Moka response example, an ESWS success code. The sandbox answers it
   * for an operation that has no behaviour of its own yet.
   */
  readonly example?: unknown;
}

/** The client method name of an operation: its operationId in camelCase (`GetCardList` → `getCardList`). */
export function methodName(operationId: string): string {
  const last = operationId.slice(operationId.lastIndexOf(".") + 1);
  return last.charAt(0).toLowerCase() + last.slice(1);
}

/** A camelCase or PascalCase name in kebab-case: `getCardList` → `get-card-list`, `syncMOCA` → `sync-moca`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** The CLI command of an operation: its operationId in kebab-case (`GetCardList` → `get-card-list`). */
export function commandName(operationId: string): string {
  return kebabCase(methodName(operationId));
}

/**
 * The first sentence of a contract's documentation text, whitespace folded: an operation's summary, a field's
 * help line. "" for a text with no words.
 */
export function firstSentence(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const end = clean.search(/\.(\s|$)/);
  return end < 0 ? clean : clean.slice(0, end + 1);
}
