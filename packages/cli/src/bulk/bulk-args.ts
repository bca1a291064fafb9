/**
 * The flags of a bulk run: `integrations <vendor> <operation> --from rows.csv|rows.jsonl --results out.jsonl
 * [--concurrency N] [--rate N/s] [--resume] [--skip-invalid]`. The rows give the operation's fields, so its
 * field flags are not taken; its CLI options (ESWS `--transliterate`) and the global flags are.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../errors.js";
import type { Flags, OperationSpec } from "../operations.js";

/**
 * The runtime's MAX_BULK_CONCURRENCY, repeated so that parsing the command line does not load the runtime
 * (help and usage errors answer at once); runBulk checks it again.
 */
const MAX_CONCURRENCY = 256;

export interface BulkFlags {
  readonly from: string;
  readonly results: string;
  readonly concurrency: number | undefined;
  /** Calls started per second. */
  readonly rate: number | undefined;
  readonly resume: boolean;
  readonly skipInvalid: boolean;
}

export interface BulkFlagSpec {
  readonly name: string;
  readonly value?: string;
  readonly description: string;
}

export const BULK_FLAGS: readonly BulkFlagSpec[] = [
  {
    name: "from",
    value: "FILE",
    description:
      "Run the operation once per row of FILE: .csv (a header row of the contract's field names) or .jsonl (one JSON object per line). Every row is validated first.",
  },
  {
    name: "results",
    value: "FILE",
    description:
      "Where each row's outcome goes, one JSON line per row; its journal is FILE.journal. Required with --from.",
  },
  { name: "concurrency", value: "N", description: "Most calls in flight at once (default 8)." },
  {
    name: "rate",
    value: "N/s",
    description:
      "Most calls started per second; lowered while the vendor asks to slow down. Default: no limit.",
  },
  {
    name: "resume",
    description:
      "Continue the run recorded in --results: finished rows are skipped; a row that was in flight is sent again only if the operation is idempotent.",
  },
  { name: "skip-invalid", description: "Run the valid rows even if some rows break the contract." },
];

/** Whether the command line is a bulk run. */
export function isBulkRun(args: readonly string[]): boolean {
  return args.some((a) => a === "--from" || a.startsWith("--from="));
}

function positiveNumber(text: string, flag: string, integer: boolean, max: number): number {
  const clean = flag === "rate" ? text.trim().replace(/\/s$/, "") : text.trim();
  const pattern = integer ? /^[0-9]+$/ : /^[0-9]+(\.[0-9]+)?$/;
  const value = pattern.test(clean) ? Number(clean) : Number.NaN;
  if (!(value > 0 && value <= max)) {
    throw new UsageError(
      `--${flag} must be ${integer ? "a whole number" : "a number"} from ${integer ? 1 : "above 0"} to ${max}${flag === "rate" ? " (calls per second, e.g. 50 or 50/s)" : ""}`,
    );
  }
  return value;
}

/** Parses a bulk run's flags (the vendor and operation words removed). */
export function parseBulkFlags(
  op: OperationSpec,
  args: string[],
  globalFlags: readonly { name: string; short?: string }[],
): { flags: Flags; global: { sandbox: boolean; debug: boolean }; bulk: BulkFlags } {
  const help = `Run 'integrations ${op.vendor} ${op.name} --help'.`;
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const flag of BULK_FLAGS) options[flag.name] = { type: flag.value ? "string" : "boolean" };
  const cliOptions = op.flags.filter((f) => f.field === undefined && f.kind === "boolean");
  for (const flag of cliOptions) options[flag.name] = { type: "boolean" };
  for (const flag of globalFlags) {
    options[flag.name] = flag.short ? { type: "boolean", short: flag.short } : { type: "boolean" };
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const flag = /'(-{1,2}[A-Za-z0-9][A-Za-z0-9-]*)/.exec(message)?.[1] ?? "a flag";
    const field = op.flags.find((f) => f.field !== undefined && `--${f.name}` === flag);
    throw new UsageError(
      field
        ? `${flag} cannot be used with --from: the rows give ${field.field}`
        : `${flag} is not a flag of a bulk run, or needs a value`,
      `A bulk run takes ${BULK_FLAGS.map((f) => `--${f.name}`).join(", ")}. ${help}`,
    );
  }
  if (positionals.length > 0) {
    throw new UsageError(`a bulk run takes no positional arguments (${positionals.length} given)`, help);
  }
  const from = values.from;
  const results = values.results;
  if (typeof from !== "string" || from === "") throw new UsageError("--from needs a file", help);
  if (typeof results !== "string" || results === "") {
    throw new UsageError(
      "--results is required with --from",
      "Give the file each row's outcome is written to, e.g. --results out.jsonl.",
    );
  }
  const concurrency =
    typeof values.concurrency === "string"
      ? positiveNumber(values.concurrency, "concurrency", true, MAX_CONCURRENCY)
      : undefined;
  const rate =
    typeof values.rate === "string" ? positiveNumber(values.rate, "rate", false, 100_000) : undefined;
  const flags: Flags = {
    has: (name) => values[name] !== undefined,
    string: (name) => (typeof values[name] === "string" ? (values[name] as string) : undefined),
    integer: () => undefined,
    boolean: (name) => values[name] === true,
    list: () => [],
  };
  return {
    flags,
    global: { sandbox: values.sandbox === true, debug: values.debug === true },
    bulk: {
      from,
      results,
      concurrency,
      rate,
      resume: values.resume === true,
      skipInvalid: values["skip-invalid"] === true,
    },
  };
}
