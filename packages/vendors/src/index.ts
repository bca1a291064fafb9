/**
 * The vendor registry, generated from the manifests in `contracts/<vendor>/vendor.json`: one entry per vendor,
 * with the one spelling of its id that every tool uses.
 */
import { type VendorId, vendors } from "./generated/registry.js";

export { type VendorId, vendors };

export type Vendor = (typeof vendors)[number];

/** The registry entry of `id`, or undefined for an id no manifest declares. */
export function vendorById(id: string): Vendor | undefined {
  return vendors.find((vendor) => vendor.id === id);
}

/** Whether `id` is a registered vendor's id. */
export function isVendorId(id: string): id is VendorId {
  return vendorById(id) !== undefined;
}
