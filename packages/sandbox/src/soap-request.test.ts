import { describe, expect, it } from "vitest";
import { SandboxRequestError } from "./request-error.js";
import { MAX_XML_CHILDREN, MAX_XML_DEPTH } from "./request-limits.js";
import { readSoapRequest } from "./soap-request.js";

const envelope = (inner: string, header = "") =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${header}</s:Header><s:Body>${inner}</s:Body></s:Envelope>`;

const problemOf = (text: string): string | undefined => {
  try {
    readSoapRequest(text);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxRequestError);
    expect(error).not.toHaveProperty("kind"); // not one of the runtime's response errors
    return (error as SandboxRequestError).problem;
  }
};

describe("SOAP request reading", () => {
  it("accepts up to the maximum children per element, in the Body, a parameter or the Header", () => {
    const children = (n: number, tag: string) => `<op>${`<${tag}>x</${tag}>`.repeat(n)}</op>`;
    expect(problemOf(envelope(children(MAX_XML_CHILDREN, "p")))).toBeUndefined();
    expect(problemOf(envelope(children(MAX_XML_CHILDREN + 1, "p")))).toBe("too-many-children");
    expect(problemOf(envelope("<op/>", "<h/>".repeat(MAX_XML_CHILDREN + 1)))).toBe("too-many-children");
    expect(problemOf(envelope(`<op><map>${"<item/>".repeat(5000)}</map></op>`))).toBe("too-many-children");
    expect(problemOf(envelope("<op/>".repeat(MAX_XML_CHILDREN + 1)))).toBe("too-many-children");
  });

  it("accepts nesting up to the maximum depth (the Envelope is depth 1), and rejects one more level", () => {
    const nest = (n: number) => `${"<a>".repeat(n)}x${"</a>".repeat(n)}`;
    expect(problemOf(envelope(nest(MAX_XML_DEPTH - 2)))).toBeUndefined();
    expect(problemOf(envelope(nest(MAX_XML_DEPTH - 1)))).toBe("too-deep");
    expect(problemOf(envelope("<op/>", nest(100_000)))).toBe("too-deep");
  });

  it("reports the parser's and the envelope's problems as request problems", () => {
    expect(problemOf("not xml")).toBe("not-xml");
    expect(problemOf('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toBe("dtd-forbidden");
    expect(problemOf("<a><b>")).toBe("truncated");
    expect(problemOf("<Envelope/>")).toBe("envelope");
    expect(
      problemOf('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>'),
    ).toBe("envelope");
  });
});
