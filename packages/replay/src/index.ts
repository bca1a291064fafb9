/**
 * @integrations/replay: recorded vendor exchanges (and contract fixtures) served to the real clients in-process,
 * through their `dispatcher` option. See the README.
 */
export type { Canonical, Difference } from "./canonical.js";
export { canonicalRequest, firstDifference } from "./canonical.js";
export { type LoadedExchange, MAX_FILE_BYTES, ReplayLoadError, type ReplaySource } from "./load.js";
export type { KnownOperation, ReplayVendor } from "./operations.js";
export {
  createReplay,
  type Replay,
  type ReplayCall,
  type ReplayMiss,
  ReplayMissError,
  type ReplayOptions,
} from "./replay.js";
