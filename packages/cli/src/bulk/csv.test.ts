import { describe, expect, it } from "vitest";
import { CsvError, type CsvRecord, readCsv } from "./csv.js";

async function records(chunks: string[], max?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsv(chunks, max)) out.push(record);
  return out;
}

describe("readCsv (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, split anywhere across chunks", async () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\r\n\n3,,last';
    const expected = [
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["2", "two\nlines", ""] },
      { line: 6, fields: ["3", "", "last"] },
    ];
    expect(await records([text])).toEqual(expected);
    // Every split point, also inside CRLF, a doubled quote and the byte order mark's neighbour.
    for (let i = 1; i < text.length; i++) {
      expect(await records([text.slice(0, i), text.slice(i)])).toEqual(expected);
    }
  });

  it("rejects what RFC 4180 does not allow, naming the line", async () => {
    const cases: Array<[string, RegExp]> = [
      ['a,b\n1,x"y\n', /line 2: a double quote inside an unquoted field/],
      ['a\n"x"y\n', /line 2: text after a closing double quote/],
      ['a\n1\n"open\n\n', /line 3: a double quote opened here is never closed/],
      ["a\r1\n", /line 1: a carriage return \(CR\) not followed by a line feed/],
      ["a\n1\r", /carriage return/],
    ];
    for (const [text, message] of cases) {
      await expect(records([text])).rejects.toThrow(message);
      await expect(records([text])).rejects.toBeInstanceOf(CsvError);
    }
  });

  it("caps a record's length, so a quote left open cannot hold the whole file", async () => {
    await expect(records([`a\n"${"x".repeat(100)}`], 50)).rejects.toThrow(/longer than 50 characters/);
    expect(await records([`a\n${"x".repeat(40)}\n${"y".repeat(40)}\n`], 50)).toHaveLength(3);
  });
});
