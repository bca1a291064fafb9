import { describe, expect, it } from "vitest";
import {
  ContractXmlError,
  deepText,
  documentationText,
  qualifiedName,
  readXml,
  resolveQName,
} from "./xml.js";

describe("readXml", () => {
  it("reads with the runtime parser and keeps the bindings in scope", () => {
    const root = readXml(`<?xml version="1.0"?>
<!-- a comment -->
<w:definitions xmlns:w="urn:w" xmlns:tns="urn:a"><w:types xmlns:tns="urn:b"/></w:definitions>`);
    expect(qualifiedName(root)).toBe("w:definitions");
    expect(root.ns).toBe("urn:w");
    expect(root.scope.lookup("tns")).toBe("urn:a");
    expect(root.children[0]!.scope.lookup("tns")).toBe("urn:b");
  });

  it("says where a document is not well-formed, leading with the line and column", () => {
    let error: unknown;
    try {
      readXml("<a>\n  <b></c>\n</a>");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractXmlError);
    const e = error as ContractXmlError;
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.message).toMatch(/^line 2, column 6: end tag <\/c> does not match <b>/);
  });

  it("refuses DTDs and undeclared prefixes, like every reader of the runtime's parser", () => {
    expect(() => readXml('<!DOCTYPE r [<!ENTITY x "y">]><r/>')).toThrow(ContractXmlError);
    expect(() => readXml("<p:r/>")).toThrow(/undeclared namespace prefix p/);
  });
});

describe("resolveQName", () => {
  const root = readXml(
    `<r xmlns:tns="urn:t"><with-default xmlns="urn:d"/><undeclared-default xmlns=""/></r>`,
  );
  const [withDefault, undeclaredDefault] = root.children as [typeof root, typeof root];

  it("resolves a prefix through the declarations in scope and keeps the text as written", () => {
    expect(resolveQName(root, " tns:foo ")).toEqual({ ns: "urn:t", local: "foo", raw: "tns:foo" });
  });

  it("puts an unprefixed name in the default namespace, or in none", () => {
    expect(resolveQName(withDefault, "foo")).toEqual({ ns: "urn:d", local: "foo", raw: "foo" });
    expect(resolveQName(root, "foo")).toEqual({ ns: "", local: "foo", raw: "foo" });
    expect(resolveQName(undeclaredDefault, "foo")).toEqual({ ns: "", local: "foo", raw: "foo" });
  });

  it("is undefined when the prefix is not declared", () => {
    expect(resolveQName(root, "nope:foo")).toBeUndefined();
  });
});

describe("text", () => {
  it("normalises documentation whitespace and joins the text below an element", () => {
    const root = readXml("<d>  See\n   the <b>vendor</b>\tdocs </d>");
    expect(deepText(root)).toBe("See the docs vendor");
    expect(documentationText([root, readXml("<d>  </d>")])).toBe("See the docs vendor");
    expect(documentationText([readXml("<d/>")])).toBeUndefined();
  });
});
