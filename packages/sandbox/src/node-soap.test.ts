/**
 * A standard SOAP client (node-soap, a dependency of packages/bench) pointed at the sandbox's own WSDL
 * (`?wsdl`, with the sandbox's address in soap:address) works for both SOAP vendors.
 *
 * node-soap writes rpc/encoded without xsi:type and encodingStyle; the sandbox reads parameters by
 * position, like NuSOAP, so that does not matter. Its "Esws.syncMOCAAsync" methods do not exist (dotted
 * operation names), so the callback API is used for ESWS.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTOR, eckId, PLUS_COMPANY, startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";

type Callback = (
  err: unknown,
  result: unknown,
  rawResponse: string,
  soapHeader: unknown,
  rawRequest: string,
) => void;
interface SoapClient {
  [operation: string]: unknown;
  addSoapHeader(header: unknown, name: string, prefix: string, namespace: string): number;
  clearSoapHeaders(): void;
}
interface NodeSoap {
  createClientAsync(wsdlUrl: string): Promise<SoapClient>;
}

const soap = createRequire(new URL("../../bench/package.json", import.meta.url))("soap") as NodeSoap;

function call(
  client: SoapClient,
  operation: string,
  args: unknown,
): Promise<{ result: unknown; rawRequest: string }> {
  return new Promise((resolve, reject) => {
    (client[operation] as (args: unknown, cb: Callback) => void)(
      args,
      (err, result, _raw, _header, rawRequest) => (err ? reject(err) : resolve({ result, rawRequest })),
    );
  });
}

/** node-soap returns `{attributes, $value}` for an xsi-typed string. */
const text = (value: unknown): unknown =>
  typeof value === "object" && value !== null && "$value" in value
    ? (value as { $value: unknown }).$value
    : value;

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

describe("node-soap with the sandbox's WSDL", () => {
  it("calls both ESWS operations", async () => {
    const client = await soap.createClientAsync(sb.urls.easysecureWsdl);
    const sync = await call(client, "Esws.syncMOCA", {
      p_companyID: "^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0",
      p_wsAltUser_id: "6666",
    });
    expect(text((sync.result as { return: unknown }).return)).toBe("OK");
    expect(sync.rawRequest).toContain("<tns:Esws.syncMOCA>");
    const user = {
      p_companyID: PLUS_COMPANY,
      p_ws_StoreId: 1234,
      p_wsAltUserId: "SOAP-0001",
      p_PIN: "",
      p_Achternaam: "Soap",
      p_Voornaam: "Node",
      p_Admin: 0,
      p_Security: 0,
      p_StartDate: "",
      p_ExpireDate: "",
      p_infoFields: { item: [{ key: "info1", value: "node.soap@example.com" }] },
      p_groupName: "",
      p_groupUpdate: "",
      p_licensePlate: "",
      p_locationID: "",
    };
    const first = await call(client, "Esws.updateUserDotweb", user);
    expect(text((first.result as { return: unknown }).return)).toBe("INSERTED");
    const second = await call(client, "Esws.updateUserDotweb", user);
    expect(text((second.result as { return: unknown }).return)).toBe("UPDATED");
    const card = await call(client, "Esws.syncMOCA", {
      p_companyID: PLUS_COMPANY,
      p_wsAltUser_id: "SOAP-0001",
    });
    expect(text((card.result as { return: unknown }).return)).toBe("OK");
  });

  it("calls every Edu-iX operation with SOAP headers, and reads the accountFault of a fault", async () => {
    const client = await soap.createClientAsync(sb.urls.eduixWsdl);
    const ns = "urn:edu-ix:account:4.3";
    client.addSoapHeader({ loginHeader: DISTRIBUTOR }, "", "urn", ns);
    const login = (await (client.loginAsync as (a: unknown) => Promise<[{ sessionID: string }]>)({}))[0];
    expect(login.sessionID).toMatch(/^[0-9a-f]{32}$/);
    client.clearSoapHeaders();
    client.addSoapHeader({ authHeader: { sessionIDHeader: { sessionID: login.sessionID } } }, "", "urn", ns);
    const op = (name: string, args: unknown) =>
      (client[`${name}Async`] as (a: unknown) => Promise<[unknown]>)(args);
    const userID = eckId("50a9");
    await op("createKey", { profileID: 1073741, userID });
    const [keys] = (await op("getKey", { userID })) as [
      { key: Array<{ profileID: string; userID: string }> },
    ];
    expect(keys.key).toEqual([{ profileID: "1073741", userID }]);
    await op("deleteKey", { userID });
    const fault = await op("deleteKey", { userID }).then(
      () => undefined,
      (e: { root?: { Envelope?: { Body?: { Fault?: { detail?: { accountFault?: unknown } } } } } }) =>
        e.root?.Envelope?.Body?.Fault?.detail?.accountFault,
    );
    expect(fault).toEqual({ code: "7747", message: "Prematch with this userID does not exist" });
  });
});
