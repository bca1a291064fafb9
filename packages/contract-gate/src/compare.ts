/**
 * The breaking-change gate: every contract and every API surface snapshot, base vs working tree, classified,
 * turned into the version bumps each affected package needs, and checked against the pending changesets.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareSnapshots, type EntryChange, snapshotPath } from "./api/snapshot.js";
import {
  type Bump,
  type ChangesetCheck,
  checkChangesets,
  type PendingChangesets,
  type Requirement,
  readChangesets,
} from "./changesets.js";
import { CONTRACTS, type ContractEntry } from "./contract-map.js";
import { type Change, isBreaking } from "./diff/change.js";
import { type BaseRef, readAtBase, resolveBase } from "./git.js";
import { diffOpenApi } from "./openapi/diff.js";
import { publishablePackages, type WorkspacePackage } from "./workspace.js";
import { diffWsdl } from "./wsdl/diff.js";

export type ContractStatus = "unchanged" | "changed" | "added" | "removed" | "absent";

export interface ContractResult {
  readonly contract: ContractEntry;
  readonly status: ContractStatus;
  readonly changes: readonly Change[];
}

/** Compares one contract's old and new text (undefined: absent on that side). */
export function diffContract(
  contract: ContractEntry,
  oldText: string | undefined,
  newText: string | undefined,
): ContractResult {
  if (oldText === undefined && newText === undefined) return { contract, status: "absent", changes: [] };
  if (oldText === undefined) {
    return {
      contract,
      status: "added",
      changes: [
        {
          kind: "contract-added",
          location: contract.path,
          classification: "non-breaking",
          why: "the contract does not exist at the base: it is new, so nothing can break",
        },
      ],
    };
  }
  if (newText === undefined) {
    return {
      contract,
      status: "removed",
      changes: [
        {
          kind: "contract-removed",
          location: contract.path,
          classification: "breaking",
          why: "the contract was deleted: every operation of it is gone",
        },
      ],
    };
  }
  if (oldText === newText) return { contract, status: "unchanged", changes: [] };
  let changes: Change[];
  try {
    changes = contract.format === "openapi" ? diffOpenApi(oldText, newText) : diffWsdl(oldText, newText);
  } catch (e) {
    changes = [
      {
        kind: "contract-unreadable",
        location: contract.path,
        classification: "breaking",
        why: `one of the two versions cannot be read (${e instanceof Error ? e.message : String(e)}), so compatibility cannot be shown`,
      },
    ];
  }
  if (changes.length === 0) {
    changes = [
      {
        kind: "text-changed",
        location: contract.path,
        classification: "non-breaking",
        why: "the text changed but nothing the contract defines did (comments, formatting or an equivalent rewrite)",
      },
    ];
  }
  return { contract, status: "changed", changes };
}

export function diffContracts(
  root: string,
  base: BaseRef,
  contracts: readonly ContractEntry[] = CONTRACTS,
): ContractResult[] {
  return contracts.map((c) => {
    const file = join(root, c.path);
    const newText = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    return diffContract(c, readAtBase(root, base.sha, c.path), newText);
  });
}

/** Any change to a contract needs a changeset for each affected package; a breaking one a major bump. */
export function contractRequirements(results: readonly ContractResult[]): Requirement[] {
  const out: Requirement[] = [];
  for (const r of results) {
    if (r.changes.length === 0) continue;
    const breaking = r.changes.filter((c) => c.classification === "breaking").length;
    const bump: Bump = isBreaking(r.changes) ? "major" : "patch";
    const reason =
      breaking > 0
        ? `${r.contract.path} has ${breaking} breaking change${breaking === 1 ? "" : "s"}`
        : `${r.contract.path} changed (${r.status === "added" ? "added" : "non-breaking"})`;
    for (const pkg of r.contract.packages) out.push({ pkg, bump, reasons: [reason] });
  }
  return out;
}

export type ApiStatus = "unchanged" | "changed" | "baseline" | "no-snapshot";

export interface ApiResult {
  readonly pkg: WorkspacePackage;
  readonly status: ApiStatus;
  readonly changes: readonly EntryChange[];
}

/** The committed API snapshots, base vs working tree (a snapshot new at the base is a baseline: no bump). */
export function diffApiSnapshots(
  root: string,
  base: BaseRef,
  pkgs: readonly WorkspacePackage[],
): ApiResult[] {
  return pkgs.map((pkg) => {
    const path = snapshotPath(pkg.dir);
    const file = join(root, path);
    const after = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    const before = readAtBase(root, base.sha, path);
    if (after === undefined) return { pkg, status: "no-snapshot", changes: [] };
    if (before === undefined) return { pkg, status: "baseline", changes: [] };
    const changes = compareSnapshots(before, after);
    return { pkg, status: changes.length > 0 ? "changed" : "unchanged", changes };
  });
}

/** A removed export needs a major bump; a changed or added one at least a minor. */
export function apiRequirements(results: readonly ApiResult[]): Requirement[] {
  const out: Requirement[] = [];
  for (const r of results) {
    if (r.changes.length === 0) continue;
    const removed = r.changes.filter((c) => c.change === "removed").length;
    const changed = r.changes.filter((c) => c.change === "changed").length;
    const added = r.changes.filter((c) => c.change === "added").length;
    const parts = [
      removed ? `${removed} removed` : "",
      changed ? `${changed} changed` : "",
      added ? `${added} added` : "",
    ].filter(Boolean);
    out.push({
      pkg: r.pkg.name,
      bump: removed > 0 ? "major" : "minor",
      reasons: [`API surface: ${parts.join(", ")} (${snapshotPath(r.pkg.dir)})`],
    });
  }
  return out;
}

export interface GateDiff {
  readonly base: BaseRef;
  readonly contracts: readonly ContractResult[];
  readonly api: readonly ApiResult[];
  readonly pending: PendingChangesets;
  readonly changesets: ChangesetCheck;
  readonly ok: boolean;
}

export interface DiffOptions {
  readonly root: string;
  /** --base: a ref; default merge-base of HEAD and main. */
  readonly base?: string;
  readonly contracts?: readonly ContractEntry[];
}

export async function runDiff(options: DiffOptions): Promise<GateDiff> {
  const base = resolveBase(options.root, options.base);
  const contracts = diffContracts(options.root, base, options.contracts ?? CONTRACTS);
  const pkgs = publishablePackages(options.root);
  const api = diffApiSnapshots(options.root, base, pkgs);
  const pending = await readChangesets(options.root, new Set(pkgs.map((p) => p.name)));
  const changesets = checkChangesets([...contractRequirements(contracts), ...apiRequirements(api)], pending);
  return { base, contracts, api, pending, changesets, ok: changesets.ok };
}
