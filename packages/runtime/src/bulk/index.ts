export { type BackPressure, backPressureOf } from "./back-pressure.js";
export {
  BulkJournalError,
  type FileJournal,
  type FileJournalOptions,
  openFileJournal,
} from "./file-journal.js";
export { type Durability, GroupAppender } from "./group-appender.js";
export type { BulkJournal, BulkRowState } from "./journal.js";
export {
  type BulkFailure,
  type BulkOutcome,
  type BulkRow,
  type BulkSuccess,
  type BulkUnknown,
  codeOf,
  failureOutcome,
  mayHaveBeenApplied,
} from "./outcome.js";
export { type BulkClock, MIN_RATE_PER_SECOND, RateLimiter, REAL_CLOCK } from "./rate-limiter.js";
export {
  type BulkOperation,
  type BulkOptions,
  DEFAULT_BULK_CONCURRENCY,
  MAX_BULK_CONCURRENCY,
  runBulk,
} from "./run-bulk.js";
