import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeCheckKey } from "./check-key.js";

describe("computeCheckKey", () => {
  it("is the lowercase hex SHA-256 of DealerCode + MK + Username + PD + Password", () => {
    // Known vector for the doc sample's placeholder credentials ("xxx" for all three).
    expect(computeCheckKey("xxx", "xxx", "xxx")).toBe(
      "68d0ce4345d284aa4e5fac4d0d7f27e5d0ed7f83002e16651f050f467efe14d0",
    );
    expect(computeCheckKey("xxx", "xxx", "xxx")).toBe(
      createHash("sha256").update("xxxMKxxxPDxxx").digest("hex"),
    );
    expect(computeCheckKey("D1", "u", "p")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes UTF-8 bytes, not Base64", () => {
    const key = computeCheckKey("Bayi", "kullanıcı", "şifre");
    expect(key).toBe(
      createHash("sha256").update(Buffer.from("BayiMKkullanıcıPDşifre", "utf8")).digest("hex"),
    );
    expect(key).not.toContain("=");
  });
});
