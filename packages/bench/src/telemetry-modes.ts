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
  /**
   * `api` mode only: rounds of a second client with `telemetry: false` (the path a process without the API
   * takes), interleaved with the default client's in the same process, and the median of the paired
   * differences (default − false) in µs: drift and neighbours touch both alike.
   */
  disabled?: { cpuUsPerCall: number[]; lowest: number; pairedDifferenceUs: number };
}
