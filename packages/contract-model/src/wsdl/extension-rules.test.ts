import { describe, expect, it } from "vitest";
import { contractText } from "../__tests__/contracts.js";
import { wsdlExtensionIssues } from "./extension-rules.js";
import { loadWsdl } from "./read.js";

const WSDL = `<?xml version="1.0"?>
<w:definitions xmlns:w="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:me="urn:example" xmlns:x="urn:integrations:contract-extensions"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example">
  <x:resultCodes scope="general"><x:code value="DENIED" outcome="error" retryable="false">no access</x:code></x:resultCodes>
  <w:types>
    <xsd:schema targetNamespace="urn:example">
      <xsd:element name="card"><xsd:complexType><xsd:sequence>
        <xsd:element name="number" type="xsd:string" x:secret="true"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
  </w:types>
  <w:message name="doRequest">
    <w:part name="id" type="xsd:string" x:optional="true" x:secret="false"/>
  </w:message>
  <w:message name="doResponse"><w:part name="return" type="xsd:string"/></w:message>
  <w:portType name="pt">
    <w:operation name="do">
      <x:idempotent value="true"/>
      <x:resultCodes>
        <x:code value="OK" outcome="success" retryable="false">fine</x:code>
        <x:code value="VAR" outcome="error" retryable="true" detail="true" match="^VAR [0-9]+$">varies</x:code>
      </x:resultCodes>
      <w:input message="me:doRequest"/>
      <w:output message="me:doResponse"/>
    </w:operation>
  </w:portType>
  <w:service name="svc"><w:port name="p" binding="me:b">
    <x:endpoint environment="test" location="https://test.example/svc"/>
  </w:port></w:service>
</w:definitions>`;

const issuesOf = (text: string) => wsdlExtensionIssues(loadWsdl(text));
const messages = (text: string) => issuesOf(text).map((i) => i.message);

function edit(from: string, to: string): string {
  expect(WSDL.includes(from), from).toBe(true);
  return WSDL.replace(from, to);
}

describe("the WSDL contract extension rules", () => {
  it("find nothing wrong in a well-formed contract, nor in the real ones", () => {
    expect(issuesOf(WSDL)).toEqual([]);
    for (const path of ["contracts/easysecure/esws.wsdl", "contracts/eduix/account.wsdl"]) {
      expect(wsdlExtensionIssues(loadWsdl(contractText(path))), path).toEqual([]);
    }
  });

  it("require every operation to declare whether it may be retried", () => {
    expect(issuesOf(edit('<x:idempotent value="true"/>', ""))).toEqual([
      {
        at: "portType pt › operation do",
        message: 'no <x:idempotent value="true|false"/>: whether a call may be retried must be declared',
      },
    ]);
    expect(messages(edit('<x:idempotent value="true"/>', '<x:idempotent value="yes"/>'))).toEqual([
      'x:idempotent value is "yes"; it must be "true" or "false"',
    ]);
  });

  it("name each malformed result code, one issue per rule", () => {
    const bad = edit(
      '<x:code value="VAR" outcome="error" retryable="true" detail="true" match="^VAR [0-9]+$">varies</x:code>',
      '<x:code value="OK" outcome="fine" retryable="maybe" detail="1" match="VAR [" colour="red"></x:code>',
    );
    expect(messages(bad)).toEqual([
      "unknown attribute colour",
      'code "OK" is listed more than once',
      'outcome is "fine"; it must be "success" or "error"',
      'retryable is "maybe"; it must be "true" or "false"',
      'detail is "1"; it must be "true" or "false"',
      "match must be anchored with ^...$",
      expect.stringMatching(/^match is not a valid regular expression/),
      "x:code needs a meaning (its text)",
    ]);
    expect(messages(edit('<x:resultCodes scope="general">', "<x:resultCodes>"))).toEqual([
      'a list of codes every operation can return must say scope="general"',
    ]);
    expect(messages(edit("<x:resultCodes>\n", '<x:resultCodes scope="general">\n'))).toEqual([
      'scope="general" is not allowed on an operation\'s own codes',
    ]);
  });

  it("check the flags of parts and schema elements, and know every x: name", () => {
    expect(
      messages(edit('x:optional="true" x:secret="false"', 'x:optional="no" x:secret="yes" x:colour="red"')),
    ).toEqual([
      'x:optional is "no"; it must be "true" or "false"',
      'x:secret is "yes"; it must be "true" or "false"',
      "unknown extension attribute x:colour",
    ]);
    expect(
      issuesOf(
        edit(
          'name="number" type="xsd:string" x:secret="true"',
          'name="number" type="xsd:string" x:secret="1"',
        ),
      ),
    ).toEqual([{ at: "element number", message: 'x:secret is "1"; it must be "true" or "false"' }]);
    expect(
      messages(edit('<x:idempotent value="true"/>', '<x:idempotent value="true"/><x:retries value="3"/>')),
    ).toEqual(["unknown extension <x:retries>"]);
  });

  it("require an environment and a location for each endpoint, each environment once", () => {
    const twice = edit(
      '<x:endpoint environment="test" location="https://test.example/svc"/>',
      '<x:endpoint environment="test" location="https://a.example/"/><x:endpoint environment="test" location="https://b.example/"/><x:endpoint location="https://c.example/"/>',
    );
    expect(messages(twice)).toEqual([
      'x:endpoint environment "test" is listed more than once',
      "x:endpoint needs environment and location",
    ]);
  });
});
