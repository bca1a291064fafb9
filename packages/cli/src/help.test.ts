/** `--help` at every level lists every operation, its flags and the vendor field each flag maps to. */
import { describe, expect, it } from "vitest";
import { cli } from "./__tests__/harness.js";
import { ENV_VARS, EXIT, OPERATIONS, VENDORS } from "./index.js";

async function help(argv: string[]): Promise<string> {
  const result = await cli(argv);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

describe("integrations --help", () => {
  it("lists every operation with every flag and its vendor field", async () => {
    const text = await help(["--help"]);
    for (const op of OPERATIONS) {
      expect(text).toContain(`integrations ${op.vendor} ${op.name}`);
      expect(text).toContain(op.contract);
      for (const flag of op.flags) {
        expect(text).toContain(`--${flag.name} → ${flag.field ?? "(CLI option)"}`);
      }
    }
  });

  it("documents the environment variables, the exit codes and the output", async () => {
    const text = await help(["-h"]);
    for (const doc of ENV_VARS) expect(text).toContain(doc.name);
    for (const code of Object.values(EXIT)) expect(text).toMatch(new RegExp(`^  ${code} `, "m"));
    expect(text).toContain("stdout:");
    expect(text).toContain("stderr:");
    expect(text).toContain("--sandbox");
    expect(text).toContain("--debug");
  });

  it("`integrations help [vendor [operation]]` is the same as --help at that level", async () => {
    expect(await help(["help"])).toBe(await help(["--help"]));
    expect(await help(["help", "eduix"])).toBe(await help(["eduix", "--help"]));
    expect(await help(["help", "eduix", "get-key"])).toBe(await help(["eduix", "get-key", "--help"]));
  });

  it("is the same with global flags around it", async () => {
    expect(await help(["--sandbox", "--help"])).toBe(await help(["--help"]));
  });
});

describe("integrations <vendor> --help", () => {
  it.each(VENDORS.map((v) => v.name))(
    "%s lists its operations, flags, fields and variables",
    async (vendor) => {
      const text = await help([vendor, "--help"]);
      for (const op of OPERATIONS) {
        if (op.vendor === vendor) {
          expect(text).toContain(`integrations ${vendor} ${op.name}`);
          for (const flag of op.flags) {
            expect(text).toContain(`--${flag.name}`);
            if (flag.field) expect(text).toContain(`→ ${flag.field}`);
          }
        } else {
          expect(text).not.toContain(`integrations ${op.vendor} ${op.name}`);
        }
      }
      for (const doc of ENV_VARS) {
        if (doc.vendor === vendor || doc.vendor === "all") expect(text).toContain(doc.name);
        else expect(text).not.toContain(doc.name);
      }
    },
  );
});

describe("integrations <vendor> <operation> --help", () => {
  it.each(OPERATIONS.map((op) => [op.vendor, op.name] as const))("%s %s", async (vendor, name) => {
    const op = OPERATIONS.find((o) => o.vendor === vendor && o.name === name)!;
    const text = await help([vendor, name, "--help"]);
    expect(text).toContain(`integrations ${vendor} ${name} — ${op.contract}`);
    for (const flag of op.flags) {
      expect(text).toContain(`--${flag.name}`);
      if (flag.field) expect(text).toContain(`→ ${flag.field}`);
      expect(text).toContain(flag.description);
    }
    for (const example of op.examples) expect(text).toContain(example);
    expect(text).toContain(op.output);
  });

  it("help wins over other flag errors", async () => {
    const text = await help(["moka", "get-card-list", "--bogus", "x", "--help"]);
    expect(text).toContain("integrations moka get-card-list");
  });

  it("documents that the sessionID is redacted unless --show-session-id", async () => {
    const text = await help(["eduix", "login", "--help"]);
    expect(text).toContain("--show-session-id");
    expect(text).toContain('"sessionID": "[REDACTED]"');
  });
});
