import { describe, expect, it } from "vitest";
import { createRedactor } from "../redact.js";
import { endpointAttributes } from "./endpoint.js";

describe("endpointAttributes", () => {
  it("gives the server's address and port, with the scheme's default port", () => {
    expect(
      endpointAttributes("https://service.refmokaunited.com/DealerCustomer/GetCardList", undefined),
    ).toEqual({
      "http.request.method": "POST",
      "server.address": "service.refmokaunited.com",
      "server.port": 443,
      "url.full": "https://service.refmokaunited.com/DealerCustomer/GetCardList",
      "url.scheme": "https",
    });
    expect(endpointAttributes("http://[::1]:7401/webservicesesws", undefined)).toMatchObject({
      "server.address": "::1",
      "server.port": 7401,
    });
  });

  it("never carries user info, query values or a fragment, and passes the client's redactor", () => {
    const redact = createRedactor(["tenant-secret-1234"]);
    const attributes = endpointAttributes(
      "https://user:pa55word@host.example/tenant-secret-1234/api?apikey=k3y&x=1#frag",
      redact,
    );
    expect(attributes?.["url.full"]).toBe(
      "https://REDACTED:REDACTED@host.example/[REDACTED]/api?apikey=REDACTED&x=REDACTED",
    );
  });

  it("is undefined for a URL that does not parse", () => {
    expect(endpointAttributes("not a url", undefined)).toBeUndefined();
  });
});
