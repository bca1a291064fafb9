/**
 * `@opentelemetry/api`, loaded when the first call of a client with telemetry on is made, never at import: the
 * package is an optional peer dependency, and a service that does not trace must not pay for it at start-up.
 * It is required synchronously (the first call is traced like every other one). Absent, or not an API 1.x,
 * it is looked for once per process and telemetry stays off. With the global providers (no `telemetry`
 * option), it is not even loaded until some copy of the API has registered a tracer or meter provider.
 *
 * Any copy of API 1.x will do: the API keeps its registered providers in a process-wide global keyed by its
 * major version, so the copy loaded here sees the SDK the service registered through its own copy.
 */
import { createRequire } from "node:module";
import type * as OtelApi from "@opentelemetry/api";

export type OtelApiModule = typeof OtelApi;

let loaded: OtelApiModule | null | undefined;

/**
 * Where every copy of API 1.x keeps its registered globals (`Symbol.for("opentelemetry.js.api.1")` on
 * `globalThis`, see the API's `internal/global-utils`): an SDK registered through any copy shows here.
 */
const API_GLOBALS = Symbol.for("opentelemetry.js.api.1");

/** Whether a tracer or meter provider has been registered with the API, read without loading it. */
export function globalProvidersRegistered(): boolean {
  const globals = (globalThis as Record<symbol, { trace?: unknown; metrics?: unknown } | undefined>)[
    API_GLOBALS
  ];
  return globals !== undefined && (globals.trace !== undefined || globals.metrics !== undefined);
}

/** The API, or undefined when it is not installed (the answer is kept for the life of the process). */
export function otelApi(): OtelApiModule | undefined {
  if (loaded === undefined) loaded = loadOtelApi(createRequire(import.meta.url));
  return loaded ?? undefined;
}

/** Loads the API with `load` (a `require`); null when it is missing or does not look like API 1.x. */
export function loadOtelApi(load: (id: string) => unknown): OtelApiModule | null {
  try {
    const api = load("@opentelemetry/api") as Partial<OtelApiModule> | null | undefined;
    return typeof api?.trace?.getTracer === "function" &&
      typeof api.metrics?.getMeterProvider === "function" &&
      typeof api.context?.active === "function"
      ? (api as OtelApiModule)
      : null;
  } catch {
    return null;
  }
}

/** The runtime's package version: the instrumentation scope's version. */
export function runtimeVersion(): string {
  try {
    const pkg = createRequire(import.meta.url)("../../package.json") as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}
