import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readXml as parseXml, readSchemas, type XsdSchemaSet } from "@integrations/contract-model";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../emit.js";
import { readWsdlContract } from "./service-view.js";
import { minimalContent } from "./xsd-example.js";
import { XsdJsonSchemaConverter } from "./xsd-json-schema.js";
import { checkSupportedSchemas } from "./xsd-subset.js";

// ajv checks the examples against the schemas codegen derives from the same XSD (an independent verdict).
const ajv = new Ajv2020({ allErrors: true, strict: false });

const NS = "urn:test";

function schemaSet(body: string): XsdSchemaSet {
  const root = parseXml(
    `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" targetNamespace="${NS}"
        elementFormDefault="qualified">${body}</xsd:schema>`,
  );
  const set = readSchemas([root]);
  checkSupportedSchemas(set);
  return set;
}

/** Whether `content` is valid for global element `name`, by the element's JSON Schema. */
function valid(set: XsdSchemaSet, name: string, content: unknown): boolean {
  const element = set.element({ ns: NS, local: name })!;
  const schema = new XsdJsonSchemaConverter(set).standalone(`https://t.test/${name}.json`, (c) =>
    element.type.kind === "anonymous" ? c.typeSchema(element.type.type) : c.ref(element.type),
  );
  return ajv.validate(schema, content);
}

const TYPES = `
  <xsd:simpleType name="code"><xsd:restriction base="xsd:string">
    <xsd:enumeration value="NEW"/><xsd:enumeration value="OLD"/>
  </xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="digits"><xsd:restriction base="xsd:string">
    <xsd:pattern value="[0-9]{3,5}"/>
  </xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="long"><xsd:restriction base="xsd:string">
    <xsd:minLength value="12"/><xsd:maxLength value="20"/>
  </xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="short"><xsd:restriction base="xsd:string"><xsd:maxLength value="3"/></xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="id"><xsd:restriction base="xsd:integer">
    <xsd:minInclusive value="10"/><xsd:maxInclusive value="99"/>
  </xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="negative"><xsd:restriction base="xsd:int"><xsd:maxExclusive value="-4"/></xsd:restriction></xsd:simpleType>
  <xsd:complexType name="pair"><xsd:choice>
    <xsd:element name="left" type="tns:short"/><xsd:element name="right" type="xsd:string"/>
  </xsd:choice></xsd:complexType>`;

describe("the minimal content of a response element", () => {
  it("holds the required elements only, in order, with values that meet the facets", () => {
    const set = schemaSet(`${TYPES}
      <xsd:element name="answer"><xsd:complexType><xsd:sequence>
        <xsd:element name="code" type="tns:code"/>
        <xsd:element name="note" type="xsd:string" minOccurs="0"/>
        <xsd:element name="digits" type="tns:digits"/>
        <xsd:element name="long" type="tns:long"/>
        <xsd:element name="short" type="tns:short"/>
        <xsd:element name="id" type="tns:id"/>
        <xsd:element name="negative" type="tns:negative"/>
        <xsd:element name="count" type="xsd:positiveInteger"/>
        <xsd:element name="flag" type="xsd:boolean"/>
        <xsd:element name="pair" type="tns:pair" minOccurs="2" maxOccurs="unbounded"/>
        <xsd:element name="more" type="tns:pair" minOccurs="0" maxOccurs="unbounded"/>
      </xsd:sequence></xsd:complexType></xsd:element>`);
    const content = minimalContent(set, { ns: NS, local: "answer" });
    expect(content).toEqual({
      code: "NEW",
      digits: "000",
      long: "exampleeeeee",
      short: "exa",
      id: 10,
      negative: -5,
      count: 1,
      flag: false,
      pair: [{ left: "exa" }, { left: "exa" }],
    });
    expect(Object.keys(content!)).toEqual([
      "code",
      "digits",
      "long",
      "short",
      "id",
      "negative",
      "count",
      "flag",
      "pair",
    ]);
    expect(valid(set, "answer", content)).toBe(true);
  });

  it("is empty for an empty response", () => {
    const set = schemaSet(
      `<xsd:element name="done"><xsd:complexType><xsd:sequence/></xsd:complexType></xsd:element>`,
    );
    expect(minimalContent(set, { ns: NS, local: "done" })).toEqual({});
  });

  it("is left out when no candidate meets a pattern, rather than invalid", () => {
    const set = schemaSet(`
      <xsd:simpleType name="odd"><xsd:restriction base="xsd:string"><xsd:pattern value="#[a-f]{6}"/></xsd:restriction></xsd:simpleType>
      <xsd:element name="colour"><xsd:complexType><xsd:sequence>
        <xsd:element name="rgb" type="tns:odd"/>
      </xsd:sequence></xsd:complexType></xsd:element>`);
    expect(minimalContent(set, { ns: NS, local: "colour" })).toBeUndefined();
  });

  it("is valid for every response element of the Edu-iX contract", () => {
    const path = "contracts/eduix/account.wsdl";
    const model = readWsdlContract(readFileSync(join(REPO_ROOT, path), "utf8"), path);
    const ns = "urn:edu-ix:account:4.3";
    const login = minimalContent(model.schema, { ns, local: "loginResponse" });
    expect(login).toEqual({ sessionID: "example" });
    expect(minimalContent(model.schema, { ns, local: "getKeyResponse" })).toEqual({});
  });
});
