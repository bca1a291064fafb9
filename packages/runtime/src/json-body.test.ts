import { describe, expect, it } from "vitest";
import { MalformedResponseError } from "./errors.js";
import { parseJsonBody } from "./json-body.js";

function failure(body: string): MalformedResponseError {
  try {
    parseJsonBody(body, "GetCustomerList", 200);
  } catch (error) {
    if (error instanceof MalformedResponseError) return error;
    throw error;
  }
  throw new Error(`accepted: ${body}`);
}

const envelope = (data: string) =>
  `{"Data":${data},"ResultCode":"Success","ResultMessage":"","Exception":null}`;

describe("parseJsonBody", () => {
  it("ignores a UTF-8 byte order mark before the JSON", () => {
    for (const body of [envelope("null"), "[]", '"x"', envelope('{"DealerCustomerId":1034}')]) {
      expect(parseJsonBody(`\uFEFF${body}`, "op")).toEqual(JSON.parse(body));
    }
    // Only one, and only at the start.
    expect(failure("\uFEFF\uFEFF{}").reason).toBe("not-json");
  });

  it("rejects integers beyond JavaScript's safe range instead of rounding them, naming where", () => {
    const cases: [string, string][] = [
      ['{"DealerCustomerId":9007199254740993}', "DealerCustomerId"],
      ['{"DealerCustomerId":12345678901234567890}', "DealerCustomerId"],
      ['{"DealerCustomerId":-9007199254740993}', "DealerCustomerId"],
      ['{"DealerCustomerList":[{"DealerCustomerId":1},{"DealerCustomerId":9007199254740992}]}', "[1]"],
      ['{"CardListCount":1.2345678901234567e25}', "CardListCount"],
      ['{"CardListCount":1e21}', "CardListCount"],
      ['{"CardListCount":90071992547409930e-1}', "CardListCount"],
      ['{"CardListCount":1.7976931348623157e308}', "CardListCount"],
    ];
    for (const [data, where] of cases) {
      const error = failure(envelope(data));
      expect(error.reason, data).toBe("number");
      expect(error.message).toContain("beyond JavaScript's safe range");
      expect(error.message).toContain(`Data.`);
      expect(error.message).toContain(where);
      expect(error).toMatchObject({ operation: "GetCustomerList", status: 200 });
    }
  });

  it("rejects numbers beyond a double's range, or too small for one, instead of Infinity or 0", () => {
    for (const [n, words] of [
      ["1e400", "beyond the range"],
      ["-1e400", "beyond the range"],
      ["1.5E+309", "beyond the range"],
      ["1e-400", "too small"],
      ["-2.5e-999", "too small"],
    ]) {
      const error = failure(envelope(`{"Gender":${n}}`));
      expect(error.reason, n).toBe("number");
      expect(error.message).toContain(words);
      expect(error.message).toContain("Data.Gender");
    }
  });

  it("returns every number JavaScript holds exactly, as it is", () => {
    const safe = [
      0, -0, 1, 9007199254740991, -9007199254740991, 123456789012345, 0.1, 2.5e-10, 12345.678901234567,
    ];
    const body = envelope(`[${safe.join(",")},0e0,0.0e-999,1.0,100e-2]`);
    expect(parseJsonBody(body, "op")).toEqual(JSON.parse(body));
    // Digits inside strings are text, not numbers.
    expect(parseJsonBody('{"CardToken":"12345678901234567890","x":"1e400"}', "op")).toEqual({
      CardToken: "12345678901234567890",
      x: "1e400",
    });
  });

  it("rejects an object with the same key twice, however it is spelled, at any depth", () => {
    for (const [body, where] of [
      ['{"ResultCode":"Success","ResultCode":"EX"}', "(root)"],
      [envelope('{"DealerCustomerId":1,"CustomerCode":"a","DealerCustomerId":2}'), "Data"],
      [envelope('{"DealerCustomerList":[{"a":1},{"a":1,"b":2,"\\u0061":3}]}'), "Data.DealerCustomerList[1]"],
      [envelope(`{${Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(",")},"k39":0}`), "Data"],
    ] as const) {
      const error = failure(body);
      expect(error.reason, body).toBe("ambiguous-json");
      expect(error.message).toContain("twice in one object");
      expect(error.message).toContain(`at ${where}`);
    }
    // The same key in sibling objects, or as a value, is fine.
    const fine = envelope('{"List":[{"a":1},{"a":2}],"b":"a","c":{"a":{"a":1}}}');
    expect(parseJsonBody(fine, "op")).toEqual(JSON.parse(fine));
  });

  it("rejects a __proto__ key, which a copy would turn into a prototype", () => {
    for (const body of [
      '{"__proto__":{"isAdmin":true}}',
      envelope('{"DealerCustomer":{"__proto__":null}}'),
      envelope('[{"x":1},{"\\u005f_proto__":1}]'),
    ]) {
      const error = failure(body);
      expect(error.reason, body).toBe("ambiguous-json");
      expect(error.message).toContain('"__proto__"');
    }
    // As a value, it is only text.
    expect(parseJsonBody('{"x":"__proto__"}', "op")).toEqual({ x: "__proto__" });
  });

  it("says where a broken body breaks, without quoting it", () => {
    const secret = "S3CRET-moka-pw-7f1c-0123456789";
    const error = failure(`{"Password": ${secret}}`);
    expect(error.reason).toBe("not-json");
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).not.toContain("S3CRET");
    expect(error.cause).toBe(undefined);
  });
});
