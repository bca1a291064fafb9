/** The WSDL structural lint: each defect fails with a message that says what and where. */

import { loadWsdl as parseWsdl } from "@integrations/contract-model";
import { describe, expect, it } from "vitest";
import { corpusFile } from "./__tests__/workspace.js";
import { liftSchemas } from "./wsdl/lift.js";
import { type LintIssue, lintWsdl } from "./wsdl/lint.js";

const RPC = corpusFile("wsdl", "rpc-reordered-parts", "old.wsdl");
const DOC = corpusFile("wsdl", "doc-endpoint-added", "old.wsdl");

function edit(text: string, from: string, to: string): string {
  expect(text.includes(from), `the base contains ${from}`).toBe(true);
  return text.replace(from, to);
}

async function issues(text: string, compileSchemas = false): Promise<LintIssue[]> {
  return lintWsdl(text, { compileSchemas });
}

describe("WSDL structural lint", () => {
  it("the corpus bases are clean (including the XSD compile)", async () => {
    expect(await issues(RPC, true)).toEqual([]);
    expect(await issues(DOC, true)).toEqual([]);
  });

  it("an unbound operation fails, naming the operation and its portType", async () => {
    const text = edit(
      RPC,
      /<wsdl:operation name="Svc.ping">\s*<soap:operation[\s\S]*?<\/wsdl:operation>\s*/.exec(RPC)![0],
      "",
    );
    const found = await issues(text);
    expect(found).toEqual([
      {
        location: "portType svcPortType › operation Svc.ping",
        message:
          'operation "Svc.ping" is not bound: no wsdl:binding of portType "svcPortType" has an operation of that name',
      },
    ]);
  });

  it("a portType that no binding binds fails for each of its operations", async () => {
    const text = edit(
      RPC,
      '<wsdl:binding name="svcBinding" type="tns:svcPortType">',
      '<wsdl:binding name="svcBinding" type="tns:otherPortType">',
    );
    const messages = (await issues(text)).map((i) => i.message);
    expect(messages).toContain('type "tns:otherPortType" does not name a wsdl:portType of this WSDL');
    expect(messages).toContain(
      'operation "Svc.updateUser" is not bound: no wsdl:binding binds portType "svcPortType"',
    );
  });

  it("an untyped part fails", async () => {
    const text = edit(
      RPC,
      '<wsdl:part name="p_note" type="xsd:string" x:optional="true"/>',
      '<wsdl:part name="p_note" x:optional="true"/>',
    );
    expect(await issues(text)).toEqual([
      {
        location: "message Svc.updateUserRequest › part p_note",
        message: "part is untyped: a wsdl:part needs type= (an XSD type) or element= (a global XSD element)",
      },
    ]);
  });

  it("an undefined type reference fails, naming the type and where it was looked for", async () => {
    const text = edit(RPC, 'x:rule="tns:PIN"', 'x:rule="tns:Pin"');
    const found = await issues(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toBe("message Svc.updateUserRequest › part p_PIN");
    expect(found[0]!.message).toBe(
      'x:rule type "tns:Pin" is not defined: no xsd:simpleType or xsd:complexType "Pin" in a schema with targetNamespace "urn:corpus:rpc" in wsdl:types',
    );
    const wire = await issues(
      edit(RPC, 'name="p_companyID" type="xsd:string"', 'name="p_companyID" type="xsd:text"'),
    );
    expect(wire.map((i) => i.message)).toContain('type "xsd:text" is not an XSD built-in type');
  });

  it("an undefined element, message or binding reference fails", async () => {
    const element = await issues(edit(DOC, 'element="tns:getKeyResponse"', 'element="tns:getKeysResponse"'));
    expect(element.map((i) => i.message)).toEqual([
      'element "tns:getKeysResponse" is not defined: no global xsd:element "getKeysResponse" in a schema with targetNamespace "urn:corpus:doc" in wsdl:types',
    ]);
    const message = await issues(
      edit(DOC, '<wsdl:input message="tns:getKeyRequest"/>', '<wsdl:input message="tns:getKeyReq"/>'),
    );
    expect(message.map((i) => i.message)).toContain(
      'message "tns:getKeyReq" is not defined (no wsdl:message of that name)',
    );
    const binding = await issues(edit(DOC, 'binding="tns:KeyBinding"', 'binding="tns:KeyBindings"'));
    expect(binding.map((i) => i.message)).toEqual([
      'binding "tns:KeyBindings" does not name a wsdl:binding of this WSDL',
    ]);
  });

  it("a reference inside the schema that does not resolve fails", async () => {
    const found = await issues(
      edit(
        DOC,
        '<xsd:element name="userID" type="tns:string64"/>\n            <xsd:element name="label"',
        '<xsd:element name="userID" type="tns:string65"/>\n            <xsd:element name="label"',
      ),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toContain("element createKeyRequest › element userID › @type");
    expect(found[0]!.message).toContain('type "tns:string65" is not defined');
  });

  it("an undeclared prefix fails", async () => {
    const found = await issues(edit(RPC, 'x:rule="tns:PIN"', 'x:rule="esws:PIN"'));
    expect(found.map((i) => i.message)).toEqual(['x:rule type "esws:PIN": prefix "esws" is not declared']);
  });

  it("a binding operation the portType lacks, and a missing soap:body, fail", async () => {
    const text = edit(
      RPC,
      '<wsdl:operation name="Svc.ping">\n      <soap:operation',
      '<wsdl:operation name="Svc.pong">\n      <soap:operation',
    );
    const messages = (await issues(text)).map((i) => i.message);
    expect(messages).toContain('binds an operation that portType "svcPortType" does not define');
    const nobody = await issues(
      edit(
        DOC,
        '<wsdl:output>\n        <soap:body use="literal"/>\n      </wsdl:output>',
        "<wsdl:output>\n      </wsdl:output>",
      ),
    );
    expect(nobody.map((i) => i.message)).toContain("no soap:body");
  });

  it("malformed contract extensions fail", async () => {
    const text = edit(
      RPC,
      '<x:code value="OK" outcome="success" retryable="false">',
      '<x:code value="OK" outcome="fine" retryable="maybe">',
    );
    const messages = (await issues(text)).map((i) => i.message);
    expect(messages).toContain('outcome is "fine"; it must be "success" or "error"');
    expect(messages).toContain('retryable is "maybe"; it must be "true" or "false"');
    const misplaced = await issues(
      edit(
        RPC,
        '<wsdl:portType name="svcPortType">',
        '<wsdl:portType name="svcPortType">\n    <x:resultCodes><x:code value="A" outcome="error" retryable="false">a</x:code></x:resultCodes>',
      ),
    );
    expect(misplaced.map((i) => i.message).join("\n")).toMatch(/not allowed in wsdl:portType/);
  });

  it("a document that is not well-formed fails with the line", async () => {
    const found = await issues(edit(RPC, "</wsdl:portType>", "</wsdl:porttype>"));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^not well-formed XML: line \d+/);
  });

  it("an XSD that does not compile fails with libxml2's message", async () => {
    const text = edit(RPC, '<xsd:maxLength value="32"/>', '<xsd:maxLength value="thirty-two"/>');
    const found = await issues(text, true);
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toBe("wsdl:types");
    expect(found[0]!.message).toMatch(/the XSD does not compile \(libxml2, schema-1\.xsd\)/);
    expect(found[0]!.message).toMatch(/thirty-two/);
  });

  it("lifts each schema with the definitions' xmlns declarations and a schemaLocation for sibling imports", () => {
    const wsdl = parseWsdl(`<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:a" xmlns:b="urn:b" targetNamespace="urn:a">
  <wsdl:types>
    <xsd:schema targetNamespace="urn:b"><xsd:simpleType name="T"><xsd:restriction base="xsd:string"/></xsd:simpleType></xsd:schema>
    <xsd:schema targetNamespace="urn:a"><xsd:import namespace="urn:b"/><xsd:element name="e" type="b:T"/></xsd:schema>
  </wsdl:types>
</wsdl:definitions>`);
    const [first, second] = liftSchemas(wsdl);
    expect(first!.fileName).toBe("schema-1.xsd");
    expect(second!.contents).toContain('xmlns:b="urn:b"');
    expect(second!.contents).toContain('xmlns:tns="urn:a"');
    expect(second!.contents).toContain('<xsd:import namespace="urn:b" schemaLocation="schema-1.xsd"/>');
  });
});
