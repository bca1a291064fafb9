import { describe, expect, it } from "vitest";
import { describeFaults, FaultSpecError, faultsFor, parseFaults, rollFaults } from "./faults.js";

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
      "drop=0%",
      "drop=101%",
      "drop-after=abc%",
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

describe("shares", () => {
  it("a switch with a share applies to that share of the requests, drawn per request", () => {
    const plan = parseFaults("latency=2, drop=2.5%, drop-after=1%, eduix:expire-session");
    expect(describeFaults(plan)).toBe("latency=2,drop=2.5%,drop-after=1%,eduix:expire-session");
    expect(parseFaults(describeFaults(plan))).toEqual(plan);
    const set = faultsFor("eduix", plan);
    expect(set).toEqual({
      latencyMs: 2,
      drop: true,
      dropAfter: true,
      expireSession: true,
      shares: { drop: 2.5, dropAfter: 1 },
    });
    // A draw of 0.02 (2%) is inside drop's 2.5% and outside drop-after's 1%.
    expect(rollFaults(set, () => 0.02)).toEqual({ latencyMs: 2, drop: true, expireSession: true });
    expect(rollFaults(set, () => 0.5)).toEqual({ latencyMs: 2, expireSession: true });
  });

  it("merging: every request wins over a share, and of two shares the larger", () => {
    expect(faultsFor("moka", parseFaults("drop=1%"), parseFaults("drop"))).toEqual({ drop: true });
    expect(faultsFor("moka", parseFaults("drop"), parseFaults("drop=1%"))).toEqual({ drop: true });
    expect(faultsFor("moka", parseFaults("drop=1%"), parseFaults("moka:drop=3%"))).toEqual({
      drop: true,
      shares: { drop: 3 },
    });
  });
});
