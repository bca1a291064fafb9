/**
 * `--trace`: the tour's clients record their spans with the OpenTelemetry SDK, in memory, and the sandbox
 * prints them after the table, one tree per trace, every attribute shown: what a service that turns tracing on
 * gets for each call. The SDK is loaded only when asked for.
 */
import type { TelemetryOptions } from "@integrations/runtime";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

export interface TourTracing {
  /** The clients' `telemetry` option. */
  readonly telemetry: TelemetryOptions;
  /** Every span ended so far. */
  spans(): ReadableSpan[];
}

export async function startTourTracing(): Promise<TourTracing> {
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import(
    "@opentelemetry/sdk-trace-base"
  );
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { telemetry: { tracerProvider }, spans: () => exporter.getFinishedSpans() };
}

const KINDS = ["internal", "server", "client", "producer", "consumer"];
const short = (id: string) => id.slice(0, 8);
const millis = (span: ReadableSpan) => span.duration[0] * 1_000 + span.duration[1] / 1e6;
const startOf = (span: ReadableSpan) => span.startTime[0] * 1e9 + span.startTime[1];

function line(span: ReadableSpan, depth: number): string {
  const attributes = Object.entries(span.attributes)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(" ");
  const links = span.links.map((l) => ` linked to span ${short(l.context.spanId)}`).join("");
  const status = span.status.code === 2 ? ` ERROR "${span.status.message ?? ""}"` : "";
  const events = span.events
    .map(
      (e) =>
        ` event ${e.name}(${Object.entries(e.attributes ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(" ")})`,
    )
    .join("");
  const head = `${"  ".repeat(depth)}${span.name} [${KINDS[span.kind] ?? span.kind} span ${short(span.spanContext().spanId)}, ${millis(span).toFixed(1)} ms]`;
  return `${head}${status}${links}\n${"  ".repeat(depth + 2)}${attributes}${events}`;
}

/** The spans as trees (parents before their children, in start order), one block per trace. */
export function formatSpans(spans: readonly ReadableSpan[]): string {
  const ordered = [...spans].sort((a, b) => startOf(a) - startOf(b));
  const ids = new Set(ordered.map((s) => s.spanContext().spanId));
  const children = new Map<string, ReadableSpan[]>();
  const roots: ReadableSpan[] = [];
  for (const span of ordered) {
    const parent = span.parentSpanContext?.spanId;
    if (parent !== undefined && ids.has(parent)) {
      children.set(parent, [...(children.get(parent) ?? []), span]);
    } else {
      roots.push(span);
    }
  }
  const out: string[] = [];
  const walk = (span: ReadableSpan, depth: number) => {
    out.push(line(span, depth));
    for (const child of children.get(span.spanContext().spanId) ?? []) walk(child, depth + 1);
  };
  for (const root of roots) {
    out.push(`trace ${short(root.spanContext().traceId)}`);
    walk(root, 1);
  }
  return out.join("\n");
}
