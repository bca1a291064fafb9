/**
 * The simulated vendors: the vendor registry's (`@integrations/vendors`, generated from
 * `contracts/<id>/vendor.json`), one HTTP listener each, on the manifest's default port and path.
 */
import { type VendorId, vendors } from "@integrations/vendors";

export type Vendor = VendorId;

/** Every vendor's id, in the order of their default ports: `--port n` gives them n, n+1, n+2 … in this order. */
export const VENDORS: readonly Vendor[] = [...vendors]
  .sort((a, b) => a.sandbox.port - b.sandbox.port)
  .map((vendor) => vendor.id);

/** Default ports, printed at start. 0 means "any free port" (tests). */
export const DEFAULT_PORTS: Readonly<Record<Vendor, number>> = Object.fromEntries(
  vendors.map((vendor) => [vendor.id, vendor.sandbox.port]),
) as Record<Vendor, number>;

export const DEFAULT_HOST = "127.0.0.1";

/** Request paths, chosen to match the vendors' own (the manifests' `sandbox.path`). */
export const ESWS_PATH = sandboxPath("easysecure");
export const EDUIX_PATH = sandboxPath("eduix");

function sandboxPath(id: Vendor): string {
  return vendors.find((vendor) => vendor.id === id)!.sandbox.path;
}

/** The widest vendor id: log lines pad the vendor to it, so their columns line up. */
export const VENDOR_WIDTH = Math.max(...VENDORS.map((vendor) => vendor.length));
