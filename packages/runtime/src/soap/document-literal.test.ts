import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { firstChild, parseXml, type XmlElement } from "../xml/parse.js";
import { writeDocumentLiteralEnvelope } from "./document-literal.js";
import { readSoapEnvelope } from "./envelope.js";
import { SOAP11_ENVELOPE_NS } from "./namespaces.js";

const NS = "urn:edu-ix:account:4.3";

/** Every element below `el`, paired with its dotted path (iterative: test helpers obey the same rule). */
function elements(el: XmlElement): Array<[string, XmlElement]> {
  const out: Array<[string, XmlElement]> = [];
  const stack: Array<[string, XmlElement]> = [[el.name, el]];
  while (stack.length > 0) {
    const [path, node] = stack.pop()!;
    out.push([path, node]);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      stack.push([`${path}.${child.name}`, child]);
    }
  }
  return out;
}

describe("writeDocumentLiteralEnvelope", () => {
  it("writes headers and body, every element qualified in the service namespace", () => {
    const xml = writeDocumentLiteralEnvelope({
      namespace: NS,
      headers: [
        {
          name: "authHeader",
          children: [{ name: "sessionIDHeader", children: [{ name: "sessionID", text: "abc" }] }],
        },
      ],
      body: { name: "getKeyRequest", children: [{ name: "userID", text: "user@school.nl" }] },
    });
    expect(xml).toContain(`xmlns:urn="${NS}"`);
    expect(xml).toContain("<urn:getKeyRequest><urn:userID>user@school.nl</urn:userID></urn:getKeyRequest>");
    const env = readSoapEnvelope(xml);
    expect(env.header).toBeDefined();
    const all = [...elements(env.header!), ...elements(env.body)].filter(
      ([, el]) => el.ns !== SOAP11_ENVELOPE_NS,
    );
    expect(all.map(([path, el]) => [path, el.ns, el.text])).toEqual([
      ["Header.authHeader", NS, ""],
      ["Header.authHeader.sessionIDHeader", NS, ""],
      ["Header.authHeader.sessionIDHeader.sessionID", NS, "abc"],
      ["Body.getKeyRequest", NS, ""],
      ["Body.getKeyRequest.userID", NS, "user@school.nl"],
    ]);
  });

  it("omits the Header when there are no headers, and honours a custom prefix", () => {
    for (const headers of [undefined, []]) {
      const xml = writeDocumentLiteralEnvelope({
        namespace: NS,
        prefix: "acc",
        headers,
        body: { name: "loginRequest" },
      });
      expect(xml).not.toContain("Header");
      const env = readSoapEnvelope(xml);
      expect(env.header).toBeUndefined();
      expect(env.body.children[0]).toMatchObject({ name: "loginRequest", ns: NS, prefix: "acc", text: "" });
    }
  });

  it("writes numbers and escapes text", () => {
    const xml = writeDocumentLiteralEnvelope({
      namespace: NS,
      body: {
        name: "createKeyRequest",
        children: [
          { name: "profileID", text: 123 },
          { name: "userID", text: `a<b&c>"d'\r` },
        ],
      },
    });
    const req = readSoapEnvelope(xml).body.children[0]!;
    expect(firstChild(req, "profileID", NS)?.text).toBe("123");
    expect(firstChild(req, "userID", NS)?.text).toBe(`a<b&c>"d'\r`);
  });

  it("reports every invalid text by dotted path in one ValidationError", () => {
    let error: unknown;
    try {
      writeDocumentLiteralEnvelope({
        namespace: NS,
        operation: "getKey",
        headers: [
          {
            name: "authHeader",
            children: [{ name: "loginHeader", children: [{ name: "password", text: "p\u0000" }] }],
          },
        ],
        body: {
          name: "getKeyRequest",
          children: [
            { name: "userID", text: "\uDFFF" },
            { name: "profileID", text: Number.POSITIVE_INFINITY },
          ],
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const err = error as ValidationError;
    expect(err.operation).toBe("getKey");
    expect(err.issues).toEqual([
      {
        field: "authHeader.loginHeader.password",
        rule: "xmlChar",
        message: "contains U+0000, which XML 1.0 cannot carry",
      },
      {
        field: "getKeyRequest.userID",
        rule: "xmlChar",
        message: "contains U+DFFF, which XML 1.0 cannot carry",
      },
      { field: "getKeyRequest.profileID", rule: "finite", message: "must be a finite number" },
    ]);
  });

  it("throws TypeError on contract bugs", () => {
    const body = { name: "x" };
    expect(() => writeDocumentLiteralEnvelope({ namespace: NS, prefix: "soapenv", body })).toThrow(TypeError);
    expect(() => writeDocumentLiteralEnvelope({ namespace: NS, prefix: "xmlns", body })).toThrow(TypeError);
    expect(() => writeDocumentLiteralEnvelope({ namespace: NS, prefix: "a:b", body })).toThrow(TypeError);
    expect(() => writeDocumentLiteralEnvelope({ namespace: NS, body: { name: "a b" } })).toThrow(TypeError);
    const cyclic: { name: string; children: unknown[] } = { name: "loop", children: [] };
    cyclic.children.push(cyclic);
    expect(() =>
      writeDocumentLiteralEnvelope({ namespace: NS, body: cyclic as unknown as { name: string } }),
    ).toThrow(TypeError);
  });

  it("output is parseable by the hardened parser with default limits", () => {
    const xml = writeDocumentLiteralEnvelope({
      namespace: NS,
      body: { name: "deleteKeyRequest", children: [{ name: "userID", text: "u" }] },
    });
    expect(parseXml(xml).name).toBe("Envelope");
  });
});
