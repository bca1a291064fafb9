/**
 * `--help` at three levels, written from the operation table: everything, one vendor, one operation.
 * Help names environment variables, never their values.
 */
import { GLOBAL_FLAGS } from "./args.js";
import { BULK_FLAGS } from "./bulk/bulk-args.js";
import { ENV_VARS, type Vendor } from "./config.js";
import { EXIT } from "./errors.js";
import { type FlagSpec, OPERATIONS, type OperationSpec, operationsOf, VENDORS } from "./operations.js";

function pad(text: string, width: number): string {
  return text.length >= width ? `${text}  ` : text.padEnd(width);
}

function flagUsage(flag: FlagSpec): string {
  return flag.kind === "boolean" ? `--${flag.name}` : `--${flag.name} ${flag.value ?? "V"}`;
}

/** `--customer-code X | --dealer-customer-id N`, required flags bare, optional ones in brackets. */
export function synopsis(op: OperationSpec): string {
  const parts: string[] = [];
  if (op.choice) {
    const choice = op.choice.names.map((name) => flagUsage(op.flags.find((f) => f.name === name)!));
    const separator = op.choice.mode === "exactly-one" ? " | " : " and/or ";
    parts.push(choice.length > 1 ? `(${choice.join(separator)})` : choice[0]!);
  }
  for (const flag of op.flags) {
    if (op.choice?.names.includes(flag.name)) continue;
    const usage = `${flagUsage(flag)}${flag.multiple ? " ..." : ""}`;
    parts.push(flag.required ? usage : `[${usage}]`);
  }
  return [`integrations ${op.vendor} ${op.name}`, ...parts].join(" ");
}

function flagLines(op: OperationSpec, indent: string): string[] {
  const width = Math.max(...op.flags.map((f) => flagUsage(f).length), 0) + 2;
  const fieldWidth = Math.max(...op.flags.map((f) => (f.field ?? "").length), 0) + 2;
  return op.flags.map((flag) => {
    const notes: string[] = [];
    if (flag.required) notes.push("required");
    if (op.choice?.names.includes(flag.name)) {
      notes.push(
        op.choice.mode === "exactly-one" ? "exactly one of the choice" : "at least one of the choice",
      );
    }
    if (flag.multiple) notes.push("repeatable");
    const field = flag.field ? `→ ${flag.field}` : "(CLI option)";
    const note = notes.length > 0 ? ` [${notes.join(", ")}]` : "";
    return `${indent}${pad(flagUsage(flag), width)}${pad(field, fieldWidth + 2)}${flag.description}${note}`;
  });
}

function envLines(vendors: readonly (Vendor | "all")[], indent: string): string[] {
  const docs = ENV_VARS.filter((doc) => vendors.includes(doc.vendor));
  const width = Math.max(...docs.map((d) => d.name.length)) + 2;
  return docs.map((doc) => {
    const notes = [doc.required ? "required" : "", doc.secret ? "secret, never printed" : ""].filter(Boolean);
    return `${indent}${pad(doc.name, width)}${doc.description}${notes.length ? ` [${notes.join(", ")}]` : ""}`;
  });
}

function globalLines(indent: string): string[] {
  const usage = (f: (typeof GLOBAL_FLAGS)[number]) => (f.short ? `-${f.short}, --${f.name}` : `--${f.name}`);
  const width = Math.max(...GLOBAL_FLAGS.map((f) => usage(f).length)) + 2;
  return GLOBAL_FLAGS.map((f) => `${indent}${pad(usage(f), width)}${f.description}`);
}

const EXIT_LINES = [
  `  ${EXIT.OK}    success; the value is on stdout`,
  `  ${EXIT.SERVICE}    vendor/service error: a result code or SOAP fault (kind "service" or "soap-fault")`,
  `  ${EXIT.USAGE}    usage error: unknown command or flag, missing flag, missing or invalid environment variable`,
  `  ${EXIT.VALIDATION}    validation error: the input breaks the contract; nothing was sent (kind "validation")`,
  `  ${EXIT.TRANSPORT}    transport error: network, timeout, unexpected HTTP status, malformed response`,
  `  ${EXIT.INTERNAL}   internal error (a bug in the CLI)`,
  `  ${EXIT.INTERRUPTED}  interrupted (Ctrl-C) during a call`,
];

const OUTPUT_LINES = [
  '  stdout: the resolved value as JSON (Moka\'s Data, the ESWS return code, the Edu-iX keys, { "ok": true }).',
  "  stderr: on failure, the typed error as JSON: { name, kind, message, operation, retryable, status,",
  "          vendor, code, meaning, detail, ... } (issues for validation errors, hint for usage errors).",
  "  Secrets (passwords, the company id, the CheckKey, the sessionID) never appear in either stream.",
];

const BULK_USAGE =
  "--from rows.csv|rows.jsonl --results out.jsonl [--concurrency N] [--rate N/s] [--resume] [--skip-invalid]";

/** A bulk run of an operation: its flags, what the rows hold, the exit codes. */
function bulkLines(indent: string, op?: OperationSpec): string[] {
  const width = Math.max(...BULK_FLAGS.map((f) => `--${f.name}${f.value ? ` ${f.value}` : ""}`.length)) + 2;
  // The contract's field names (a Moka flag's field is reported under its request member: the last part).
  const fields = op?.flags
    .filter((f) => f.field !== undefined)
    .map((f) => `${f.field!.slice(f.field!.lastIndexOf(".") + 1)}${f.map ? ".<key>" : ""}`);
  return [
    `${indent}Run the operation once per row of a file: ${op ? `integrations ${op.vendor} ${op.name}` : "integrations <vendor> <operation>"} ${BULK_USAGE}`,
    `${indent}Columns (CSV header) or keys (JSON Lines) are the contract's field names${fields && fields.length > 0 ? `: ${fields.join(", ")}` : ""}.`,
    `${indent}Every row is validated before anything is sent; bad rows are listed with their line, field and rule.`,
    ...BULK_FLAGS.map(
      (f) => `${indent}  ${pad(`--${f.name}${f.value ? ` ${f.value}` : ""}`, width)}${f.description}`,
    ),
    `${indent}Exit codes: 0 every row succeeded; 1 some rows failed or have an unknown outcome (see the results file);`,
    `${indent}3 some rows break the contract (nothing sent, or skipped with --skip-invalid); 130 interrupted (--resume continues).`,
  ];
}

export function mainHelp(): string {
  const lines = [
    "integrations — call any Moka United, EasySecure ESWS or Edu-iX Account operation from the terminal.",
    "",
    "Usage:",
    "  integrations [--sandbox] [--debug] <vendor> <operation> [flags]",
    "  integrations --help | <vendor> --help | <vendor> <operation> --help   (or: integrations help [<vendor> [<operation>]])",
    `  integrations [--sandbox] <vendor> <operation> ${BULK_USAGE}`,
    "",
    "Operations (flag → vendor field):",
  ];
  for (const vendor of VENDORS) {
    lines.push("", `  ${vendor.name}: ${vendor.title} (${vendor.protocol})`);
    for (const op of operationsOf(vendor.name)) {
      lines.push(`    ${op.name}  ${op.contract}: ${op.summary}`);
      lines.push(`      ${synopsis(op)}`);
      for (const flag of op.flags) {
        lines.push(`        --${flag.name} → ${flag.field ?? "(CLI option)"}`);
      }
    }
  }
  lines.push(
    "",
    "Global flags:",
    ...globalLines("  "),
    "",
    "Bulk runs:",
    ...bulkLines("  "),
    "",
    "Environment (configuration and credentials come from the environment only, never from flags):",
    ...envLines([...VENDORS.map((v) => v.name), "all"], "  "),
    "",
    "Output:",
    ...OUTPUT_LINES,
    "",
    "Exit codes:",
    ...EXIT_LINES,
    "",
    "Examples:",
    ...OPERATIONS.map((op) => `  ${op.examples[0]}`),
    "  integrations --sandbox eduix get-key --profile-id 48213976",
    "",
  );
  return lines.join("\n");
}

export function vendorHelp(vendor: Vendor): string {
  const spec = VENDORS.find((v) => v.name === vendor)!;
  const lines = [
    `integrations ${vendor} — ${spec.title} (${spec.protocol})`,
    "",
    "Usage:",
    `  integrations [--sandbox] [--debug] ${vendor} <operation> [flags]`,
    `  integrations ${vendor} <operation> --help`,
    "",
    "Operations:",
  ];
  for (const op of operationsOf(vendor)) {
    lines.push("", `  ${op.name} — ${op.contract}: ${op.summary}`, `    ${synopsis(op)}`);
    if (op.flags.length > 0) lines.push(...flagLines(op, "      "));
    lines.push(`    stdout: ${op.output}`);
  }
  lines.push(
    "",
    "Environment:",
    ...envLines([vendor, "all"], "  "),
    "",
    "Global flags:",
    ...globalLines("  "),
    "",
    "Exit codes:",
    ...EXIT_LINES,
    "",
  );
  return lines.join("\n");
}

export function operationHelp(op: OperationSpec): string {
  const lines = [
    `integrations ${op.vendor} ${op.name} — ${op.contract}`,
    "",
    `  ${op.summary}`,
    "",
    "Usage:",
    `  ${synopsis(op)}`,
    "",
  ];
  if (op.flags.length > 0) {
    lines.push("Flags (flag → vendor field):", ...flagLines(op, "  "), "");
  } else {
    lines.push("Flags: none (the client adds the credentials; the request carries nothing else).", "");
  }
  if (op.secretInputs && op.secretInputs.length > 0) {
    lines.push(
      "Secret inputs (never flags: flags end up in shell history):",
      ...op.secretInputs.map(
        (s) => `  ${s.env.padEnd(28)} → ${s.field}${s.required ? " (required)" : ""}. ${s.description}`,
      ),
      "",
    );
  }
  if (op.choice) {
    const names = op.choice.names.map((n) => `--${n}`).join(", ");
    lines.push(
      op.choice.mode === "exactly-one"
        ? `Exactly one of ${names} is required.`
        : `At least one of ${names} is required (if several are given, they must agree).`,
      "",
    );
  }
  lines.push(
    `stdout (JSON): ${op.output}`,
    "",
    "Bulk runs:",
    ...bulkLines("  ", op),
    "",
    "Environment:",
    ...envLines([op.vendor, "all"], "  "),
    "",
    "Global flags:",
    ...globalLines("  "),
    "",
    "Exit codes:",
    ...EXIT_LINES,
    "",
    "Examples:",
    ...op.examples.map((example) => `  ${example}`),
    "",
  );
  return lines.join("\n");
}
