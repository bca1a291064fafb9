/**
 * The rows of a bulk file, one at a time (bounded memory, whatever the file size): `.csv` (a header row of
 * contract field names, then one record per row) or `.jsonl` / `.ndjson` (one JSON object per line, keys the
 * contract's field names, values of the field's JSON type). Each row comes with its number (1-based, the n-th
 * row of data: stable between runs, the journal's key), the line it starts on, and its input, or the issues
 * that keep it from being one.
 */
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { parseJsonBody, type ValidationIssue } from "@integrations/runtime";
import { UsageError } from "../errors.js";
import type { OperationSpec } from "../operations.js";
import { CsvError, readCsv } from "./csv.js";
import { csvColumns, csvInput, rowFieldsOf } from "./row-fields.js";

export interface SourceRow {
  readonly row: number;
  readonly line: number;
  readonly input: Record<string, unknown>;
  /** Problems found while reading the row (its shape, a cell's type); the validator's come on top. */
  readonly issues: readonly ValidationIssue[];
}

export type RowFormat = "csv" | "jsonl";

/** Longest JSON Lines line, in characters. */
export const MAX_LINE_CHARS = 1 << 20;

export function formatOf(path: string): RowFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  throw new UsageError(
    `--from ${shownPath(path)}: the file must end in .csv, .jsonl or .ndjson`,
    "A .csv file has a header row of contract field names; a .jsonl file has one JSON object per line.",
  );
}

function shownPath(path: string): string {
  return path.length > 80 ? `…${path.slice(-80)}` : path;
}

async function* chunksOf(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      throw new UsageError(`--from ${shownPath(path)}: cannot read the file (${code})`);
    }
    throw error;
  }
}

export async function* readRows(op: OperationSpec, path: string): AsyncGenerator<SourceRow> {
  if (formatOf(path) === "csv") yield* csvRows(op, path);
  else yield* jsonlRows(path);
}

async function* csvRows(op: OperationSpec, path: string): AsyncGenerator<SourceRow> {
  const fields = rowFieldsOf(op);
  let columns: ReturnType<typeof csvColumns> | undefined;
  let row = 0;
  try {
    for await (const record of readCsv(chunksOf(path))) {
      if (columns === undefined) {
        columns = csvColumns(op, record.fields, shownPath(path));
        continue;
      }
      const { input, issues } = csvInput(fields, columns, record.fields);
      yield { row: ++row, line: record.line, input, issues };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new UsageError(`--from ${shownPath(path)}: not valid CSV at ${error.message}`, "See RFC 4180.");
    }
    throw error;
  }
  if (columns === undefined) throw new UsageError(`--from ${shownPath(path)}: the file has no header row`);
}

async function* jsonlRows(path: string): AsyncGenerator<SourceRow> {
  let rest = "";
  let line = 0;
  let row = 0;
  const rowOf = (text: string, at: number): SourceRow | undefined => {
    if (text.trim() === "") return undefined;
    try {
      const value = parseJsonBody(text, "row");
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return {
          row: ++row,
          line: at,
          input: {},
          issues: [{ field: "", rule: "type", message: "the line must be one JSON object" }],
        };
      }
      return { row: ++row, line: at, input: value as Record<string, unknown>, issues: [] };
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? "not-json";
      const detail = (error as Error).message.replace(/^.*?malformed response \([^)]*\): /, "");
      return {
        row: ++row,
        line: at,
        input: {},
        issues: [{ field: "", rule: reason, message: `the line is not one JSON object: ${detail}` }],
      };
    }
  };
  for await (const chunk of chunksOf(path)) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      line++;
      const parsed = rowOf(text.slice(start, nl).replace(/\r$/, ""), line);
      if (parsed) yield parsed;
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE_CHARS) {
      throw new UsageError(
        `--from ${shownPath(path)}: line ${line + 1} is longer than ${MAX_LINE_CHARS} characters`,
      );
    }
  }
  const last = rowOf(rest.replace(/\r$/, ""), line + 1);
  if (last) yield last;
}
