import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli.js";
import { withoutOwnExtensions } from "./own-extensions.js";
import { PullError, readPublishedWsdl } from "./published-wsdl.js";
import { renderPullReport, runPull } from "./pull.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const contract = (path: string) => readFileSync(join(ROOT, path), "utf8");
/** What a vendor publishes: our contract without our extensions, documentation or comments. */
const esws = withoutOwnExtensions(contract("contracts/easysecure/esws.wsdl"));
const eduix = withoutOwnExtensions(contract("contracts/eduix/account.wsdl"));

const swapSyncMocaParts = (wsdl: string) =>
  wsdl.replace(
    /(<wsdl:message name="Esws\.syncMOCARequest">\s*)(<wsdl:part name="p_companyID"[^>]*\/>)(\s*)(<wsdl:part name="p_wsAltUser_id"[^>]*\/>)/,
    "$1$4$3$2",
  );
const insertUpdatePart = (wsdl: string) =>
  wsdl.replace(
    /(<wsdl:message name="Esws\.updateUserDotwebRequest">\s*<wsdl:part name="p_companyID"[^>]*\/>)/,
    '$1<wsdl:part name="p_tenant" type="xsd:string"/>',
  );
const removeDeleteKey = (wsdl: string) =>
  wsdl.replace(/<wsdl:operation name="deleteKey">[\s\S]*?<\/wsdl:operation>/g, "");
const addOptionalDeleteReason = (wsdl: string) =>
  wsdl.replace(
    /(<xsd:element name="deleteKeyRequest">\s*<xsd:complexType>\s*<xsd:sequence>\s*<xsd:element name="userID"[^>]*\/>)/,
    '$1<xsd:element name="reason" type="tns:string256" minOccurs="0"/>',
  );

const served = new Map<string, string | ((res: import("node:http").ServerResponse) => void)>();
let server: Server;
let origin: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = served.get(req.url ?? "");
    if (typeof body === "function") return body(res);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), "pull-"));
  served.set("/esws?wsdl", esws);
  served.set("/esws-swapped?wsdl", swapSyncMocaParts(esws));
  served.set("/esws-inserted?wsdl", insertUpdatePart(esws));
  served.set("/eduix-removed/wsdl/", removeDeleteKey(eduix));
  served.set("/eduix-optional/wsdl/", addOptionalDeleteReason(eduix));
  served.set("/html", "<html><body>Moved</body></html>");
  served.set("/slow", (res) => {
    res.writeHead(200, { "content-type": "text/xml" });
    res.write("<wsdl:definitions");
  });
  served.set("/huge", (res) => {
    res.writeHead(200, { "content-type": "text/xml" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (res.write(chunk)) if (res.destroyed) return;
      if (!res.destroyed) res.once("drain", pump);
    };
    pump();
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("the mutations are real (the test would notice a regex that matched nothing)", () => {
  it("each changes the text", () => {
    for (const mutate of [swapSyncMocaParts, insertUpdatePart]) expect(mutate(esws)).not.toBe(esws);
    for (const mutate of [removeDeleteKey, addOptionalDeleteReason]) expect(mutate(eduix)).not.toBe(eduix);
  });
});

describe("runPull", () => {
  it("finds no difference in what the vendor publishes when it is our contract without our extensions", async () => {
    const r = await runPull({ root: ROOT, vendor: "easysecure", from: `${origin}/esws?wsdl` });
    expect(r.changes).toEqual([]);
    expect(renderPullReport(r)).toContain("No difference");
  });

  it("reports reordered rpc parts as breaking (positional binding)", async () => {
    const r = await runPull({ root: ROOT, vendor: "easysecure", from: `${origin}/esws-swapped?wsdl` });
    expect(r.breaking).toBeGreaterThan(0);
    expect(r.changes.map((c) => c.location).join("\n")).toMatch(/syncMOCA/);
    expect(
      r.changes.some(
        (c) => c.classification === "breaking" && /order|position|renamed|part/i.test(`${c.kind} ${c.why}`),
      ),
    ).toBe(true);
  });

  it("reports a part inserted in the middle of an rpc operation as breaking", async () => {
    const r = await runPull({ root: ROOT, vendor: "easysecure", from: `${origin}/esws-inserted?wsdl` });
    expect(r.breaking).toBeGreaterThan(0);
    expect(r.changes.map((c) => c.location).join("\n")).toMatch(/updateUserDotweb/);
  });

  it("reports a removed operation as breaking", async () => {
    const r = await runPull({ root: ROOT, vendor: "eduix", from: `${origin}/eduix-removed/wsdl/` });
    expect(r.changes.some((c) => c.classification === "breaking" && c.location.includes("deleteKey"))).toBe(
      true,
    );
  });

  it("reports an optional element added to a request as a non-breaking difference", async () => {
    const r = await runPull({ root: ROOT, vendor: "eduix", from: `${origin}/eduix-optional/wsdl/` });
    expect(r.changes.length).toBeGreaterThan(0);
    expect(r.breaking).toBe(0);
    expect(renderPullReport(r)).toMatch(/non-breaking/);
  });

  it("reads a file as well", async () => {
    const file = join(dir, "published.wsdl");
    writeFileSync(file, removeDeleteKey(eduix));
    const r = await runPull({ root: ROOT, vendor: "eduix", from: file });
    expect(r.breaking).toBeGreaterThan(0);
  });
});

describe("readPublishedWsdl on hostile input", () => {
  const reason = async (from: string, options = {}) => {
    try {
      await readPublishedWsdl(from, options);
    } catch (e) {
      expect(e).toBeInstanceOf(PullError);
      return (e as PullError).reason;
    }
    return "read";
  };
  it("names what went wrong, without hanging", async () => {
    expect(await reason(`${origin}/html`)).toBe("not-a-wsdl");
    expect(await reason(`${origin}/nowhere`)).toBe("http-status");
    expect(await reason(`${origin}/slow`, { timeoutMs: 200 })).toBe("timeout");
    expect(await reason(`${origin}/huge`, { maxBytes: 1024 * 1024 })).toBe("too-large");
    expect(await reason(join(dir, "missing.wsdl"))).toBe("not-found");
    expect(await reason("http://127.0.0.1:1/")).toBe("network");
  });
});

describe("contract-gate pull (CLI)", () => {
  const quiet = () => {
    const lines: string[] = [];
    return { lines, print: (l: string) => lines.push(l) };
  };
  it("exits 0 without a breaking difference, 1 with one, 2 on a usage error, and writes the report", async () => {
    const report = join(dir, "pull.md");
    const ok = quiet();
    expect(
      await main(
        ["pull", "easysecure", "--from", `${origin}/esws?wsdl`, "--root", ROOT, "--report", report],
        ok.print,
      ),
    ).toBe(0);
    expect(readFileSync(report, "utf8")).toContain("No difference");
    expect(
      await main(
        ["pull", "easysecure", "--from", `${origin}/esws-swapped?wsdl`, "--root", ROOT],
        quiet().print,
      ),
    ).toBe(1);
    expect(await main(["pull", "moka", "--from", `${origin}/esws?wsdl`, "--root", ROOT], quiet().print)).toBe(
      2,
    );
    expect(await main(["pull", "--from", "x"], quiet().print)).toBe(2);
    expect(await main(["pull", "eduix"], quiet().print)).toBe(2);
  });
  it("never touches the contract", async () => {
    const before = contract("contracts/eduix/account.wsdl");
    await main(["pull", "eduix", "--from", `${origin}/eduix-removed/wsdl/`, "--root", ROOT], quiet().print);
    expect(contract("contracts/eduix/account.wsdl")).toBe(before);
  });
});
