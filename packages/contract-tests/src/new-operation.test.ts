/**
 * The promise of the contract-first pipeline, tested: an operation added to a contract gets a client method
 * (its operationId in camelCase), a CLI command (kebab-case) and rows in the coverage table from codegen alone,
 * and the method works against a server. One OpenAPI operation (Moka), one rpc/encoded WSDL operation (ESWS) and
 * one document/literal WSDL operation (Edu-iX) are added to copies of the real contracts, generated into temporary
 * types packages, and the real clients, CLI, sandbox and contract-test plugins are loaded on top of them. No
 * hand-written code knows these operations.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateFromOpenApi, generateFromWsdl, REPO_ROOT, readVendor } from "@integrations/codegen";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";

let dir = "";
let server: Server;
let url = "";
const received: Array<{ path: string; body: string }> = [];

/** The new Moka operation: a read with the family's request convention and a Data of its own. */
function addMokaOperation(contract: string): string {
  const doc = parse(contract) as {
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  doc.paths["/DealerCustomer/GetCardCount"] = {
    post: {
      operationId: "GetCardCount",
      "x-idempotent": true,
      summary: "Count a dealer customer's stored cards",
      "x-result-codes": [
        { code: "Success", meaning: "The request was processed", retryable: false },
        {
          code: "DealerCustomer.GetCardCount.DealerCustomerNotFound",
          meaning: "No dealer customer found.",
          retryable: false,
        },
      ],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/GetCardCountRequest" } } },
      },
      responses: {
        "200": {
          description: "The envelope.",
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/GetCardCountResponse" },
              examples: {
                success: {
                  value: {
                    Data: { CardCount: 3 },
                    ResultCode: "Success",
                    ResultMessage: "",
                    Exception: null,
                  },
                },
              },
            },
          },
        },
      },
    },
  };
  doc.components.schemas.GetCardCountRequest = {
    type: "object",
    additionalProperties: false,
    required: ["DealerCustomerAuthentication", "DealerCustomerRequest"],
    properties: {
      DealerCustomerAuthentication: { $ref: "#/components/schemas/DealerCustomerAuthentication" },
      DealerCustomerRequest: { $ref: "#/components/schemas/CardCountRequest" },
    },
  };
  doc.components.schemas.CardCountRequest = {
    type: "object",
    additionalProperties: false,
    required: ["CustomerCode"],
    properties: {
      CustomerCode: { type: "string", minLength: 1, maxLength: 100, description: "The customer." },
    },
  };
  doc.components.schemas.GetCardCountResponse = {
    type: "object",
    required: ["Data", "ResultCode", "ResultMessage", "Exception"],
    properties: {
      Data: { anyOf: [{ $ref: "#/components/schemas/CardCount" }, { type: "null" }] },
      ResultCode: { type: "string" },
      ResultMessage: { type: ["string", "null"] },
      Exception: { type: ["string", "null"] },
    },
  };
  doc.components.schemas.CardCount = {
    type: "object",
    required: ["CardCount"],
    properties: { CardCount: { type: "integer", minimum: 0 } },
  };
  return stringify(doc);
}

/** The new ESWS operation: messages, a portType operation with its codes, and the binding. */
function addEswsOperation(wsdl: string): string {
  const messages = `
  <wsdl:message name="Esws.getUserIdRequest">
    <wsdl:part name="p_companyID" type="xsd:string" x:rule="tns:companyID" x:secret="true" x:clientOption="companyId"/>
    <wsdl:part name="p_wsAltUserId" type="xsd:string" x:rule="tns:wsAltUserId"/>
  </wsdl:message>
  <wsdl:message name="Esws.getUserIdResponse">
    <wsdl:part name="return" type="xsd:string"/>
  </wsdl:message>
`;
  const operation = `
    <wsdl:operation name="Esws.getUserId">
      <wsdl:documentation>Look a user up by its wsAltUserId.</wsdl:documentation>
      <x:idempotent value="true"/>
      <x:resultCodes>
        <x:code value="OK" outcome="success" retryable="false">the user exists</x:code>
        <x:code value="NO_USER_ID_FOUND" outcome="error" retryable="false">no user has this wsAltUserId</x:code>
      </x:resultCodes>
      <wsdl:input message="tns:Esws.getUserIdRequest"/>
      <wsdl:output message="tns:Esws.getUserIdResponse"/>
    </wsdl:operation>
  `;
  const binding = `
    <wsdl:operation name="Esws.getUserId">
      <soap:operation soapAction="uen:esws#Esws.getUserId" style="rpc"/>
      <wsdl:input>
        <soap:body use="encoded" namespace="uen:esws" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>
      </wsdl:input>
      <wsdl:output>
        <soap:body use="encoded" namespace="uen:esws" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>
      </wsdl:output>
    </wsdl:operation>
  `;
  const withMessages = wsdl.replace("  <wsdl:portType", `${messages}  <wsdl:portType`);
  const withOperation = withMessages.replace("  </wsdl:portType>", `${operation}</wsdl:portType>`);
  return withOperation.replace("  </wsdl:binding>", `${binding}</wsdl:binding>`);
}

/**
 * The new Edu-iX operation: request and response elements (the response's status an enumeration, so the
 * sandbox stub's answer is its first value), messages, a portType operation with its codes, and the binding
 * with the session header and the fault.
 */
function addEduixOperation(wsdl: string): string {
  const elements = `
      <xsd:simpleType name="keyStatus">
        <xsd:restriction base="xsd:string">
          <xsd:enumeration value="linked"/>
          <xsd:enumeration value="unlinked"/>
        </xsd:restriction>
      </xsd:simpleType>
      <xsd:element name="getKeyStatusRequest">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="userID" type="tns:string256" minOccurs="1" maxOccurs="1"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="getKeyStatusResponse">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="status" type="tns:keyStatus" minOccurs="1" maxOccurs="1"/>
          <xsd:element name="since" type="xsd:string" minOccurs="0" maxOccurs="1"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
`;
  const messages = `
  <wsdl:message name="getKeyStatusRequest">
    <wsdl:part name="parameters" element="tns:getKeyStatusRequest"/>
  </wsdl:message>
  <wsdl:message name="getKeyStatusResponse">
    <wsdl:part name="parameters" element="tns:getKeyStatusResponse"/>
  </wsdl:message>
`;
  const operation = `
    <wsdl:operation name="getKeyStatus">
      <wsdl:documentation>Whether a userID has a key.</wsdl:documentation>
      <x:idempotent value="true"/>
      <x:resultCodes>
        <x:code value="6" outcome="error" retryable="false">Missing required fields: userID</x:code>
      </x:resultCodes>
      <wsdl:input message="tns:getKeyStatusRequest"/>
      <wsdl:output message="tns:getKeyStatusResponse"/>
      <wsdl:fault name="accountFault" message="tns:accountFault"/>
    </wsdl:operation>
  `;
  const binding = `
    <wsdl:operation name="getKeyStatus">
      <soap:operation soapAction="urn:edu-ix:account:4.3#getKeyStatus" style="document"/>
      <wsdl:input>
        <soap:header message="tns:authHeader" part="authHeader" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal"/>
      </wsdl:output>
      <wsdl:fault name="accountFault">
        <soap:fault name="accountFault" use="literal"/>
      </wsdl:fault>
    </wsdl:operation>
  `;
  const withElements = wsdl.replace("    </xsd:schema>", `${elements}    </xsd:schema>`);
  const withMessages = withElements.replace("  <wsdl:portType", `${messages}  <wsdl:portType`);
  const withOperation = withMessages.replace("  </wsdl:portType>", `${operation}</wsdl:portType>`);
  return withOperation.replace("  </wsdl:binding>", `${binding}</wsdl:binding>`);
}

const EDUIX_NS = "urn:edu-ix:account:4.3";
/** A PHP-style Edu-iX answer with `content` in the Body. */
const eduixAnswer = (content: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="${EDUIX_NS}"><SOAP-ENV:Body>${content}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

/** A types package in the temporary folder: the real index, over the generated code of the changed contract. */
async function typesPackage(
  name: string,
  generate: (contract: string, outDir: string) => Promise<void>,
  contract: string,
) {
  const root = join(dir, name);
  mkdirSync(join(root, "src"), { recursive: true });
  copyFileSync(join(REPO_ROOT, "packages", name, "src/index.ts"), join(root, "src/index.ts"));
  const contractPath = join(root, "contract");
  writeFileSync(contractPath, contract);
  await generate(contractPath, join(root, "src/generated"));
  return join(root, "src/index.ts");
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "new-operation-"));
  const moka = readVendor("moka").codegen;
  const mokaTypes = await typesPackage(
    "moka-types",
    (contract, outDir) =>
      generateFromOpenApi({
        contract,
        outDir,
        schemaIdBase: "https://integrations.local/contracts/moka/",
        vendor: "moka",
        vendorPrefix: moka.vendorPrefix,
        requestMember: moka.requestMember!,
        resultMember: moka.resultMember!,
      }),
    addMokaOperation(readFileSync(join(REPO_ROOT, "contracts/moka/openapi.yaml"), "utf8")),
  );
  const esws = await typesPackage(
    "easysecure-types",
    (contract, outDir) =>
      generateFromWsdl({
        contract,
        outDir,
        schemaIdBase: "https://integrations.local/contracts/easysecure/",
        vendor: "easysecure",
        vendorPrefix: readVendor("easysecure").codegen.vendorPrefix,
      }),
    addEswsOperation(readFileSync(join(REPO_ROOT, "contracts/easysecure/esws.wsdl"), "utf8")),
  );
  const eduix = readVendor("eduix").codegen;
  const eduixTypes = await typesPackage(
    "eduix-types",
    (contract, outDir) =>
      generateFromWsdl({
        contract,
        outDir,
        schemaIdBase: "https://integrations.local/contracts/eduix/",
        vendor: "eduix",
        vendorPrefix: eduix.vendorPrefix,
        ...(eduix.endpoints ? { endpoints: eduix.endpoints } : {}),
      }),
    addEduixOperation(readFileSync(join(REPO_ROOT, "contracts/eduix/account.wsdl"), "utf8")),
  );
  vi.resetModules();
  vi.doMock("@integrations/moka-types", () => import(mokaTypes));
  vi.doMock("@integrations/easysecure-types", () => import(esws));
  vi.doMock("@integrations/eduix-types", () => import(eduixTypes));

  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      received.push({ path: req.url ?? "", body });
      if (req.url === "/eduix") {
        res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
        res.end(
          body.includes("loginRequest")
            ? eduixAnswer("<ns1:loginResponse><ns1:sessionID>s-1</ns1:sessionID></ns1:loginResponse>")
            : eduixAnswer(
                "<ns1:getKeyStatusResponse><ns1:status>unlinked</ns1:status></ns1:getKeyStatusResponse>",
              ),
        );
        return;
      }
      if (req.url?.endsWith("/DealerCustomer/GetCardCount")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            Data: { CardCount: 2 },
            ResultCode: "Success",
            ResultMessage: "",
            Exception: null,
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="uen:esws" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body><ns1:Esws.getUserIdResponse><return xsi:type="xsd:string">OK</return></ns1:Esws.getUserIdResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  vi.doUnmock("@integrations/moka-types");
  vi.doUnmock("@integrations/easysecure-types");
  vi.doUnmock("@integrations/eduix-types");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe("an operation added to a contract", () => {
  it("is a client method that works against a server (OpenAPI)", async () => {
    const { createMokaClient } = await import("@integrations/moka-client");
    const client = createMokaClient({
      dealerCode: "d",
      username: "u",
      password: "p",
      baseUrl: url,
      retry: false,
    });
    const method = (client as unknown as Record<string, (input: unknown) => Promise<unknown>>).getCardCount;
    expect(typeof method).toBe("function");
    await expect(method!({ CustomerCode: "Customer1" })).resolves.toEqual({ CardCount: 2 });
    const sent = JSON.parse(received.at(-1)!.body);
    expect(received.at(-1)!.path).toBe("/DealerCustomer/GetCardCount");
    expect(sent.DealerCustomerRequest).toEqual({ CustomerCode: "Customer1" });
    // Validated from the contract before anything is sent.
    const before = received.length;
    await expect(method!({ CustomerCode: "x".repeat(101) })).rejects.toMatchObject({ kind: "validation" });
    expect(received.length).toBe(before);
  });

  it("is a client method that works against a server (WSDL)", async () => {
    const { createEasySecureClient } = await import("@integrations/easysecure-client");
    const client = createEasySecureClient({ companyId: "company-secret", endpoint: url });
    const method = (client as unknown as Record<string, (input: unknown) => Promise<unknown>>).getUserId;
    expect(typeof method).toBe("function");
    await expect(method!({ p_wsAltUserId: "EMP-1" })).resolves.toBe("OK");
    const body = received.at(-1)!.body;
    expect(body).toMatch(/<(\w+:)?Esws\.getUserId[ >]/);
    expect(body).toMatch(/<p_companyID xsi:type="xsd:string">company-secret<\/p_companyID>\s*<p_wsAltUserId/);
  });

  it("is a client method that works against a server (WSDL document/literal)", async () => {
    const { createEduixClient } = await import("@integrations/eduix-client");
    const client = createEduixClient({
      username: "u",
      password: "p",
      endpoint: `${url}/eduix`,
      retry: false,
    });
    const method = (client as unknown as Record<string, (input: unknown) => Promise<unknown>>).getKeyStatus;
    expect(typeof method).toBe("function");
    await expect(method!({ userID: "https://ketenid.nl/201703/abc" })).resolves.toEqual({
      status: "unlinked",
    });
    const body = received.at(-1)!.body;
    expect(body).toMatch(/<(\w+:)?getKeyStatusRequest[ >]/);
    expect(body).toMatch(/<(\w+:)?sessionID>s-1</);
    // Validated from the contract before anything is sent (userID: at most 256 characters).
    const before = received.length;
    await expect(method!({ userID: "x".repeat(257) })).rejects.toMatchObject({ kind: "validation" });
    expect(received.length).toBe(before);
  });

  it("is a CLI command with flags from its input schema, which calls the method", async () => {
    const { OPERATIONS, runCli } = await import("@integrations/cli");
    const card = OPERATIONS.find((op) => op.vendor === "moka" && op.name === "get-card-count");
    expect(card?.flags.map((f) => [f.name, f.field, f.required])).toEqual([
      ["customer-code", "DealerCustomerRequest.CustomerCode", true],
    ]);
    const user = OPERATIONS.find((op) => op.vendor === "easysecure" && op.name === "get-user-id");
    expect(user?.flags.map((f) => f.name)).toEqual(["ws-alt-user-id", "transliterate"]);

    let stdout = "";
    const io = (env: Record<string, string>) => ({
      env,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
    });
    const moka = { MOKA_BASE_URL: url, MOKA_DEALER_CODE: "d", MOKA_USERNAME: "u", MOKA_PASSWORD: "p" };
    expect(await runCli(["moka", "get-card-count", "--customer-code", "Customer1"], io(moka))).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ CardCount: 2 });
    stdout = "";
    const esws = { EASYSECURE_ENDPOINT: url, EASYSECURE_COMPANY_ID: "company-secret" };
    expect(await runCli(["easysecure", "get-user-id", "--ws-alt-user-id", "EMP-1"], io(esws))).toBe(0);
    expect(JSON.parse(stdout)).toBe("OK");
    const status = OPERATIONS.find((op) => op.vendor === "eduix" && op.name === "get-key-status");
    expect(status?.flags.map((f) => [f.name, f.required])).toEqual([["user-id", true]]);
    stdout = "";
    const eduix = { EDUIX_ENDPOINT: `${url}/eduix`, EDUIX_USERNAME: "u", EDUIX_PASSWORD: "p" };
    expect(
      await runCli(["eduix", "get-key-status", "--user-id", "https://ketenid.nl/201703/abc"], io(eduix)),
    ).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ status: "unlinked" });
  });

  it("is answered by the sandbox with the contract's first success example until it has behaviour of its own", async () => {
    const { startSandbox } = await import("@integrations/sandbox");
    const { SANDBOX_DEFAULTS } = await import("@integrations/cli");
    const sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
    try {
      const { createMokaClient } = await import("@integrations/moka-client");
      const moka = createMokaClient({ ...SANDBOX_DEFAULTS.moka, baseUrl: sandbox.urls.moka, retry: false });
      const count = (moka as unknown as Record<string, (input: unknown) => Promise<unknown>>).getCardCount!;
      await expect(count({ CustomerCode: "Customer1" })).resolves.toEqual({ CardCount: 3 });
      const { createEasySecureClient } = await import("@integrations/easysecure-client");
      const esws = createEasySecureClient({
        ...SANDBOX_DEFAULTS.easysecure,
        endpoint: sandbox.urls.easysecure,
      });
      const user = (esws as unknown as Record<string, (input: unknown) => Promise<unknown>>).getUserId!;
      await expect(user({ p_wsAltUserId: "EMP-0001" })).resolves.toBe("OK");
      // A WSDL has no example: the stub answers the response element's minimal valid content (its XSD's
      // required elements, the enumeration's first value), in a SOAP envelope, after the usual login.
      const { createEduixClient } = await import("@integrations/eduix-client");
      const eduix = createEduixClient({
        ...SANDBOX_DEFAULTS.eduix,
        endpoint: sandbox.urls.eduix,
        retry: false,
      });
      const status = (eduix as unknown as Record<string, (input: unknown) => Promise<unknown>>).getKeyStatus!;
      await expect(status({ userID: "https://ketenid.nl/201703/abc" })).resolves.toEqual({
        status: "linked",
      });
    } finally {
      await sandbox.close();
    }
  });

  it("has rows in the operation × code coverage table", async () => {
    const { coverage } = await import("./coverage.js");
    const { mokaPlugin } = await import("./moka.plugin.js");
    const { easysecurePlugin } = await import("./easysecure.plugin.js");
    const { eduixPlugin } = await import("./eduix.plugin.js");
    const rows = [
      ...coverage(mokaPlugin, []),
      ...coverage(easysecurePlugin, []),
      ...coverage(eduixPlugin, []),
    ];
    expect(rows.filter((r) => r.operation === "GetCardCount").map((r) => r.code)).toEqual([
      "Success",
      "DealerCustomer.GetCardCount.DealerCustomerNotFound",
    ]);
    expect(rows.filter((r) => r.operation === "getUserId").map((r) => r.code)).toContain("NO_USER_ID_FOUND");
    expect(rows.filter((r) => r.operation === "getKeyStatus").map((r) => r.code)).toContain(6);
  });
});
