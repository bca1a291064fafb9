import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isVendorId, vendorById, vendors } from "./index.js";

const root = new URL("../../../", import.meta.url).pathname;

describe("the vendor registry", () => {
  it("lists every vendor with a manifest, once, by its one id", () => {
    expect(vendors.map((v) => v.id)).toEqual(["easysecure", "eduix", "moka"]);
    expect(isVendorId("moka")).toBe(true);
    // The sandbox's old spelling is not an id.
    expect(isVendorId("esws")).toBe(false);
    expect(vendorById("nope")).toBeUndefined();
  });

  it("points at contracts and packages that exist, and at distinct sandbox ports", () => {
    for (const vendor of vendors) {
      expect(existsSync(join(root, vendor.contract))).toBe(true);
      for (const name of Object.values(vendor.packages)) {
        const pkg = JSON.parse(
          readFileSync(join(root, "packages", name.split("/")[1]!, "package.json"), "utf8"),
        );
        expect(pkg.name).toBe(name);
      }
    }
    expect(new Set(vendors.map((v) => v.sandbox.port)).size).toBe(vendors.length);
  });
});
