import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadOtelApi, otelApi } from "./otel-api.js";

describe("loading @opentelemetry/api", () => {
  it("is the installed API 1.x when present", () => {
    expect(otelApi()?.trace.getTracer).toBeTypeOf("function");
  });

  it("is undefined, without throwing, when the package is absent or not an API", () => {
    const missing = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
    };
    expect(loadOtelApi(missing)).toBeNull();
    expect(loadOtelApi(() => ({}))).toBeNull();
    expect(loadOtelApi(() => undefined)).toBeNull();
  });

  it("is not loaded at import, at creation, nor at a call while no SDK is registered; is at a traced call", () => {
    // A fresh process with the built runtime: which modules has require loaded at each step?
    const dist = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
    const script = `
      const { createRequire } = await import("node:module");
      const require = createRequire(${JSON.stringify(dist)});
      const loaded = () => Object.keys(require.cache).some((k) => k.includes("@opentelemetry"));
      const runtime = await import(${JSON.stringify(dist)});
      const atImport = loaded();
      const caller = (telemetry) => runtime.createCaller({
        vendor: "t",
        protocol: { encode: () => () => ({ url: "http://127.0.0.1:9/", headers: {}, body: "" }), decode: () => 1 },
        transport: { timeoutMs: 50, retry: false, telemetry },
      });
      const call = caller(undefined);
      const atCreate = loaded();
      const op = { vendor: "t", operationId: "x", wireName: "x", idempotent: false, secrets: [], codes: [],
        binding: {}, validateRequest: () => [] };
      await call(op, "").catch(() => {});
      const afterCall = loaded();
      // A client given its own provider: the API is loaded at its first call.
      const provider = { getTracer: () => ({ startSpan: () => { throw new Error("unused"); } }) };
      await caller({ tracerProvider: provider })(op, "").catch(() => {});
      console.log(JSON.stringify({ atImport, atCreate, afterCall, traced: loaded() }));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ atImport: false, atCreate: false, afterCall: false, traced: true });
  });
});
