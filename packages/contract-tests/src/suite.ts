/**
 * The shared contract suite. Each vendor's test file calls `defineContractSuite(plugin)`; the suite checks:
 *   a. every wire fixture against the contract (negative ones fail on the rule their meta names);
 *   b. operation × code coverage, printed, failing below 100%;
 *   c. client conformance: every response fixture through the real client, every sent request against the
 *      contract, the outcome against the meta; every client-level input through the client's validation.
 */
import { describe, expect, it } from "vitest";
import { coverage, formatCoverage } from "./coverage.js";
import { type ExpectedValidity, type FixtureCase, loadFixtures } from "./fixtures.js";
import type { ContractIssue, VendorPlugin } from "./plugin.js";

function expectValidity(issues: ContractIssue[], expected: ExpectedValidity): void {
  if (expected.valid) {
    expect(issues, "expected the fixture to satisfy the contract").toEqual([]);
    return;
  }
  expect(issues.length, "expected the contract to reject the fixture").toBeGreaterThan(0);
  if (expected.rule) {
    const rule = expected.rule;
    const hit = issues.filter((i) => i.rule === rule || i.message.includes(rule));
    expect(hit.length, `expected a violation of "${rule}", got: ${JSON.stringify(issues)}`).toBeGreaterThan(
      0,
    );
    if (expected.path !== undefined) {
      expect(
        hit.map((i) => i.path),
        `expected "${rule}" at ${expected.path}`,
      ).toContain(expected.path);
    }
  }
}

export function defineContractSuite(plugin: VendorPlugin): void {
  const fixtures = loadFixtures(plugin.vendor);

  describe(`${plugin.vendor}: fixtures against the contract`, () => {
    it("has fixtures only for contract operations, each with a described source", () => {
      for (const f of fixtures) {
        expect(plugin.operations, f.id).toContain(f.operation);
        expect(["vendor-doc", "synthetic"], f.id).toContain(f.meta.source);
        if (f.meta.source === "vendor-doc") expect(f.meta.citation, `${f.id} cites its doc`).toBeTruthy();
        expect(f.request ?? f.response ?? f.input, `${f.id} has a file`).toBeDefined();
      }
    });

    const wire = fixtures.filter((f) => f.request || f.response);
    it.each(wire.map((f) => [f.id, f] as const))("%s", async (_id, f: FixtureCase) => {
      if (f.request) {
        const expected = f.meta.expect.request ?? { valid: true };
        expectValidity(await plugin.validateRequest(f.operation, f.request.text), expected);
      }
      if (f.response) {
        const expected = f.meta.expect.response ?? { valid: true };
        expectValidity(await plugin.validateResponse(f.operation, f.response.text), expected);
      }
    });
  });

  describe(`${plugin.vendor}: coverage`, () => {
    it("covers every operation and every documented code with a response fixture", () => {
      const rows = coverage(plugin, fixtures);
      console.log(formatCoverage(plugin.vendor, rows));
      const missing = rows.filter((r) => r.fixtures.length === 0).map((r) => `${r.operation} × ${r.code}`);
      expect(missing, "operation × code pairs without a fixture").toEqual([]);
      for (const op of plugin.operations) {
        expect(
          fixtures.some((f) => f.operation === op && f.request),
          `${op} has a request fixture`,
        ).toBe(true);
      }
    });
  });

  describe(`${plugin.vendor}: client conformance`, () => {
    const runs = fixtures.filter(
      (f) => f.response && f.meta.expect.outcome && (f.meta.expect.response?.valid ?? true),
    );
    it.each(runs.map((f) => [f.id, f] as const))("%s", async (_id, f: FixtureCase) => {
      const run = await plugin.runClient(f);
      for (const body of run.sent) {
        expect(
          await plugin.validateRequest(f.operation, body),
          "the client's request satisfies the contract",
        ).toEqual([]);
      }
      expect(run.sent.length, "the client sent a request").toBeGreaterThan(0);
      const expected = f.meta.expect.outcome!;
      if (expected.kind === "success") {
        expect(run.outcome.kind).toBe("success");
        if ("value" in expected && run.outcome.kind === "success")
          expect(run.outcome.value).toEqual(expected.value);
      } else {
        expect(run.outcome).toMatchObject(
          expected.detail === undefined
            ? { kind: "error", code: expected.code }
            : { kind: "error", code: expected.code, detail: expected.detail },
        );
      }
    });

    const inputs = fixtures.filter((f) => f.input !== undefined && f.meta.expect.input);
    if (plugin.checkInput && inputs.length > 0) {
      const check = plugin.checkInput.bind(plugin);
      it.each(inputs.map((f) => [f.id, f] as const))("input %s", async (_id, f: FixtureCase) => {
        const expected = f.meta.expect.input!;
        const { issues, sent } = await check(f);
        if (expected.valid) {
          expect(issues).toEqual([]);
          return;
        }
        expect(sent, "nothing is sent for an invalid input").toBe(0);
        expect(issues.length).toBeGreaterThan(0);
        if (expected.rule) expect(issues.map((i) => i.rule)).toContain(expected.rule);
        if (expected.field) expect(issues.map((i) => i.field)).toContain(expected.field);
      });
    }
  });
}
