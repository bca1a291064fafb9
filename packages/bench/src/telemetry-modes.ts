/** The modes of the telemetry bench (telemetry-child.ts) and what one process reports. */
import type { Protocol } from "./contenders.js";

export const TELEMETRY_MODES = ["absent", "api", "sdk"] as const;
export type TelemetryMode = (typeof TELEMETRY_MODES)[number];

export interface TelemetrySample {
  protocol: Protocol;
  mode: TelemetryMode;
  /** Whether the runtime loaded `@opentelemetry/api` (false in `absent`, the proof that it was absent). */
  apiLoaded: boolean;
  /** µs CPU of this process per call, per round. */
  cpuUsPerCall: number[];
  lowest: number;
  median: number;
}
