import { generalFaultCodes, operations } from "@integrations/eduix-types";
import { describe, expect, it } from "vitest";
import { codeCatalog, type EduixOperation, faultCatalog } from "./catalog.js";

const names = Object.keys(operations) as EduixOperation[];

describe("codeCatalog", () => {
  it.each(names)("lists every documented fault code of %s, general ones included", (operation) => {
    const catalog = codeCatalog(operation);
    const documented = [...operations[operation].codes, ...generalFaultCodes];
    expect(new Set(catalog.keys())).toEqual(new Set(documented.map((c) => c.code)));
    for (const info of catalog.values()) {
      expect(info.outcome).toBe("error");
      expect(info.meaning.length).toBeGreaterThan(0);
    }
  });

  it("keeps the operation's own wording for a code the general list repeats", () => {
    expect(codeCatalog("createKey").get(6)?.meaning).toBe("Missing required fields: userID or eckID");
    expect(codeCatalog("deleteKey").get(6)?.meaning).toBe("Missing required fields: userID");
  });

  it("marks the session-expired codes with recovery: login", () => {
    for (const code of [3, 12]) expect(codeCatalog("getKey").get(code)?.recovery).toBe("login");
    expect(codeCatalog("getKey").get(2)?.recovery).toBeUndefined();
  });

  it("is still reachable under its former name", () => {
    expect(faultCatalog("getKey")).toBe(codeCatalog("getKey"));
  });
});
