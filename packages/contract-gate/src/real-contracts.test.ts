/** The three real contracts pass the lint, and diffing each against itself reports no change. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffContract } from "./compare.js";
import { CONTRACTS } from "./contract-map.js";
import { redoclyLint } from "./openapi/lint.js";
import { findRoot } from "./workspace.js";
import { lintWsdl } from "./wsdl/lint.js";

const root = findRoot();

describe.each(CONTRACTS.map((c) => [c.id, c] as const))("real contract %s", (_id, contract) => {
  const file = join(root, contract.path);
  // A contract still being written by someone else may be absent; the gate itself reports that as a failure.
  const present = existsSync(file);

  it.skipIf(!present)(
    "passes the lint",
    async () => {
      if (contract.format === "openapi") {
        const r = await redoclyLint(root, contract.path);
        expect(r.failure).toBeUndefined();
        expect(r.problems).toEqual([]);
        expect(r.ok).toBe(true);
      } else {
        expect(await lintWsdl(readFileSync(file, "utf8"))).toEqual([]);
      }
    },
    60_000,
  );

  it.skipIf(!present)("diffed against itself reports no change", () => {
    const text = readFileSync(file, "utf8");
    expect(diffContract(contract, text, text)).toMatchObject({ status: "unchanged", changes: [] });
    // The structural diff itself (not only the text shortcut) finds nothing either.
    const reparsed = `${text}\n<!-- -->\n`.replace(
      /\n<!-- -->\n$/,
      contract.format === "wsdl" ? "\n<!-- x -->\n" : "\n# x\n",
    );
    expect(diffContract(contract, text, reparsed).changes.map((c) => c.kind)).toEqual(["text-changed"]);
  });
});
