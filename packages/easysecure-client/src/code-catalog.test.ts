import { generalResultCodes, operations } from "@integrations/easysecure-types";
import { describe, expect, it } from "vitest";
import { codeCatalog, type EasySecureOperation } from "./code-catalog.js";
import { createReturnResolver, type ResultCodeEntry } from "./resolve-return.js";

const names = Object.keys(operations) as EasySecureOperation[];

describe("codeCatalog", () => {
  it.each(names)("lists every documented code of %s, general ones included", (operation) => {
    const catalog = codeCatalog(operation);
    const documented = [...generalResultCodes, ...operations[operation].codes];
    expect(new Set(catalog.keys())).toEqual(new Set(documented.map((c) => c.code)));
    for (const info of catalog.values()) {
      expect(Object.keys(info).sort()).toEqual(["code", "meaning", "outcome", "retryable"]);
    }
  });

  it.each(names)("gives %s's codes the meaning and outcome the client resolves them to", (operation) => {
    const resolve = createReturnResolver([
      ...(generalResultCodes as ReadonlyArray<ResultCodeEntry>),
      ...operations[operation].codes,
    ]);
    for (const info of codeCatalog(operation).values()) {
      const resolved = resolve(info.code);
      expect(resolved.documented).toBe(true);
      if (!resolved.documented) continue;
      expect(resolved.entry.meaning).toBe(info.meaning);
      expect(resolved.entry.outcome).toBe(info.outcome);
      expect(resolved.entry.retryable).toBe(info.retryable);
    }
  });

  it("marks the success codes as successes", () => {
    expect(codeCatalog("syncMOCA").get("OK")?.outcome).toBe("success");
    expect(codeCatalog("updateUserDotweb").get("INSERTED")?.outcome).toBe("success");
    expect(codeCatalog("updateUserDotweb").get("PIN must be unique")?.outcome).toBe("error");
  });
});
