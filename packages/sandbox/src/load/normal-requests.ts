/**
 * Ordinary, successful calls of each vendor against the default seed, to prove the sandbox still serves
 * while it is under attack. Each call is answered with the vendor's success; `succeeded` says whether it was.
 */
import { eswsRequest, userParams } from "../__tests__/helpers.js";
import { mokaCheckKey } from "../moka.js";
import type { Vendor } from "../vendors.js";

export interface NormalRequest {
  vendor: Vendor;
  path: string;
  contentType: string;
  body: string;
  /** Whether the answer is the vendor's success for this call. */
  succeeded(status: number, text: string): boolean;
}

const XML = "text/xml; charset=utf-8";

/** The `n`-th normal call of `vendor` (ids vary with n, so ESWS inserts a new user each time). */
export function normalRequest(vendor: Vendor, n: number): NormalRequest {
  switch (vendor) {
    case "easysecure":
      return {
        vendor,
        path: "/webservicesesws",
        contentType: XML,
        body: eswsRequest(
          "Esws.updateUserDotweb",
          userParams({
            p_wsAltUserId: `NORMAL-${n}`,
            p_Voornaam: `Call ${n}`,
            p_infoFields: { info1: `normal-${n}@example.com` },
          }),
        ),
        succeeded: (status, text) =>
          status === 200 && /<return xsi:type="xsd:string">(INSERTED|UPDATED)<\/return>/.test(text),
      };
    case "moka":
      return {
        vendor,
        path: "/DealerCustomer/GetCardList",
        contentType: "application/json; charset=utf-8",
        body: JSON.stringify({
          DealerCustomerAuthentication: {
            DealerCode: "SANDBOX-DEALER",
            Username: "sandbox-api",
            Password: "sandbox-secret",
            CheckKey: mokaCheckKey("SANDBOX-DEALER", "sandbox-api", "sandbox-secret"),
          },
          DealerCustomerRequest: { CustomerCode: n % 2 === 0 ? "Customer" : "Customer1" },
        }),
        succeeded: (status, text) => status === 200 && text.includes('"ResultCode":"Success"'),
      };
    case "eduix":
      return {
        vendor,
        path: "/soap/4.3/account",
        contentType: XML,
        body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:edu-ix:account:4.3"><soapenv:Header><urn:authHeader><urn:loginHeader><urn:username>sandbox-distributor</urn:username><urn:password>sandbox-password</urn:password></urn:loginHeader></urn:authHeader></soapenv:Header><soapenv:Body><urn:getKeyRequest><urn:profileID>${48213976 + (n % 2)}</urn:profileID></urn:getKeyRequest></soapenv:Body></soapenv:Envelope>`,
        succeeded: (status, text) => status === 200 && text.includes("<ns1:getKeyResponse>"),
      };
  }
}
