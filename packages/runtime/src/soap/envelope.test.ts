import { describe, expect, it } from "vitest";
import { MalformedResponseError } from "../errors.js";
import { childText, firstChild, parseXml } from "../xml/parse.js";
import { readSoapEnvelope, soapEnvelopeOf } from "./envelope.js";
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from "./namespaces.js";

function envelopeError(xml: string): MalformedResponseError {
  try {
    readSoapEnvelope(xml, { operation: "getKey" });
  } catch (e) {
    if (e instanceof MalformedResponseError) return e;
    throw e;
  }
  throw new Error("expected a MalformedResponseError");
}

const FAULT = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP11_ENVELOPE_NS}" xmlns:ns1="urn:edu-ix:account:4.3">
  <SOAP-ENV:Body>
    <SOAP-ENV:Fault>
      <faultcode> SOAP-ENV:Client </faultcode>
      <faultstring>Session expired</faultstring>
      <faultactor>https://distributor.edu-ix.nl/soap/4.3/account</faultactor>
      <detail><ns1:error><ns1:code>12</ns1:code></ns1:error></detail>
    </SOAP-ENV:Fault>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

describe("readSoapEnvelope", () => {
  it("returns header, body and no fault for a normal envelope", () => {
    const env = readSoapEnvelope(
      `<s:Envelope xmlns:s="${SOAP11_ENVELOPE_NS}"><s:Header><h xmlns="urn:h">1</h></s:Header><s:Body><r xmlns="urn:x">ok</r></s:Body></s:Envelope>`,
    );
    expect(env.header?.children[0]).toMatchObject({ name: "h", ns: "urn:h", text: "1" });
    expect(env.body.children[0]).toMatchObject({ name: "r", ns: "urn:x", text: "ok" });
    expect(env.fault).toBeUndefined();
  });

  it("extracts a Fault with actor and detail", () => {
    const { fault } = readSoapEnvelope(FAULT);
    expect(fault).toMatchObject({
      faultcode: "SOAP-ENV:Client",
      faultstring: "Session expired",
      faultactor: "https://distributor.edu-ix.nl/soap/4.3/account",
    });
    const error = firstChild(fault!.detail!, "error", "urn:edu-ix:account:4.3")!;
    expect(childText(error, "code")).toBe("12");
  });

  it("reads a minimal Fault (qualified children, nothing optional)", () => {
    const { fault } = readSoapEnvelope(
      `<e:Envelope xmlns:e="${SOAP11_ENVELOPE_NS}"><e:Body><e:Fault><e:faultcode>e:Server</e:faultcode></e:Fault></e:Body></e:Envelope>`,
    );
    expect(fault).toEqual({ faultcode: "e:Server", faultstring: "" });
  });

  it("names an HTML page as what was found instead", () => {
    const err = envelopeError("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
    expect(err.reason).toBe("envelope");
    expect(err.message).toContain("found <html>");
    expect(err.message).not.toContain("nginx");
    expect(err.operation).toBe("getKey");
  });

  it("names an XHTML page with its namespace", () => {
    const err = envelopeError('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>');
    expect(err.message).toContain("found <html> in namespace http://www.w3.org/1999/xhtml");
  });

  it("recognises a SOAP 1.2 envelope", () => {
    const err = envelopeError(`<env:Envelope xmlns:env="${SOAP12_ENVELOPE_NS}"><env:Body/></env:Envelope>`);
    expect([err.reason, err.message.includes("SOAP 1.2")]).toEqual(["envelope", true]);
  });

  it("refuses an Envelope in no namespace, or without a Body", () => {
    expect(envelopeError("<Envelope><Body/></Envelope>").reason).toBe("envelope");
    const noBody = envelopeError(`<s:Envelope xmlns:s="${SOAP11_ENVELOPE_NS}"><s:Header/></s:Envelope>`);
    expect([noBody.reason, noBody.message.includes("no SOAP 1.1 Body")]).toEqual(["envelope", true]);
    expect(envelopeError(`<s:Envelope xmlns:s="${SOAP11_ENVELOPE_NS}"><Body/></s:Envelope>`).reason).toBe(
      "envelope",
    );
  });

  it("passes parser failures through with their own reason", () => {
    expect(envelopeError('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>').reason).toBe(
      "dtd-forbidden",
    );
    expect(envelopeError(FAULT.slice(0, 200)).reason).toBe("truncated");
    expect(envelopeError("").reason).toBe("not-xml");
    let error: unknown;
    try {
      readSoapEnvelope(FAULT, { maxLength: 100 });
    } catch (e) {
      error = e;
    }
    expect((error as MalformedResponseError).reason).toBe("too-large");
    try {
      readSoapEnvelope(FAULT, { maxDepth: 4 });
    } catch (e) {
      error = e;
    }
    expect((error as MalformedResponseError).reason).toBe("too-deep");
  });

  it("soapEnvelopeOf works on an already parsed tree", () => {
    expect(soapEnvelopeOf(parseXml(FAULT)).fault?.faultstring).toBe("Session expired");
  });
});
