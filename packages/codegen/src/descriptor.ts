/**
 * The one descriptor shape (the runtime's `OperationDescriptor`): every generator, whatever the contract format
 * or wire binding, writes these fields first and in this order, so that every operation of every vendor reads the
 * same. What is specific to the binding goes under `binding`.
 */
import { firstSentence } from "@integrations/runtime";
import { tsLiteral } from "./emit.js";

export interface DescriptorFields {
  /** The vendor's registry id. */
  readonly vendor: string;
  /** The contract's name for the operation: the OpenAPI operationId, or the WSDL operation without its prefix. */
  readonly operationId: string;
  /** The name on the wire, in errors and in log events. */
  readonly wireName: string;
  readonly summary: string | undefined;
  readonly idempotent: boolean;
  /** Dotted paths of the fields the contract marks secret (`[]` marks an array's items). */
  readonly secrets: readonly string[];
  /** A TypeScript expression for the operation's codes (general ones included). */
  readonly codes: string;
  /** A TypeScript expression for the request validator. */
  readonly validateRequest?: string | undefined;
  /** A TypeScript expression for the response validator. */
  readonly validateResponse?: string | undefined;
  /** A TypeScript expression for the JSON Schema of the method's input as callers pass it (none: no input). */
  readonly inputSchema?: string | undefined;
  /**
   * The contract's first success example (an OpenAPI response example, an rpc success code, the minimal content
   * of a document/literal response element): a sandbox stub's answer.
   */
  readonly example?: unknown;
  /** The wire binding, typed per binding kind; a `TsCode` value is written as the expression it holds. */
  readonly binding: Readonly<Record<string, unknown>>;
}

/** The one shape's fields, in the order every descriptor writes them; nothing else sits beside them. */
export const DESCRIPTOR_FIELDS = [
  "vendor",
  "operationId",
  "wireName",
  "summary",
  "idempotent",
  "secrets",
  "codes",
  "validateRequest",
  "validateResponse",
  "inputSchema",
  "example",
  "binding",
] as const;

/** A TypeScript expression (a schema or validator reference) inside a literal the descriptor writes. */
export class TsCode {
  constructor(readonly source: string) {}
}

/** The common fields of one descriptor, as object-literal lines at `indent`. */
export function descriptorFields(fields: DescriptorFields, indent = "    "): string {
  const lines = [
    `vendor: ${tsLiteral(fields.vendor)},`,
    `operationId: ${tsLiteral(fields.operationId)},`,
    `wireName: ${tsLiteral(fields.wireName)},`,
  ];
  if (fields.summary !== undefined) lines.push(`summary: ${tsLiteral(fields.summary)},`);
  lines.push(
    `idempotent: ${fields.idempotent},`,
    `secrets: ${inlineLiteral(fields.secrets)},`,
    `codes: ${fields.codes},`,
  );
  if (fields.validateRequest !== undefined) lines.push(`validateRequest: ${fields.validateRequest},`);
  if (fields.validateResponse !== undefined) lines.push(`validateResponse: ${fields.validateResponse},`);
  if (fields.inputSchema !== undefined) lines.push(`inputSchema: ${fields.inputSchema},`);
  if (fields.example !== undefined) lines.push(`example: ${inlineLiteral(fields.example)},`);
  lines.push(`binding: ${inlineLiteral(fields.binding)},`);
  return lines.map((line) => `${indent}${line}\n`).join("");
}

/** A JSON-like value as a compact TypeScript literal (object keys unquoted where they are identifiers). */
function inlineLiteral(value: unknown): string {
  if (value instanceof TsCode) return value.source;
  if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const body = entries
      .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inlineLiteral(v)}`)
      .join(", ");
    return `{ ${body} }`;
  }
  return tsLiteral(value);
}

/** The first sentence of a contract's documentation text: the operation's summary in help and docs. */
export function summaryOf(documentation: string | undefined): string | undefined {
  return documentation === undefined ? undefined : firstSentence(documentation) || undefined;
}
