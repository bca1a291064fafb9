/** The modes of the telemetry bench (telemetry-child.ts) and what one process reports. */
import type { Protocol } from "./contenders.js";

export const TELEMETRY_MODES = ["absent", "api", "sdk"] as const;
export type TelemetryMode = (typeof TELEMETRY_MODES)[number];

export interface TelemetrySample {
  protocol: Protocol;
  mode: TelemetryMode;
  /**
   * Whether `@opentelemetry/api` was loaded: never in `absent` (it cannot be); not in `api` either, since the
   * runtime loads it only once a provider is registered; always in `sdk`.
   */
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
