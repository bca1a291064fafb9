import { describe, expect, it } from "vitest";
import { SoapFaultError } from "../errors.js";
import { createRedactor } from "../redact.js";
import { soapFaultToError } from "./fault.js";

describe("soapFaultToError", () => {
  it("maps a fault to a non-retryable SoapFaultError for the operation", () => {
    const err = soapFaultToError({ faultcode: "SOAP-ENV:Server", faultstring: "Internal error" }, "getKey");
    expect(err).toBeInstanceOf(SoapFaultError);
    expect([err.kind, err.operation, err.faultcode, err.faultstring, err.retryable]).toEqual([
      "soap-fault",
      "getKey",
      "SOAP-ENV:Server",
      "Internal error",
      false,
    ]);
    expect(err.message).toBe("getKey: SOAP fault SOAP-ENV:Server: Internal error");
  });

  it("redacts the faultstring (and faultcode)", () => {
    const redact = createRedactor(["sessionid-123456"]);
    const err = soapFaultToError(
      { faultcode: "Client", faultstring: "Session sessionid-123456 expired" },
      "getKey",
      redact,
    );
    expect(err.faultstring).toBe("Session [REDACTED] expired");
    expect(err.message).not.toContain("sessionid-123456");
    expect(JSON.stringify(err)).not.toContain("sessionid-123456");
  });

  it("caps a huge faultstring after redaction", () => {
    const secret = "topsecretvalue";
    const text = `${"x".repeat(995)}${secret}${"y".repeat(100_000)}`;
    const err = soapFaultToError({ faultcode: "Server", faultstring: text }, "op", createRedactor([secret]));
    expect(err.faultstring.length).toBeLessThanOrEqual(1001);
    expect(err.faultstring).not.toContain("topsec");
  });
});
