/**
 * Vendor manifests (`contracts/<vendor>/vendor.json`): the one place a vendor's id and its tooling facts are
 * written. `generateVendor` runs the contract's generator with the manifest's options; `readVendors` lists every
 * vendor, for the registry package.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./emit.js";
import { generateFromOpenApi } from "./openapi.js";
import { type EndpointOptions, generateFromWsdl } from "./wsdl/index.js";

export interface VendorManifest {
  /** The vendor's one id: folder name, descriptor `vendor`, CLI word, log events, sandbox routes. */
  readonly id: string;
  readonly title: string;
  readonly protocol: string;
  /** The contract file, relative to `contracts/<id>/`. */
  readonly contract: string;
  readonly packages: { readonly types: string; readonly client: string };
  readonly codegen: {
    readonly vendorPrefix: string;
    /** OpenAPI: the request member that carries the caller's input, and the response member with the result. */
    readonly requestMember?: string;
    readonly resultMember?: string;
    /** document/literal WSDL: the environments of the endpoints. */
    readonly endpoints?: EndpointOptions;
  };
  /** Where the sandbox serves the vendor by default. */
  readonly sandbox: { readonly port: number; readonly path: string };
  /** The CLI's help examples by command: the flags, with values that work against the sandbox's seed. */
  readonly cli?: { readonly examples?: Readonly<Record<string, readonly string[]>> };
}

const CONTRACTS = join(REPO_ROOT, "contracts");

function text(value: unknown, where: string): string {
  if (typeof value !== "string" || value === "") throw new Error(`${where} must be a non-empty string`);
  return value;
}

/** Reads and checks one manifest: a wrong or missing field fails codegen with its name. */
export function readVendor(id: string): VendorManifest {
  const path = join(CONTRACTS, id, "vendor.json");
  const raw = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const where = `contracts/${id}/vendor.json`;
  if (raw.id !== id) throw new Error(`${where}: id must be "${id}", the folder's name`);
  if (!/^[a-z][a-z0-9]*$/.test(id)) throw new Error(`${where}: id must be lower-case letters and digits`);
  const packages = raw.packages as Record<string, unknown> | undefined;
  const codegen = raw.codegen as Record<string, unknown> | undefined;
  const sandbox = raw.sandbox as Record<string, unknown> | undefined;
  text(raw.title, `${where}: title`);
  text(raw.protocol, `${where}: protocol`);
  if (!existsSync(join(CONTRACTS, id, text(raw.contract, `${where}: contract`)))) {
    throw new Error(`${where}: contract ${String(raw.contract)} does not exist`);
  }
  text(packages?.types, `${where}: packages.types`);
  text(packages?.client, `${where}: packages.client`);
  text(codegen?.vendorPrefix, `${where}: codegen.vendorPrefix`);
  if (!Number.isInteger(sandbox?.port) || typeof sandbox?.path !== "string") {
    throw new Error(`${where}: sandbox needs an integer port and a path`);
  }
  const { $comment: _comment, ...manifest } = raw;
  const cli = manifest.cli as Record<string, unknown> | undefined;
  if (cli !== undefined) {
    const { $comment: _cliComment, ...rest } = cli;
    manifest.cli = rest;
  }
  return manifest as unknown as VendorManifest;
}

/** Every vendor with a manifest, by id. */
export function readVendors(): VendorManifest[] {
  return readdirSync(CONTRACTS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CONTRACTS, entry.name, "vendor.json")))
    .map((entry) => readVendor(entry.name))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The folder of a workspace package: `@integrations/moka-types` → `packages/moka-types`. */
export function packageDir(name: string): string {
  return join(REPO_ROOT, "packages", name.replace(/^@integrations\//, ""));
}

/** Generates the vendor's types package from its contract, with the manifest's options. */
export async function generateVendor(id: string): Promise<void> {
  const vendor = readVendor(id);
  const contract = join("contracts", id, vendor.contract);
  const outDir = join(packageDir(vendor.packages.types), "src/generated");
  const schemaIdBase = `https://integrations.local/contracts/${id}/`;
  const { codegen } = vendor;
  if (/\.(ya?ml|json)$/.test(vendor.contract)) {
    await generateFromOpenApi({
      contract,
      outDir,
      schemaIdBase,
      vendor: id,
      vendorPrefix: codegen.vendorPrefix,
      requestMember: text(codegen.requestMember, `contracts/${id}/vendor.json: codegen.requestMember`),
      resultMember: text(codegen.resultMember, `contracts/${id}/vendor.json: codegen.resultMember`),
    });
  } else if (vendor.contract.endsWith(".wsdl")) {
    await generateFromWsdl({
      contract,
      outDir,
      schemaIdBase,
      vendor: id,
      vendorPrefix: codegen.vendorPrefix,
      ...(codegen.endpoints ? { endpoints: codegen.endpoints } : {}),
    });
  } else {
    throw new Error(`contracts/${id}/vendor.json: no generator for ${vendor.contract} (OpenAPI or WSDL)`);
  }
}
