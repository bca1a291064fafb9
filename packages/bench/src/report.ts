/** Plain-text tables of the results (what `pnpm bench` prints). */
import type { ColdContender } from "./cold-child.js";
import type { BenchResults, ProtocolFigures, ScaleSeries, Target } from "./results.js";
import { telemetryTable } from "./telemetry-overhead.js";

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function int(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return "–";
  return Math.round(n).toLocaleString("en-US");
}

export function fixed(n: number | undefined, digits = 1): string {
  if (n === undefined || !Number.isFinite(n)) return "–";
  return n.toFixed(digits);
}

export function ratio(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return "–";
  return `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×`;
}

export function bytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return "–";
  const abs = Math.abs(n);
  if (abs >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (abs >= 2 ** 10) return `${(n / 2 ** 10).toFixed(0)} KiB`;
  return `${n} B`;
}

export function pct(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? "–" : `${Math.round(n)}%`;
}

export function throughputTable(p: ProtocolFigures, concurrency: readonly number[]): string {
  const header = [
    p.label,
    ...concurrency.map((c) => `c=${c} calls/s`),
    ...concurrency.map((c) => `c=${c} µs CPU/call`),
    `c=${concurrency.at(-1)} spread`,
    `c=${concurrency.at(-1)} server CPU`,
    `c=${concurrency.at(-1)} others' CPU`,
    `c=${concurrency.at(-1)} steal`,
  ];
  if (p.error) return `${p.label}\n  not measured: ${p.error}`;
  const last = String(concurrency.at(-1));
  const rows: string[][] = p.contenders.map((c) => [
    `${c.id.padEnd(13)} ${c.label}`,
    ...concurrency.map((k) => {
      const f = c.byConcurrency[String(k)];
      return f && f.errors > 0 ? "ERROR" : int(f?.rate);
    }),
    ...concurrency.map((k) => int(c.byConcurrency[String(k)]?.cpuUsPerCall)),
    pct((c.byConcurrency[last]?.spread ?? Number.NaN) * 100),
    pct(c.byConcurrency[last]?.serverCpuPct),
    pct(c.byConcurrency[last]?.otherCpuPct),
    pct(c.byConcurrency[last]?.stealPct),
  ]);
  for (const [key, byC] of Object.entries(p.ratios)) {
    // "anchor" compares ours with it; "subject:anchor" compares another of our contenders.
    const [subject, anchor] = key.includes(":") ? key.split(":") : ["ours", key];
    const ours = p.contenders.find((c) => c.id === subject);
    const a = p.contenders.find((c) => c.id === anchor);
    rows.push([
      `${subject} ÷ ${anchor}`,
      ...concurrency.map((k) => ratio(byC[String(k)])),
      ...concurrency.map((k) => {
        const o = ours?.byConcurrency[String(k)]?.cpuUsPerCall;
        const x = a?.byConcurrency[String(k)]?.cpuUsPerCall;
        return o !== undefined && x !== undefined ? ratio(o / x) : "–";
      }),
      "",
      "",
      "",
      "",
    ]);
  }
  const errors = p.contenders
    .flatMap((c) => Object.entries(c.byConcurrency).map(([k, f]) => [c.id, k, f.firstError] as const))
    .filter(([, , e]) => e !== undefined)
    .map(([id, k, e]) => `  ${id} at c=${k}: ${e}`);
  return [table(header, rows), ...errors].join("\n");
}

const COLD_PAIRS: readonly [ColdContender, ColdContender][] = [
  ["ours:easysecure", "node-soap:easysecure"],
  ["ours:eduix", "node-soap:eduix"],
  ["ours:moka", "openapi-fetch:moka"],
];

export function overheadTable(r: BenchResults): string {
  if (r.overheadError) return `overhead not measured: ${r.overheadError}`;
  const rows = r.overhead.map((o) => {
    const raw = o.cpuUsPerCall["raw undici"];
    const transport = o.cpuUsPerCall["runtime sendHttp"];
    const ours = o.cpuUsPerCall["our client"];
    const d = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a - b);
    return [
      o.protocol,
      fixed(raw),
      fixed(transport),
      fixed(ours),
      fixed(d(transport, raw)),
      fixed(d(ours, transport)),
      raw !== undefined && ours !== undefined ? ratio(raw / ours) : "–",
    ];
  });
  return table(
    [
      "no network (MockAgent), c=16, µs CPU/call (best round)",
      "raw undici",
      "runtime sendHttp",
      "our client",
      "transport adds",
      "client adds",
      "raw ÷ ours",
    ],
    rows,
  );
}

export function coldTable(r: BenchResults): string {
  const rows: string[][] = r.coldStart.map((f) => [
    f.contender,
    fixed(f.importMs),
    fixed(f.createMs),
    fixed(f.importCreateMs),
    fixed(f.firstCallMs),
    fixed(f.totalMs),
    `${fixed(f.stallMs)} (worst ${fixed(f.worstStallMs)})`,
  ]);
  for (const [ours, anchor] of COLD_PAIRS) {
    const o = r.coldStart.find((f) => f.contender === ours);
    const a = r.coldStart.find((f) => f.contender === anchor);
    if (!o || !a) continue;
    rows.push([
      `${ours} ÷ ${anchor}`,
      ratio(o.importMs / a.importMs),
      "",
      ratio(o.importCreateMs / a.importCreateMs),
      ratio(o.firstCallMs / a.firstCallMs),
      `${ratio(o.totalMs / a.totalMs)} (ours total ÷ their import+create: ${ratio(o.totalMs / a.importCreateMs)})`,
      "",
    ]);
  }
  return table(
    [
      "cold start (median ms)",
      "import",
      "create",
      "import+create",
      "first call",
      "total",
      "loop stall after first call",
    ],
    rows,
  );
}

export function scaleTable(s: ScaleSeries): string {
  if (s.error) return `${s.label}\n  not measured: ${s.error}`;
  const rows: string[][] = s.samples.map((x) => [
    int(x.n),
    bytes(x.bytes),
    fixed(x.firstMs),
    fixed(x.clientMs),
    fixed(x.transferMs),
    fixed(x.parseMs),
    fixed(x.validateMs),
    fixed((x.clientMs / x.n) * 1000, 2),
    bytes(x.heapDelta + (x.externalDelta ?? 0)),
    bytes(x.peakRssDelta),
    bytes(x.retainedHeap),
  ]);
  const main = table(
    [
      s.label,
      "body",
      "first ms",
      "client ms",
      "transfer ms",
      "parse ms",
      "validate ms",
      "µs/item",
      "heap+ext Δ",
      "peak RSS Δ",
      "retained heap",
    ],
    rows,
  );
  const steps = s.steps
    .map(
      (st) =>
        `  ${int(st.from)} → ${int(st.to)}: items ×${fixed(st.itemRatio, 1)}, client time ×${fixed(st.timeRatio, 2)}, growth exponent ${fixed(st.exponent, 2)} (1 = linear)`,
    )
    .join("\n");
  const fit = `  least squares, client ms on n: ${fixed(s.clientFit.slope * 1000, 2)} µs/item, R² ${fixed(s.clientFit.r2, 4)}${
    s.decodeFit
      ? `; parse+validate ms on n: ${fixed(s.decodeFit.slope * 1000, 2)} µs/item, R² ${fixed(s.decodeFit.r2, 4)}`
      : ""
  }`;
  return [main, steps, fit].join("\n");
}

export function footprintTable(r: BenchResults): string {
  if (r.footprintError) return `footprint not measured: ${r.footprintError}`;
  const soap = r.footprint.find((f) => f.subject.startsWith("soap@"));
  const rows = r.footprint.map((f) => [
    f.subject,
    String(f.dependencies),
    String(f.thirdParty),
    bytes(f.bytes),
    String(f.files),
    soap && f !== soap ? ratio(f.bytes / soap.bytes) : "",
    soap && f !== soap ? ratio(f.dependencies / soap.dependencies) : "",
  ]);
  const largest = r.footprint
    .map(
      (f) =>
        `  ${f.subject}: ${f.largest
          .slice(0, 3)
          .map((p) => `${p.name} ${bytes(p.bytes)}`)
          .join(", ")}`,
    )
    .join("\n");
  return [
    table(
      [
        "installed alone (npm, production)",
        "deps (transitive)",
        "third-party",
        "node_modules",
        "files",
        "size ÷ soap",
        "deps ÷ soap",
      ],
      rows,
    ),
    "largest packages:",
    largest,
  ].join("\n");
}

export function targetsList(targets: readonly Target[]): string {
  return targets
    .map((t) => {
      const status = t.met === undefined ? "NOT MEASURED" : t.met ? "met" : "NOT MET";
      const unit = t.unit ?? "×";
      const show = (n: number) =>
        unit === "×" ? ratio(n) : `${fixed(n, unit === "packages" ? 0 : 2)} ${unit}`;
      const value = t.value === undefined ? "–" : show(t.value);
      const thr = show(t.threshold);
      return `  [${status.padEnd(12)}] ${t.description}: ${value} (needs ${t.comparison === ">=" ? "≥" : "≤"} ${thr})`;
    })
    .join("\n");
}

export function machineLine(r: BenchResults): string {
  const m = r.machine;
  const load = `load average ${m.loadAverage.start}${m.loadAverage.end === undefined ? "" : ` → ${m.loadAverage.end}`}${
    m.busyBeforeStartPct === undefined ? "" : `, ${m.busyBeforeStartPct}% CPU busy before start`
  }`;
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (V8 ${m.v8}), ${m.platform}, ${m.date}, ${load}`;
}

/**
 * A warning when other work shared the machine: the figures then understate everyone, unevenly. Judged on
 * what other processes used while the bench idled before starting and during the throughput samples, and
 * on the CPU time the hypervisor stole from the VM during them.
 */
export function contentionWarning(r: BenchResults): string | undefined {
  const before = r.machine.busyBeforeStartPct;
  const notes: string[] = [];
  if (before !== undefined && before > 15) notes.push(`${before}% of all cores busy before the start`);
  for (const p of r.throughput) {
    const figures = p.contenders.flatMap((c) => Object.values(c.byConcurrency));
    const other = Math.max(0, ...figures.map((f) => f.otherCpuPct ?? 0));
    const steal = Math.max(0, ...figures.map((f) => f.stealPct ?? 0));
    const what = [
      other > 15 ? `other processes took up to ${Math.round(other)}% of a core` : "",
      steal > 5 ? `the hypervisor stole up to ${Math.round(steal)}% of a core` : "",
    ].filter(Boolean);
    if (what.length > 0) notes.push(`${p.protocol}: ${what.join(", ")}`);
  }
  if (notes.length === 0) return undefined;
  return `WARNING: the machine was shared (${notes.join("; ")}). Those figures are less reliable; compare the µs CPU/call columns and re-run on an idle machine.`;
}

function section(included: boolean, render: () => string): string[] {
  return included ? [render(), ""] : [];
}

export function fullReport(r: BenchResults): string {
  const c = r.config.throughput.concurrency;
  const warning = contentionWarning(r);
  const parts = [
    `Machine: ${machineLine(r)}`,
    ...(warning ? [warning] : []),
    ...(r.config.sections.includes("throughput")
      ? [
          `Throughput: ${r.config.throughput.rounds} rounds × ${r.config.throughput.durationMs} ms per contender and concurrency, rotated order, after ${r.config.throughput.warmupMs} ms warm-up at c=${Math.max(...c)} (+300 ms per level); median of rounds.`,
        ]
      : []),
    "",
    ...r.throughput.flatMap((p) => [throughputTable(p, c), ""]),
    ...section(r.config.sections.includes("overhead"), () => overheadTable(r)),
    ...section(r.telemetry !== undefined, () => telemetryTable(r.telemetry ?? [])),
    ...section(r.config.sections.includes("cold"), () =>
      [
        ...(r.coldStart.length > 0 ? [coldTable(r)] : []),
        ...(r.coldStartError ? [`cold start errors: ${r.coldStartError}`] : []),
      ].join("\n"),
    ),
    ...r.scale.flatMap((s) => [scaleTable(s), ""]),
    ...section(r.config.sections.includes("footprint"), () => footprintTable(r)),
    "Targets (reported, never asserted):",
    targetsList(r.targets),
    ...(warning ? [warning] : []),
  ];
  return parts.join("\n");
}
