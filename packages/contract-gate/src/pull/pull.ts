/**
 * `contract-gate pull <vendor> --from <url|file>`: the vendor's own published WSDL compared with our contract,
 * both without our own extensions (own-extensions.ts), and every difference classified by the gate's own
 * SOAP-aware rules (wsdl/diff.ts, diff/policy.ts), as if the vendor's WSDL were the next version of ours: a part
 * inserted in the middle of an rpc/encoded operation is breaking under positional binding, an optional element
 * added to a request is not. It never writes the contract; it reports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { vendorById, vendors } from "@integrations/vendors";
import type { Change } from "../diff/change.js";
import { changeTable } from "../report.js";
import { diffWsdl } from "../wsdl/diff.js";
import { withoutOwnExtensions } from "./own-extensions.js";
import { PullError, type ReadOptions, readPublishedWsdl } from "./published-wsdl.js";

export interface PullResult {
  readonly vendor: string;
  readonly contract: string;
  readonly from: string;
  readonly changes: readonly Change[];
  readonly breaking: number;
}

export interface PullOptions extends ReadOptions {
  root: string;
  vendor: string;
  from: string;
}

/** The contract path of a vendor whose contract is a WSDL; a usage PullError otherwise. */
export function wsdlContractOf(vendor: string): string {
  const entry = vendorById(vendor);
  if (entry === undefined) {
    throw new PullError(
      "usage",
      `unknown vendor ${JSON.stringify(vendor)} (one of ${vendors.map((v) => v.id).join(", ")})`,
    );
  }
  if (!entry.contract.endsWith(".wsdl")) {
    throw new PullError("usage", `${vendor}'s contract is ${entry.contract}: it publishes no WSDL to pull`);
  }
  return entry.contract;
}

export async function runPull(options: PullOptions): Promise<PullResult> {
  const contract = wsdlContractOf(options.vendor);
  const ours = readFileSync(join(options.root, contract), "utf8");
  const published = await readPublishedWsdl(options.from, options);
  let changes: Change[];
  try {
    changes = diffWsdl(withoutOwnExtensions(ours), withoutOwnExtensions(published));
  } catch (e) {
    throw new PullError(
      "not-a-wsdl",
      `${options.from} could not be read as a WSDL: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const breaking = changes.filter((c) => c.classification === "breaking").length;
  return { vendor: options.vendor, contract, from: options.from, changes, breaking };
}

export function renderPullReport(result: PullResult): string {
  const out = [
    `# Published WSDL of ${result.vendor} compared with \`${result.contract}\``,
    "",
    `Read from \`${result.from}\`. Our own extensions (result codes, rules, secret markings), documentation and the`,
    "endpoint address are left out of both sides. Each difference is classified as if the published WSDL were the",
    "next version of our contract: **breaking** means our clients, built from the contract, break against it.",
    "",
  ];
  if (result.changes.length === 0) {
    out.push("No difference: the contract matches what the vendor publishes.");
  } else {
    const n = result.changes.length;
    out.push(
      `**${n} difference${n === 1 ? "" : "s"}: ${result.breaking} breaking, ${n - result.breaking} non-breaking.**`,
      "",
      changeTable(result.changes),
      "",
      "The contract was not changed. To adopt the published WSDL: edit the contract (keep our extensions), run",
      "`pnpm codegen`, then `pnpm contracts:check`, which asks for the changeset the change needs.",
    );
  }
  return `${out.join("\n")}\n`;
}
