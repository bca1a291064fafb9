import { describe, expect, it } from "vitest";
import { describeFaults, FaultSpecError, faultsFor, parseFaults } from "./faults.js";

describe("parseFaults", () => {
  it("reads every fault, with vendor scopes, commas or spaces", () => {
    const plan = parseFaults("latency=300, drop html-500,truncate expire-session moka:drop eduix:latency=5");
    expect(plan.all).toEqual({
      latencyMs: 300,
      drop: true,
      html500: true,
      truncate: true,
      expireSession: true,
    });
    expect(plan.byVendor).toEqual({ moka: { drop: true }, eduix: { latencyMs: 5 } });
    expect(parseFaults(describeFaults(plan))).toEqual(plan);
    expect(parseFaults(["LATENCY=1", "Moka:Truncate"])).toEqual({
      all: { latencyMs: 1 },
      byVendor: { moka: { truncate: true } },
    });
  });

  it("reads nothing as no faults", () => {
    for (const spec of [undefined, "", "  ", ",", []])
      expect(parseFaults(spec)).toEqual({ all: {}, byVendor: {} });
  });

  it("rejects unknown faults, vendors and bad values", () => {
    for (const spec of [
      "explode",
      "latency",
      "latency=abc",
      "latency=-1",
      "latency=999999999",
      "drop=1",
      "paypal:drop",
    ]) {
      expect(() => parseFaults(spec)).toThrow(FaultSpecError);
    }
  });
});

describe("faultsFor", () => {
  it("merges plans for one vendor: the longest latency, any switch", () => {
    const global = parseFaults("latency=100,moka:drop");
    const header = parseFaults("latency=50,truncate,easysecure:html-500");
    expect(faultsFor("moka", global, undefined, header)).toEqual({
      latencyMs: 100,
      drop: true,
      truncate: true,
    });
    expect(faultsFor("easysecure", global, header)).toEqual({
      latencyMs: 100,
      truncate: true,
      html500: true,
    });
    expect(faultsFor("eduix")).toEqual({});
  });
});
