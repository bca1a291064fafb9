import { describe, expect, it } from "vitest";
import { checkJsonShape, readJsonRequest } from "./json-request.js";
import { SandboxRequestError } from "./request-error.js";
import { MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from "./request-limits.js";

const problemOf = (text: string): string | undefined => {
  try {
    readJsonRequest(text);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxRequestError);
    return (error as SandboxRequestError).problem;
  }
};

const members = (n: number) => `{${Array.from({ length: n }, (_, i) => `"m${i}":${i}`).join(",")}}`;
const items = (n: number, item: string) => `[${Array.from({ length: n }, () => item).join(",")}]`;
const nested = (n: number, open: string, close: string) => `${open.repeat(n)}${close.repeat(n)}`;

describe("JSON shape limits", () => {
  it("accepts objects and arrays of up to the maximum members, and rejects one more", () => {
    expect(problemOf(members(MAX_JSON_MEMBERS))).toBeUndefined();
    expect(problemOf(members(MAX_JSON_MEMBERS + 1))).toBe("too-many-children");
    expect(problemOf(items(MAX_JSON_MEMBERS, '"x"'))).toBeUndefined();
    expect(problemOf(items(MAX_JSON_MEMBERS + 1, "{}"))).toBe("too-many-children");
    expect(problemOf(`{"a":{"b":${items(MAX_JSON_MEMBERS * 50, "0")}}}`)).toBe("too-many-children");
  });

  it("accepts nesting up to the maximum depth, and rejects one more level", () => {
    expect(problemOf(nested(MAX_JSON_DEPTH, "[", "]"))).toBeUndefined();
    expect(problemOf(nested(MAX_JSON_DEPTH + 1, "[", "]"))).toBe("too-deep");
    expect(problemOf(`${'{"a":'.repeat(MAX_JSON_DEPTH)}1${"}".repeat(MAX_JSON_DEPTH)}`)).toBeUndefined();
    expect(problemOf(`${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${"}".repeat(MAX_JSON_DEPTH + 1)}`)).toBe(
      "too-deep",
    );
    expect(problemOf(`{"a":[{"b":${nested(100_000, "[", "]")}}]}`)).toBe("too-deep");
  });

  it("does not count brackets and commas inside strings, escaped quotes included", () => {
    const tricky = JSON.stringify({
      a: ",".repeat(10_000),
      b: "[".repeat(10_000),
      c: `\\"${"{".repeat(1000)}"\\`,
      d: '",,,,[[[',
    });
    expect(() => checkJsonShape(tricky)).not.toThrow();
    expect(readJsonRequest(tricky)).toEqual(JSON.parse(tricky));
  });

  it("leaves text that is not JSON to the parser, and never quotes it", () => {
    for (const text of ["", "{", "]]]", '{"Password":"hunter2"', "nul", "{'a':1}"]) {
      expect(problemOf(text), text).toBe("not-json");
    }
    try {
      readJsonRequest('{"Password":"hunter2" oops}');
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });
});
