/**
 * The vendor registry (`@integrations/vendors`): every manifest, as data, for the tools that must list the
 * vendors (the CLI, the sandbox, the contract gate, the test suites and the bench). The codegen options stay out:
 * they are codegen's business.
 */
import { join } from "node:path";
import { constExport, REPO_ROOT, writeGeneratedFolder } from "./emit.js";
import { readVendors } from "./vendor.js";

export function generateRegistry(outDir: string): void {
  const vendors = readVendors().map(({ codegen: _codegen, contract, ...vendor }) => ({
    ...vendor,
    contract: `contracts/${vendor.id}/${contract}`,
  }));
  let out = constExport(
    "vendors",
    vendors,
    "Every vendor, by id: its title and protocol, its contract, its packages and the sandbox's default address.",
  );
  out += '\n/** A vendor\'s one id. */\nexport type VendorId = (typeof vendors)[number]["id"];\n';
  writeGeneratedFolder(join(REPO_ROOT, outDir), "contracts/*/vendor.json", { "registry.ts": out });
}
