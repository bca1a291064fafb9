/**
 * `pnpm contracts:pull` against the sandbox, which publishes its WSDLs where the vendors do (ESWS at `?wsdl`,
 * Edu-iX at `/wsdl/`): the contract and what is published must not differ. The differences it must find are
 * tested in contract-gate (src/pull/pull.test.ts).
 */
import { runPull } from "@integrations/contract-gate";
import { type Sandbox, startSandbox } from "@integrations/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./fixtures.js";

describe("contracts:pull against the sandbox's published WSDLs", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
  });
  afterAll(() => sandbox.close());

  it("ESWS ?wsdl: no difference", async () => {
    const result = await runPull({
      root: REPO_ROOT,
      vendor: "easysecure",
      from: sandbox.urls.easysecureWsdl,
    });
    expect(result.changes).toEqual([]);
  });

  it("Edu-iX /wsdl/: no difference", async () => {
    const result = await runPull({ root: REPO_ROOT, vendor: "eduix", from: sandbox.urls.eduixWsdl });
    expect(result.changes).toEqual([]);
  });
});
