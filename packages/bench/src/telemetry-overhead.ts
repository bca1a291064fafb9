/**
 * The telemetry section of `pnpm bench`: per protocol, CPU per call of our client (no network: MockAgent) with `@opentelemetry/api`
 * absent, present with no SDK ("instrumentation off"), and with an SDK recording everything. Each mode runs in
 * several fresh processes, interleaved, so that drift on the machine touches every mode alike; a mode's figure
 * is the lowest round of all its processes (other work only ever adds CPU time), and the noise is the spread of
 * the `absent` processes' own figures, which "off" must stay within.
 */
import { runChild } from "./children.js";
import { PROTOCOLS, type Protocol } from "./contenders.js";
import { fixed, table } from "./report.js";
import { median } from "./stats.js";
import { TELEMETRY_MODES, type TelemetryMode, type TelemetrySample } from "./telemetry-modes.js";

export interface TelemetryOverheadRow {
  protocol: Protocol;
  /** mode → µs CPU per call, lowest round of all processes. */
  cpuUsPerCall: Partial<Record<TelemetryMode, number>>;
  /** The spread of the `absent` processes' lowest rounds, (max − min) ÷ min: the noise floor. */
  absentSpread: number;
  /** `telemetry: false` in the `api` processes: lowest round, and the median paired difference (on − false) in µs. */
  disabled?: { lowest: number; pairedDifferenceUs: number } | undefined;
  /** Whether each mode loaded the API (absent: cannot; api: need not, nothing is registered; sdk: must). */
  apiLoaded: Partial<Record<TelemetryMode, boolean>>;
  error?: string | undefined;
}

export interface TelemetryConfig {
  processes: number;
  rounds: number;
  durationMs: number;
  warmupMs: number;
}

export async function telemetryOverhead(
  config: TelemetryConfig,
  log: (message: string) => void,
): Promise<TelemetryOverheadRow[]> {
  const rows: TelemetryOverheadRow[] = [];
  for (const protocol of PROTOCOLS) {
    const samples: TelemetrySample[] = [];
    try {
      for (let i = 0; i < config.processes; i++) {
        log(`telemetry: ${protocol}, process ${i + 1}/${config.processes} per mode …`);
        // Rotated, so that no mode always runs first.
        const modes = TELEMETRY_MODES.map((_, k) => TELEMETRY_MODES[(k + i) % TELEMETRY_MODES.length]!);
        for (const mode of modes) {
          const args = [protocol, mode, JSON.stringify(config)];
          samples.push(await runChild<TelemetrySample>("telemetry-child", args, ["--expose-gc"]));
        }
      }
      rows.push(summarise(protocol, samples));
    } catch (error) {
      rows.push({
        ...summarise(protocol, samples),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return rows;
}

function summarise(protocol: Protocol, samples: readonly TelemetrySample[]): TelemetryOverheadRow {
  const cpuUsPerCall: Partial<Record<TelemetryMode, number>> = {};
  const apiLoaded: Partial<Record<TelemetryMode, boolean>> = {};
  for (const mode of TELEMETRY_MODES) {
    const mine = samples.filter((s) => s.mode === mode);
    if (mine.length === 0) continue;
    cpuUsPerCall[mode] = Math.min(...mine.map((s) => s.lowest));
    apiLoaded[mode] = mine.every((s) => s.apiLoaded);
  }
  const absent = samples.filter((s) => s.mode === "absent").map((s) => s.lowest);
  const absentSpread =
    absent.length > 1 ? (Math.max(...absent) - Math.min(...absent)) / Math.min(...absent) : 0;
  const paired = samples.flatMap((s) => (s.disabled === undefined ? [] : [s.disabled]));
  const disabled =
    paired.length === 0
      ? undefined
      : {
          lowest: Math.min(...paired.map((d) => d.lowest)),
          pairedDifferenceUs: median(paired.map((d) => d.pairedDifferenceUs)),
        };
  return { protocol, cpuUsPerCall, absentSpread, apiLoaded, disabled };
}

const percent = (part: number | undefined, whole: number | undefined): string =>
  part === undefined || whole === undefined
    ? "–"
    : `${part >= whole ? "+" : ""}${fixed(((part - whole) / whole) * 100)} %`;

export function telemetryTable(rows: readonly TelemetryOverheadRow[]): string {
  return table(
    [
      "telemetry, no network (MockAgent), c=16, µs CPU/call (best round)",
      "API absent",
      "API, no SDK (off)",
      "telemetry: false",
      "off − false, paired",
      "noise (absent runs)",
      "SDK recording",
      "on vs absent",
    ],
    rows.map((r) => {
      const { absent, api, sdk } = r.cpuUsPerCall;
      const proof =
        r.apiLoaded.absent === false && r.apiLoaded.sdk === true ? "" : " (API load not as intended)";
      const paired = r.disabled;
      return [
        `${r.protocol}${r.error ? ` ERROR: ${r.error.split("\n")[0]}` : ""}${proof}`,
        fixed(absent),
        fixed(api),
        fixed(paired?.lowest),
        paired === undefined
          ? "–"
          : `${fixed(paired.pairedDifferenceUs, 2)} µs (${percent(paired.lowest + paired.pairedDifferenceUs, paired.lowest)})`,
        `±${fixed(r.absentSpread * 100)} %`,
        fixed(sdk),
        percent(sdk, absent),
      ];
    }),
  );
}
