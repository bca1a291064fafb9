/** @integrations/contract-gate: the contract compatibility gate as a library (the CLI is dist/cli.js). */
export { runApi } from "./api/command.js";
export { generateApiReport, NotBuiltError, reportFileName } from "./api/report.js";
export { compareSnapshots, parseSnapshot, SNAPSHOT_DIR, snapshotPath } from "./api/snapshot.js";
export {
  type Bump,
  type ChangesetCheck,
  checkChangesets,
  describeMissing,
  parseChangeset,
  type Requirement,
  readChangesets,
} from "./changesets.js";
export { lintContracts, runCheck } from "./check.js";
export {
  apiRequirements,
  type ContractResult,
  contractRequirements,
  diffContract,
  diffContracts,
  type GateDiff,
  runDiff,
} from "./compare.js";
export { CONTRACTS, type ContractEntry } from "./contract-map.js";
export type { Change, Classification, Direction } from "./diff/change.js";
export { type BaseRef, readAtBase, resolveBase } from "./git.js";
export { diffOpenApi } from "./openapi/diff.js";
export { redoclyLint } from "./openapi/lint.js";
export { withoutOwnExtensions } from "./pull/own-extensions.js";
export { PullError, type PullErrorReason, readPublishedWsdl } from "./pull/published-wsdl.js";
export { type PullResult, renderPullReport, runPull } from "./pull/pull.js";
export { renderReport } from "./report.js";
export { runAsScript } from "./run-as-script.js";
export { diffWsdl } from "./wsdl/diff.js";
export { liftSchemas } from "./wsdl/lift.js";
export { type LintIssue, lintWsdl } from "./wsdl/lint.js";
