/**
 * The programmatic API of the `integrations` CLI: run it in process (tests, scripts), and the tables its
 * help is written from.
 */
export { GLOBAL_FLAGS, type GlobalFlagSpec } from "./args.js";
export {
  EDUIX_ENVIRONMENTS,
  ENV_VARS,
  type Env,
  type EnvVarDoc,
  MOKA_ENVIRONMENTS,
  type Vendor,
} from "./config.js";
export { ConfigError, EXIT, type ExitCode, exitCodeFor, UsageError } from "./errors.js";
export {
  type FlagKind,
  type FlagSpec,
  OPERATIONS,
  type OperationSpec,
  VENDORS,
  type VendorSpec,
} from "./operations.js";
export { type CliIO, type Output, runCli } from "./run.js";
export { SANDBOX_DEFAULTS } from "./sandbox-defaults.js";
export { VERSION } from "./version.js";
