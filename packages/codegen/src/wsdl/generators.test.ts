import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WsdlModel } from "@integrations/contract-model";
import { beforeAll, describe, expect, it } from "vitest";
import { DESCRIPTOR_FIELDS } from "../descriptor.js";
import { REPO_ROOT } from "../emit.js";
import { generateDocumentLiteral } from "./document-literal.js";
import { generateRpcEncoded } from "./rpc-encoded.js";
import { readWsdlContract as parseWsdl, serviceView } from "./service-view.js";
import { runWsdlTsclient, type WsdlTsclientDefinitions } from "./wsdl-tsclient.js";

const ESWS = "contracts/easysecure/esws.wsdl";
const EDUIX = "contracts/eduix/account.wsdl";
const load = (path: string) => parseWsdl(readFileSync(join(REPO_ROOT, path), "utf8"), path);

/** The field names of every descriptor in a generated descriptors module (its 4-space-indented keys). */
const descriptorKeys = (module: string): Set<string> =>
  new Set([...module.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]!));

describe("rpc/encoded (ESWS)", () => {
  let model: WsdlModel;
  let raw: WsdlTsclientDefinitions;
  let files: Record<string, string>;
  const options = {
    schemaIdBase: "https://integrations.local/contracts/easysecure/",
    vendorPrefix: "EasySecure",
    vendor: "easysecure",
  };
  beforeAll(async () => {
    model = load(ESWS);
    raw = await runWsdlTsclient(join(REPO_ROOT, ESWS));
    files = generateRpcEncoded(model, serviceView(model), raw, options);
  });

  it("keeps wsdl-tsclient's definitions only, with type-only imports", () => {
    expect([...raw.files.keys()]).toEqual([
      "EswsSyncMocaRequest.ts",
      "EswsSyncMocaResponse.ts",
      "EswsUpdateUserDotwebRequest.ts",
      "EswsUpdateUserDotwebResponse.ts",
    ]);
    expect(raw.interfaceBySourceName.get("Esws.syncMOCARequest")).toBe("EswsSyncMocaRequest");
  });

  it("describes the parts in WSDL order with the rpc writer's xsi:type prefixes", () => {
    const d = files["descriptors.ts"]!;
    expect(d).toContain(
      '{ name: "p_wsAltUser_id", xsiType: "xsd:string", optional: false, rule: "wsAltUserId", clientName: "p_wsAltUserId" }',
    );
    expect(d).toContain('{ name: "p_ws_StoreId", xsiType: "xsd:int", optional: false, rule: "storeId" }');
    expect(d).toContain('{ name: "p_infoFields", xsiType: "ns2:Map", optional: false, rule: "infoFields" }');
    const bindings = d.split("\n").filter((line) => line.includes("binding: {"));
    const names = [...bindings[1]!.matchAll(/\{ name: "(\w+)", xsiType/g)].map((m) => m[1]);
    expect(names).toEqual(
      model.message({ ns: "uen:esws", local: "Esws.updateUserDotwebRequest" })!.parts.map((p) => p.name),
    );
    expect(d).toContain('returnPart: "return"');
    expect(
      [...descriptorKeys(d)].filter((key) => !(DESCRIPTOR_FIELDS as readonly string[]).includes(key)),
    ).toEqual([]);
    expect(d).toContain('export const defaultEndpoint = "https://ws.i3.identysoft.com/webservicesesws";');
  });

  it("lists each operation's codes then the general ones, keeping detail and match", () => {
    const codes = files["result-codes.ts"]!;
    const sync = codes.slice(
      codes.indexOf("const syncMOCAResultCodesData"),
      codes.indexOf("export const syncMOCAResultCodes"),
    );
    const order = [...sync.matchAll(/"code": "([^"]+)"/g)].map((m) => m[1]);
    expect(order[0]).toBe("OK");
    expect(order.slice(-4)).toEqual([
      "ERROR_NO_SECURITY_HASH",
      "ERROR_UNKNOWN_SECURITY_HASH",
      "Company is Branches but no group name specified. It is required for this type of company.",
      "Company is Branches but the group name specified does not exists.",
    ]);
    expect(sync).toMatch(/"code": "UNAUTHORIZED",[^}]*"detail": true/);
    expect(codes).toMatch(/"code": "STORE_ID_MUST_MATCH_INFO_FIELD",[^}]*"match": "\^\(\?:/);
    expect(codes).toContain("export type EasySecureErrorCode =");
  });

  it("types parts by wire type, the Apache Map by its rule, and checks them against wsdl-tsclient", () => {
    const m = files["messages.ts"]!;
    expect(m).toContain("export type InfoFields = { [K in InfoFieldKey]?: string };");
    expect(m).toContain("  p_ws_StoreId: number;");
    expect(m).toContain("  p_infoFields: InfoFields;");
    expect(m).toContain("  p_StartDate?: string;");
    expect(m).toContain(
      "type _SyncMOCARequest = Assert<Conforms<SyncMOCARequest, WsdlTsclientEswsSyncMocaRequest>>;",
    );
  });

  it("is deterministic", () => {
    expect(generateRpcEncoded(model, serviceView(model), raw, options)).toEqual(files);
  });
});

describe("document/literal (Edu-iX)", () => {
  let model: WsdlModel;
  let raw: WsdlTsclientDefinitions;
  let files: Record<string, string>;
  const options = {
    schemaIdBase: "https://integrations.local/contracts/eduix/",
    vendorPrefix: "Eduix",
    vendor: "eduix",
    endpoints: { address: "production", required: ["acceptance", "chain-test"] },
  };
  beforeAll(async () => {
    model = load(EDUIX);
    raw = await runWsdlTsclient(join(REPO_ROOT, EDUIX));
    files = generateDocumentLiteral(model, serviceView(model), raw, options);
  });

  it("emits a schema per named complex type and global element", () => {
    const names = [...files["schemas.ts"]!.matchAll(/export const (\w+Schema) =/g)].map((m) => m[1]).sort();
    expect(names).toEqual([
      "AccountFaultSchema",
      "AuthHeaderSchema",
      "CreateKeyRequestSchema",
      "CreateKeyResponseSchema",
      "DeleteKeyRequestSchema",
      "DeleteKeyResponseSchema",
      "GetKeyRequestSchema",
      "GetKeyResponseSchema",
      "KeySchema",
      "LoginHeaderSchema",
      "LoginRequestSchema",
      "LoginResponseSchema",
      "SessionIDHeaderSchema",
    ]);
  });

  it("names elements, headers and faults per operation, and reads the endpoints", () => {
    const d = files["descriptors.ts"]!;
    expect(d).toContain(
      'headerElement: "loginHeader", validateHeader: validators.validateLoginHeader, faultElement: "accountFault" }',
    );
    expect(d).toContain('headerElement: "authHeader", validateHeader: validators.validateAuthHeader,');
    expect(
      [...descriptorKeys(d)].filter((key) => !(DESCRIPTOR_FIELDS as readonly string[]).includes(key)),
    ).toEqual([]);
    expect(d).toContain('"chain-test": "https://ketentest-distributor.edu-ixstaging.nl/soap/4.3/account"');
    expect(() =>
      generateDocumentLiteral(model, serviceView(model), raw, {
        ...options,
        endpoints: { address: "production", required: ["staging"] },
      }),
    ).toThrow(/no x:endpoint for environment\(s\) staging/);
  });

  it("numbers fault codes, de-duplicates the specific ones and lists the session-expired codes", () => {
    const codes = files["result-codes.ts"]!;
    const login = codes.slice(
      codes.indexOf("const loginFaultCodesData"),
      codes.indexOf("export const loginFaultCodes"),
    );
    expect([...login.matchAll(/"code": (\d+)/g)].map((m) => Number(m[1]))).toEqual([2, 0, 1, 12, 3]);
    expect(codes).toMatch(/export const sessionExpiredCodes = \[\s*12,\s*3\s*\] as const;/);
  });

  it("is deterministic", () => {
    expect(generateDocumentLiteral(model, serviceView(model), raw, options)).toEqual(files);
  });
});
