/**
 * A small, strict CSV reader (RFC 4180): comma-separated fields, a field in double quotes may hold commas, line
 * breaks and doubled quotes (`""`), records end with CRLF or LF. It streams: one record at a time, whatever the
 * file size. Whatever RFC 4180 does not allow is an error naming the line, never a guess: a quote inside an
 * unquoted field, text after a closing quote, a quote left open at the end of the file, a lone CR. A UTF-8 byte
 * order mark at the start is skipped, and so are empty lines (a record of nothing, which no contract field takes).
 */

export interface CsvRecord {
  /** The line the record starts on (1-based): a quoted field may span lines. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvError extends Error {
  override readonly name = "CsvError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Longest record accepted, in characters: a file with a quote left open cannot swallow the memory. */
export const MAX_RECORD_CHARS = 1 << 20;

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  AfterQuote,
  AfterCr,
}

export async function* readCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
  maxRecordChars = MAX_RECORD_CHARS,
): AsyncGenerator<CsvRecord> {
  let state = State.FieldStart;
  let fields: string[] = [];
  let field = "";
  let size = 0;
  let line = 1;
  let recordLine = 1;
  let first = true;
  /** Where the open quoted field started, for the error when it is never closed. */
  let quoteLine = 1;
  /** The records completed in the current chunk. */
  let out: CsvRecord[] = [];

  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    fields.push(field);
    field = "";
    // A record of one empty field is an empty line.
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: recordLine, fields });
    fields = [];
    size = 0;
    recordLine = line;
  };

  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    out = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (++size > maxRecordChars) {
        throw new CsvError(recordLine, `a record longer than ${maxRecordChars} characters`);
      }
      switch (state) {
        case State.AfterCr:
          // A CR ends a record only as the first half of CRLF.
          if (ch !== "\n") throw new CsvError(line, "a carriage return (CR) not followed by a line feed");
          state = State.FieldStart;
          line++;
          endRecord();
          break;
        case State.FieldStart:
          if (ch === '"') {
            state = State.Quoted;
            quoteLine = line;
          } else if (ch === ",") endField();
          else if (ch === "\r") state = State.AfterCr;
          else if (ch === "\n") {
            line++;
            endRecord();
          } else {
            field += ch;
            state = State.Unquoted;
          }
          break;
        case State.Unquoted:
          if (ch === ",") {
            endField();
            state = State.FieldStart;
          } else if (ch === "\r") state = State.AfterCr;
          else if (ch === "\n") {
            line++;
            state = State.FieldStart;
            endRecord();
          } else if (ch === '"') {
            throw new CsvError(
              line,
              'a double quote inside an unquoted field: quote the whole field and double the quote ("")',
            );
          } else field += ch;
          break;
        case State.Quoted:
          if (ch === '"') state = State.AfterQuote;
          else {
            if (ch === "\n") line++;
            field += ch;
          }
          break;
        case State.AfterQuote:
          if (ch === '"') {
            field += '"';
            state = State.Quoted;
          } else if (ch === ",") {
            endField();
            state = State.FieldStart;
          } else if (ch === "\r") state = State.AfterCr;
          else if (ch === "\n") {
            line++;
            state = State.FieldStart;
            endRecord();
          } else {
            throw new CsvError(
              line,
              "text after a closing double quote: a quoted field ends at a comma or the line's end",
            );
          }
          break;
      }
    }
    yield* out;
  }
  if (state === State.Quoted) throw new CsvError(quoteLine, "a double quote opened here is never closed");
  if (state === State.AfterCr) throw new CsvError(line, "a carriage return (CR) not followed by a line feed");
  if (state !== State.FieldStart || fields.length > 0) {
    fields.push(field);
    yield { line: recordLine, fields };
  }
}
