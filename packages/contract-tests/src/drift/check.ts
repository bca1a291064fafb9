/**
 * The drift check: every recorded exchange under a directory (the fixture layout, `<vendor>/<Operation>/<case>/`)
 * checked against the contract, with the machinery the contract suite uses on the fixtures (each vendor's
 * plugin): XSD for XML in its SOAP envelope, JSON Schema for JSON, the rpc parts in order, the result code in
 * the catalog. Whether a change breaks our clients today is not looked up in a table: the recorded answer is
 * given to the real client (the plugin's `runClient`), and whatever it makes of it is the verdict.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { isVendorId, type VendorId } from "@integrations/vendors";
import { easysecurePlugin } from "../easysecure.plugin.js";
import { eduixPlugin } from "../eduix.plugin.js";
import { type ExpectedOutcome, type FixtureCase, loadFixtures } from "../fixtures.js";
import { mokaPlugin } from "../moka.plugin.js";
import type { ContractIssue, VendorPlugin } from "../plugin.js";
import { type FindingKind, findingKind } from "./findings.js";

const PLUGINS: Readonly<Record<VendorId, VendorPlugin>> = {
  easysecure: easysecurePlugin,
  eduix: eduixPlugin,
  moka: mokaPlugin,
};

export interface DriftFinding {
  readonly vendor: VendorId;
  readonly operation: string;
  /** The exchange's folder name. */
  readonly case: string;
  readonly side: "request" | "response";
  readonly kind: FindingKind;
  /** Where in the message (a JSON Pointer, an element, a line). */
  readonly where: string;
  readonly detail: string;
  /**
   * Whether our client fails on this exchange today (it reads the recorded answer, and throws something other
   * than the vendor's own error); undefined for our own requests and exchanges without an answer.
   */
  readonly breaksClients: boolean | undefined;
  /** What the client made of the answer: `success`, a vendor code, or the error it threw. */
  readonly client: string | undefined;
}

export interface DriftResult {
  readonly dir: string;
  /** Exchanges checked, by vendor. */
  readonly exchanges: Readonly<Partial<Record<VendorId, number>>>;
  readonly findings: readonly DriftFinding[];
  /** Folders under `dir` that are not a vendor's. */
  readonly skipped: readonly string[];
}

/** An error our client threw that is its own (a class name), not a vendor's code. */
function clientFailure(outcome: ExpectedOutcome): string | undefined {
  return outcome.kind === "error" && typeof outcome.code === "string" && /Error$/.test(outcome.code)
    ? outcome.code
    : undefined;
}

function describeOutcome(outcome: ExpectedOutcome): string {
  return outcome.kind === "success" ? "success" : `error ${String(outcome.code)}`;
}

async function checkCase(
  plugin: VendorPlugin,
  fixture: FixtureCase,
  hasTextResponse: boolean,
): Promise<DriftFinding[]> {
  const findings: DriftFinding[] = [];
  const operation = fixture.operation;
  let client: string | undefined;
  let breaks: boolean | undefined;
  let code: string | number | undefined;
  if (fixture.response) {
    const run = await plugin.runClient(fixture);
    const failure = clientFailure(run.outcome);
    client = failure ?? describeOutcome(run.outcome);
    breaks = failure !== undefined;
    code = failure === undefined ? plugin.outcomeCode(run.outcome) : undefined;
  }
  const add = (side: "request" | "response", issue: ContractIssue, kind = findingKind(issue)) =>
    findings.push({
      vendor: plugin.vendor,
      operation,
      case: fixture.name,
      side,
      kind,
      where: issue.path,
      detail: issue.message,
      breaksClients: side === "request" ? undefined : breaks,
      client: side === "request" ? undefined : client,
    });
  for (const side of ["request", "response"] as const) {
    const wire = fixture[side];
    if (!wire) continue;
    const validate = side === "request" ? plugin.validateRequest : plugin.validateResponse;
    const issues = [
      ...(await validate(operation, wire.text)),
      ...((await plugin.driftIssues?.(operation, wire.text, side)) ?? []),
    ];
    const seen = new Set<string>();
    for (const issue of issues) {
      const key = `${issue.rule}|${issue.path}|${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(side, issue);
    }
  }
  if (code !== undefined && !plugin.documentedCodes(operation).includes(code)) {
    add(
      "response",
      { rule: "code", path: "", message: `${JSON.stringify(code)} is not in the ${operation} catalog` },
      "undocumented-code",
    );
  }
  if (hasTextResponse && !fixture.response) {
    add(
      "response",
      { rule: "json", path: "", message: "the answer is neither JSON nor XML (response.txt: an HTML page?)" },
      "not-parseable",
    );
  }
  return findings;
}

/** Checks every exchange under `dir`. */
export async function checkDrift(dir: string): Promise<DriftResult> {
  const exchanges: Partial<Record<VendorId, number>> = {};
  const findings: DriftFinding[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || !statSync(join(dir, name)).isDirectory()) continue;
    if (!isVendorId(name)) {
      skipped.push(name);
      continue;
    }
    const plugin = PLUGINS[name];
    const cases = loadFixtures(name, join(dir, name));
    exchanges[name] = cases.length;
    for (const fixture of cases) {
      if (!plugin.operations.includes(fixture.operation)) {
        findings.push({
          vendor: name,
          operation: fixture.operation,
          case: fixture.name,
          side: "request",
          kind: "unknown-member",
          where: fixture.operation,
          detail: `no operation ${fixture.operation} in the contract`,
          breaksClients: undefined,
          client: undefined,
        });
        continue;
      }
      findings.push(...(await checkCase(plugin, fixture, existsSync(join(fixture.dir, "response.txt")))));
    }
  }
  return { dir, exchanges, findings, skipped };
}
