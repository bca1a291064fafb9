/**
 * `@integrations/runtime/recording`: recording exchanges in the fixture layout, and the scrubbing that both
 * recording and replay use. Dependency-free, without the transport, for tools (replay, the drift check).
 */
export {
  createRecorder,
  isRecorder,
  RECORD_DIR_ENV,
  RECORD_ENVIRONMENT_ENV,
  type RecordedExchange,
  type RecordedOutcome,
  type Recorder,
  type RecorderOptions,
  recorderFromEnvironment,
} from "./recorder.js";
export {
  defaultPlaceholder,
  type PlaceholderContext,
  placeholders,
  type ScrubbedExchange,
  type ScrubInput,
  type ScrubRules,
  scrubExchange,
  type WireFormat,
  type WireText,
} from "./scrub.js";
