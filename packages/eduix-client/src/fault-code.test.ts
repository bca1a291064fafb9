import { parseXml, type SoapFault } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import { faultCodeOf, faultMessageOf, parseFaultCode } from "./fault-code.js";

describe("parseFaultCode", () => {
  it.each([
    ["6", 6],
    ["0006", 6],
    [" 6 ", 6],
    ["\n               12\n            ", 12],
    ["\t3\r\n", 3],
    ["0", 0],
    ["0000", 0],
    ["-0", 0],
    ["+12", 12],
    ["-1", -1],
    ["7766", 7766],
    ["2147483647", 2147483647],
    ["-2147483648", -2147483648],
  ])("reads %j as %d", (text, code) => {
    expect(Object.is(parseFaultCode(text), code)).toBe(true);
  });

  it.each([
    [undefined],
    [""],
    ["   "],
    ["12abc"],
    ["1 2"],
    ["6.0"],
    ["0x1F"],
    ["1e3"],
    ["twelve"],
    ["2147483648"],
    ["99999999999"],
  ])("refuses %j", (text) => {
    expect(parseFaultCode(text)).toBeUndefined();
  });
});

function faultWith(
  detailXml: string | undefined,
  faultcode = "soapenv:Client",
  faultstring = "x",
): SoapFault {
  const detail =
    detailXml === undefined
      ? undefined
      : parseXml(`<detail xmlns:urn="urn:edu-ix:account:4.3">${detailXml}</detail>`);
  return { faultcode, faultstring, ...(detail === undefined ? {} : { detail }) };
}

describe("faultCodeOf", () => {
  it("reads detail/accountFault/code with any prefix or a default namespace", () => {
    expect(faultCodeOf(faultWith("<urn:accountFault><urn:code>0006</urn:code></urn:accountFault>"))).toBe(6);
    expect(
      faultCodeOf(
        faultWith('<accountFault xmlns="urn:edu-ix:account:4.3"><code> 7766 </code></accountFault>'),
      ),
    ).toBe(7766);
    expect(faultCodeOf(faultWith("<accountFault><code>12</code></accountFault>"))).toBe(12);
  });

  it("falls back to an all-digit faultcode, then to a faultstring that starts with a code", () => {
    expect(faultCodeOf(faultWith(undefined, "SOAP-ENV:12"))).toBe(12);
    expect(faultCodeOf(faultWith(undefined, " 3 "))).toBe(3);
    expect(faultCodeOf(faultWith(undefined, "soapenv:Client", "12"))).toBe(12);
    expect(faultCodeOf(faultWith(undefined, "soapenv:Client", "0006: Missing required fields"))).toBe(6);
    expect(faultCodeOf(faultWith(undefined, "soapenv:Client", "2 - Authentication error"))).toBe(2);
    // An unreadable detail code does not hide a readable fallback.
    expect(
      faultCodeOf(faultWith("<urn:accountFault><urn:code>n/a</urn:code></urn:accountFault>", "x:4426")),
    ).toBe(4426);
  });

  it("never invents a code from standard faultcodes or free text", () => {
    expect(faultCodeOf(faultWith(undefined, "soapenv:Server", "Internal error in line 12"))).toBeUndefined();
    expect(faultCodeOf(faultWith(undefined, "soapenv:Client.12x", "2024-01-01 failure"))).toBeUndefined();
    expect(faultCodeOf(faultWith(undefined, "soapenv:Client", "12 apples"))).toBeUndefined();
    expect(faultCodeOf(faultWith("<other/>", "soapenv:Client", ""))).toBeUndefined();
  });
});

describe("faultMessageOf", () => {
  it("returns the trimmed accountFault message, or undefined", () => {
    expect(
      faultMessageOf(faultWith("<urn:accountFault><urn:message> hi </urn:message></urn:accountFault>")),
    ).toBe("hi");
    expect(
      faultMessageOf(faultWith("<urn:accountFault><urn:message> </urn:message></urn:accountFault>")),
    ).toBeUndefined();
    expect(faultMessageOf(faultWith(undefined))).toBeUndefined();
  });
});
