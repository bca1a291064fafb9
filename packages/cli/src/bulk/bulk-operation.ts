/**
 * What a bulk run needs of an operation beyond its command: the generated descriptor (idempotent, secrets,
 * codes), the generated validator of the method's input, and, for a write whose outcome is unknown, what to
 * check before sending it again: a read operation of the same vendor that takes one of its fields (Edu-iX
 * createKey → getKey by profileID), found in the contract, not in a table here.
 */
import type { OperationDescriptor, Validator } from "@integrations/runtime";
import { vendors } from "@integrations/vendors";
import type { OperationSpec } from "../operations.js";

export interface BulkOperationInfo {
  readonly descriptor: OperationDescriptor;
  /** The generated validator of the input as the method takes it (`validate<InputSchema>`). */
  readonly validate: Validator;
  /** The top-level input fields the contract marks secret: never written to results or output. */
  readonly secretFields: ReadonlySet<string>;
  /** "unknown outcome: check before re-sending: …" for one row's input. */
  check(input: Readonly<Record<string, unknown>>): string;
}

type TypesModule = {
  readonly operations: Readonly<Record<string, OperationDescriptor>>;
  readonly [name: string]: unknown;
};

function propertiesOf(descriptor: OperationDescriptor): string[] {
  const schema = descriptor.inputSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.properties ?? {});
}

/**
 * The input's validator: the types package exports one per JSON Schema, named after the schema's `$id`
 * (`…/UpdateUserDotwebInput.json` → `validateUpdateUserDotwebInput`); the request validator where the input is
 * the request (Edu-iX, Moka).
 */
function inputValidator(types: TypesModule, descriptor: OperationDescriptor): Validator {
  const id = (descriptor.inputSchema as { $id?: unknown } | undefined)?.$id;
  const name = typeof id === "string" ? /([A-Za-z0-9_]+)\.json$/.exec(id)?.[1] : undefined;
  const named = name === undefined ? undefined : types[`validate${name}`];
  return typeof named === "function" ? (named as Validator) : descriptor.validateRequest;
}

export async function bulkOperationInfo(spec: OperationSpec): Promise<BulkOperationInfo> {
  const entry = vendors.find((v) => v.id === spec.vendor);
  if (entry === undefined) throw new TypeError(`no vendor ${spec.vendor} in the registry`);
  const types = (await import(entry.packages.types)) as TypesModule;
  const all = Object.values(types.operations);
  const descriptor = all.find((d) => d.wireName === spec.operation);
  if (descriptor === undefined) throw new TypeError(`no descriptor for ${spec.operation}`);
  const fields = propertiesOf(descriptor);
  // The input fields among the secrets (not the SOAP header's or the response's), by their own name: a Moka
  // field is listed under its request member.
  const secretFields = new Set(
    descriptor.secrets
      .filter((s) => !s.startsWith("header.") && !s.startsWith("response."))
      .map((s) => s.slice(s.lastIndexOf(".") + 1))
      .filter((s) => fields.includes(s)),
  );
  const shownFields = fields.filter((f) => !secretFields.has(f));
  // A read of the same vendor that takes one of this operation's (non-secret) fields.
  const reader = all.find(
    (d) => d.idempotent && d !== descriptor && propertiesOf(d).some((f) => shownFields.includes(f)),
  );
  const readerFields = reader ? propertiesOf(reader).filter((f) => shownFields.includes(f)) : [];
  const identifying = shownFields.filter((f) => /id$/i.test(f));
  const value = (input: Readonly<Record<string, unknown>>, field: string) =>
    `${field}=${JSON.stringify(input[field])}`;

  return {
    descriptor,
    validate: inputValidator(types, descriptor),
    secretFields,
    check(input) {
      if (reader !== undefined) {
        const field = readerFields.find((f) => input[f] !== undefined) ?? readerFields[0]!;
        return `unknown outcome: check before re-sending: ${reader.wireName} with ${value(input, field)} shows whether this ${descriptor.wireName} was applied`;
      }
      const keys = (identifying.length > 0 ? identifying : shownFields.slice(0, 2)).filter(
        (f) => input[f] !== undefined,
      );
      return `unknown outcome: check before re-sending: the contract has no read operation for ${descriptor.wireName}; look up ${keys.map((f) => value(input, f)).join(", ") || "the row"} in the vendor's own tools`;
    },
  };
}
