import { describe, expect, it } from "vitest";
import { contractText } from "../__tests__/contracts.js";
import { CONTRACT_EXT_NS, XSD_NS } from "../namespaces.js";
import { loadWsdl } from "../wsdl/read.js";
import { readXml } from "../xml.js";
import { builtinDerivesFrom } from "./builtins.js";
import type { ComplexType, ElementDecl, Particle, SimpleType } from "./model.js";
import { readSchemas } from "./read.js";

const NS = "urn:test";

function schemaSet(body: string, attributes = "") {
  return readSchemas([
    readXml(
      `<xsd:schema xmlns:xsd="${XSD_NS}" xmlns:tns="${NS}" xmlns:x="${CONTRACT_EXT_NS}" targetNamespace="${NS}" ${attributes}>${body}</xsd:schema>`,
    ),
  ]);
}

const q = (local: string) => ({ ns: NS, local });

describe("simple types", () => {
  it("keeps the facets of a restriction step as written, in order", () => {
    const set = schemaSet(`
      <xsd:simpleType name="pin">
        <xsd:annotation><xsd:documentation>  A   PIN. </xsd:documentation></xsd:annotation>
        <xsd:restriction base="xsd:string">
          <xsd:minLength value="4"/><xsd:maxLength value=" 8 "/>
          <xsd:pattern value="[0-9]*"/><xsd:pattern value="x"/>
          <xsd:enumeration value="0000"/><xsd:enumeration value=""/>
        </xsd:restriction>
      </xsd:simpleType>`);
    const pin = set.type(q("pin")) as SimpleType;
    expect(pin).toMatchObject({
      kind: "simple",
      name: q("pin"),
      variety: "atomic",
      base: { kind: "builtin", name: { ns: XSD_NS, local: "string" } },
      documentation: "A PIN.",
    });
    expect(pin.facets.map((f) => [f.name, f.value])).toEqual([
      ["minLength", "4"],
      ["maxLength", " 8 "],
      ["pattern", "[0-9]*"],
      ["pattern", "x"],
      ["enumeration", "0000"],
      ["enumeration", ""],
    ]);
  });

  it("reads range and digit facets, restrictions of named types, lists and unions", () => {
    const set = schemaSet(`
      <xsd:simpleType name="id"><xsd:restriction base="xsd:integer">
        <xsd:minInclusive value="1"/><xsd:maxInclusive value="9999999999"/><xsd:totalDigits value="10"/>
      </xsd:restriction></xsd:simpleType>
      <xsd:simpleType name="small"><xsd:restriction base="tns:id"><xsd:maxExclusive value="100"/></xsd:restriction></xsd:simpleType>
      <xsd:simpleType name="ids"><xsd:list itemType="tns:id"/></xsd:simpleType>
      <xsd:simpleType name="either"><xsd:union memberTypes="tns:id xsd:boolean">
        <xsd:simpleType><xsd:restriction base="xsd:string"/></xsd:simpleType></xsd:union></xsd:simpleType>`);
    expect((set.type(q("id")) as SimpleType).facets.map((f) => f.name)).toEqual([
      "minInclusive",
      "maxInclusive",
      "totalDigits",
    ]);
    expect(set.type(q("small"))).toMatchObject({ base: { kind: "named", name: q("id") } });
    expect(set.type(q("ids"))).toMatchObject({ variety: "list", itemType: { kind: "named", name: q("id") } });
    const either = set.type(q("either")) as SimpleType;
    expect(either.variety).toBe("union");
    expect(either.memberTypes.map((m) => m.kind)).toEqual(["named", "builtin", "anonymous"]);
  });

  it("tells built-ins, named types and references that do not resolve apart", () => {
    const set = schemaSet(`
      <xsd:simpleType name="a"><xsd:restriction base="xsd:text"/></xsd:simpleType>
      <xsd:simpleType name="b"><xsd:restriction base="tns:missing"/></xsd:simpleType>
      <xsd:simpleType name="c"><xsd:restriction base="nope:x"/></xsd:simpleType>`);
    expect((set.type(q("a")) as SimpleType).base).toEqual({
      kind: "unresolved",
      raw: "xsd:text",
      name: { ns: XSD_NS, local: "text" },
    });
    expect((set.type(q("b")) as SimpleType).base).toMatchObject({ kind: "unresolved", name: q("missing") });
    expect((set.type(q("c")) as SimpleType).base).toEqual({
      kind: "unresolved",
      raw: "nope:x",
      name: undefined,
    });
    expect(set.resolve({ kind: "builtin", name: { ns: XSD_NS, local: "int" } })).toMatchObject({
      kind: "simple",
      variety: "atomic",
      facets: [],
    });
    expect(builtinDerivesFrom("short", "int")).toBe(true);
    expect(builtinDerivesFrom("int", "short")).toBe(false);
  });
});

describe("complex types and elements", () => {
  const set = schemaSet(
    `
    <xsd:complexType name="seq">
      <xsd:sequence>
        <xsd:element name="one" type="xsd:string"/>
        <xsd:element name="maybe" type="xsd:int" minOccurs="0"/>
        <xsd:element name="many" type="tns:seq" minOccurs="0" maxOccurs="unbounded" form="unqualified"/>
        <xsd:element name="password" type="xsd:string" x:secret="true"/>
        <xsd:choice><xsd:element name="a" type="xsd:string"/><xsd:element name="b" type="xsd:string"/></xsd:choice>
        <xsd:group ref="tns:g" minOccurs="0"/>
        <xsd:any namespace="##other" processContents="lax"/>
      </xsd:sequence>
      <xsd:attribute name="version" type="xsd:int" use="required"/>
      <xsd:attributeGroup ref="tns:ag"/>
    </xsd:complexType>
    <xsd:group name="g"><xsd:sequence><xsd:element name="inGroup" type="xsd:string"/><xsd:group ref="tns:g"/></xsd:sequence></xsd:group>
    <xsd:attributeGroup name="ag"><xsd:attribute name="lang" type="xsd:string"/></xsd:attributeGroup>
    <xsd:complexType name="restricted"><xsd:complexContent><xsd:restriction base="tns:seq">
      <xsd:sequence><xsd:element name="one" type="xsd:string"/></xsd:sequence>
    </xsd:restriction></xsd:complexContent></xsd:complexType>
    <xsd:element name="node">
      <xsd:complexType><xsd:sequence><xsd:element ref="tns:node" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>
    </xsd:element>
    <xsd:element name="typed" type="tns:seq" nillable="true"/>`,
    'elementFormDefault="qualified"',
  );
  const seq = set.type(q("seq")) as ComplexType;
  const terms = seq.particle!.terms;

  it("reads a sequence: elements with occurrence, nested groups, named groups and wildcards", () => {
    expect(seq.particle).toMatchObject({ kind: "sequence", minOccurs: 1, maxOccurs: 1, group: undefined });
    expect(terms.map((t) => t.kind)).toEqual([
      "element",
      "element",
      "element",
      "element",
      "choice",
      "sequence",
      "any",
    ]);
    const [one, maybe, many] = terms as ElementDecl[];
    expect(one).toMatchObject({ name: "one", ns: NS, minOccurs: 1, maxOccurs: 1, typeAttr: "xsd:string" });
    expect(maybe).toMatchObject({ name: "maybe", minOccurs: 0, type: { kind: "builtin" } });
    expect(many).toMatchObject({
      ns: "",
      maxOccurs: Number.POSITIVE_INFINITY,
      type: { kind: "named", name: q("seq") },
    });
    const group = terms[5] as Particle;
    expect(group).toMatchObject({ minOccurs: 0, group: q("g") });
    // The group refers to itself: read once, cut where it recurs.
    expect(group.terms.map((t) => t.kind)).toEqual(["element"]);
    expect(terms[6]).toMatchObject({ kind: "any", namespace: "##other", processContents: "lax" });
  });

  it("reads attributes, attribute groups and x:secret on elements", () => {
    expect(seq.attributes.map((a) => [a.name, a.use])).toEqual([
      ["version", "required"],
      ["lang", "optional"],
    ]);
    const password = terms[3] as ElementDecl;
    expect(password.secret).toBe(true);
    expect(password.foreignAttributes).toEqual([
      { ns: CONTRACT_EXT_NS, local: "secret", prefix: "x", value: "true" },
    ]);
    expect((terms[0] as ElementDecl).secret).toBe(false);
  });

  it("reads complexContent restrictions", () => {
    expect(set.type(q("restricted"))).toMatchObject({
      derivation: "restriction",
      base: { kind: "named", name: q("seq") },
      simpleContent: false,
    });
  });

  it("reads global elements, and fills element references in after, so a recursive element costs no recursion", () => {
    const node = set.element(q("node"))!;
    expect(node).toMatchObject({ global: true, name: "node", ns: NS, minOccurs: 1, maxOccurs: 1 });
    expect(node.type.kind).toBe("anonymous");
    const inner = (node.type as { type: ComplexType }).type.particle!.terms[0] as ElementDecl;
    expect(inner).toMatchObject({
      name: "node",
      ns: NS,
      ref: { ns: NS, local: "node" },
      typeAttr: undefined,
    });
    expect(inner.type).toBe(node.type);
    expect(set.element(q("typed"))).toMatchObject({
      nillable: true,
      type: { kind: "named", name: q("seq") },
    });
  });

  it("lists global definitions in order, and the ones defined twice", () => {
    const twice = schemaSet(`<xsd:simpleType name="a"><xsd:restriction base="xsd:string"/></xsd:simpleType>
      <xsd:element name="a" type="tns:a"/><xsd:simpleType name="a"><xsd:restriction base="xsd:int"/></xsd:simpleType>`);
    expect(twice.globals.map((g) => [g.kind, g.name.local])).toEqual([
      ["type", "a"],
      ["element", "a"],
    ]);
    expect(twice.duplicates.map((g) => [g.kind, g.name.local])).toEqual([["type", "a"]]);
    expect((twice.type(q("a")) as SimpleType).base).toMatchObject({ name: { local: "string" } });
  });
});

describe("the real contracts", () => {
  it("reads the Edu-iX schema: facets, a choice and the profileID range", () => {
    const { schema } = loadWsdl(contractText("contracts/eduix/account.wsdl"));
    const tns = "urn:edu-ix:account:4.3";
    const profileID = schema.type({ ns: tns, local: "profileID" }) as SimpleType;
    expect(profileID.facets.map((f) => [f.name, f.value])).toEqual([
      ["minInclusive", "1"],
      ["maxInclusive", "9999999999"],
    ]);
    expect((schema.type({ ns: tns, local: "authHeader" }) as ComplexType).particle).toMatchObject({
      kind: "choice",
      terms: [{ name: "loginHeader" }, { name: "sessionIDHeader" }],
    });
    expect([...schema.elements.keys()]).toContain(`{${tns}}getKeyRequest`);
  });

  it("reads the ESWS Apache Map restriction across two schemas", () => {
    const { schema } = loadWsdl(contractText("contracts/easysecure/esws.wsdl"));
    const maps = [...schema.types.values()].filter(
      (t) => t.kind === "complex" && t.base?.kind === "named" && t.base.name.local === "Map",
    );
    expect(maps).toHaveLength(1);
  });
});
