import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";
import { driftKindsOf } from "./drift.js";
import { faultsFor, parseFaults } from "./faults.js";

describe("drift switches", () => {
  it("`drift` switches every kind on, and each has a token of its own, per vendor too", () => {
    expect([...driftKindsOf(faultsFor("moka", parseFaults("drift")))].sort()).toEqual([
      "added",
      "newCode",
      "renamed",
      "reordered",
      "wrongType",
    ]);
    const plan = parseFaults("easysecure:drift-reordered, drift-new-code");
    expect([...driftKindsOf(faultsFor("easysecure", plan))].sort()).toEqual(["newCode", "reordered"]);
    expect([...driftKindsOf(faultsFor("moka", plan))]).toEqual(["newCode"]);
  });
});

describe("a drifting sandbox, per request", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(() => sb.close());

  const dealer = () => sb.seed.moka.dealers[0]!;
  const body = () =>
    JSON.stringify({
      DealerCustomerAuthentication: {
        DealerCode: dealer().dealerCode,
        Username: dealer().username,
        Password: dealer().password,
        CheckKey: "",
      },
      DealerCustomerRequest: { CustomerCode: "Customer1" },
    });

  it("answers with the drift the request's x-sandbox-fault header asks for, and normally without it", async () => {
    const url = `${sb.urls.moka}/DealerCustomer/GetCardList`;
    const headers = { "content-type": "application/json" };
    const normal = JSON.parse((await post(url, body(), headers)).text);
    const drifted = JSON.parse(
      (await post(url, body(), { ...headers, "x-sandbox-fault": "drift-renamed" })).text,
    );
    expect(Object.keys(normal)).toContain("ResultMessage");
    expect(Object.keys(drifted)).toContain("ResultMsg");
    expect(Object.keys(drifted)).not.toContain("ResultMessage");
    const typed = JSON.parse(
      (await post(url, body(), { ...headers, "x-sandbox-fault": "drift-wrong-type" })).text,
    );
    expect(typed.ResultMessage).toBe(0);
  });

  it("changes ESWS's rpc parts: reordered, renamed", async () => {
    const envelope = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:uen="uen:esws"><soapenv:Body><uen:Esws.syncMOCA><p_companyID>${sb.seed.easysecure.companies[0]!.securityHash}</p_companyID><p_wsAltUser_id>EMP-0001</p_wsAltUser_id></uen:Esws.syncMOCA></soapenv:Body></soapenv:Envelope>`;
    const reordered = await post(sb.urls.easysecure, envelope, { "x-sandbox-fault": "drift-reordered" });
    expect(reordered.text).toMatch(/<status xsi:type="xsd:int">1<\/status><return /);
    const renamed = await post(sb.urls.easysecure, envelope, { "x-sandbox-fault": "drift-renamed" });
    expect(renamed.text).toMatch(/<result xsi:type="xsd:string">[^<]*<\/result>/);
  });
});
