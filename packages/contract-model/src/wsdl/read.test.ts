import { describe, expect, it } from "vitest";
import { contractText } from "../__tests__/contracts.js";
import { ContractFormatError } from "../errors.js";
import { CONTRACT_EXT_NS, WSDL_NS, WSDL_SOAP11_NS, XSD_NS } from "../namespaces.js";
import { ContractXmlError, qualifiedName } from "../xml.js";
import { operationStyle } from "./model.js";
import { loadWsdl } from "./read.js";

/** rpc/encoded, written with unusual prefixes: names must resolve through xmlns, not by prefix. */
const RPC = `<?xml version="1.0"?>
<w:definitions xmlns:w="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:me="urn:example" xmlns:ext="urn:integrations:contract-extensions" xmlns:m="http://xml.apache.org/xml-soap"
    xmlns:schema="http://www.w3.org/2001/XMLSchema" xmlns:other="urn:other" name="svc" targetNamespace="urn:example">
  <w:documentation>The  example
    service.</w:documentation>
  <ext:resultCodes scope="general">
    <ext:code value="DENIED" outcome="error" retryable="false">  no
       access </ext:code>
  </ext:resultCodes>
  <w:types>
    <schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example">
      <simpleType name="id"><restriction base="string"><pattern value="[a-z]+"/></restriction></simpleType>
    </schema>
  </w:types>
  <w:message name="Svc.doRequest">
    <w:part name="z_last" type="schema:string"/>
    <w:part name="a_id" type="schema:string" ext:rule="me:id" ext:optional="true" ext:secret="true" other:note="n"/>
    <w:part name="m_map" type="m:Map" ext:optional="maybe"/>
    <w:part name="broken" type="nope:string"/>
  </w:message>
  <w:message name="Svc.doResponse"><w:part name="return" type="schema:string"/></w:message>
  <w:portType name="pt">
    <w:operation name="Svc.do">
      <w:documentation>Does it.</w:documentation>
      <ext:idempotent value="true"/>
      <ext:resultCodes>
        <ext:code value="OK" outcome="success" retryable="false">fine</ext:code>
        <ext:code value="VAR" outcome="fine" retryable="maybe" detail="true" match="^VAR [0-9]+$" recovery="login">varies</ext:code>
      </ext:resultCodes>
      <other:hint level="3"/>
      <w:input message="me:Svc.doRequest"/>
      <w:output message="me:Svc.doResponse"/>
    </w:operation>
  </w:portType>
  <w:binding name="b" type="me:pt">
    <s:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <w:operation name="Svc.do">
      <s:operation soapAction="urn:example#Svc.do"/>
      <w:input><s:body use="encoded" namespace="urn:example" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></w:input>
      <w:output><s:body use="encoded" namespace="urn:example" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></w:output>
    </w:operation>
  </w:binding>
  <w:service name="svc"><w:port name="p" binding="me:b"><s:address location="https://example.test/svc"/></w:port></w:service>
</w:definitions>`;

describe("loadWsdl: rpc/encoded", () => {
  const model = loadWsdl(RPC);

  it("reads the definitions, with documentation whitespace-normalised", () => {
    expect(model).toMatchObject({
      name: "svc",
      targetNamespace: "urn:example",
      documentation: "The example service.",
    });
    expect(qualifiedName(model.source)).toBe("w:definitions");
  });

  it("resolves part types, rules and message references by namespace URI, keeping what was written", () => {
    const request = model.message({ ns: "urn:example", local: "Svc.doRequest" })!;
    expect(request.parts.map((p) => p.name)).toEqual(["z_last", "a_id", "m_map", "broken"]);
    expect(request.parts[1]).toMatchObject({
      type: { ns: XSD_NS, local: "string", raw: "schema:string" },
      rule: { ns: "urn:example", local: "id", raw: "me:id" },
      ruleAttr: "me:id",
      optional: true,
      secret: true,
    });
    expect(request.parts[2]).toMatchObject({ optionalAttr: "maybe", optional: false, secret: false });
    // An undeclared prefix: kept as written, not resolved.
    expect(request.parts[3]).toMatchObject({ typeAttr: "nope:string", type: undefined });
    const op = model.portTypes[0]!.operations[0]!;
    expect(model.message(op.input!.message)).toBe(request);
    expect(model.message({ ns: "urn:elsewhere", local: "Svc.doRequest" })).toBeUndefined();
  });

  it("reads the binding: SOAP version, style, SOAPAction and encoded bodies", () => {
    const [binding] = model.bindings;
    expect(binding).toMatchObject({ name: "b", soapVersion: "1.1", style: "rpc" });
    expect(binding!.type).toMatchObject({ ns: "urn:example", local: "pt" });
    const op = binding!.operations[0]!;
    expect(op).toMatchObject({ name: "Svc.do", soapAction: "urn:example#Svc.do", style: undefined });
    expect(operationStyle(binding, op)).toBe("rpc");
    expect(op.input!.body).toMatchObject({
      use: "encoded",
      namespace: "urn:example",
      encodingStyle: "http://schemas.xmlsoap.org/soap/encoding/",
      parts: undefined,
    });
    expect(model.services[0]!.ports[0]).toMatchObject({
      name: "p",
      binding: { ns: "urn:example", local: "b" },
      address: "https://example.test/svc",
      endpoints: [],
    });
  });

  it("keeps the x:resultCodes as written, with the meaning whitespace-normalised", () => {
    expect(model.resultCodes).toHaveLength(1);
    expect(model.resultCodes[0]!.scope).toBe("general");
    expect(model.resultCodes[0]!.codes[0]).toMatchObject({ value: "DENIED", meaning: "no access" });
    const [list] = model.portTypes[0]!.operations[0]!.resultCodes;
    expect(list!.scope).toBeUndefined();
    expect(list!.codes[1]).toMatchObject({
      value: "VAR",
      outcome: "fine",
      retryable: "maybe",
      detail: "true",
      match: "^VAR [0-9]+$",
      recovery: "login",
      meaning: "varies",
    });
  });

  it("exposes extension elements and attributes generically, and reads x:idempotent", () => {
    const op = model.portTypes[0]!.operations[0]!;
    expect(op.idempotent).toBe(true);
    expect(op.extensions.map((e) => [e.ns, e.name])).toEqual([
      [CONTRACT_EXT_NS, "idempotent"],
      [CONTRACT_EXT_NS, "resultCodes"],
      ["urn:other", "hint"],
    ]);
    expect(model.extensions.map((e) => e.name)).toEqual(["resultCodes"]);
    const part = model.message({ ns: "urn:example", local: "Svc.doRequest" })!.parts[1]!;
    expect(part.foreignAttributes).toEqual([
      { ns: CONTRACT_EXT_NS, local: "rule", prefix: "ext", value: "me:id" },
      { ns: CONTRACT_EXT_NS, local: "optional", prefix: "ext", value: "true" },
      { ns: CONTRACT_EXT_NS, local: "secret", prefix: "ext", value: "true" },
      { ns: "urn:other", local: "note", prefix: "other", value: "n" },
    ]);
    const unmarked = loadWsdl(RPC.replace('<ext:idempotent value="true"/>', ""));
    expect(unmarked.portTypes[0]!.operations[0]!.idempotent).toBeUndefined();
    const malformed = loadWsdl(RPC.replace('value="true"/>', 'value="yes"/>'));
    expect(malformed.portTypes[0]!.operations[0]!.idempotent).toBeUndefined();
  });

  it("reads the real ESWS contract: parts in WSDL order, rules, optional parts and general codes", () => {
    const esws = loadWsdl(contractText("contracts/easysecure/esws.wsdl"));
    const parts = esws.message({ ns: "uen:esws", local: "Esws.updateUserDotwebRequest" })!.parts;
    expect(parts.map((p) => p.name).slice(0, 4)).toEqual([
      "p_companyID",
      "p_ws_StoreId",
      "p_wsAltUserId",
      "p_PIN",
    ]);
    expect(parts.find((p) => p.name === "p_infoFields")!.type).toMatchObject({
      ns: "http://xml.apache.org/xml-soap",
      local: "Map",
    });
    expect(parts.some((p) => p.optional)).toBe(true);
    expect(esws.resultCodes[0]!.codes.map((c) => c.value)).toContain("ERROR_NO_SECURITY_HASH");
    expect(esws.schema.schemas.map((s) => s.targetNamespace)).toEqual([
      "http://xml.apache.org/xml-soap",
      "uen:esws",
    ]);
  });
});

describe("loadWsdl: document/literal with headers and faults", () => {
  const model = loadWsdl(contractText("contracts/eduix/account.wsdl"));
  const tns = "urn:edu-ix:account:4.3";

  it("reads element parts, SOAP headers and faults", () => {
    const binding = model.bindings[0]!;
    const login = binding.operations.find((o) => o.name === "login")!;
    expect(operationStyle(binding, login)).toBe("document");
    expect(login.input!.headers).toHaveLength(1);
    expect(login.input!.headers[0]).toMatchObject({
      message: { ns: tns, local: "loginHeader" },
      part: "loginHeader",
      use: "literal",
    });
    expect(login.faults[0]).toMatchObject({ name: "accountFault", use: "literal" });
    expect(qualifiedName(login.faults[0]!.soapFault!)).toBe("soap:fault");
    const abstract = model.portTypes[0]!.operations.find((o) => o.name === "login")!;
    expect(abstract.faults.map((f) => f.message?.local)).toEqual(["accountFault"]);
    const request = model.message(abstract.input!.message)!;
    expect(request.parts[0]!.element).toMatchObject({ ns: tns, local: "loginRequest" });
    expect(model.schema.element(request.parts[0]!.element!)).toMatchObject({ name: "loginRequest", ns: tns });
  });

  it("reads the endpoints of every environment and the portType's documentation", () => {
    const port = model.services[0]!.ports[0]!;
    expect(port.endpoints.map((e) => [e.environment, e.location])).toEqual([
      ["production", "https://distributor.edu-ix.nl/soap/4.3/account"],
      ["acceptance", "https://acc-distributor.edu-ixstaging.nl/soap/4.3/account"],
      ["chain-test", "https://ketentest-distributor.edu-ixstaging.nl/soap/4.3/account"],
    ]);
    expect(port.extensions.map((e) => [e.ns, e.name])).toEqual([
      [WSDL_SOAP11_NS, "address"],
      [CONTRACT_EXT_NS, "endpoint"],
      [CONTRACT_EXT_NS, "endpoint"],
      [CONTRACT_EXT_NS, "endpoint"],
    ]);
    expect(model.portTypes[0]!.documentation).toMatch(/^Edu-iX Account service 4\.3\. Every operation/);
  });

  it("reads the recovery of the session-expired codes", () => {
    const general = model.resultCodes.flatMap((l) => l.codes);
    expect(general.filter((c) => c.recovery === "login").map((c) => c.value)).toEqual(["12", "3"]);
  });
});

describe("loadWsdl: what it is not", () => {
  it("fails on XML that is not well-formed, and on a document that is not WSDL 1.1", () => {
    expect(() => loadWsdl("<w:definitions xmlns:w='urn:x'>")).toThrow(ContractXmlError);
    expect(() => loadWsdl(`<definitions xmlns="${XSD_NS}"/>`)).toThrow(ContractFormatError);
    expect(() => loadWsdl(`<w:types xmlns:w="${WSDL_NS}"/>`)).toThrow(
      /not a WSDL 1\.1 document: the root element is <w:types>/,
    );
  });

  it("never fails on a dangling reference: what does not resolve is simply not found", () => {
    const model = loadWsdl(`<definitions xmlns="${WSDL_NS}" targetNamespace="urn:t" xmlns:t="urn:t">
      <portType name="pt"><operation name="o"><input message="t:missing"/></operation></portType>
      <binding name="b" type="t:other"/>
    </definitions>`);
    const op = model.portTypes[0]!.operations[0]!;
    expect(model.message(op.input!.message)).toBeUndefined();
    expect(op.output).toBeUndefined();
    expect(model.bindings[0]).toMatchObject({ soapVersion: undefined, style: undefined, operations: [] });
  });
});
