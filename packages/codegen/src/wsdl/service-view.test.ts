import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APACHE_SOAP_NS, XSD_NS } from "@integrations/contract-model";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../emit.js";
import { readWsdlContract as parseWsdl, serviceView } from "./service-view.js";

const contract = (path: string) => parseWsdl(readFileSync(join(REPO_ROOT, path), "utf8"), path);
const REQUEST = { ns: "urn:example", local: "Svc.doRequest" };
const general = (lists: readonly { codes: readonly unknown[] }[]) => lists.flatMap((l) => l.codes);

/** A small rpc WSDL written with unusual prefixes: names must resolve through xmlns, not by prefix. */
const ODD_PREFIXES = `<?xml version="1.0"?>
<w:definitions xmlns:w="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:me="urn:example" xmlns:ext="urn:integrations:contract-extensions" xmlns:m="http://xml.apache.org/xml-soap"
    xmlns:schema="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example">
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
    <w:part name="z_last_alphabetically" type="schema:string"/>
    <w:part name="a_id" type="schema:string" ext:rule="me:id" ext:optional="true"/>
    <w:part name="m_map" type="m:Map"/>
  </w:message>
  <w:message name="Svc.doResponse"><w:part name="return" type="schema:string"/></w:message>
  <w:portType name="pt">
    <w:operation name="Svc.do">
      <ext:idempotent value="false"/>
      <ext:resultCodes>
        <ext:code value="OK" outcome="success" retryable="false">fine</ext:code>
        <ext:code value="DENIED" outcome="error" retryable="true">denied (specific)</ext:code>
        <ext:code value="BUSY" outcome="error" retryable="true" detail="true">busy</ext:code>
        <ext:code value="VAR" outcome="error" retryable="false" match="^VAR [0-9]+$">varies</ext:code>
      </ext:resultCodes>
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

describe("reading a WSDL for codegen", () => {
  it("resolves QNames through xmlns declarations, whatever the prefixes", () => {
    const model = parseWsdl(ODD_PREFIXES);
    const request = model.message(REQUEST)!;
    expect(request.parts.map((p) => ({ ns: p.type?.ns, local: p.type?.local }))).toEqual([
      { ns: XSD_NS, local: "string" },
      { ns: XSD_NS, local: "string" },
      { ns: APACHE_SOAP_NS, local: "Map" },
    ]);
    expect(request.parts[1]).toMatchObject({ rule: { ns: "urn:example", local: "id" }, optional: true });
    expect(model.schema.types.get("{urn:example}id")).toMatchObject({
      base: { name: { ns: XSD_NS, local: "string" } },
    });
    const view = serviceView(model);
    expect(view.binding.style).toBe("rpc");
    expect(view.port.address).toBe("https://example.test/svc");
  });

  it("keeps parts in WSDL order (not sorted)", () => {
    const parts = parseWsdl(ODD_PREFIXES).message(REQUEST)!.parts;
    expect(parts.map((p) => p.name)).toEqual(["z_last_alphabetically", "a_id", "m_map"]);

    const esws = contract("contracts/easysecure/esws.wsdl");
    expect(
      esws.message({ ns: "uen:esws", local: "Esws.updateUserDotwebRequest" })!.parts.map((p) => p.name),
    ).toEqual([
      "p_companyID",
      "p_ws_StoreId",
      "p_wsAltUserId",
      "p_PIN",
      "p_Achternaam",
      "p_Voornaam",
      "p_Admin",
      "p_Security",
      "p_StartDate",
      "p_ExpireDate",
      "p_infoFields",
      "p_groupName",
      "p_groupUpdate",
      "p_licensePlate",
      "p_locationID",
    ]);
  });

  it("merges the general codes after the specific ones, keeping the specific entry of a shared code", () => {
    const [op] = serviceView(parseWsdl(ODD_PREFIXES)).operations;
    expect(op!.resultCodes.map((c) => [c.value, c.meaning, c.retryable])).toEqual([
      ["OK", "fine", false],
      ["DENIED", "denied (specific)", true],
      ["BUSY", "busy", true],
      ["VAR", "varies", false],
    ]);
  });

  it("keeps detail and match, and normalises the meaning's whitespace", () => {
    const model = parseWsdl(ODD_PREFIXES);
    expect(general(model.resultCodes)[0]).toMatchObject({ value: "DENIED", meaning: "no access" });
    const codes = serviceView(model).operations[0]!.resultCodes;
    expect(codes.find((c) => c.value === "BUSY")).toMatchObject({ detail: true, match: undefined });
    expect(codes.find((c) => c.value === "VAR")).toMatchObject({ detail: false, match: "^VAR [0-9]+$" });
  });

  it("reads general codes both in wsdl:definitions and in wsdl:portType", () => {
    const inPortType = ODD_PREFIXES.replace(
      /<ext:resultCodes scope="general">[\s\S]*?<\/ext:resultCodes>/,
      "",
    ).replace(
      '<w:portType name="pt">',
      '<w:portType name="pt"><ext:resultCodes scope="general"><ext:code value="GONE" outcome="error" retryable="false">gone</ext:code></ext:resultCodes>',
    );
    const model = parseWsdl(inPortType);
    expect(general(model.resultCodes)).toEqual([]);
    expect(serviceView(model).generalResultCodes.map((c) => c.value)).toEqual(["GONE"]);
    expect(serviceView(model).operations[0]!.resultCodes.map((c) => c.value)).toEqual([
      "OK",
      "DENIED",
      "BUSY",
      "VAR",
      "GONE",
    ]);
  });

  it("reads both contracts: ESWS general codes, Edu-iX headers, faults and endpoints", () => {
    const esws = serviceView(contract("contracts/easysecure/esws.wsdl"));
    expect(esws.generalResultCodes.map((c) => c.value)).toContain("ERROR_NO_SECURITY_HASH");
    const sync = esws.operations.find((o) => o.name === "Esws.syncMOCA")!;
    expect(sync.resultCodes[0]!.value).toBe("OK");
    expect(sync.resultCodes.at(-1)!.value).toBe(esws.generalResultCodes.at(-1)!.value);
    expect(sync.resultCodes.find((c) => c.value === "UNAUTHORIZED")).toMatchObject({ detail: true });

    const eduix = serviceView(contract("contracts/eduix/account.wsdl"));
    const login = eduix.operations.find((o) => o.name === "login")!;
    expect(
      login.input.headers.map((h) => ({ message: h.message.qname, part: h.part.name, use: h.use })),
    ).toEqual([
      {
        message: { ns: "urn:edu-ix:account:4.3", local: "loginHeader" },
        part: "loginHeader",
        use: "literal",
      },
    ]);
    expect(login.faults.map((f) => f.message.qname.local)).toEqual(["accountFault"]);
    // 2 is both specific and general: listed once, specific first.
    expect(login.resultCodes.filter((c) => c.value === "2")).toHaveLength(1);
    expect(login.resultCodes[0]!.value).toBe("2");
    expect(eduix.generalResultCodes.filter((c) => c.recovery === "login").map((c) => c.value)).toEqual([
      "12",
      "3",
    ]);
  });

  it("rejects what it does not understand instead of guessing", () => {
    expect(() => parseWsdl(ODD_PREFIXES.replace('ext:rule="me:id"', 'ext:rule="nope:id"'))).toThrow(
      /undeclared namespace prefix "nope"/,
    );
    expect(() => parseWsdl(ODD_PREFIXES.replace('match="^VAR [0-9]+$"', 'match="VAR [0-9]+"'))).toThrow(
      /anchored/,
    );
    expect(() => parseWsdl(ODD_PREFIXES.replace('value="BUSY"', 'value="OK"'))).toThrow(
      /listed more than once/,
    );
    expect(() => parseWsdl(ODD_PREFIXES.replace('ext:optional="true"', 'ext:optinal="true"'))).toThrow(
      /unknown extension attribute x:optinal/,
    );
    expect(() => parseWsdl(ODD_PREFIXES.replace('outcome="success"', 'outcome="ok"'))).toThrow(/outcome/);
  });
});
