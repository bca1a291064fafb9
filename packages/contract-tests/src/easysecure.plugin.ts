/**
 * EasySecure ESWS for the shared contract suite: XML fixtures are XSD-validated against schemas lifted from
 * contracts/easysecure/esws.wsdl, and the real client is driven against every response and input fixture
 * through nock (which intercepts undici's global dispatcher, the one the runtime uses by default).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEasySecureClient, EasySecureError, ValidationError } from "@integrations/easysecure-client";
import { defaultEndpoint, namespace, operations } from "@integrations/easysecure-types";
import {
  APACHE_SOAP_NS,
  childElements,
  methodName,
  parseXml,
  SOAP11_ENCODING_NS,
  XSD_NS,
} from "@integrations/runtime";
import nock from "nock";
import { type ExpectedOutcome, type FixtureCase, REPO_ROOT, sampleInput } from "./fixtures.js";
import type { ClientRun, ContractIssue, VendorPlugin } from "./plugin.js";
import { SOAP_ENV_NS, soapEnvelopeXsd, wsdlSchemas, type XsdFile, xsdIssues } from "./xsd.js";

type EswsOperation = keyof typeof operations;
type Descriptor = (typeof operations)[EswsOperation];

/** A well-formed stand-in: fixtures' request-full/request-minimal use the same value. */
export const FIXTURE_COMPANY_ID = "FAKE-SECURITY-CODE-FOR-TESTS-001";

function descriptor(operation: string): Descriptor {
  const op = operations[operation as EswsOperation];
  if (!op) throw new Error(`unknown ESWS operation ${operation}`);
  return op;
}

// ---------------------------------------------------------------------------------------------------------
// Schemas. rpc/encoded parts are not global elements of any WSDL schema (they are wsdl:parts), so an XSD of
// the operation elements is synthesized from the generated descriptors: one global element per operation and
// per response in uen:esws, whose sequence holds the parts, in order, as unqualified local elements typed by
// their wire types (xsi:type). All parts are required: the client sends "" for an absent optional one, and a
// missing part shifts every later value on a NuSOAP server (it binds by position).
// ---------------------------------------------------------------------------------------------------------

const SOAP_ENC_NS = SOAP11_ENCODING_NS;

const wsdl = readFileSync(join(REPO_ROOT, "contracts", "easysecure", "esws.wsdl"), "utf8");
const lifted = wsdlSchemas(wsdl, "easysecure");
const targetNamespaceOf = (file: XsdFile) => file.contents.match(/targetNamespace="([^"]*)"/)?.[1] ?? "";

/** The wrapper and the WSDL's own schemas; the uen:esws one shares the wrapper's namespace, so it is included. */
export function eswsWrapperXsd(): XsdFile {
  const imports = lifted.map((file) =>
    targetNamespaceOf(file) === namespace
      ? `  <xsd:include schemaLocation="${file.fileName}"/>`
      : `  <xsd:import namespace="${targetNamespaceOf(file)}" schemaLocation="${file.fileName}"/>`,
  );
  const element = (name: string, parts: ReadonlyArray<{ name: string; xsiType: string }>) =>
    [
      `  <xsd:element name="${name}">`,
      "    <xsd:complexType>",
      "      <xsd:sequence>",
      ...parts.map((p) => `        <xsd:element name="${p.name}" type="${p.xsiType}"/>`),
      "      </xsd:sequence>",
      // soapenv:encodingStyle (the vendor sample puts it on the operation element) and any other
      // foreign attribute; attributes of the wrapper's own namespace stay forbidden.
      `      <xsd:anyAttribute namespace="##other" processContents="lax"/>`,
      "    </xsd:complexType>",
      "  </xsd:element>",
    ].join("\n");
  const elements = Object.values(operations).flatMap((op) => [
    element(op.wireName, op.binding.parts),
    // NuSOAP's single response part (`return`), typed xsd:string by the WSDL's response messages.
    element(`${op.wireName}Response`, [{ name: op.binding.returnPart, xsiType: "xsd:string" }]),
  ]);
  return {
    fileName: "easysecure-operations.xsd",
    contents: `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="${XSD_NS}" xmlns:ns2="${APACHE_SOAP_NS}" xmlns:SOAP-ENC="${SOAP_ENC_NS}" xmlns:tns="${namespace}" targetNamespace="${namespace}">
${imports.join("\n")}
${elements.join("\n")}
</xsd:schema>
`,
  };
}

const wrapper = eswsWrapperXsd();

/** The SOAP 1.1 Envelope around the wrapper, strict: every Body child must be a declared operation, response or Fault. */
const envelope: XsdFile = soapEnvelopeXsd({
  imports: [{ namespace, schemaLocation: wrapper.fileName }],
  processContents: "strict",
});

const preload = [wrapper, ...lifted];

/** Local name of the first element in the Body (comments skipped), or undefined. */
function bodyElement(xml: string): string | undefined {
  return /<(?:[\w.-]+:)?Body\b[^>]*>(?:\s|<!--[\s\S]*?-->)*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1];
}

/**
 * The XSD accepts any declared operation in any envelope; the fixture's folder says which one it must be:
 * the operation element in a request, its response element (or a Fault) in a response.
 */
async function envelopeIssues(
  operation: string,
  body: string,
  direction: "request" | "response",
): Promise<ContractIssue[]> {
  const issues = await xsdIssues(body, envelope, preload);
  const name = descriptor(operation).wireName;
  const allowed = direction === "request" ? [name] : [`${name}Response`, "Fault"];
  const found = bodyElement(body);
  if (issues.length === 0 && (found === undefined || !allowed.includes(found))) {
    issues.push({
      rule: "operation",
      path: "",
      message: `the Body holds ${found === undefined ? "nothing" : `<${found}>`}, expected <${allowed.join("> or <")}>`,
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Driving the client.
// ---------------------------------------------------------------------------------------------------------

function clientInput(fixture: FixtureCase): unknown {
  if (fixture.input !== undefined && (fixture.meta.expect.input?.valid ?? true)) {
    return fixture.input;
  }
  return sampleInput("easysecure", fixture.operation);
}

/** A NuSOAP answer carrying `text`, for runs that need any success. */
function successResponse(op: Descriptor, text: string): string {
  return `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="${XSD_NS}"><SOAP-ENV:Body><ns1:${op.wireName}Response xmlns:ns1="${namespace}"><return xsi:type="xsd:string">${text}</return></ns1:${op.wireName}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

const endpoint = new URL(defaultEndpoint);

/** Intercepts one POST to the default endpoint, recording the body, answering `response`. */
function intercept(response: string, sent: string[]): void {
  nock(endpoint.origin)
    .post(endpoint.pathname, (body: unknown) => {
      sent.push(typeof body === "string" ? body : JSON.stringify(body));
      return true;
    })
    .reply(200, response, { "content-type": "text/xml; charset=utf-8" });
}

function callClient(operation: string, input: unknown): Promise<string> {
  const client = createEasySecureClient({ companyId: FIXTURE_COMPANY_ID, retry: false });
  const method = (client as unknown as Record<string, (input: unknown) => Promise<string>>)[
    methodName(operation)
  ]!;
  return method(input);
}

function outcomeOf(error: unknown): ExpectedOutcome {
  if (error instanceof EasySecureError) {
    return error.detail === undefined
      ? { kind: "error", code: error.code }
      : { kind: "error", code: error.code, detail: error.detail };
  }
  return { kind: "error", code: (error as Error).name };
}

/**
 * The rpc parts of an envelope against the message's, in order: NuSOAP binds them by position, so the same
 * parts in another order, or one under another name, change what each value means.
 */
export function rpcPartIssues(
  operation: string,
  body: string,
  direction: "request" | "response",
): ContractIssue[] {
  const op = descriptor(operation);
  const expected: string[] =
    direction === "request" ? op.binding.parts.map((p) => p.name) : [op.binding.returnPart];
  let envelope: ReturnType<typeof parseXml>;
  try {
    envelope = parseXml(body);
  } catch {
    return []; // validateRequest/validateResponse say why it is not XML
  }
  const wrapper = childElements(childElements(envelope, "Body")[0] ?? envelope)[0];
  if (wrapper === undefined || wrapper.name === "Fault") return [];
  const got = childElements(wrapper).map((el) => el.name);
  const issues: ContractIssue[] = [];
  const sameParts = got.length === expected.length && [...got].sort().join() === [...expected].sort().join();
  if (sameParts && got.join() !== expected.join()) {
    issues.push({
      rule: "rpc-parts-reordered",
      path: wrapper.name,
      message: `parts ${got.join(", ")}; the contract's order is ${expected.join(", ")}`,
    });
    return issues;
  }
  expected.forEach((name, i) => {
    const at = got[i];
    if (at !== undefined && at !== name && !got.includes(name) && !expected.includes(at)) {
      issues.push({
        rule: "rpc-part-renamed",
        path: `${wrapper.name}/${at}`,
        message: `part ${i + 1} is <${at}> where the contract has <${name}>`,
      });
    }
  });
  const misplaced = expected.filter((name, i) => got.includes(name) && got[i] !== name);
  if (misplaced.length > 0 && issues.length === 0) {
    issues.push({
      rule: "rpc-parts-reordered",
      path: wrapper.name,
      message: `parts ${got.join(", ")}: ${misplaced.join(", ")} not at ${misplaced.length === 1 ? "its" : "their"} position in the contract (${expected.join(", ")})`,
    });
  }
  return issues;
}

export const easysecurePlugin: VendorPlugin = {
  vendor: "easysecure",
  operations: Object.keys(operations),
  // Each operation's catalog holds its own codes and then the general ones (generated from x:resultCodes).
  documentedCodes: (operation) => [...new Set(descriptor(operation).codes.map((c) => c.code))],
  outcomeCode: (outcome: ExpectedOutcome) =>
    outcome.kind === "success" ? (outcome.value as string | undefined) : outcome.code,
  validateRequest: (operation, body) => envelopeIssues(operation, body, "request"),
  validateResponse: (operation, body) => envelopeIssues(operation, body, "response"),
  driftIssues: async (operation, body, direction) => rpcPartIssues(operation, body, direction),

  async runClient(fixture): Promise<ClientRun> {
    const sent: string[] = [];
    intercept(fixture.response!.text, sent);
    try {
      const value = await callClient(fixture.operation, clientInput(fixture));
      return { outcome: { kind: "success", value }, sent };
    } catch (error) {
      return { outcome: outcomeOf(error), sent };
    } finally {
      nock.cleanAll();
    }
  },

  async checkInput(fixture) {
    const op = descriptor(fixture.operation);
    const sent: string[] = [];
    // The contract's first success code (the descriptor's example).
    intercept(successResponse(op, String(op.example)), sent);
    try {
      await callClient(fixture.operation, fixture.input);
      return { issues: [], sent: sent.length };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issues = error.issues.map((i) => ({ field: i.field, rule: i.rule }));
      return { issues, sent: sent.length };
    } finally {
      nock.cleanAll();
    }
  },
};
