/**
 * The CLI's commands, derived from the generated operation descriptors: one command per operation (its
 * operationId in kebab-case), one flag per field of the method's input schema (the field in kebab-case, without
 * the `p_` prefix ESWS parts carry), and help from the schema's own descriptions and facets. A new operation in a
 * contract becomes a command with `pnpm codegen` and a build alone.
 */
import {
  commandName,
  firstSentence,
  kebabCase,
  methodName,
  type OperationDescriptor,
} from "@integrations/runtime";
import type { Vendor } from "./config.js";
import { UsageError } from "./errors.js";
import type { Choice, FlagKind, FlagSpec, OperationSpec, RunContext, SecretInput } from "./operations.js";

type Schema = { readonly [key: string]: unknown };

/** What the CLI reads of a descriptor (the runtime's shape, with the binding's optional parts it looks at). */
export type CliDescriptor = OperationDescriptor<{
  readonly kind: string;
  readonly method?: string;
  readonly path?: string;
  readonly inputMember?: string;
}>;

/** A field's flag: `p_wsAltUserId` → `ws-alt-user-id`, `CustomerCode` → `customer-code`, `profileID` → `profile-id`. */
export function flagName(field: string): string {
  return kebabCase(field.replace(/^p_/, "").replace(/_/g, "-"));
}

/** `#/$defs/X` against the root schema's `$defs`; any other schema as it is. */
function resolve(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const ref = current.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) return current;
    const defs = root.$defs as Record<string, Schema> | undefined;
    const target = defs?.[ref.slice("#/$defs/".length)];
    if (target === undefined) return current;
    current = { ...target, ...withoutRef(current) };
  }
  return current;
}

function withoutRef(schema: Schema): Schema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

/** The alternatives of a schema (anyOf/oneOf branches, each resolved), or the schema itself. */
function branches(schema: Schema, root: Schema): Schema[] {
  const list = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  return Array.isArray(list) ? list.map((s) => resolve(s, root)) : [schema];
}

function types(schema: Schema, root: Schema): Set<string> {
  const out = new Set<string>();
  for (const branch of branches(schema, root)) {
    const type = branch.type;
    if (typeof type === "string") out.add(type);
    else if (Array.isArray(type)) for (const t of type) out.add(String(t));
  }
  return out;
}

function kindOf(schema: Schema, root: Schema): FlagKind | "map" {
  const t = types(schema, root);
  if (t.has("object")) return "map";
  if (t.has("integer") || t.has("number")) return "integer";
  if (t.size === 1 && t.has("boolean")) return "boolean";
  return "string";
}

/** The enumerated values a field takes, when it has a short list of them (`0|1`). */
function enumerated(schema: Schema, root: Schema): string[] | undefined {
  const values: string[] = [];
  for (const branch of branches(schema, root)) {
    if (Array.isArray(branch.enum)) values.push(...branch.enum.map(String));
    else if (branch.const !== undefined) values.push(String(branch.const));
    else return undefined;
  }
  const shown = values.filter((v) => v !== "");
  return shown.length > 0 && shown.length <= 4 ? shown : undefined;
}

/** The help line of a field: the first sentence of its description. */
function helpLine(text: unknown): string {
  return typeof text === "string" ? firstSentence(text) : "";
}

/** The facets a person needs to get a value right, in words. */
function facets(schema: Schema, root: Schema): string[] {
  const out: string[] = [];
  for (const branch of branches(schema, root)) {
    const min = branch.minLength;
    const max = branch.maxLength;
    if (typeof max === "number") {
      out.push(
        typeof min === "number" && min > 0 ? `${min} to ${max} characters` : `at most ${max} characters`,
      );
    }
    const low = branch.minimum;
    const high = branch.maximum;
    if (typeof low === "number" && typeof high === "number") out.push(`${low} to ${high}`);
    else if (typeof low === "number") out.push(`${low} or more`);
    else if (typeof high === "number") out.push(`at most ${high}`);
  }
  return [...new Set(out)];
}

function describe(field: string, property: Schema, schema: Schema, root: Schema): string {
  const text = helpLine(property.description ?? schema.description) || field;
  const values = enumerated(schema, root);
  const notes = values ? [`one of ${values.join(", ")}`] : facets(schema, root);
  return notes.length > 0 ? `${text} (${notes.join("; ")})` : text;
}

/** The flags that form a choice: members of `oneOf`/`anyOf` branches that each require one field. */
function choiceOf(input: Schema, root: Schema): { fields: string[]; exactly: boolean } | undefined {
  const candidates: Array<{ list: unknown; exactly: boolean }> = [
    { list: input.oneOf, exactly: true },
    { list: input.anyOf, exactly: false },
  ];
  for (const inner of (input.allOf as Schema[] | undefined) ?? []) {
    candidates.push({ list: inner.oneOf, exactly: true }, { list: inner.anyOf, exactly: false });
  }
  for (const { list, exactly } of candidates) {
    if (!Array.isArray(list) || list.length < 2) continue;
    const fields = list.map((branch) => {
      const required = resolve(branch as Schema, root).required;
      return Array.isArray(required) && required.length === 1 ? String(required[0]) : undefined;
    });
    if (fields.every((f) => f !== undefined)) return { fields: fields as string[], exactly };
  }
  return undefined;
}

function placeholder(kind: FlagKind | "map", values: string[] | undefined): string {
  if (values) return values.join("|");
  return kind === "integer" ? "N" : kind === "map" ? "KEY=VALUE" : "X";
}

/** `CardNumber` → `CARD_NUMBER`. */
function snakeCase(field: string): string {
  return flagName(field).replace(/-/g, "_").toUpperCase();
}

/**
 * The secret input fields of an operation (those the descriptor lists in `secrets`): never flags. The variable is
 * `<VENDOR>_INPUT_<FIELD>`, so that it cannot be mistaken for the vendor's configuration (`MOKA_PASSWORD` is the API
 * password; a customer's own password is `MOKA_INPUT_PASSWORD`).
 */
function secretInputsOf(
  vendor: string,
  input: Schema | undefined,
  prefix: string,
  secrets: readonly string[],
): SecretInput[] {
  if (input === undefined) return [];
  const body = resolve(input, input);
  const properties = (body.properties ?? {}) as Record<string, Schema>;
  const required = new Set((body.required as string[] | undefined) ?? []);
  return Object.entries(properties)
    .filter(([field]) => secrets.includes(`${prefix}${field}`))
    .map(([field, property]) => {
      const name = flagName(field);
      const env = `${vendor.toUpperCase()}_INPUT_${snakeCase(field)}`;
      const text = helpLine(property.description ?? resolve(property, input).description) || field;
      return {
        field: `${prefix}${field}`,
        flag: name,
        stdinFlag: `${name}-stdin`,
        env,
        required: required.has(field),
        description: `${text} A secret: set ${env}, or pass it on stdin with --${name}-stdin.`,
      };
    });
}

/** The flags of an operation's input schema; `prefix` is where the client reports the fields (`DealerCustomerRequest.`). */
function flagsOf(
  input: Schema | undefined,
  prefix: string,
  secrets: readonly string[] = [],
): { flags: FlagSpec[]; choice?: Choice } {
  if (input === undefined) return { flags: [] };
  const root = input;
  const body = resolve(input, root);
  const properties = (body.properties ?? {}) as Record<string, Schema>;
  const required = new Set((body.required as string[] | undefined) ?? []);
  const choice = choiceOf(body, root);
  const flags = Object.entries(properties)
    // A secret field is never a flag (secretInputsOf).
    .filter(([field]) => !secrets.includes(`${prefix}${field}`))
    .map(([field, property]): FlagSpec => {
      const schema = resolve(property, root);
      const kind = kindOf(schema, root);
      const values = enumerated(schema, root);
      return {
        name: flagName(field),
        field: `${prefix}${field}`,
        kind: kind === "map" ? "string" : kind,
        value: placeholder(kind, values),
        // A map may be empty (ESWS: no info fields), so its flag is never required: absent means {}.
        required: required.has(field) && !choice?.fields.includes(field) && kind !== "map",
        multiple: kind === "map",
        map: kind === "map",
        description: describe(field, property, schema, root),
      };
    });
  if (choice === undefined) return { flags };
  return {
    flags,
    choice: {
      names: choice.fields.map(flagName),
      mode: choice.exactly ? "exactly-one" : "at-least-one",
    },
  };
}

/** A flag's example value: the schema's first example, or the placeholder. */
function exampleValue(flag: FlagSpec, input: Schema | undefined): string {
  const field = flag.field?.split(".").pop() ?? flag.name;
  const properties = ((input && resolve(input, input).properties) ?? {}) as Record<string, Schema>;
  const property = properties[field];
  const examples = property && input ? resolve(property, input).examples : undefined;
  // Without an example in the schema, the placeholder in angle brackets: a shape, not a runnable command.
  const value =
    Array.isArray(examples) && examples.length > 0 ? String(examples[0]) : `<${flag.value ?? "X"}>`;
  return flag.map || value.startsWith("<")
    ? value
    : /^[\w.@:/+-]+$/.test(value)
      ? value
      : `'${value.replace(/'/g, "'\\''")}'`;
}

function examplesOf(
  vendor: string,
  command: string,
  flags: FlagSpec[],
  choice: Choice | undefined,
  input: Schema | undefined,
): string[] {
  const base = `integrations ${vendor} ${command}`;
  const required = flags.filter((f) => f.required).map((f) => `--${f.name} ${exampleValue(f, input)}`);
  if (choice === undefined) return [[base, ...required].join(" ")];
  return choice.names.map((name) => {
    const flag = flags.find((f) => f.name === name)!;
    return [base, `--${name} ${exampleValue(flag, input)}`, ...required].join(" ");
  });
}

/** The value of a repeatable `key=value` flag as an object; a malformed or repeated key is a usage error. */
export type KeyValues = (flag: string, items: readonly string[]) => Record<string, string>;

/**
 * Vendor data the contracts do not hold: the client options a vendor's commands add as flags (ESWS's
 * transliteration), and how to present what the method resolved to.
 */
export interface VendorCli {
  readonly extraFlags?: readonly FlagSpec[];
  /** Help examples by command (the flags after the command), from the vendor's manifest. */
  readonly examples?: Readonly<Record<string, readonly string[]>>;
  /** The client options the extra flags set. */
  clientOptions?(ctx: RunContext): Record<string, unknown>;
}

/** What is printed, and how the result reads in help. */
function outputOf(descriptor: CliDescriptor, secretMember: string | undefined): string {
  const success = descriptor.codes.filter((c) => (c as { outcome?: string }).outcome === "success");
  if (secretMember !== undefined) {
    return `{ "ok": true, "${secretMember}": "[REDACTED]" } (the real value only with --show-${flagName(secretMember)})`;
  }
  if (success.length > 0)
    return `the return code: ${success.map((c) => JSON.stringify(c.code)).join(" or ")}`;
  return 'the result as JSON ({ "ok": true } when the operation answers with an empty response)';
}

/** The response member the contract marks secret, when the method resolves to it (Edu-iX login's sessionID). */
function secretResult(descriptor: CliDescriptor): string | undefined {
  const top = descriptor.secrets.filter((s) => s.startsWith("response.") && !s.slice(9).includes("."));
  return top.length === 1 ? top[0]!.slice("response.".length) : undefined;
}

export function deriveOperation(
  descriptor: CliDescriptor,
  vendorCli: VendorCli,
  keyValues: KeyValues,
): OperationSpec {
  const input = descriptor.inputSchema as Schema | undefined;
  const member = descriptor.binding.inputMember;
  const prefix = member ? `${member}.` : "";
  const { flags: inputFlags, choice } = flagsOf(input, prefix, descriptor.secrets);
  const secretInputs = secretInputsOf(descriptor.vendor, input, prefix, descriptor.secrets);
  const stdinFlags: FlagSpec[] = secretInputs.map((s) => ({
    name: s.stdinFlag,
    kind: "boolean",
    description: `Read ${s.field.slice(prefix.length)} from the first line of stdin (or set ${s.env}).`,
  }));
  const requiredFields = new Set(
    input === undefined ? [] : ((resolve(input, input).required as string[] | undefined) ?? []),
  );
  const secretMember = secretResult(descriptor);
  const showSecret: FlagSpec | undefined =
    secretMember === undefined
      ? undefined
      : {
          name: `show-${flagName(secretMember)}`,
          kind: "boolean",
          description: `Print the real ${secretMember} (a secret the contract marks) instead of [REDACTED].`,
        };
  const flags = [
    ...inputFlags,
    ...stdinFlags,
    ...(vendorCli.extraFlags ?? []),
    ...(showSecret ? [showSecret] : []),
  ];
  const command = commandName(descriptor.operationId);
  const method = methodName(descriptor.operationId);
  const binding = descriptor.binding;
  return {
    vendor: descriptor.vendor as Vendor,
    name: command,
    contract:
      binding.path !== undefined ? `${binding.method ?? "POST"} ${binding.path}` : descriptor.wireName,
    operation: descriptor.wireName,
    method,
    summary: descriptor.summary ?? descriptor.wireName,
    flags,
    secretInputs,
    choice,
    output: outputOf(descriptor, secretMember),
    examples:
      vendorCli.examples?.[command]?.map((flags) =>
        `integrations ${descriptor.vendor} ${command} ${flags}`.trimEnd(),
      ) ?? examplesOf(descriptor.vendor, command, flags, choice, input),
    clientOptions: (ctx) => vendorCli.clientOptions?.(ctx) ?? {},
    run: async (ctx) => {
      const values: Record<string, unknown> = {};
      for (const flag of inputFlags) {
        if (!ctx.flags.has(flag.name)) continue;
        const field = flag.field!.slice(member ? member.length + 1 : 0);
        values[field] = flag.map
          ? keyValues(flag.name, ctx.flags.list(flag.name))
          : flag.kind === "integer"
            ? ctx.flags.integer(flag.name)
            : flag.kind === "boolean"
              ? ctx.flags.boolean(flag.name)
              : ctx.flags.string(flag.name);
      }
      for (const flag of inputFlags) {
        const field = flag.field!.slice(member ? member.length + 1 : 0);
        if (flag.map && !ctx.flags.has(flag.name) && requiredFields.has(field)) values[field] = {};
      }
      const fromStdin = secretInputs.filter((s) => ctx.flags.boolean(s.stdinFlag));
      if (fromStdin.length > 1) {
        throw new UsageError(
          `only one value can come from stdin (got ${fromStdin.map((s) => `--${s.stdinFlag}`).join(", ")})`,
          `Set the others in the environment: ${fromStdin.map((s) => s.env).join(", ")}.`,
        );
      }
      for (const secret of secretInputs) {
        const value = ctx.flags.boolean(secret.stdinFlag) ? await ctx.stdin() : ctx.env(secret.env);
        if (value === undefined || value === "") {
          if (!secret.required) continue;
          throw new UsageError(
            `${command} needs ${secret.field.slice(prefix.length)}, a secret that is never taken from a flag`,
            `Set ${secret.env}, or pass it on stdin with --${secret.stdinFlag} (e.g. from a password manager).`,
          );
        }
        // Joins the output guard before anything can quote it (the client also scrubs it from its errors).
        ctx.secret(value);
        values[secret.field.slice(prefix.length)] = value;
      }
      const client = await ctx.clients.get(descriptor.vendor, vendorCli.clientOptions?.(ctx) ?? {});
      const call = client[method];
      if (typeof call !== "function")
        throw new TypeError(`the ${descriptor.vendor} client has no ${method}()`);
      const options = { signal: ctx.signal };
      const result = await (input === undefined ? call(options) : call(values, options));
      if (secretMember !== undefined && typeof result === "string") {
        const show = showSecret !== undefined && ctx.flags.boolean(showSecret.name);
        if (!show) ctx.secret(result);
        return { ok: true, [secretMember]: show ? result : "[REDACTED]" };
      }
      return result === undefined ? { ok: true } : result;
    },
  };
}
