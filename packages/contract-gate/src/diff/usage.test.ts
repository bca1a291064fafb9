import { describe, expect, it } from "vitest";
import { BOTH } from "./policy.js";
import { Usage } from "./usage.js";

describe("Usage", () => {
  const graph: Record<string, string[]> = { Req: ["Card"], Res: ["Card", "Page"], Card: ["Card"], Page: [] };
  const refs = (key: string) => graph[key] ?? [];

  it("marks what each direction reaches, transitively, and survives cycles", () => {
    const usage = new Usage();
    usage.mark(
      [
        ["Req", "request"],
        ["Res", "response"],
      ],
      refs,
    );
    expect([...usage.of("Req")]).toEqual(["request"]);
    expect([...usage.of("Page")]).toEqual(["response"]);
    expect([...usage.of("Card")].sort()).toEqual(["request", "response"]);
  });

  it("reads an unused definition as used in both directions, and records under a mapped key", () => {
    const usage = new Usage();
    usage.mark(
      [["old:Req", "request"]],
      () => [],
      (key) => key.replace("old:", "new:"),
    );
    expect(usage.of("Unused")).toBe(BOTH);
    expect([...usage.of("new:Req")]).toEqual(["request"]);
  });
});
