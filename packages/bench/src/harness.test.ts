/** Fast unit tests of the harness itself (the bench never runs in `pnpm test`). */
import { operations } from "@integrations/moka-types";
import { childElements, firstChild, parseXml } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import { packageOf, summarize } from "./cpuprofile.js";
import { customerListJson, getKeyXml } from "./payloads.js";
import { ratio, table } from "./report.js";
import { protocolRatios, scaleSeries, target } from "./results.js";
import { growthExponent, linearFit, median, spread } from "./stats.js";

describe("stats", () => {
  it("median of odd, even and empty samples", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("spread is (max − min) / median", () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.2);
  });

  it("least squares recovers a line exactly, with R² = 1", () => {
    const fit = linearFit(
      [1000, 10_000, 100_000],
      [2 + 0.003 * 1000, 2 + 0.003 * 10_000, 2 + 0.003 * 100_000],
    );
    expect(fit.slope).toBeCloseTo(0.003, 10);
    expect(fit.intercept).toBeCloseTo(2, 6);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it("growth exponent: 1 for linear, 2 for quadratic", () => {
    expect(growthExponent(1000, 5, 10_000, 50)).toBeCloseTo(1);
    expect(growthExponent(1000, 5, 10_000, 500)).toBeCloseTo(2);
  });
});

describe("results", () => {
  const figures = (rate: number) => ({
    rate,
    rounds: [rate],
    spread: 0,
    cpuUsPerCall: 1,
    clientCpuPct: 1,
    serverCpuPct: undefined,
    otherCpuPct: undefined,
    stealPct: undefined,
    errors: 0,
  });

  it("ratios are ours ÷ each anchor, per concurrency", () => {
    const ratios = protocolRatios([
      { id: "ours", label: "", byConcurrency: { "1": figures(900), "16": figures(6000) } },
      { id: "node-soap", label: "", byConcurrency: { "1": figures(300), "16": figures(1000) } },
      { id: "undici", label: "", byConcurrency: { "1": figures(1000), "16": figures(8000) } },
    ]);
    expect(ratios["node-soap"]).toEqual({ "1": 3, "16": 6 });
    expect(ratios.undici).toEqual({ "1": 0.9, "16": 0.75 });
  });

  it("a target is met, not met, or not measured", () => {
    expect(target("a", "", 5.2, ">=", 5).met).toBe(true);
    expect(target("a", "", 0.4, "<=", 1 / 3).met).toBe(false);
    expect(target("a", "", undefined, ">=", 5).met).toBeUndefined();
  });

  it("scale series: steps and fit over sizes in any order", () => {
    const sample = (n: number, ms: number) => ({
      kind: "customers" as const,
      n,
      bytes: n * 260,
      firstMs: ms,
      clientMs: ms,
      transferMs: 0,
      peakRssDelta: 0,
      heapDelta: 0,
      externalDelta: 0,
      retainedHeap: 0,
    });
    const s = scaleSeries("customers", "x", [sample(100_000, 300), sample(1000, 3), sample(10_000, 30)]);
    expect(s.samples.map((x) => x.n)).toEqual([1000, 10_000, 100_000]);
    expect(s.steps.map((x) => x.exponent)).toEqual([expect.closeTo(1), expect.closeTo(1)]);
    expect(s.clientFit.slope).toBeCloseTo(0.003);
  });
});

describe("report", () => {
  it("aligns columns", () => {
    const out = table(
      ["name", "n"],
      [
        ["a", "1"],
        ["bbb", "22"],
      ],
    ).split("\n");
    expect(out).toHaveLength(4);
    expect(new Set(out.map((l) => l.length)).size).toBe(1);
  });

  it("formats ratios", () => {
    expect(ratio(0.756)).toBe("0.76×");
    expect(ratio(12.34)).toBe("12.3×");
    expect(ratio(undefined)).toBe("–");
  });
});

describe("payloads", () => {
  it("generated customer lists are valid GetCustomerList responses", () => {
    const body = JSON.parse(customerListJson(50)) as { Data: { DealerCustomerList: unknown[] } };
    expect(body.Data.DealerCustomerList).toHaveLength(50);
    expect(operations.GetCustomerList.validateResponse(body)).toEqual([]);
  });

  it("generated getKey answers carry n well-formed keys", () => {
    const root = parseXml(getKeyXml(25));
    const body = firstChild(root, "Body")!;
    const keys = childElements(firstChild(body, "getKeyResponse")!, "key");
    expect(keys).toHaveLength(25);
    const userID = firstChild(keys[3]!, "userID")!.text;
    expect(userID.length).toBeGreaterThanOrEqual(128);
    expect(userID.length).toBeLessThanOrEqual(256);
  });
});

describe("cpuprofile", () => {
  it("names the package of a frame", () => {
    expect(packageOf("file:///w/node_modules/.pnpm/undici@7/node_modules/undici/lib/a.js")).toBe("undici");
    expect(packageOf("file:///w/node_modules/@scope/pkg/x.js")).toBe("@scope/pkg");
    expect(packageOf("file:///work/main/packages/runtime/dist/transport.js")).toBe("@integrations/runtime");
    expect(packageOf("node:internal/streams/readable")).toBe("node:internal");
    expect(packageOf("", "(garbage collector)")).toBe("(garbage collector)");
  });

  it("attributes self and inclusive time", () => {
    const frame = (functionName: string) => ({
      functionName,
      url: "file:///x.js",
      lineNumber: 0,
      columnNumber: 0,
    });
    const summary = summarize({
      nodes: [
        { id: 1, callFrame: frame("(root)"), children: [2] },
        { id: 2, callFrame: frame("outer"), children: [3] },
        { id: 3, callFrame: frame("inner") },
      ],
      startTime: 0,
      endTime: 3000,
      samples: [2, 3, 3],
      timeDeltas: [1000, 1000, 1000],
    });
    const outer = summary.functions.find((f) => f.name === "outer")!;
    const inner = summary.functions.find((f) => f.name === "inner")!;
    expect(summary.totalMs).toBe(3);
    expect(outer).toMatchObject({ selfMs: 1, totalMs: 3 });
    expect(inner).toMatchObject({ selfMs: 2, totalMs: 2 });
  });
});
