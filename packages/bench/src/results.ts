/** The shape of bench-results/latest.json, and the computations from raw samples to figures and targets. */
import type { BulkFigures } from "./bulk.js";
import type { ColdContender, ColdSample } from "./cold-child.js";
import type { ContenderId, Protocol } from "./contenders.js";
import type { Footprint } from "./footprint.js";
import type { MachineInfo } from "./machine.js";
import type { OverheadRow } from "./overhead-child.js";
import type { ScaleSample } from "./scale-child.js";
import { growthExponent, type LinearFit, linearFit, median, spread } from "./stats.js";
import type { TelemetryOverheadRow } from "./telemetry-overhead.js";
import type { Sample } from "./throughput.js";
import type { ThroughputConfig } from "./throughput-child.js";

export interface ConcurrencyFigures {
  /** Median calls/s over the rounds. */
  rate: number;
  rounds: number[];
  /** (max − min) / median of the rounds. */
  spread: number;
  cpuUsPerCall: number;
  clientCpuPct: number;
  serverCpuPct: number | undefined;
  /** Median CPU used by other processes during the samples, % of one core. */
  otherCpuPct: number | undefined;
  /** Median CPU stolen by the hypervisor during the samples, % of one core (Linux VMs). */
  stealPct: number | undefined;
  errors: number;
  firstError?: string | undefined;
}

export interface ContenderFigures {
  id: ContenderId;
  label: string;
  /** concurrency → figures */
  byConcurrency: Record<string, ConcurrencyFigures>;
}

export interface ProtocolFigures {
  protocol: Protocol;
  label: string;
  contenders: ContenderFigures[];
  /** "ours÷<anchor>" → concurrency → ratio of median rates */
  ratios: Record<string, Record<string, number>>;
  error?: string | undefined;
}

export function concurrencyFigures(samples: readonly Sample[]): ConcurrencyFigures {
  const rates = samples.map((s) => s.rate);
  const server = samples.map((s) => s.serverCpuPct).filter((v): v is number => v !== undefined);
  const other = samples.map((s) => s.otherCpuPct).filter((v): v is number => v !== undefined);
  const steal = samples.map((s) => s.stealPct).filter((v): v is number => v !== undefined);
  const errors = samples.reduce((n, s) => n + s.errors, 0);
  return {
    rate: errors > 0 ? 0 : median(rates),
    rounds: rates.map((r) => Math.round(r)),
    spread: spread(rates),
    cpuUsPerCall: median(samples.map((s) => s.cpuUsPerCall)),
    clientCpuPct: median(samples.map((s) => s.clientCpuPct)),
    serverCpuPct: server.length > 0 ? median(server) : undefined,
    otherCpuPct: other.length > 0 ? median(other) : undefined,
    stealPct: steal.length > 0 ? median(steal) : undefined,
    errors,
    firstError: samples.find((s) => s.firstError)?.firstError,
  };
}

export function protocolRatios(
  contenders: readonly ContenderFigures[],
): Record<string, Record<string, number>> {
  const ours = contenders.find((c) => c.id === "ours");
  const out: Record<string, Record<string, number>> = {};
  if (!ours) return out;
  // Our client on an undici dispatcher is compared with raw undici (key "ours-undici:undici").
  const oursUndici = contenders.find((c) => c.id === "ours-undici");
  const rawUndici = contenders.find((c) => c.id === "undici");
  if (oursUndici && rawUndici) {
    const byC: Record<string, number> = {};
    for (const [c, figures] of Object.entries(oursUndici.byConcurrency)) {
      const a = rawUndici.byConcurrency[c];
      if (a && a.rate > 0) byC[c] = figures.rate / a.rate;
    }
    out["ours-undici:undici"] = byC;
  }
  for (const anchor of contenders) {
    if (anchor.id === "ours") continue;
    const byC: Record<string, number> = {};
    for (const [c, figures] of Object.entries(ours.byConcurrency)) {
      const a = anchor.byConcurrency[c];
      if (a && a.rate > 0) byC[c] = figures.rate / a.rate;
    }
    out[anchor.id] = byC;
  }
  return out;
}

export interface ColdFigures {
  contender: ColdContender;
  samples: ColdSample[];
  /** Medians, ms. */
  importMs: number;
  createMs: number;
  importCreateMs: number;
  firstCallMs: number;
  totalMs: number;
  bootMs: number;
  /**
   * The longest event-loop stall after the first call (ms; monitorEventLoopDelay): the median over the samples
   * of each sample's longest, and the longest of all (which a preemption on a shared machine also shows as).
   */
  stallMs: number | undefined;
  worstStallMs: number | undefined;
}

export function coldFigures(contender: ColdContender, samples: ColdSample[]): ColdFigures {
  const stalls = samples.map((s) => s.stallMs).filter((v): v is number => v !== undefined);
  return {
    contender,
    samples,
    importMs: median(samples.map((s) => s.importMs)),
    createMs: median(samples.map((s) => s.createMs)),
    importCreateMs: median(samples.map((s) => s.importMs + s.createMs)),
    firstCallMs: median(samples.map((s) => s.firstCallMs)),
    totalMs: median(samples.map((s) => s.importMs + s.createMs + s.firstCallMs)),
    bootMs: median(samples.map((s) => s.bootMs)),
    stallMs: stalls.length > 0 ? median(stalls) : undefined,
    worstStallMs: stalls.length > 0 ? Math.max(...stalls) : undefined,
  };
}

export interface ScaleSeries {
  kind: ScaleSample["kind"];
  label: string;
  samples: ScaleSample[];
  /** Least squares of client ms on n (slope in ms per item). */
  clientFit: LinearFit;
  /** Least squares of (parse + validate) ms on n, where both were measured. */
  decodeFit?: LinearFit | undefined;
  /** Between consecutive sizes: item ratio, client-time ratio, and growth exponent (1 = linear). */
  steps: { from: number; to: number; itemRatio: number; timeRatio: number; exponent: number }[];
  error?: string | undefined;
}

export function scaleSeries(kind: ScaleSample["kind"], label: string, samples: ScaleSample[]): ScaleSeries {
  const sorted = [...samples].sort((a, b) => a.n - b.n);
  const xs = sorted.map((s) => s.n);
  const decode = sorted.every((s) => s.parseMs !== undefined && s.validateMs !== undefined);
  const steps = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    steps.push({
      from: a.n,
      to: b.n,
      itemRatio: b.n / a.n,
      timeRatio: b.clientMs / a.clientMs,
      exponent: growthExponent(a.n, a.clientMs, b.n, b.clientMs),
    });
  }
  return {
    kind,
    label,
    samples: sorted,
    clientFit: linearFit(
      xs,
      sorted.map((s) => s.clientMs),
    ),
    decodeFit: decode
      ? linearFit(
          xs,
          sorted.map((s) => (s.parseMs ?? 0) + (s.validateMs ?? 0)),
        )
      : undefined,
    steps,
  };
}

export interface Target {
  id: string;
  description: string;
  value: number | undefined;
  threshold: number;
  /** "≥" or "≤" */
  comparison: ">=" | "<=";
  met: boolean | undefined;
  /** What value and threshold are in: a ratio (×, the default), ms, MiB or a count of packages. */
  unit?: "×" | "ms" | "MiB" | "packages";
}

export function target(
  id: string,
  description: string,
  value: number | undefined,
  comparison: ">=" | "<=",
  threshold: number,
  unit: Target["unit"] = "×",
): Target {
  const met =
    value === undefined || !Number.isFinite(value)
      ? undefined
      : comparison === ">="
        ? value >= threshold
        : value <= threshold;
  return { id, description, value, threshold, comparison, met, unit };
}

export interface BenchResults {
  schema: "integrations-bench/1";
  machine: MachineInfo;
  config: { throughput: ThroughputConfig; coldSamples: number; scaleReps: number; sections: string[] };
  durationS: number;
  throughput: ProtocolFigures[];
  /** Diagnostic: µs CPU per call on an in-process MockAgent (raw undici, runtime sendHttp, our client). */
  overhead: OverheadRow[];
  overheadError?: string | undefined;
  /** µs CPU per call with @opentelemetry/api absent, present without an SDK, and with an SDK (telemetry-overhead.ts). */
  telemetry?: TelemetryOverheadRow[] | undefined;
  coldStart: ColdFigures[];
  coldStartError?: string | undefined;
  scale: ScaleSeries[];
  footprint: Footprint[];
  footprintError?: string | undefined;
  /** Bulk runs: rows per second and peak memory (bulk.ts). */
  bulk?: BulkFigures | undefined;
  targets: Target[];
}

/** The targets of the issue; each is reported met / not met / not measured, never asserted. */
export function evaluateTargets(r: Pick<BenchResults, "throughput" | "coldStart" | "footprint">): Target[] {
  const ratio = (p: Protocol, anchor: string, c: number) =>
    r.throughput.find((t) => t.protocol === p)?.ratios[anchor]?.[String(c)];
  const cold = (c: ColdContender) => r.coldStart.find((f) => f.contender === c);
  const coldRatio = (
    ours: ColdContender,
    anchor: ColdContender,
    anchorPhases: "importCreateMs" | "totalMs",
  ) => {
    const o = cold(ours);
    const a = cold(anchor);
    return o && a ? o.totalMs / a[anchorPhases] : undefined;
  };
  const name: Record<Protocol, string> = { easysecure: "ESWS", moka: "Moka", eduix: "Edu-iX" };
  const out: Target[] = [];
  for (const p of ["easysecure", "eduix"] as const) {
    out.push(
      target(
        `${p}-vs-node-soap-c16`,
        `${name[p]} client ≥ 5× node-soap calls/s at c=16`,
        ratio(p, "node-soap", 16),
        ">=",
        5,
      ),
    );
  }
  for (const p of ["easysecure", "moka", "eduix"] as const) {
    for (const c of [16, 1]) {
      out.push(
        target(
          `${p}-vs-http-c${c}`,
          `${name[p]} client (default transport) ≥ 0.8× raw http.request calls/s at c=${c}`,
          ratio(p, "http", c),
          ">=",
          0.8,
        ),
      );
    }
    for (const c of [16, 1]) {
      out.push(
        target(
          `${p}-undici-vs-undici-c${c}`,
          `${name[p]} client with an undici dispatcher ≥ 0.9× raw undici.request calls/s at c=${c}`,
          ratio(p, "ours-undici:undici", c),
          ">=",
          0.9,
        ),
      );
    }
  }
  out.push(
    target(
      "easysecure-cold-start",
      "ESWS cold start (import+create+first call) ≤ ⅓ of node-soap import+createClientAsync",
      coldRatio("ours:easysecure", "node-soap:easysecure", "importCreateMs"),
      "<=",
      1 / 3,
    ),
    target(
      "eduix-cold-start",
      "Edu-iX cold start (import+create+first call) ≤ ⅓ of node-soap import+createClientAsync",
      coldRatio("ours:eduix", "node-soap:eduix", "importCreateMs"),
      "<=",
      1 / 3,
    ),
    target(
      "moka-cold-start",
      "Moka cold start (import+create+first call) ≤ 2× openapi-fetch's import+create+first call",
      coldRatio("ours:moka", "openapi-fetch:moka", "totalMs"),
      "<=",
      2,
    ),
  );
  for (const c of ["ours:easysecure", "ours:moka", "ours:eduix"] as const) {
    out.push(
      target(
        `${c.slice(5)}-event-loop`,
        `${name[c.slice(5) as Protocol]} client: longest event-loop stall after the first call ≤ 20 ms (median of samples)`,
        cold(c)?.stallMs,
        "<=",
        20,
        "ms",
      ),
    );
  }
  for (const f of r.footprint.filter((f) => f.subject.startsWith("@integrations/"))) {
    out.push(
      target(
        `${f.subject}-third-party`,
        `${f.subject} installed alone: third-party packages = 0`,
        f.thirdParty,
        "<=",
        0,
        "packages",
      ),
      target(
        `${f.subject}-size`,
        `${f.subject} installed alone: ≤ 0.5 MiB`,
        f.bytes / (1024 * 1024),
        "<=",
        0.5,
        "MiB",
      ),
    );
  }
  return out;
}
