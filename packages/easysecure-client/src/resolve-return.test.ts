import { describe, expect, it } from "vitest";
import { createReturnResolver, type ResultCodeEntry } from "./resolve-return.js";

const entry = (code: string, extra: Partial<ResultCodeEntry> = {}): ResultCodeEntry => ({
  code,
  meaning: `meaning of ${code}`,
  outcome: "error",
  retryable: false,
  ...extra,
});

const catalog: ResultCodeEntry[] = [
  entry("OK", { outcome: "success" }),
  entry("UNAUTHORIZED", { detail: true }),
  entry("UNAUTHORIZED_X", { detail: true }),
  entry("PIN must be unique"),
  entry("INVALID_INFO_DATE_FORMAT", { match: "^wsStartDatum \\(INFO[0-9]+\\) .*$" }),
  entry("OK", { meaning: "a duplicate, ignored" }),
];
const resolve = createReturnResolver(catalog);

describe("createReturnResolver", () => {
  it("1. matches a value exactly, after trimming; sentences are values too", () => {
    expect(resolve("  OK\n")).toEqual({ documented: true, entry: catalog[0], detail: undefined });
    expect(resolve("PIN must be unique")).toMatchObject({
      documented: true,
      entry: { code: "PIN must be unique" },
    });
    expect(resolve("UNAUTHORIZED")).toEqual({ documented: true, entry: catalog[1], detail: undefined });
  });

  it("2. resolves a match regex to its value, without splitting a detail off", () => {
    expect(resolve("wsStartDatum (INFO3) and more")).toEqual({
      documented: true,
      entry: catalog[4],
      detail: undefined,
    });
  });

  it("3. splits 'VALUE <message>' for detail codes, the longest value first", () => {
    expect(resolve("UNAUTHORIZED Invalid credentials ")).toEqual({
      documented: true,
      entry: catalog[1],
      detail: "Invalid credentials",
    });
    expect(resolve("UNAUTHORIZED_X  two spaces")).toMatchObject({
      entry: { code: "UNAUTHORIZED_X" },
      detail: "two spaces",
    });
  });

  it("does not split codes without detail, nor a value glued to text", () => {
    expect(resolve("OK fine")).toEqual({ documented: false, code: "OK fine" });
    expect(resolve("UNAUTHORIZEDX")).toEqual({ documented: false, code: "UNAUTHORIZEDX" });
    expect(resolve("ok")).toEqual({ documented: false, code: "ok" });
  });

  it("4. anything else is undocumented, trimmed", () => {
    expect(resolve(" Something new ")).toEqual({ documented: false, code: "Something new" });
  });

  it("keeps the first entry of a duplicated code", () => {
    expect(resolve("OK")).toMatchObject({ entry: { meaning: "meaning of OK" } });
  });
});
