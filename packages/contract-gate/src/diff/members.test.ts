import { describe, expect, it } from "vitest";
import { matchMembers, orderChange } from "./members.js";

interface M {
  name: string;
  type: string;
}
const m = (name: string, type = "string"): M => ({ name, type });
const sameType = (a: M, b: M) => a.type === b.type;

describe("matchMembers", () => {
  it("by position: a member renamed in place keeps its slot and type", () => {
    const r = matchMembers([m("a"), m("b"), m("c", "int")], [m("a"), m("bee"), m("cee")], (x) => x.name, {
      by: "position",
      same: sameType,
    });
    expect([...r.renamed]).toEqual([["b", "bee"]]);
    expect(r.removed.map((x) => x.name)).toEqual(["c"]);
    expect(r.added.map((x) => x.name)).toEqual(["cee"]);
    expect(r.common.map(([x, y]) => [x.name, y.name])).toEqual([
      ["a", "a"],
      ["b", "bee"],
    ]);
  });

  it("by shape: a removed member pairs with the first unclaimed added one that is the same", () => {
    const r = matchMembers([m("x", "int"), m("y", "int")], [m("p", "int"), m("q", "bool")], (x) => x.name, {
      by: "shape",
      same: sameType,
    });
    expect([...r.renamed]).toEqual([["x", "p"]]);
    expect(r.removed.map((x) => x.name)).toEqual(["y"]);
    expect(r.added.map((x) => x.name)).toEqual(["q"]);
  });
});

describe("orderChange", () => {
  it("compares the order of the members both versions have, renames applied", () => {
    expect(orderChange(["a", "b", "c"], ["a", "c", "b"], new Map())).toEqual([
      ["a", "b", "c"],
      ["a", "c", "b"],
    ]);
    expect(orderChange(["a", "b"], ["a", "x", "bee"], new Map([["b", "bee"]]))).toBeUndefined();
  });
});
