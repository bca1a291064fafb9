import {
  readXml as parseXml,
  readSchemas,
  type XmlNode,
  type XsdSchemaSet,
} from "@integrations/contract-model";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../json-schema.js";
import { XsdJsonSchemaConverter } from "./xsd-json-schema.js";
import { xsdPatternsToJs } from "./xsd-pattern.js";
import { checkSupportedSchemas, lookupType } from "./xsd-subset.js";
import { XsdTypeScript } from "./xsd-typescript.js";

// ajv here checks the schemas themselves (the clients use the validators generated from them).
const ajv = new Ajv2020({ allErrors: true, strict: false });

const NS = "urn:test";

/** The schema set codegen reads: the contract model, checked against the supported subset. */
function parseSchemas(schemas: readonly XmlNode[]): XsdSchemaSet {
  const set = readSchemas(schemas);
  checkSupportedSchemas(set);
  return set;
}

function schemaSet(body: string): XsdSchemaSet {
  const root = parseXml(
    `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}"
        xmlns:apachesoap="http://xml.apache.org/xml-soap" targetNamespace="${NS}">${body}</xsd:schema>`,
  );
  return parseSchemas([root]);
}

const APACHE_MAP = parseXml(`<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:apachesoap="http://xml.apache.org/xml-soap" targetNamespace="http://xml.apache.org/xml-soap">
  <xsd:complexType name="mapItem"><xsd:sequence>
    <xsd:element name="key" type="xsd:string"/><xsd:element name="value" type="xsd:string"/>
  </xsd:sequence></xsd:complexType>
  <xsd:complexType name="Map"><xsd:sequence>
    <xsd:element name="item" type="apachesoap:mapItem" minOccurs="0" maxOccurs="unbounded"/>
  </xsd:sequence></xsd:complexType>
</xsd:schema>`);

/** The standalone schema of named type `name` (its content at the root, what it refers to under $defs). */
function schemaOf(set: XsdSchemaSet, name: string): JsonObject {
  return new XsdJsonSchemaConverter(set).standalone(`https://t.test/${name}.json`, (c) =>
    c.typeSchema(lookupType(set, { ns: NS, local: name })),
  );
}

const validator = (schema: JsonObject) => ajv.compile(schema);

describe("simple types", () => {
  it("anchors XSD patterns (implicitly anchored) as ^(?:…)$", () => {
    const set = schemaSet(
      `<xsd:simpleType name="pin"><xsd:restriction base="xsd:string"><xsd:pattern value="[0-9]*"/></xsd:restriction></xsd:simpleType>
       <xsd:simpleType name="alt"><xsd:restriction base="xsd:string"><xsd:pattern value="a|b"/></xsd:restriction></xsd:simpleType>`,
    );
    const pin = new XsdJsonSchemaConverter(set).typeSchema(set.types.get(`{${NS}}pin`)!);
    expect(pin).toEqual({ type: "string", pattern: "^(?:[0-9]*)$" });
    const validPin = validator(pin);
    expect(validPin("0123")).toBe(true);
    expect(validPin("")).toBe(true);
    expect(validPin("12a")).toBe(false);
    expect(validPin("a12")).toBe(false);
    // The group keeps an alternation inside the anchors: "ab" is neither "a" nor "b".
    const validAlt = validator(new XsdJsonSchemaConverter(set).typeSchema(set.types.get(`{${NS}}alt`)!));
    expect([validAlt("a"), validAlt("b"), validAlt("ab"), validAlt("xa")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it("translates XSD regex syntax that differs from JS, and rejects what it cannot translate", () => {
    expect(xsdPatternsToJs(["[A-Za-z0-9\\-]+"])).toBe("^(?:[A-Za-z0-9\\-]+)$");
    expect(xsdPatternsToJs(["a\\-b"])).toBe("^(?:a-b)$"); // `\-` outside a class is invalid under the u flag
    expect(xsdPatternsToJs(["$^"])).toBe("^(?:\\$\\^)$"); // ^ and $ are ordinary characters in XSD
    expect(xsdPatternsToJs(["a.b"])).toBe("^(?:a[^\\n\\r]b)$");
    expect(xsdPatternsToJs(["[\\t\\n\\r -\u00ff]*"])).toBe("^(?:[\\t\\n\\r -\u00ff]*)$");
    expect(xsdPatternsToJs(["a", "b+"])).toBe("^(?:(?:a)|(?:b+))$"); // patterns of one step are ORed
    expect(() => xsdPatternsToJs(["\\d+"])).toThrow(/\[0-9\]/);
    expect(() => xsdPatternsToJs(["\\i\\c*"])).toThrow(/no JS equivalent/);
    expect(() => xsdPatternsToJs(["[a-z-[aeiou]]"])).toThrow(/subtraction/);
    expect(() => xsdPatternsToJs(["\\p{IsBasicLatin}"])).toThrow(/block escape/);
  });

  it("maps positiveInteger + totalDigits 10 to 1..9999999999", () => {
    const set = schemaSet(
      `<xsd:simpleType name="profileID"><xsd:restriction base="xsd:positiveInteger"><xsd:totalDigits value="10"/></xsd:restriction></xsd:simpleType>`,
    );
    const schema = new XsdJsonSchemaConverter(set).typeSchema(set.types.get(`{${NS}}profileID`)!);
    expect(schema).toEqual({ type: "integer", minimum: 1, maximum: 9999999999 });
    const valid = validator(schema);
    expect([valid(1), valid(9999999999), valid(0), valid(10000000000), valid(1.5), valid("1")]).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it("maps minInclusive/maxInclusive, and intersects them with the base type's range", () => {
    const set = schemaSet(
      `<xsd:simpleType name="a"><xsd:restriction base="xsd:integer"><xsd:minInclusive value="1"/><xsd:maxInclusive value="9999999999"/></xsd:restriction></xsd:simpleType>
       <xsd:simpleType name="b"><xsd:restriction base="xsd:int"><xsd:minInclusive value="-9999999999"/><xsd:maxInclusive value="10"/></xsd:restriction></xsd:simpleType>
       <xsd:simpleType name="c"><xsd:restriction base="xsd:int"/></xsd:simpleType>`,
    );
    const c = new XsdJsonSchemaConverter(set);
    expect(c.typeSchema(set.types.get(`{${NS}}a`)!)).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 9999999999,
    });
    expect(c.typeSchema(set.types.get(`{${NS}}b`)!)).toEqual({
      type: "integer",
      minimum: -2147483648,
      maximum: 10,
    });
    expect(c.typeSchema(set.types.get(`{${NS}}c`)!)).toEqual({
      type: "integer",
      minimum: -2147483648,
      maximum: 2147483647,
    });
  });

  it("types enumerations by their base: numbers for integer bases, strings otherwise", () => {
    const set = schemaSet(
      `<xsd:simpleType name="flag"><xsd:restriction base="xsd:int"><xsd:enumeration value="0"/><xsd:enumeration value="1"/></xsd:restriction></xsd:simpleType>
       <xsd:simpleType name="sflag"><xsd:restriction base="xsd:string"><xsd:enumeration value=""/><xsd:enumeration value="0"/></xsd:restriction></xsd:simpleType>`,
    );
    const c = new XsdJsonSchemaConverter(set);
    expect(c.typeSchema(set.types.get(`{${NS}}flag`)!)).toEqual({ type: "integer", enum: [0, 1] });
    expect(c.typeSchema(set.types.get(`{${NS}}sflag`)!)).toEqual({ type: "string", enum: ["", "0"] });
    const ts = new XsdTypeScript(set);
    expect(ts.ref({ kind: "named", name: { ns: NS, local: "flag" } })).toBe("Flag");
    expect(ts.declaration({ ns: NS, local: "flag" })).toBe("export type Flag = 0 | 1;\n");
  });

  it("maps length facets", () => {
    const set = schemaSet(
      `<xsd:simpleType name="s"><xsd:restriction base="xsd:string"><xsd:minLength value="1"/><xsd:maxLength value="32"/></xsd:restriction></xsd:simpleType>`,
    );
    const valid = validator(schemaOf(set, "s"));
    expect([valid(""), valid("x"), valid("x".repeat(32)), valid("x".repeat(33))]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe("complex types", () => {
  const set = schemaSet(`
    <xsd:simpleType name="s8"><xsd:restriction base="xsd:string"><xsd:maxLength value="8"/></xsd:restriction></xsd:simpleType>
    <xsd:complexType name="pick"><xsd:choice>
      <xsd:element name="a" type="xsd:positiveInteger"/>
      <xsd:element name="b" type="tns:s8"/>
      <xsd:element name="c" type="tns:s8"/>
    </xsd:choice></xsd:complexType>
    <xsd:complexType name="seq"><xsd:sequence>
      <xsd:element name="one" type="xsd:string"/>
      <xsd:element name="maybe" type="xsd:int" minOccurs="0"/>
      <xsd:element name="many" type="tns:s8" minOccurs="0" maxOccurs="unbounded"/>
      <xsd:element name="few" type="xsd:string" minOccurs="1" maxOccurs="3"/>
    </xsd:sequence></xsd:complexType>
    <xsd:complexType name="empty"><xsd:sequence/></xsd:complexType>`);

  it("choice ⇒ oneOf of required branches, every member listed, no other properties", () => {
    const schema = schemaOf(set, "pick");
    expect(schema).toMatchObject({
      type: "object",
      properties: {
        a: { type: "integer", minimum: 1 },
        b: { $ref: "#/$defs/s8" },
        c: { $ref: "#/$defs/s8" },
      },
      additionalProperties: false,
      oneOf: [{ required: ["a"] }, { required: ["b"] }, { required: ["c"] }],
    });
    const valid = validator(schema);
    expect(valid({ a: 1 })).toBe(true);
    expect(valid({ c: "x" })).toBe(true);
    expect(valid({})).toBe(false); // none
    expect(valid({ a: 1, b: "x" })).toBe(false); // two
    expect(valid({ d: 1 })).toBe(false); // another property
    expect(valid({ b: "123456789" })).toBe(false); // the member's own rule still applies
  });

  it("sequence: minOccurs 0 ⇒ not required; maxOccurs > 1 ⇒ array", () => {
    const schema = schemaOf(set, "seq");
    expect(schema.required).toEqual(["one", "few"]);
    expect((schema.properties as JsonObject).many).toEqual({ type: "array", items: { $ref: "#/$defs/s8" } });
    expect((schema.properties as JsonObject).few).toEqual({
      type: "array",
      items: { type: "string" },
      minItems: 1,
      maxItems: 3,
    });
    const valid = validator(schema);
    expect(valid({ one: "x", few: ["a"] })).toBe(true);
    expect(valid({ one: "x", few: ["a"], maybe: 3, many: ["p", "q"] })).toBe(true);
    expect(valid({ one: "x", few: [] })).toBe(false);
    expect(valid({ few: ["a"] })).toBe(false);
    expect(valid({ one: "x", few: ["a"], many: ["too long!"] })).toBe(false);
  });

  it("emits precise TypeScript: optional, arrays always present, choice as a union", () => {
    const ts = new XsdTypeScript(set);
    expect(ts.declaration({ ns: NS, local: "seq" })).toBe(
      [
        "export interface Seq {",
        "  /** XSD type `xsd:string`. */",
        "  one: string;",
        "  /** XSD type `xsd:int`. */",
        "  maybe?: number;",
        "  /** XSD type `tns:s8`, repeated (`[]` when absent). */",
        "  many: string[];",
        "  /** XSD type `xsd:string`, repeated (`[]` when absent). */",
        "  few: string[];",
        "}",
        "",
      ].join("\n"),
    );
    const pick = ts.declaration({ ns: NS, local: "pick" }).replace(/ *\/\*\*.*\*\/\n/g, "");
    expect(pick).toBe(
      [
        "export type Pick =",
        "  | {",
        "      a: number;",
        "      b?: never;",
        "      c?: never;",
        "    }",
        "  | {",
        "      a?: never;",
        "      b: string;",
        "      c?: never;",
        "    }",
        "  | {",
        "      a?: never;",
        "      b?: never;",
        "      c: string;",
        "    };",
        "",
      ].join("\n"),
    );
    expect(ts.declaration({ ns: NS, local: "empty" })).toBe("export type Empty = Record<string, never>;\n");
  });

  it("an Apache Map restriction ⇒ a JSON object keyed by the item's key type", () => {
    const root = parseXml(`<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}"
        xmlns:apachesoap="http://xml.apache.org/xml-soap" targetNamespace="${NS}">
      <xsd:simpleType name="key"><xsd:restriction base="xsd:string">
        <xsd:enumeration value="info1"/><xsd:enumeration value="info2"/></xsd:restriction></xsd:simpleType>
      <xsd:simpleType name="text"><xsd:restriction base="xsd:string"><xsd:pattern value="[a-z]*"/></xsd:restriction></xsd:simpleType>
      <xsd:complexType name="item"><xsd:complexContent><xsd:restriction base="apachesoap:mapItem"><xsd:sequence>
        <xsd:element name="key" type="tns:key"/><xsd:element name="value" type="tns:text"/>
      </xsd:sequence></xsd:restriction></xsd:complexContent></xsd:complexType>
      <xsd:complexType name="fields"><xsd:complexContent><xsd:restriction base="apachesoap:Map"><xsd:sequence>
        <xsd:element name="item" type="tns:item" minOccurs="0" maxOccurs="2"/>
      </xsd:sequence></xsd:restriction></xsd:complexContent></xsd:complexType>
    </xsd:schema>`);
    const mapSet = parseSchemas([APACHE_MAP, root]);
    const schema = schemaOf(mapSet, "fields");
    expect(schema).toMatchObject({
      type: "object",
      propertyNames: { $ref: "#/$defs/key" },
      additionalProperties: { $ref: "#/$defs/text" },
      maxProperties: 2,
    });
    expect(Object.keys(schema.$defs as JsonObject)).toEqual(["key", "text"]);
    const valid = validator(schema);
    expect(valid({})).toBe(true);
    expect(valid({ info1: "abc", info2: "" })).toBe(true);
    expect(valid({ info3: "abc" })).toBe(false);
    expect(valid({ info1: "ABC" })).toBe(false);

    const ts = new XsdTypeScript(mapSet);
    expect(ts.declaration({ ns: NS, local: "fields" })).toBe(
      "export type Fields = { [K in Key]?: string };\n",
    );
    // The plain Apache Map: string keys, string values.
    const plain = new XsdJsonSchemaConverter(mapSet).typeSchema(
      mapSet.types.get("{http://xml.apache.org/xml-soap}Map")!,
    );
    expect(plain).toEqual({ type: "object", additionalProperties: { type: "string" } });
  });

  it("rejects constructs outside the supported subset", () => {
    expect(() =>
      schemaSet(
        `<xsd:complexType name="x"><xsd:all><xsd:element name="a" type="xsd:string"/></xsd:all></xsd:complexType>`,
      ),
    ).toThrow(/xsd:all/);
    expect(() =>
      schemaSet(`<xsd:simpleType name="a"><xsd:restriction base="xsd:string"/></xsd:simpleType>
                 <xsd:simpleType name="b"><xsd:restriction base="tns:a"/></xsd:simpleType>`),
    ).toThrow(/one restriction step/);
    expect(() =>
      schemaSet(`<xsd:complexType name="x"><xsd:choice>
        <xsd:element name="a" type="xsd:string" minOccurs="0"/></xsd:choice></xsd:complexType>`),
    ).toThrow(/minOccurs="0"/);
    const unsupported = schemaSet(
      `<xsd:simpleType name="d"><xsd:restriction base="xsd:dateTime"/></xsd:simpleType>`,
    );
    expect(() => schemaOf(unsupported, "d")).toThrow(/dateTime is not supported/);
  });
});
