/**
 * The client's envelopes against the contract's wire fixtures, compared as namespace-resolved trees: element
 * names and namespaces, order, attributes (xsi:type and encodingStyle, with QName values resolved), and text.
 * Prefixes and namespace declarations may differ (the client writes `soapenv`/`uen`/`ns2` as the sample does,
 * but a receiver must not care). Parsed with fast-xml-parser, not the runtime's parser: the check must not
 * share the client's code path.
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
import { XMLParser } from "fast-xml-parser";
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

const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
});

type Raw = Record<string, unknown>;

function expand(qname: string, scope: ReadonlyMap<string, string>, useDefault: boolean): string {
  const colon = qname.indexOf(":");
  const prefix = colon < 0 ? "" : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  if (prefix === "" && !useDefault) return local;
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== "") throw new Error(`unbound prefix ${prefix}`);
  return ns ? `{${ns}}${local}` : local;
}

function toNode(raw: Raw, outer: ReadonlyMap<string, string>): Node {
  const attrs = (raw[":@"] ?? {}) as Record<string, string>;
  const scope = new Map(outer);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns") scope.set("", v);
    else if (k.startsWith("xmlns:")) scope.set(k.slice(6), v);
  }
  const qname = Object.keys(raw).find((k) => k !== ":@")!;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) continue;
    const name = expand(k, scope, false);
    // xsi:type's value is a QName: compare what it means, not its prefix.
    attributes[name] = name === `{${XSI_NS}}type` ? expand(v, scope, true) : v;
  }
  const content = (raw[qname] ?? []) as Raw[];
  const children = content.filter((c) => !("#text" in c)).map((c) => toNode(c, scope));
  const text = content
    .filter((c) => "#text" in c)
    .map((c) => String(c["#text"]))
    .join("");
  // Indentation between elements is formatting, not content.
  return {
    name: expand(qname, scope, true),
    attributes,
    text: children.length > 0 ? text.trim() : text,
    children,
  };
}

function tree(xml: string): Node {
  const roots = (parser.parse(xml) as Raw[]).filter((n) => !("#text" in n));
  expect(roots).toHaveLength(1);
  return toNode(roots[0]!, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]));
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
