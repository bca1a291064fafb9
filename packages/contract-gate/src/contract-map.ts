/**
 * The contracts the gate knows, and the packages each one affects. This is the one place that mapping lives:
 * the breaking-change detector, the changeset check and the lint all read it.
 */

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

export const CONTRACTS: readonly ContractEntry[] = [
  {
    id: "moka",
    path: "contracts/moka/openapi.yaml",
    format: "openapi",
    packages: ["@integrations/moka-types", "@integrations/moka-client"],
  },
  {
    id: "easysecure",
    path: "contracts/easysecure/esws.wsdl",
    format: "wsdl",
    packages: ["@integrations/easysecure-types", "@integrations/easysecure-client"],
  },
  {
    id: "eduix",
    path: "contracts/eduix/account.wsdl",
    format: "wsdl",
    packages: ["@integrations/eduix-types", "@integrations/eduix-client"],
  },
];
