/**
 * How a client's telemetry is configured. The types are structural on purpose: a service that does not
 * install `@opentelemetry/api` still type-checks against our declarations, and any API 1.x provider (the SDK's
 * `BasicTracerProvider`, `NodeTracerProvider`, `MeterProvider`) fits.
 */
import type { ValidationIssue } from "../errors.js";

/** An OpenTelemetry `TracerProvider` (API 1.x). */
export interface TelemetryTracerProvider {
  /** The tracer of an instrumentation scope (ours: `@integrations/runtime` and its version). */
  getTracer(name: string, version?: string): object;
}

/** An OpenTelemetry `MeterProvider` (API 1.x). */
export interface TelemetryMeterProvider {
  /** The meter of an instrumentation scope (ours: `@integrations/runtime` and its version). */
  getMeter(name: string, version?: string): object;
}

/**
 * Providers to use instead of the global ones that `@opentelemetry/api` holds (what `NodeSDK.start()` or
 * `provider.register()` set). A provider left out is taken from the API's global, as usual.
 */
export interface TelemetryOptions {
  /** Where the call and attempt spans go. */
  tracerProvider?: TelemetryTracerProvider;
  /** Where `http.client.request.duration` and `integrations.client.calls` go. */
  meterProvider?: TelemetryMeterProvider;
}

/**
 * A client's `telemetry` option. Absent: spans and metrics go to the providers registered with
 * `@opentelemetry/api`, when the package is installed and a provider is registered (with neither, a call costs
 * one check). `false`: never traced, the API is not even looked for. An object: its providers.
 */
export type TelemetryOption = false | TelemetryOptions;

/** Problems with a `telemetry` option, as validation issues naming it (checked when a client is created). */
export function telemetryOptionIssues(option: unknown): ValidationIssue[] {
  if (option === undefined || option === false) return [];
  if (option === null || typeof option !== "object" || Array.isArray(option)) {
    return [
      { field: "telemetry", rule: "type", message: "must be false or { tracerProvider?, meterProvider? }" },
    ];
  }
  const issues: ValidationIssue[] = [];
  const providers = option as Record<string, unknown>;
  for (const key of Object.keys(providers)) {
    if (key !== "tracerProvider" && key !== "meterProvider") {
      issues.push({
        field: `telemetry.${key}`,
        rule: "additionalProperties",
        message: "is not a telemetry setting (tracerProvider, meterProvider)",
      });
    }
  }
  const check = (key: string, method: string, what: string) => {
    const provider = providers[key];
    if (provider === undefined) return;
    if (
      provider === null ||
      typeof provider !== "object" ||
      typeof (provider as Record<string, unknown>)[method] !== "function"
    ) {
      issues.push({ field: `telemetry.${key}`, rule: "type", message: `must be an OpenTelemetry ${what}` });
    }
  };
  check("tracerProvider", "getTracer", "TracerProvider");
  check("meterProvider", "getMeter", "MeterProvider");
  return issues;
}
