import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./fixtures.js";
import { soapEnvelopeXsd, wsdlSchemas, xsdIssues } from "./xsd.js";

describe("xsd helpers", () => {
  it("lifts every schema out of each WSDL, and each compiles with libxml2", async () => {
    for (const [vendor, file] of [
      ["easysecure", "esws.wsdl"],
      ["eduix", "account.wsdl"],
    ] as const) {
      const wsdl = readFileSync(join(REPO_ROOT, "contracts", vendor, file), "utf8");
      const schemas = wsdlSchemas(wsdl, vendor);
      expect(schemas.length).toBeGreaterThan(0);
      const envelope = soapEnvelopeXsd({
        imports: schemas.map((s) => ({
          namespace: s.contents.match(/targetNamespace="([^"]*)"/)![1]!,
          schemaLocation: s.fileName,
        })),
        processContents: "lax",
      });
      const empty = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>`;
      expect(await xsdIssues(empty, envelope, schemas)).toEqual([]);
    }
  });

  it("reports libxml2's message for a broken document", async () => {
    const envelope = soapEnvelopeXsd({ imports: [], processContents: "lax" });
    const bad = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Nope/></e:Envelope>`;
    const issues = await xsdIssues(bad, envelope);
    expect(issues[0]?.message).toContain("This element is not expected");
  });
});
