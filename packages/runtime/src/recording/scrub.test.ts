import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRedactor } from "../redact.js";
import { defaultPlaceholder, type ScrubRules, scrubExchange } from "./scrub.js";

const nasty = `p<a>&"s'\\w\u2028ö${"x".repeat(40)}`;

describe("scrubExchange: JSON (Moka-shaped)", () => {
  const secrets = [
    "DealerCustomerAuthentication.Password",
    "DealerCustomerAuthentication.CheckKey",
    "response.Data.DealerCustomerList[].Password",
  ];
  const checkKey = (password: string) => createHash("sha256").update(`D1MKuserPD${password}`).digest("hex");
  const rules: ScrubRules = {
    placeholder: (path, { placeholderOf }) =>
      path.endsWith(".CheckKey")
        ? checkKey(placeholderOf("DealerCustomerAuthentication.Password"))
        : undefined,
  };
  const request = JSON.stringify({
    DealerCustomerAuthentication: {
      DealerCode: "D1",
      Username: "user",
      Password: nasty,
      CheckKey: checkKey(nasty),
    },
    DealerCustomerRequest: {},
  });
  const response = JSON.stringify({
    Data: {
      DealerCustomerList: [{ Password: "first-customer-secret" }, { Password: "second-customer-secret" }],
    },
    ResultCode: "Success",
    ResultMessage: `echo ${nasty}`,
  });

  it("replaces every secret field by its stable placeholder, in either body, echoes included", () => {
    const out = scrubExchange({
      secrets,
      rules,
      request: { format: "json", text: request },
      response: { format: "json", text: response },
    });
    const sent = JSON.parse(out.request!.text);
    expect(sent.DealerCustomerAuthentication.Password).toBe("REDACTED-Password");
    expect(sent.DealerCustomerAuthentication.CheckKey).toBe(checkKey("REDACTED-Password"));
    expect(sent.DealerCustomerAuthentication.DealerCode).toBe("D1");
    const got = JSON.parse(out.response!.text);
    expect(got.Data.DealerCustomerList.map((c: { Password: string }) => c.Password)).toEqual([
      "REDACTED-Password",
      "REDACTED-Password",
    ]);
    expect(got.ResultMessage).toBe("echo REDACTED-Password");
    expect(out.scrubbed).toEqual(secrets);
    for (const text of [out.request!.text, out.response!.text]) {
      expect(text).not.toContain("xxxxxxxxxxxxxxxx");
      expect(text).not.toContain("customer-secret");
    }
  });

  it("is the same for the same exchange with other secrets: the rules at record and replay time agree", () => {
    const other = request.replaceAll(JSON.stringify(nasty).slice(1, -1), "another-password-entirely");
    const a = scrubExchange({ secrets, rules, request: { format: "json", text: request } });
    const b = scrubExchange({
      secrets,
      rules,
      request: {
        format: "json",
        text: other.replace(checkKey(nasty), checkKey("another-password-entirely")),
      },
    });
    expect(a.request!.text).toBe(b.request!.text);
  });

  it("runs the client's redactor after the placeholders, for a secret the paths do not hold", () => {
    const out = scrubExchange({
      secrets,
      rules,
      request: { format: "json", text: request },
      response: { format: "json", text: JSON.stringify({ ResultMessage: "old session 0123456789abcdef" }) },
      redact: createRedactor(["0123456789abcdef"]),
    });
    expect(out.response!.text).toContain("old session [REDACTED]");
  });

  it("puts a placeholder the client's redactor would remove (a test card number) in after it ran", () => {
    const out = scrubExchange({
      secrets: ["DealerCustomerRequest.CardNumber"],
      rules: { placeholder: () => "4000000000000002" },
      request: {
        format: "json",
        text: JSON.stringify({ DealerCustomerRequest: { CardNumber: "5406675406675403" } }),
      },
      redact: (text) => text.replace(/\d{12,19}/g, "[REDACTED]"),
    });
    expect(JSON.parse(out.request!.text).DealerCustomerRequest.CardNumber).toBe("4000000000000002");
  });

  it("leaves a body it cannot parse alone but for the values found elsewhere", () => {
    const out = scrubExchange({
      secrets,
      request: { format: "json", text: request },
      response: { format: "json", text: `{{ broken ${nasty}` },
    });
    expect(out.response!.text).toBe("{{ broken REDACTED-Password");
  });
});

describe("scrubExchange: XML (SOAP header, rpc part, response element)", () => {
  const escaped = nasty.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const envelope = (header: string, body: string) =>
    `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

  it("finds header fields under the header element and body fields under the body element", () => {
    const out = scrubExchange({
      secrets: ["header.loginHeader.password", "header.sessionIDHeader.sessionID", "response.sessionID"],
      request: {
        format: "xml",
        text: envelope(
          `<a:authHeader xmlns:a="urn:x"><a:loginHeader><a:username>u</a:username><a:password>${escaped}</a:password></a:loginHeader></a:authHeader>`,
          "<a:getKey xmlns:a='urn:x'/>",
        ),
      },
      response: {
        format: "xml",
        text: envelope(
          "",
          `<r:loginResponse xmlns:r="urn:x"><r:sessionID>session-abcdef-123456</r:sessionID></r:loginResponse>`,
        ),
      },
    });
    expect(out.request!.text).toContain("<a:password>REDACTED-password</a:password>");
    expect(out.request!.text).toContain("<a:username>u</a:username>");
    expect(out.response!.text).toContain("<r:sessionID>REDACTED-sessionID</r:sessionID>");
    expect(out.scrubbed).toEqual(["header.loginHeader.password", "response.sessionID"]);
  });

  it("replaces a short rpc part value as a whole token only", () => {
    const out = scrubExchange({
      secrets: ["p_companyID"],
      request: {
        format: "xml",
        text: envelope(
          "",
          `<ns1:syncMOCA xmlns:ns1="uen:esws" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><p_companyID xsi:type="xsd:string">co</p_companyID><p_ws>code</p_ws></ns1:syncMOCA>`,
        ),
      },
      response: { format: "xml", text: envelope("", "<fault>company co unknown, code 5</fault>") },
    });
    expect(out.request!.text).toContain(">REDACTED-p_companyID</p_companyID><p_ws>code</p_ws>");
    expect(out.response!.text).toContain("company REDACTED-p_companyID unknown, code 5");
  });

  it("survives hostile bodies: not XML, deep nesting", () => {
    const deep = `${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`;
    const out = scrubExchange({ secrets: ["p"], request: { format: "xml", text: deep } });
    expect(out.request!.text).toBe(deep);
    expect(scrubExchange({ secrets: ["p"], request: { format: "xml", text: "<<<" } }).scrubbed).toEqual([]);
  });
});

describe("scrubExchange: many secrets (a customer list, each with a password)", () => {
  const passwords = Array.from({ length: 2_000 }, (_, i) => `pw-${i}-<&"${"q".repeat(i % 7)}\u2028`);

  it("replaces every one wherever it stands as a whole JSON string, escaped as it may be", () => {
    const list = passwords.map((Password, i) => ({ CustomerCode: `C${i}`, Password }));
    // .NET-style escapes for some of them: `\u003C` for `<`, `\u0026` for `&`.
    const text = JSON.stringify({ Data: { DealerCustomerList: list } }).replace(/</g, "\\u003C");
    const out = scrubExchange({
      secrets: ["response.Data.DealerCustomerList[].Password"],
      response: { format: "json", text },
    });
    const got = JSON.parse(out.response!.text) as { Data: { DealerCustomerList: { Password: string }[] } };
    expect(new Set(got.Data.DealerCustomerList.map((c) => c.Password))).toEqual(
      new Set(["REDACTED-Password"]),
    );
    expect(out.response!.text).not.toContain("pw-");
  });

  it("and as a whole XML text, entities and character references resolved", () => {
    const xmlEscaped = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&#60;").replace(/"/g, "&quot;");
    const items = passwords.map((p) => `<item><password>${xmlEscaped(p)}</password></item>`).join("");
    const text = `<Envelope><Body><listResponse>${items}</listResponse></Body></Envelope>`;
    const out = scrubExchange({
      secrets: ["response.item[].password"],
      response: { format: "xml", text },
    });
    expect(out.response!.text).not.toContain("pw-");
    expect(out.response!.text.split("<password>REDACTED-password</password>")).toHaveLength(
      passwords.length + 1,
    );
  });
});

describe("defaultPlaceholder", () => {
  it("names the field", () => {
    expect(defaultPlaceholder("response.Data.DealerCustomerList[].Password")).toBe("REDACTED-Password");
    expect(defaultPlaceholder("p_companyID")).toBe("REDACTED-p_companyID");
  });
});
