/**
 * The client's envelopes against the contract's wire fixtures, compared as namespace-resolved trees: element
 * names and namespaces, order, attributes (xsi:type and encodingStyle, with QName values resolved), and text.
 * Prefixes and namespace declarations may differ (the client writes `soapenv`/`uen`/`ns2` as the sample does,
 * but a receiver must not care). Read with the runtime's hardened parser (namespaces resolved, bindings in
 * scope kept for the QName in xsi:type); the client's writer is a separate code path, and the comparison tree
 * built here is this test's own.
 *
 * p_wsAltUser_id vs p_wsAltUserId: the ESWS syncMOCA page names the parameter `p_wsAltUserId` in its
 * signature and table, but its Sample request sends the element `<p_wsAltUser_id>`. The sample looks
 * generated from the live WSDL by a SOAP testing tool, so the contract's part (and the wire element the
 * client writes) is `p_wsAltUser_id` — PHP's SoapServer binds parts by name and would receive NULL for a
 * misnamed one — while the client's API keeps the documented name `p_wsAltUserId` and maps it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEasySecureClient, type UpdateUserDotwebInput } from "@integrations/easysecure-client";
import { defaultEndpoint } from "@integrations/easysecure-types";
import { parseXml, type ScopedXmlElement, XSI_NS } from "@integrations/runtime";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { easysecurePlugin, FIXTURE_COMPANY_ID } from "./easysecure.plugin.js";
import { REPO_ROOT } from "./fixtures.js";

const FIXTURES = join(REPO_ROOT, "contracts", "easysecure", "fixtures");
const fixture = (path: string) => readFileSync(join(FIXTURES, path), "utf8");

/** The vendor sample's inputs (the ESWS syncMOCA page, "Sample"). */
const SAMPLE_COMPANY_ID = "^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0";
const SAMPLE_WS_ALT_USER_ID = "6666";

interface Node {
  /** `{namespace}local` */
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Node[];
}

const expanded = (ns: string, local: string): string => (ns ? `{${ns}}${local}` : local);

/** A QName written in a value (`xsd:string`), resolved in the element's scope: what it means, not its prefix. */
function qnameValue(el: ScopedXmlElement, value: string): string {
  const colon = value.indexOf(":");
  const prefix = colon < 0 ? "" : value.slice(0, colon);
  const ns = el.scope.lookup(prefix);
  if (ns === undefined && prefix !== "") throw new Error(`unbound prefix ${prefix}`);
  return expanded(ns ?? "", colon < 0 ? value : value.slice(colon + 1));
}

function toNode(el: ScopedXmlElement): Node {
  const attributes: Record<string, string> = {};
  for (const a of el.attributes) {
    const name = expanded(a.ns, a.name);
    attributes[name] = name === `{${XSI_NS}}type` ? qnameValue(el, a.value) : a.value;
  }
  const children = el.children.map(toNode);
  // Indentation between elements is formatting, not content.
  return {
    name: expanded(el.ns, el.name),
    attributes,
    text: children.length > 0 ? el.text.trim() : el.text,
    children,
  };
}

function tree(xml: string): Node {
  return toNode(parseXml(xml, { namespaceScope: true }));
}

const endpoint = new URL(defaultEndpoint);
const sent: string[] = [];

function interceptOnce(response: string): void {
  nock(endpoint.origin)
    .post(endpoint.pathname, (body: unknown) => {
      sent.push(String(body));
      return true;
    })
    .reply(200, response, { "content-type": "text/xml; charset=utf-8" });
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  nock.cleanAll();
  sent.length = 0;
});

describe("the EasySecure client's envelopes match the contract's wire fixtures", () => {
  it("syncMOCA: the vendor's Sample request (doc-sample), for the sample's inputs", async () => {
    interceptOnce(fixture("syncMOCA/doc-sample/response.xml"));
    const client = createEasySecureClient({ companyId: SAMPLE_COMPANY_ID });
    await expect(client.syncMOCA({ p_wsAltUserId: SAMPLE_WS_ALT_USER_ID })).resolves.toBe("OK");
    expect(sent).toHaveLength(1);

    const expected = tree(fixture("syncMOCA/doc-sample/request.xml"));
    const actual = tree(sent[0]!);
    expect(actual).toEqual(expected);

    // Spelled out, so a failure says what differs.
    const op = actual.children[1]!.children[0]!;
    expect(op.name).toBe("{uen:esws}Esws.syncMOCA");
    expect(op.attributes).toEqual({
      "{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle": "http://schemas.xmlsoap.org/soap/encoding/",
    });
    expect(op.children.map((c) => [c.name, c.attributes[`{${XSI_NS}}type`], c.text])).toEqual([
      ["p_companyID", "{http://www.w3.org/2001/XMLSchema}string", SAMPLE_COMPANY_ID],
      ["p_wsAltUser_id", "{http://www.w3.org/2001/XMLSchema}string", SAMPLE_WS_ALT_USER_ID],
    ]);
  });

  it.each([
    ["input-valid-minimal", "request-minimal"],
    ["input-valid-full", "request-full"],
  ])("updateUserDotweb: %s is sent as %s", async (input, request) => {
    interceptOnce(fixture("updateUserDotweb/code-inserted/response.xml"));
    const client = createEasySecureClient({ companyId: FIXTURE_COMPANY_ID });
    const value = JSON.parse(fixture(`updateUserDotweb/${input}/input.json`)) as UpdateUserDotwebInput;
    await expect(client.updateUserDotweb(value)).resolves.toBe("INSERTED");
    expect(sent).toHaveLength(1);
    expect(tree(sent[0]!)).toEqual(tree(fixture(`updateUserDotweb/${request}/request.xml`)));
  });
});

describe("the operations schema the plugin synthesizes is strict", () => {
  const sample = fixture("syncMOCA/doc-sample/request.xml");
  const rules = async (operation: string, xml: string) =>
    (await easysecurePlugin.validateRequest(operation, xml)).map((i) => i.message).join("\n");

  it("accepts the sample, and the response fixtures only as responses of their own operation", async () => {
    expect(await rules("syncMOCA", sample)).toBe("");
    expect(await rules("updateUserDotweb", sample)).toContain("expected <Esws.updateUserDotweb>");
    const response = fixture("syncMOCA/doc-sample/response.xml");
    expect(await easysecurePlugin.validateResponse("syncMOCA", response)).toEqual([]);
    expect((await easysecurePlugin.validateResponse("updateUserDotweb", response))[0]?.rule).toBe(
      "operation",
    );
  });

  it("rejects a wrong wire type, a qualified part, and a foreign attribute in the wrapper's own namespace", async () => {
    expect(
      await rules(
        "syncMOCA",
        sample.replace('<p_wsAltUser_id xsi:type="xsd:string">', '<p_wsAltUser_id xsi:type="xsd:int">'),
      ),
    ).toMatch(/p_wsAltUser_id/);
    expect(await rules("syncMOCA", sample.replace(/p_wsAltUser_id/g, "uen:p_wsAltUser_id"))).toContain(
      "This element is not expected",
    );
    expect(
      await rules("syncMOCA", sample.replace("<uen:Esws.syncMOCA ", '<uen:Esws.syncMOCA uen:x="1" ')),
    ).toContain("uen:esws");
    expect(await rules("syncMOCA", sample.replace(/p_wsAltUser_id/g, "p_wsAltUserId"))).toContain(
      "p_wsAltUserId",
    );
  });
});
