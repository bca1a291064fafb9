/**
 * The two instruments: `http.client.request.duration` (one measurement per attempt) and the call-outcome
 * counter. Made once per meter provider; none at all while the provider is the API's no-op one (no SDK
 * registered), so that an unobserved call records nothing.
 */
import type { Counter, Histogram, MeterProvider } from "@opentelemetry/api";
import type { OtelApiModule } from "./otel-api.js";
import {
  HTTP_CLIENT_REQUEST_DURATION,
  HTTP_CLIENT_REQUEST_DURATION_BUCKETS,
  INTEGRATIONS_CLIENT_CALLS,
  SCOPE_NAME,
} from "./semconv.js";

export interface Instruments {
  readonly requestDuration: Histogram;
  readonly calls: Counter;
}

const byProvider = new WeakMap<MeterProvider, Instruments | null>();

/** The instruments of `provider`, or undefined when it is the API's no-op provider. */
export function instrumentsOf(
  api: OtelApiModule,
  provider: MeterProvider,
  version: string,
): Instruments | undefined {
  let instruments = byProvider.get(provider);
  if (instruments === undefined) {
    const meter = provider.getMeter(SCOPE_NAME, version);
    instruments =
      meter === api.createNoopMeter()
        ? null
        : {
            requestDuration: meter.createHistogram(HTTP_CLIENT_REQUEST_DURATION, {
              description: "Duration of HTTP client requests (each attempt of a vendor call).",
              unit: "s",
              advice: { explicitBucketBoundaries: HTTP_CLIENT_REQUEST_DURATION_BUCKETS },
            }),
            calls: meter.createCounter(INTEGRATIONS_CLIENT_CALLS, {
              description: "Vendor calls by outcome: vendor, operation, result code and error kind.",
              unit: "{call}",
            }),
          };
    byProvider.set(provider, instruments);
  }
  return instruments ?? undefined;
}
