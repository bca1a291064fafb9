import { describe, expect, it } from "vitest";
import { Progress } from "./progress.js";

function progress(tty: boolean, everyMs?: number) {
  let now = 0;
  const written: string[] = [];
  const p = new Progress({
    total: 100,
    label: "eduix create-key",
    tty,
    write: (t) => written.push(t),
    now: () => now,
    ...(everyMs === undefined ? {} : { everyMs }),
  });
  return { p, written, at: (ms: number) => (now = ms) };
}

describe("Progress", () => {
  it("shows done/total, ok, failed and unknown, the rate and the ETA", () => {
    const { p, at } = progress(false);
    for (let i = 0; i < 40; i++) p.add("ok");
    p.add("failed");
    p.add("unknown");
    at(2_000);
    expect(p.line()).toBe("eduix create-key: 42/100 (42%) ok 40 failed 1 unknown 1 · 21 rows/s · ETA 3s");
  });

  it("off a terminal: a plain line at most every everyMs, and one at the end", () => {
    const { p, written, at } = progress(false, 1_000);
    p.add("ok");
    at(500);
    p.add("ok");
    at(1_000);
    p.add("ok");
    p.finish();
    expect(written).toHaveLength(3);
    expect(written.every((w) => w.endsWith("\n") && !w.includes("\r"))).toBe(true);
  });

  it("on a terminal: one line redrawn in place, with a bar", () => {
    const { p, written, at } = progress(true);
    for (let i = 0; i < 50; i++) p.add("ok");
    at(1_000);
    p.finish();
    const clear = "\r\u001b[K";
    expect(
      written
        .at(-2)
        ?.startsWith(`${clear}eduix create-key [${"#".repeat(12)}${"-".repeat(12)}] 50/100 (50%)`),
    ).toBe(true);
    expect(written.at(-1)).toBe("\n");
  });
});
