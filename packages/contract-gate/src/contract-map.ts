/**
 * The contracts the gate knows, and the packages each one affects, from the vendor registry: the
 * breaking-change detector, the changeset check and the lint all read it.
 */
import { vendors } from "@integrations/vendors";

export type ContractFormat = "openapi" | "wsdl";

export interface ContractEntry {
  /** Short vendor id, used in reports. */
  readonly id: string;
  /** Path of the contract from the repository root (POSIX separators). */
  readonly path: string;
  readonly format: ContractFormat;
  /** Packages whose published API derives from the contract: any change needs a changeset for each. */
  readonly packages: readonly string[];
}

/** From the vendor registry (`contracts/<vendor>/vendor.json`): a contract affects its types and client packages. */
export const CONTRACTS: readonly ContractEntry[] = vendors.map((vendor) => ({
  id: vendor.id,
  path: vendor.contract,
  format: vendor.contract.endsWith(".wsdl") ? "wsdl" : "openapi",
  packages: [vendor.packages.types, vendor.packages.client],
}));
