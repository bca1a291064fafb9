/**
 * The fields a row of a bulk file may set: the operation's input fields by their contract names (the same
 * fields the flags set), and how a CSV cell, which is always text, becomes the field's value.
 */
import type { ValidationIssue } from "@integrations/runtime";
import { UsageError } from "../errors.js";
import type { FlagKind, OperationSpec } from "../operations.js";

export interface RowField {
  /** The contract's name: `profileID`, `p_wsAltUserId`, `CustomerCode`. */
  readonly name: string;
  readonly kind: FlagKind;
  /** A map field (ESWS `p_infoFields`): CSV columns `p_infoFields.info1`, a JSON object in JSON Lines. */
  readonly map: boolean;
}

/** The input fields of an operation, from its derived flags (a flag's field is the contract's name). */
export function rowFieldsOf(op: OperationSpec): RowField[] {
  return op.flags
    .filter((f) => f.field !== undefined)
    .map((f) => ({ name: f.field!.slice(f.field!.lastIndexOf(".") + 1), kind: f.kind, map: f.map === true }));
}

/** One CSV column: the field it sets, and the key within a map field. */
export interface CsvColumn {
  readonly field: RowField;
  readonly key?: string | undefined;
}

/** The header row → columns; a column that is not a field, or is there twice, is a usage error. */
export function csvColumns(op: OperationSpec, header: readonly string[], file: string): CsvColumn[] {
  const fields = rowFieldsOf(op);
  const names = fields.map((f) => (f.map ? `${f.name}.<key>` : f.name)).join(", ");
  const seen = new Set<string>();
  const hint = `The columns are the contract's field names: ${names}. Run 'integrations ${op.vendor} ${op.name} --help'.`;
  return header.map((raw, index) => {
    const name = raw.trim();
    if (seen.has(name)) throw new UsageError(`${file}: column '${shown(name)}' is there twice`, hint);
    seen.add(name);
    const dot = name.indexOf(".");
    const base = dot < 0 ? name : name.slice(0, dot);
    const field = fields.find((f) => f.name === base);
    if (field === undefined || (field.map ? dot < 0 || dot === name.length - 1 : dot >= 0)) {
      throw new UsageError(
        `${file}: column ${index + 1} ('${shown(name)}') is not a field of ${op.vendor} ${op.name}`,
        hint,
      );
    }
    return { field, key: field.map ? name.slice(dot + 1) : undefined };
  });
}

/** Column names are echoed in errors: cap them and drop control characters. */
function shown(text: string): string {
  const clean = [...text].filter((c) => c >= " " && c !== "\u007f").join("");
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/**
 * A CSV record → the method's input. Text stays text (an empty cell is the empty string: ESWS reads "" as "no
 * PIN"); an integer column holds a decimal integer, and an empty one means the field is not given. A cell that
 * is not what its field takes is an issue, not a guess.
 */
export function csvInput(
  fields: readonly RowField[],
  columns: readonly CsvColumn[],
  cells: readonly string[],
): { input: Record<string, unknown>; issues: ValidationIssue[] } {
  const input: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  if (cells.length !== columns.length) {
    issues.push({
      field: "",
      rule: "columns",
      message: `the record has ${cells.length} fields and the header ${columns.length}`,
    });
    return { input, issues };
  }
  columns.forEach(({ field, key }, i) => {
    const cell = cells[i]!;
    if (key !== undefined) {
      if (input[field.name] === undefined) input[field.name] = {};
      // An own property whatever the key (a column `p_infoFields.__proto__` must not reach the prototype).
      Object.defineProperty(input[field.name], key, {
        value: cell,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return;
    }
    if (field.kind === "integer") {
      if (cell === "") return;
      const number = /^[+-]?[0-9]+$/.test(cell) ? Number(cell) : Number.NaN;
      if (Number.isSafeInteger(number)) input[field.name] = number;
      else issues.push({ field: field.name, rule: "type", message: "must be an integer" });
      return;
    }
    if (field.kind === "boolean") {
      if (cell === "true" || cell === "false") input[field.name] = cell === "true";
      else if (cell !== "")
        issues.push({ field: field.name, rule: "type", message: "must be true or false" });
      return;
    }
    input[field.name] = cell;
  });
  // A map field without a column is an empty map, as when its flag is not given (ESWS: no info fields).
  for (const field of fields) if (field.map && !(field.name in input)) input[field.name] = {};
  return { input, issues };
}
