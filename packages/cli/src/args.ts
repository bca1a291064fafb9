/**
 * The command line: `integrations [global flags] <vendor> <operation> [flags]`, parsed with node:util
 * parseArgs. Global flags may appear anywhere. Errors name flags, never their values.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type BulkFlags, isBulkRun, parseBulkFlags } from "./bulk/bulk-args.js";
import type { Vendor } from "./config.js";
import { UsageError } from "./errors.js";
import { type FlagSpec, type Flags, OPERATIONS, type OperationSpec, VENDORS } from "./operations.js";

export interface GlobalFlags {
  sandbox: boolean;
  debug: boolean;
}

/** A flag value the contract would reject (a non-integer for an integer field): shown as a ValidationError. */
export interface FlagIssue {
  field: string;
  rule: string;
  message: string;
}

export type Invocation =
  | { kind: "help"; vendor?: Vendor | undefined; operation?: OperationSpec | undefined }
  | { kind: "version" }
  | {
      kind: "call";
      operation: OperationSpec;
      flags: Flags;
      global: GlobalFlags;
      /** Non-empty: the call must not be made; the issues become one ValidationError (exit 3). */
      issues: FlagIssue[];
      /** A bulk run (`--from`): the rows give the fields. */
      bulk?: BulkFlags | undefined;
    };

export interface GlobalFlagSpec {
  name: string;
  short?: string;
  description: string;
}

export const GLOBAL_FLAGS: readonly GlobalFlagSpec[] = [
  {
    name: "sandbox",
    description:
      "Call a local sandbox (pnpm start) on its default ports with its default credentials; the vendor variables are ignored. Same as INTEGRATIONS_SANDBOX=1.",
  },
  {
    name: "debug",
    description:
      "Also write JSON lines to stderr: the configuration in use (secrets as [REDACTED]) and one event per HTTP attempt.",
  },
  { name: "help", short: "h", description: "Show help: for everything, a vendor, or one operation." },
  { name: "version", description: "Print the version." },
];

const GLOBAL_TOKENS: ReadonlySet<string> = new Set(
  GLOBAL_FLAGS.flatMap((f) => (f.short ? [`--${f.name}`, `-${f.short}`] : [`--${f.name}`])),
);

/** Command names are echoed in errors; cap them and drop control characters. */
function shown(text: string): string {
  const clean = [...text].filter((c) => c >= " " && c !== "\u007f").join("");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest candidate, if any is close: a prefix, a substring, or at most a third of the letters off. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score =
      candidate.startsWith(lower) || (lower.length >= 3 && candidate.includes(lower))
        ? 0
        : distance(lower, candidate);
    if (score < bestScore && score <= Math.max(2, Math.floor(candidate.length / 3))) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

const ENDPOINT_VARIABLES: Readonly<Record<Vendor, string>> = {
  moka: "MOKA_BASE_URL or MOKA_ENVIRONMENT",
  easysecure: "EASYSECURE_ENDPOINT",
  eduix: "EDUIX_ENDPOINT or EDUIX_ENVIRONMENT",
};

/** Where a configuration- or credential-looking flag should come from instead. */
const SECRET_FLAG_HINTS: ReadonlyArray<[RegExp, (vendor: Vendor) => string]> = [
  [/pass(word)?|pwd/i, (v) => `${v.toUpperCase()}_PASSWORD`],
  [/company-?id|security-?(code|hash)/i, () => "EASYSECURE_COMPANY_ID"],
  [/dealer-?code/i, () => "MOKA_DEALER_CODE"],
  [/user-?name|^user$|login/i, (v) => `${v.toUpperCase()}_USERNAME`],
  [/check-?key/i, () => "MOKA_DEALER_CODE, MOKA_USERNAME and MOKA_PASSWORD (the CheckKey is computed)"],
  [/session/i, () => "EDUIX_USERNAME and EDUIX_PASSWORD (each call logs in)"],
  [/endpoint|url|host|environment|^env$/i, (v) => ENDPOINT_VARIABLES[v]],
  [/timeout/i, () => "INTEGRATIONS_TIMEOUT_MS"],
];

function unknownFlag(rawName: string, op: OperationSpec): UsageError {
  const name = rawName.replace(/^-+/, "");
  const where = `integrations ${op.vendor} ${op.name}`;
  for (const [pattern, variable] of SECRET_FLAG_HINTS) {
    if (pattern.test(name)) {
      return new UsageError(
        `unknown flag ${shown(rawName)} for '${where}'`,
        `Configuration and credentials come from the environment only: set ${variable(op.vendor)}. Run '${where} --help'.`,
      );
    }
  }
  const names = [...op.flags.map((f) => f.name), ...GLOBAL_FLAGS.map((f) => f.name)];
  const guess = closest(name, names);
  return new UsageError(
    `unknown flag ${shown(rawName)} for '${where}'`,
    `${guess ? `Did you mean --${guess}? ` : ""}Run '${where} --help' for its flags.`,
  );
}

function parseError(error: unknown, op: OperationSpec): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : "";
  // Node quotes the flag first ('--pin' or '--pin <value>'); the value itself is not taken from the message.
  const flag = /'(-{1,2}[A-Za-z0-9][A-Za-z0-9-]*)/.exec(message)?.[1] ?? "a flag";
  const help = `Run 'integrations ${op.vendor} ${op.name} --help'.`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return unknownFlag(flag, op);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(message)) {
      return new UsageError(`${flag} is a switch and takes no value`, help);
    }
    return new UsageError(
      `${flag} needs a value`,
      `Give it as ${flag} VALUE, or ${flag}=VALUE when the value starts with '-'. ${help}`,
    );
  }
  return new UsageError("the command line could not be parsed", help);
}

/**
 * A secret input given as a flag (`--card-number …`): refused before anything is parsed, with a message that says
 * how to pass it, and without quoting the value.
 */
function refuseSecretFlags(op: OperationSpec, args: readonly string[]): void {
  for (const arg of args) {
    if (arg === "--") return;
    if (!arg.startsWith("--")) continue;
    const name = arg.slice(2).split("=")[0];
    const secret = op.secretInputs?.find((s) => s.flag === name);
    if (secret === undefined) continue;
    throw new UsageError(
      `--${secret.flag} is not accepted: ${secret.field} is a secret, and flags end up in shell history`,
      `Set ${secret.env}, or pass it on stdin with --${secret.stdinFlag} (e.g. '... | integrations ${op.vendor} ${op.name} --${secret.stdinFlag} …').`,
    );
  }
}

/** Parses the flags of one operation (the vendor and operation words already removed). */
function parseOperationFlags(
  op: OperationSpec,
  args: string[],
): { flags: Flags; global: GlobalFlags; issues: FlagIssue[] } {
  refuseSecretFlags(op, args);
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const flag of op.flags) {
    options[flag.name] = {
      type: flag.kind === "boolean" ? "boolean" : "string",
      multiple: flag.multiple === true,
    };
  }
  for (const flag of GLOBAL_FLAGS) {
    options[flag.name] = flag.short ? { type: "boolean", short: flag.short } : { type: "boolean" };
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; tokens: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw parseError(error, op);
  }
  const help = `Run 'integrations ${op.vendor} ${op.name} --help'.`;
  if (parsed.positionals.length > 0) {
    // Not echoed: a stray word may be a value the user meant for a flag (or a secret pasted by mistake).
    throw new UsageError(
      `'integrations ${op.vendor} ${op.name}' takes no positional arguments (${parsed.positionals.length} given)`,
      `Values go after their flag, e.g. --${op.flags[0]?.name ?? "flag"} VALUE; quote values with spaces. ${help}`,
    );
  }

  const counts = new Map<string, number>();
  for (const token of parsed.tokens) {
    if (token.kind === "option") counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
  }
  for (const flag of op.flags) {
    if (!flag.multiple && (counts.get(flag.name) ?? 0) > 1) {
      throw new UsageError(`--${flag.name} is given more than once`, help);
    }
  }

  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const missing = op.flags
    .filter((f) => f.required && values[f.name] === undefined)
    .map((f) => `--${f.name}`);
  if (missing.length > 0) {
    throw new UsageError(
      `missing required flag${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`,
      help,
    );
  }
  if (op.choice) {
    const given = op.choice.names.filter((name) => values[name] !== undefined);
    const choice = op.choice.names.map((name) => `--${name}`).join(" | ");
    if (given.length === 0) throw new UsageError(`one of ${choice} is required`, help);
    if (op.choice.mode === "exactly-one" && given.length > 1) {
      throw new UsageError(
        `only one of ${choice} may be given (got ${given.map((name) => `--${name}`).join(", ")})`,
        help,
      );
    }
  }

  const integers = new Map<string, number>();
  const issues: FlagIssue[] = [];
  for (const flag of op.flags) {
    const value = values[flag.name];
    if (flag.kind !== "integer" || typeof value !== "string") continue;
    const number = /^[+-]?[0-9]+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (Number.isSafeInteger(number)) integers.set(flag.name, number);
    else
      issues.push({ field: flagField(flag), rule: "type", message: `must be an integer (--${flag.name})` });
  }

  const flags: Flags = {
    has: (name) => values[name] !== undefined,
    string: (name) => {
      const value = values[name];
      return typeof value === "string" ? value : undefined;
    },
    integer: (name) => integers.get(name),
    boolean: (name) => values[name] === true,
    list: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    },
  };
  return { flags, global: { sandbox: values.sandbox === true, debug: values.debug === true }, issues };
}

function flagField(flag: FlagSpec): string {
  return flag.field ?? flag.name;
}

/** Reads the whole command line. Help wins over every other error once vendor and operation are known. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const end = argv.indexOf("--");
  const flagsPart = end === -1 ? argv : argv.slice(0, end);
  const wantsHelp = flagsPart.includes("--help") || flagsPart.includes("-h");
  const wantsVersion = flagsPart.includes("--version");

  // The vendor and operation are the first two words; only global flags may come before them.
  const words: number[] = [];
  for (let i = 0; i < flagsPart.length && words.length < 2; i++) {
    const token = flagsPart[i]!;
    if (token.startsWith("-") && token !== "-") {
      if (GLOBAL_TOKENS.has(token)) continue;
      break;
    }
    words.push(i);
  }
  // `integrations help [vendor [operation]]` is `--help` at that level.
  if (words[0] !== undefined && argv[words[0]] === "help") {
    return parseCommandLine([...argv.slice(0, words[0]), ...argv.slice(words[0] + 1), "--help"]);
  }
  const vendorWord = words[0] === undefined ? undefined : argv[words[0]];
  const operationWord = words[1] === undefined ? undefined : argv[words[1]];

  if (vendorWord === undefined) {
    if (wantsHelp) return { kind: "help" };
    if (wantsVersion) return { kind: "version" };
    const first = flagsPart.find((t) => !GLOBAL_TOKENS.has(t));
    throw new UsageError(
      first === undefined ? "missing command" : `unknown flag ${shown(first)}: a command comes first`,
      "Usage: integrations <vendor> <operation> [flags]. Run 'integrations --help' for every operation.",
    );
  }
  const vendor = VENDORS.find((v) => v.name === vendorWord)?.name;
  if (vendor === undefined) {
    const guess =
      closest(
        vendorWord,
        VENDORS.map((v) => v.name),
      ) ?? closestOperationVendor(vendorWord);
    throw new UsageError(
      `unknown command '${shown(vendorWord)}'`,
      `${guess ? `Did you mean '${guess}'? ` : ""}The vendors are ${VENDORS.map((v) => v.name).join(", ")}. Run 'integrations --help'.`,
    );
  }
  const ops = OPERATIONS.filter((op) => op.vendor === vendor);
  if (operationWord === undefined) {
    if (wantsHelp) return { kind: "help", vendor };
    if (wantsVersion) return { kind: "version" };
    throw new UsageError(
      `missing operation for '${vendor}'`,
      `The operations are ${ops.map((op) => op.name).join(", ")}. Run 'integrations ${vendor} --help'.`,
    );
  }
  const operation = ops.find((op) => op.name === operationWord);
  if (operation === undefined) {
    const guess =
      closest(
        operationWord,
        ops.map((op) => op.name),
      ) ?? ops.find((op) => op.method.toLowerCase() === operationWord.toLowerCase())?.name;
    const elsewhere = OPERATIONS.find((op) => op.name === operationWord && op.vendor !== vendor);
    throw new UsageError(
      `unknown operation '${shown(operationWord)}' for '${vendor}'`,
      `${guess ? `Did you mean '${guess}'? ` : elsewhere ? `'${elsewhere.name}' is a ${elsewhere.vendor} operation. ` : ""}The ${vendor} operations are ${ops.map((op) => op.name).join(", ")}. Run 'integrations ${vendor} --help'.`,
    );
  }
  if (wantsHelp) return { kind: "help", vendor, operation };
  if (wantsVersion) return { kind: "version" };

  const rest = argv.filter((_, i) => i !== words[0] && i !== words[1]);
  if (isBulkRun(rest))
    return { kind: "call", operation, issues: [], ...parseBulkFlags(operation, rest, GLOBAL_FLAGS) };
  return { kind: "call", operation, ...parseOperationFlags(operation, rest) };
}

/** `integrations get-card-list …` (vendor forgotten): suggest the vendor of that operation. */
function closestOperationVendor(word: string): string | undefined {
  const op = OPERATIONS.find((o) => o.name === word || o.method.toLowerCase() === word.toLowerCase());
  return op ? `${op.vendor} ${op.name}` : undefined;
}
