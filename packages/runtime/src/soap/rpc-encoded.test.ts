import { describe, expect, it } from "vitest";
import { MalformedResponseError, ValidationError } from "../errors.js";
import { attribute, childElements, firstChild, parseXml, type XmlElement } from "../xml/parse.js";
import { readSoapEnvelope } from "./envelope.js";
import { APACHE_SOAP_NS, SOAP11_ENCODING_NS, SOAP11_ENVELOPE_NS, XSI_NS } from "./namespaces.js";
import { type RpcPart, readRpcEncodedReturn, writeRpcEncodedEnvelope } from "./rpc-encoded.js";

// Verbatim from the ESWS syncMOCA page ("Sample" and "Response"); also contracts/easysecure/fixtures/syncMOCA/doc-sample.
const SYNC_MOCA_REQUEST = `<soapenv:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:uen="uen:esws">
<soapenv:Header/>
<soapenv:Body>
<uen:Esws.syncMOCA soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
<p_companyID xsi:type="xsd:string">^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0</p_companyID>
<p_wsAltUser_id xsi:type="xsd:string">6666</p_wsAltUser_id>
</uen:Esws.syncMOCA>
</soapenv:Body>
</soapenv:Envelope>`;

const SYNC_MOCA_RESPONSE = `<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">
<SOAP-ENV:Body>
<ns1:Esws.syncMOCAResponse xmlns:ns1="uen:esws">
<return xsi:type="xsd:string">OK</return>
</ns1:Esws.syncMOCAResponse>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

interface Shape {
  name: string;
  ns: string;
  attributes: string[];
  text: string;
  children: Shape[];
}

/** What a receiver sees: expanded names, attribute values, and text, with formatting whitespace dropped. */
function shape(el: XmlElement): Shape {
  return {
    name: el.name,
    ns: el.ns,
    attributes: el.attributes.map((a) => `{${a.ns}}${a.name}=${a.value}`),
    text: el.children.length > 0 ? el.text.trim() : el.text,
    children: el.children.map(shape),
  };
}

const syncMocaCall = (companyId: string, altUserId: string) => ({
  namespace: "uen:esws",
  operation: "Esws.syncMOCA",
  parts: [
    { name: "p_companyID", xsiType: "xsd:string", value: companyId },
    { name: "p_wsAltUser_id", xsiType: "xsd:string", value: altUserId },
  ],
});

function validationErrorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("the vendor syncMOCA samples", () => {
  it("parse: request and response", () => {
    const request = readSoapEnvelope(SYNC_MOCA_REQUEST);
    expect(request.fault).toBeUndefined();
    expect(request.header).toMatchObject({ name: "Header", children: [] });
    const op = request.body.children[0]!;
    expect([op.name, op.ns, attribute(op, "encodingStyle", SOAP11_ENVELOPE_NS)]).toEqual([
      "Esws.syncMOCA",
      "uen:esws",
      SOAP11_ENCODING_NS,
    ]);
    expect(op.children.map((c) => [c.name, c.ns, attribute(c, "type", XSI_NS), c.text])).toEqual([
      ["p_companyID", "", "xsd:string", "^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0"],
      ["p_wsAltUser_id", "", "xsd:string", "6666"],
    ]);

    const response = readSoapEnvelope(SYNC_MOCA_RESPONSE);
    expect(response.header).toBeUndefined();
    expect(response.fault).toBeUndefined();
    expect(readRpcEncodedReturn(parseXml(SYNC_MOCA_RESPONSE), "Esws.syncMOCA")).toEqual({
      value: "OK",
      partName: "return",
    });
    expect(readRpcEncodedReturn(response.body, "Esws.syncMOCA").value).toBe("OK");
  });

  it("writeRpcEncodedEnvelope reproduces the sample request's tree", () => {
    const ours = writeRpcEncodedEnvelope(syncMocaCall("^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0", "6666"));
    expect(shape(parseXml(ours))).toEqual(shape(parseXml(SYNC_MOCA_REQUEST)));
    expect(ours.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(ours).not.toContain("xmlns:ns2"); // the Apache prefix only when a Map is present
  });
});

describe("writeRpcEncodedEnvelope", () => {
  it("writes scalars with their xsi:type, in the given order, escaped", () => {
    const xml = writeRpcEncodedEnvelope({
      namespace: "urn:a&b",
      operation: "Svc.op",
      parts: [
        { name: "s", xsiType: "xsd:string", value: `<&>"'\r\n\t` },
        { name: "n", xsiType: "xsd:int", value: 42 },
        { name: "b", xsiType: "xsd:boolean", value: false },
        { name: "e", xsiType: "xsd:string", value: "" },
      ],
    });
    const op = readSoapEnvelope(xml).body.children[0]!;
    expect(op.ns).toBe("urn:a&b");
    expect(op.children.map((c) => [c.name, attribute(c, "type", XSI_NS), c.text])).toEqual([
      ["s", "xsd:string", `<&>"'\r\n\t`],
      ["n", "xsd:int", "42"],
      ["b", "xsd:boolean", "false"],
      ["e", "xsd:string", ""],
    ]);
  });

  it("writes a record as an Apache Map, in insertion order, and declares ns2", () => {
    const xml = writeRpcEncodedEnvelope({
      namespace: "uen:esws",
      operation: "Esws.updateUserDotweb",
      parts: [
        { name: "p_companyID", xsiType: "xsd:string", value: "c" },
        { name: "p_infoFields", xsiType: "ns2:Map", value: { info2: "b & c", info1: "a", info14: "" } },
      ],
    });
    expect(xml).toContain(`xmlns:ns2="${APACHE_SOAP_NS}"`);
    const map = firstChild(readSoapEnvelope(xml).body.children[0]!, "p_infoFields")!;
    expect(attribute(map, "type", XSI_NS)).toBe("ns2:Map");
    const items = childElements(map, "item").map((item) => {
      const [key, value] = item.children;
      return [
        key!.name,
        attribute(key!, "type", XSI_NS),
        key!.text,
        value!.name,
        attribute(value!, "type"),
        value!.text,
      ];
    });
    expect(items).toEqual([
      ["key", "xsd:string", "info2", "value", "xsd:string", "b & c"],
      ["key", "xsd:string", "info1", "value", "xsd:string", "a"],
      ["key", "xsd:string", "info14", "value", "xsd:string", ""],
    ]);
  });

  it("writes an array as a SOAP-ENC Array of xsd:string", () => {
    const xml = writeRpcEncodedEnvelope({
      namespace: "uen:esws",
      operation: "Esws.op",
      parts: [{ name: "p_list", xsiType: "SOAP-ENC:Array", value: ["x", "<y>"] }],
    });
    const list = readSoapEnvelope(xml).body.children[0]!.children[0]!;
    expect(attribute(list, "type", XSI_NS)).toBe("SOAP-ENC:Array");
    expect(attribute(list, "arrayType", SOAP11_ENCODING_NS)).toBe("xsd:string[2]");
    expect(list.children.map((i) => [i.name, attribute(i, "type", XSI_NS), i.text])).toEqual([
      ["item", "xsd:string", "x"],
      ["item", "xsd:string", "<y>"],
    ]);
  });

  it("writes all fifteen updateUserDotweb parts in order", () => {
    const names = [
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
    ];
    const parts: RpcPart[] = names.map((name) =>
      name === "p_infoFields"
        ? { name, xsiType: "ns2:Map", value: { info1: "x" } }
        : { name, xsiType: "xsd:string", value: "" },
    );
    const op = readSoapEnvelope(
      writeRpcEncodedEnvelope({ namespace: "uen:esws", operation: "Esws.updateUserDotweb", parts }),
    ).body.children[0]!;
    expect(op.children.map((c) => c.name)).toEqual(names);
  });

  it("collects every value XML 1.0 cannot carry, then throws one ValidationError", () => {
    const err = validationErrorOf(() =>
      writeRpcEncodedEnvelope({
        namespace: "uen:esws",
        operation: "Esws.updateUserDotweb",
        parts: [
          { name: "p_companyID", xsiType: "xsd:string", value: "ok" },
          { name: "p_Voornaam", xsiType: "xsd:string", value: "a\u0001b" },
          { name: "p_Achternaam", xsiType: "xsd:string", value: "lone \uD800" },
          {
            name: "p_infoFields",
            xsiType: "ns2:Map",
            value: { info1: "fine", info2: "\uFFFE", "bad\u0000key": "v" },
          },
          { name: "p_list", xsiType: "SOAP-ENC:Array", value: ["ok", "\u001F"] },
          { name: "p_Admin", xsiType: "xsd:int", value: Number.NaN },
        ],
      }),
    );
    expect(err.operation).toBe("Esws.updateUserDotweb");
    expect(err.issues).toEqual([
      { field: "p_Voornaam", rule: "xmlChar", message: "contains U+0001, which XML 1.0 cannot carry" },
      { field: "p_Achternaam", rule: "xmlChar", message: "contains U+D800, which XML 1.0 cannot carry" },
      {
        field: "p_infoFields.info2",
        rule: "xmlChar",
        message: "contains U+FFFE, which XML 1.0 cannot carry",
      },
      {
        field: "p_infoFields",
        rule: "xmlChar",
        message: "key #2 contains U+0000, which XML 1.0 cannot carry",
      },
      { field: "p_list[1]", rule: "xmlChar", message: "contains U+001F, which XML 1.0 cannot carry" },
      { field: "p_Admin", rule: "finite", message: "must be a finite number" },
    ]);
    expect(err.message).not.toContain("\u0001");
  });

  it("throws TypeError on contract bugs: bad names, unknown prefixes, shape mismatches", () => {
    const call =
      (part: RpcPart, operation = "Esws.op") =>
      () =>
        writeRpcEncodedEnvelope({ namespace: "uen:esws", operation, parts: [part] });
    expect(call({ name: "p", xsiType: "xsd:string", value: "" }, "bad name")).toThrow(TypeError);
    expect(call({ name: "a<b", xsiType: "xsd:string", value: "" })).toThrow(TypeError);
    expect(call({ name: "p", xsiType: "foo:string", value: "" })).toThrow(TypeError);
    expect(call({ name: "p", xsiType: 'xsd:string" x="', value: "" })).toThrow(TypeError);
    expect(call({ name: "p", xsiType: "ns2:Map", value: "x" })).toThrow(TypeError);
    expect(call({ name: "p", xsiType: "xsd:string", value: { a: "b" } })).toThrow(TypeError);
    expect(call({ name: "p", xsiType: "xsd:string", value: ["a"] })).toThrow(TypeError);
    const badNamespace = (namespace: string) => () =>
      writeRpcEncodedEnvelope({ namespace, operation: "Esws.op", parts: [] });
    expect(badNamespace("")).toThrow(TypeError);
    expect(badNamespace("urn:\u0000")).toThrow(TypeError);
  });
});

describe("readRpcEncodedReturn", () => {
  const envelope = (body: string) =>
    parseXml(`<S:Envelope xmlns:S="${SOAP11_ENVELOPE_NS}"><S:Body>${body}</S:Body></S:Envelope>`);

  it("returns the first part whatever its name and the response's prefix", () => {
    expect(
      readRpcEncodedReturn(
        envelope("<x:Esws.opResponse xmlns:x='urn:x'><result>UPDATED</result></x:Esws.opResponse>"),
        "Esws.op",
      ),
    ).toEqual({
      value: "UPDATED",
      partName: "result",
    });
  });

  it("keeps the text exactly (codes with a message after a space)", () => {
    const root = envelope(
      "<Esws.opResponse><return> UNAUTHORIZED bad token &amp; more</return></Esws.opResponse>",
    );
    expect(readRpcEncodedReturn(root, "Esws.op").value).toBe(" UNAUTHORIZED bad token & more");
  });

  it.each([
    ["no Body", parseXml(`<S:Envelope xmlns:S="${SOAP11_ENVELOPE_NS}"/>`), "no SOAP 1.1 Body"],
    [
      "another response",
      envelope("<Esws.otherResponse><return>OK</return></Esws.otherResponse>"),
      "found <Esws.otherResponse>",
    ],
    ["a Fault", envelope("<S:Fault><faultcode>S:Server</faultcode></S:Fault>"), "found <Fault>"],
    ["an empty Body", envelope(""), "an empty Body"],
    ["a response without parts", envelope("<Esws.opResponse/>"), "has no return part"],
  ])("throws envelope for %s", (_what, root, text) => {
    let error: unknown;
    try {
      readRpcEncodedReturn(root, "Esws.op");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).reason).toBe("envelope");
    expect((error as MalformedResponseError).message).toContain(text);
    expect((error as MalformedResponseError).operation).toBe("Esws.op");
  });
});
