import { operations as eduix } from "@integrations/eduix-types";
import { operations as moka } from "@integrations/moka-types";
import { describe, expect, it } from "vitest";
import { canonicalRequest, firstDifference } from "./canonical.js";

const getKey = { vendor: "eduix" as const, descriptor: eduix.getKey, format: "xml" as const };
const getCardList = { vendor: "moka" as const, descriptor: moka.GetCardList, format: "json" as const };

describe("canonicalRequest", () => {
  it("ignores XML namespace prefixes, declarations and the whitespace between elements; not a leaf's text", () => {
    const a = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:edu-ix:account:4.3"><soapenv:Header><urn:authHeader><urn:sessionIDHeader><urn:sessionID>s1</urn:sessionID></urn:sessionIDHeader></urn:authHeader></soapenv:Header><soapenv:Body><urn:getKeyRequest><urn:profileID>1</urn:profileID></urn:getKeyRequest></soapenv:Body></soapenv:Envelope>`;
    const b = `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
      <S:Header><authHeader xmlns="urn:edu-ix:account:4.3">
        <sessionIDHeader><sessionID>another-session</sessionID></sessionIDHeader></authHeader></S:Header>
      <S:Body>
        <x:getKeyRequest xmlns:x="urn:edu-ix:account:4.3"><x:profileID>1</x:profileID></x:getKeyRequest>
      </S:Body></S:Envelope>`;
    expect(firstDifference(canonicalRequest(getKey, a), canonicalRequest(getKey, b))).toBeUndefined();
    const c = b.replace("<x:profileID>1</x:profileID>", "<x:profileID> 1</x:profileID>");
    expect(firstDifference(canonicalRequest(getKey, a), canonicalRequest(getKey, c))?.path).toMatch(
      /profileID$/,
    );
  });

  it("compares JSON as data, and ignores the secret fields", () => {
    const a = JSON.stringify({
      DealerCustomerAuthentication: { DealerCode: "D", Username: "u", Password: "p1", CheckKey: "k1" },
      DealerCustomerRequest: { CustomerCode: "C", DealerCustomerId: "" },
    });
    const b = JSON.stringify({
      DealerCustomerRequest: { DealerCustomerId: "", CustomerCode: "C" },
      DealerCustomerAuthentication: { CheckKey: "other", Password: "p2", Username: "u", DealerCode: "D" },
    });
    expect(
      firstDifference(canonicalRequest(getCardList, a), canonicalRequest(getCardList, b)),
    ).toBeUndefined();
    const c = b.replace('"Username":"u"', '"Username":"v"');
    expect(firstDifference(canonicalRequest(getCardList, a), canonicalRequest(getCardList, c))).toEqual({
      path: "DealerCustomerAuthentication.Username",
      recorded: '"u"',
      sent: '"v"',
    });
  });
});
