/** Base-ref selection, on throw-away repositories made with `git init` in os.tmpdir(). */
import { afterEach, describe, expect, it } from "vitest";
import { type TempRepo, tempRepo } from "./__tests__/workspace.js";
import { readAtBase, resolveBase, UsageError } from "./git.js";

const repos: TempRepo[] = [];
const repo = (branch?: string): TempRepo => {
  const r = tempRepo(branch);
  repos.push(r);
  return r;
};
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe("resolveBase", () => {
  it("with no commit at all: no base, every contract is new", () => {
    const r = repo();
    const base = resolveBase(r.root);
    expect(base.sha).toBeUndefined();
    expect(base.how).toMatch(/no commit/);
  });

  it("on main itself: the merge-base of HEAD and main is HEAD", () => {
    const r = repo();
    r.write("a.txt", "1");
    const head = r.commit("one");
    expect(resolveBase(r.root)).toMatchObject({ sha: head, ref: "main", how: "merge-base of HEAD and main" });
  });

  it("on a feature branch: the fork point, even after main moved on", () => {
    const r = repo();
    r.write("a.txt", "1");
    const fork = r.commit("one");
    r.git("checkout", "-q", "-b", "feature");
    r.write("a.txt", "2");
    const feature = r.commit("feature work");
    r.git("checkout", "-q", "main");
    r.write("b.txt", "main moves");
    const mainHead = r.commit("main work");
    r.git("checkout", "-q", "feature");
    const base = resolveBase(r.root);
    expect(base.sha).toBe(fork);
    expect(base.sha).not.toBe(feature);
    expect(base.sha).not.toBe(mainHead);
  });

  it("falls back to HEAD when there is no main branch", () => {
    const r = repo("trunk");
    r.write("a.txt", "1");
    const head = r.commit("one");
    expect(resolveBase(r.root)).toMatchObject({ sha: head, ref: "HEAD" });
    expect(resolveBase(r.root).how).toMatch(/no main branch/);
  });

  it("--base picks another commit (a branch, a tag, a sha, HEAD~1)", () => {
    const r = repo();
    r.write("a.txt", "1");
    const first = r.commit("one");
    r.git("tag", "v1");
    r.write("a.txt", "2");
    const second = r.commit("two");
    expect(resolveBase(r.root, "v1").sha).toBe(first);
    expect(resolveBase(r.root, "HEAD~1").sha).toBe(first);
    expect(resolveBase(r.root, second.slice(0, 10)).sha).toBe(second);
    expect(resolveBase(r.root, "v1").how).toBe("--base v1");
  });

  it("an unknown --base is a usage error that names it", () => {
    const r = repo();
    r.write("a.txt", "1");
    r.commit("one");
    expect(() => resolveBase(r.root, "no-such-ref")).toThrow(UsageError);
    expect(() => resolveBase(r.root, "no-such-ref")).toThrow(/no-such-ref/);
    expect(() => resolveBase(r.root, "--upload-pack=x")).toThrow(UsageError);
  });
});

describe("readAtBase", () => {
  it("reads a file as it was at the base, and undefined where it did not exist", () => {
    const r = repo();
    r.write("contracts/a.wsdl", "old");
    const first = r.commit("one");
    r.write("contracts/a.wsdl", "new");
    r.write("contracts/b.wsdl", "added");
    r.commit("two");
    expect(readAtBase(r.root, first, "contracts/a.wsdl")).toBe("old");
    expect(readAtBase(r.root, first, "contracts/b.wsdl")).toBeUndefined();
    expect(readAtBase(r.root, undefined, "contracts/a.wsdl")).toBeUndefined();
  });

  it("resolves paths from the workspace root even when it is a sub-folder of the repository", () => {
    const r = repo();
    r.write("ws/contracts/a.wsdl", "old");
    const first = r.commit("one");
    expect(readAtBase(`${r.root}/ws`, first, "contracts/a.wsdl")).toBe("old");
  });
});
