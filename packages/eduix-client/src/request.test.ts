import { namespace, operations } from "@integrations/eduix-types";
import { ValidationError, writeDocumentLiteralEnvelope } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import { encodeBody } from "./request.js";

const encodeCreateKey = (request: object) => encodeBody(operations.createKey, request);
const encodeDeleteKey = (request: object) => encodeBody(operations.deleteKey, request);
const encodeGetKey = (request: object) => encodeBody(operations.getKey, request);

/** The reference: the runtime writer on the whole envelope, as the client did before templates. */
function reference(
  operation: "createKey" | "deleteKey" | "getKey",
  sessionID: string,
  members: Record<string, string | number>,
): string {
  return writeDocumentLiteralEnvelope({
    namespace,
    operation,
    headers: [
      {
        name: operations.createKey.binding.headerElement,
        children: [{ name: "sessionIDHeader", children: [{ name: "sessionID", text: sessionID }] }],
      },
    ],
    body: {
      name: operations[operation].binding.requestElement,
      children: Object.entries(members).map(([name, text]) => ({ name, text })),
    },
  });
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

const texts = ["plain", "a&b<c>d\re]]>", "tab\tand\nnewline", "😀 astral ✓", "", "'quotes\""];
const sessions = ["b3f1c9e2a7d84f06a1c5e9d2f7b30e4c", "s&<>\r", ""];

describe("envelope templates", () => {
  it("write exactly what the runtime writer writes", () => {
    for (const sid of sessions) {
      for (const text of texts) {
        expect(encodeDeleteKey({ userID: text }).envelope(sid)).toBe(
          reference("deleteKey", sid, { userID: text }),
        );
        expect(encodeCreateKey({ profileID: 12, userID: text }).envelope(sid)).toBe(
          reference("createKey", sid, { profileID: 12, userID: text }),
        );
        expect(encodeGetKey({ userID: text }).envelope(sid)).toBe(reference("getKey", sid, { userID: text }));
        expect(encodeGetKey({ distributorPersonID: text }).envelope(sid)).toBe(
          reference("getKey", sid, { distributorPersonID: text }),
        );
      }
      expect(encodeGetKey({ profileID: 9999999999 }).envelope(sid)).toBe(
        reference("getKey", sid, { profileID: 9999999999 }),
      );
    }
  });

  it("reuse one encoded body across sessionIDs (a re-login)", () => {
    const body = encodeGetKey({ userID: "u&1" });
    expect(body.envelope("first")).toBe(reference("getKey", "first", { userID: "u&1" }));
    expect(body.envelope("second")).toBe(reference("getKey", "second", { userID: "u&1" }));
  });

  it("throw the writer's own ValidationError for a text XML cannot carry", () => {
    const values = { profileID: 5, userID: "bad\u0001id\uD800" };
    const ours = thrown(() => encodeCreateKey(values));
    const writer = thrown(() => reference("createKey", "", values));
    expect(ours).toBeInstanceOf(ValidationError);
    expect((ours as ValidationError).issues).toEqual((writer as ValidationError).issues);
    expect((ours as Error).message).toBe((writer as Error).message);
  });

  it("leave a sessionID XML cannot carry to the writer", () => {
    const body = encodeDeleteKey({ userID: "u" });
    const ours = thrown(() => body.envelope("s\u0000"));
    const writer = thrown(() => reference("deleteKey", "s\u0000", { userID: "u" }));
    expect((ours as ValidationError).issues).toEqual((writer as ValidationError).issues);
  });
});
