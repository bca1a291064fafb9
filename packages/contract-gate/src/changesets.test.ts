/** The changeset check: which packages need which bump, and what the gate says when one is missing. */
import { afterEach, describe, expect, it } from "vitest";
import { changeset, corpusFile, type TempRepo, tempWorkspace } from "./__tests__/workspace.js";
import {
  checkChangesets,
  describeMissing,
  type PendingChangesets,
  parseChangeset,
  type Requirement,
  readChangesets,
} from "./changesets.js";
import { contractRequirements, diffContract, runDiff } from "./compare.js";
import { CONTRACTS } from "./contract-map.js";
import { renderReport } from "./report.js";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});
const workspace = (): TempRepo => {
  const r = tempWorkspace();
  repos.push(r);
  return r;
};

const MOKA = ["@integrations/moka-types", "@integrations/moka-client"];
const ESWS = ["@integrations/easysecure-types", "@integrations/easysecure-client"];

function pending(...sets: Record<string, "patch" | "minor" | "major">[]): PendingChangesets {
  return {
    changesets: sets.map((s, i) => ({ file: `c${i}.md`, releases: new Map(Object.entries(s)), summary: "" })),
    problems: [],
  };
}

describe("parseChangeset", () => {
  it("reads the front matter and the summary", () => {
    const c = parseChangeset(
      "a.md",
      '---\n"@integrations/moka-types": major\n"@integrations/moka-client": minor\n---\n\nWhy.\n',
    );
    expect("releases" in c && Object.fromEntries(c.releases)).toEqual({
      "@integrations/moka-types": "major",
      "@integrations/moka-client": "minor",
    });
    expect("summary" in c && c.summary).toBe("Why.");
  });

  it("accepts an empty changeset and rejects bad bumps or a missing front matter", () => {
    const empty = parseChangeset("e.md", "---\n---\n\nNothing to release.\n");
    expect("releases" in empty && empty.releases.size).toBe(0);
    expect(parseChangeset("b.md", '---\n"@integrations/moka-types": huge\n---\n')).toMatchObject({
      message: /huge/,
    });
    expect(parseChangeset("c.md", "just text\n")).toMatchObject({ message: /frontmatter/ });
  });
});

describe("requirements from contract changes", () => {
  const moka = CONTRACTS.find((c) => c.id === "moka")!;

  it("a breaking change needs major for every affected package", () => {
    const r = diffContract(
      moka,
      corpusFile("openapi", "narrowed-maxlength", "old.yaml"),
      corpusFile("openapi", "narrowed-maxlength", "new.yaml"),
    );
    const reqs = contractRequirements([r]);
    expect(reqs.map((q) => [q.pkg, q.bump])).toEqual(MOKA.map((p) => [p, "major"]));
  });

  it("a non-breaking change needs at least a patch for every affected package", () => {
    const r = diffContract(
      moka,
      corpusFile("openapi", "added-optional-request-field", "old.yaml"),
      corpusFile("openapi", "added-optional-request-field", "new.yaml"),
    );
    expect(contractRequirements([r]).map((q) => [q.pkg, q.bump])).toEqual(MOKA.map((p) => [p, "patch"]));
  });

  it("no change, no requirement", () => {
    const text = corpusFile("openapi", "added-operation", "old.yaml");
    expect(contractRequirements([diffContract(moka, text, text)])).toEqual([]);
  });
});

describe("checkChangesets", () => {
  const breaking: Requirement[] = MOKA.map((pkg) => ({
    pkg,
    bump: "major",
    reasons: ["contracts/moka/openapi.yaml has 1 breaking change"],
  }));
  const minorChange: Requirement[] = MOKA.map((pkg) => ({
    pkg,
    bump: "patch",
    reasons: ["contracts/moka/openapi.yaml changed"],
  }));

  it("breaking without a major bump fails, and the message names the packages", () => {
    const check = checkChangesets(
      breaking,
      pending({ "@integrations/moka-types": "minor", "@integrations/moka-client": "minor" }),
    );
    expect(check.ok).toBe(false);
    const text = describeMissing(check).join("\n");
    for (const p of MOKA) expect(text).toContain(p);
    expect(text).toMatch(/needs a major changeset/);
    expect(text).toMatch(/only bump it minor/);
  });

  it("breaking with a major bump for only one of the packages fails naming the other", () => {
    const check = checkChangesets(breaking, pending({ "@integrations/moka-types": "major" }));
    expect(check.ok).toBe(false);
    const missing = describeMissing(check);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain("@integrations/moka-client");
    expect(missing[0]).toContain("no changeset names it");
  });

  it("breaking with a major bump for every affected package passes (across changeset files)", () => {
    const check = checkChangesets(
      breaking,
      pending({ "@integrations/moka-types": "major" }, { "@integrations/moka-client": "major" }),
    );
    expect(check.ok).toBe(true);
    expect(describeMissing(check)).toEqual([]);
  });

  it("a contract change without any changeset fails naming the packages", () => {
    const check = checkChangesets(minorChange, pending());
    expect(check.ok).toBe(false);
    const text = describeMissing(check).join("\n");
    for (const p of MOKA)
      expect(text).toContain(`${p} needs a patch (or higher) changeset, and no changeset names it`);
  });

  it("a non-breaking change is satisfied by patch, minor or major", () => {
    for (const bump of ["patch", "minor", "major"] as const) {
      expect(checkChangesets(minorChange, pending(Object.fromEntries(MOKA.map((p) => [p, bump])))).ok).toBe(
        true,
      );
    }
  });
});

describe("the gate end to end (runDiff on a temporary repository)", () => {
  it("no change since the base: passes without any changeset", async () => {
    const r = workspace();
    const gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(true);
    expect(gate.contracts.every((c) => c.changes.length === 0)).toBe(true);
  });

  it("a breaking WSDL change without a changeset fails naming both ESWS packages", async () => {
    const r = workspace();
    r.write("contracts/easysecure/esws.wsdl", corpusFile("wsdl", "rpc-reordered-parts", "new.wsdl"));
    const gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(false);
    const esws = gate.contracts.find((c) => c.contract.id === "easysecure")!;
    expect(esws.changes.map((c) => [c.kind, c.classification])).toEqual([["part-order-changed", "breaking"]]);
    const missing = describeMissing(gate.changesets).join("\n");
    for (const p of ESWS) expect(missing).toContain(`${p} needs a major changeset`);
    expect(missing).not.toContain("moka");
    const report = renderReport(gate);
    expect(report).toContain("| # | Change | Location | Classification | Why |");
    expect(report).toContain("`part-order-changed`");
    expect(report).toContain("✖ The gate fails");
  });

  it("the same change passes once a changeset bumps both ESWS packages major", async () => {
    const r = workspace();
    r.write("contracts/easysecure/esws.wsdl", corpusFile("wsdl", "rpc-reordered-parts", "new.wsdl"));
    changeset(r, "esws-order.md", Object.fromEntries(ESWS.map((p) => [p, "major"])));
    const gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(true);
    expect(renderReport(gate)).toContain("✔ Every changed contract");
  });

  it("a non-breaking change without a changeset fails; a patch changeset makes it pass", async () => {
    const r = workspace();
    r.write("contracts/moka/openapi.yaml", corpusFile("openapi", "added-optional-request-field", "new.yaml"));
    let gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(false);
    expect(describeMissing(gate.changesets).join("\n")).toContain(
      "@integrations/moka-types needs a patch (or higher)",
    );
    changeset(r, "moka.md", { "@integrations/moka-types": "patch", "@integrations/moka-client": "minor" });
    gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(true);
  });

  it("a changeset naming an unknown or private package is reported", async () => {
    const r = workspace();
    changeset(r, "typo.md", { "@integrations/moka-typs": "patch", "@integrations/tooling": "patch" });
    const gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(false);
    const text = describeMissing(gate.changesets).join("\n");
    expect(text).toContain("@integrations/moka-typs");
    expect(text).toContain("@integrations/tooling");
    expect((await readChangesets(r.root)).changesets).toHaveLength(1);
  });

  it("a contract absent at the base is added, not breaking (it still needs a changeset)", async () => {
    const r = workspace();
    r.write("contracts/eduix/account.wsdl", corpusFile("wsdl", "doc-endpoint-added", "old.wsdl"));
    const gate = await runDiff({ root: r.root });
    const eduix = gate.contracts.find((c) => c.contract.id === "eduix")!;
    expect(eduix.status).toBe("added");
    expect(eduix.changes.map((c) => c.classification)).toEqual(["non-breaking"]);
    expect(gate.changesets.statuses.map((s) => [s.pkg, s.bump])).toEqual([
      ["@integrations/eduix-client", "patch"],
      ["@integrations/eduix-types", "patch"],
    ]);
  });

  it("compares with the base, not with HEAD: committed changes on a branch still count", async () => {
    const r = workspace();
    r.git("checkout", "-q", "-b", "feature");
    r.write("contracts/moka/openapi.yaml", corpusFile("openapi", "narrowed-maxlength", "new.yaml"));
    r.commit("narrow CustomerCode");
    const gate = await runDiff({ root: r.root });
    expect(gate.base.ref).toBe("main");
    expect(gate.contracts.find((c) => c.contract.id === "moka")!.changes.map((c) => c.kind)).toEqual([
      "maxLength-narrowed",
    ]);
    expect(gate.ok).toBe(false);
    // --base HEAD: nothing changed since the last commit.
    expect((await runDiff({ root: r.root, base: "HEAD" })).ok).toBe(true);
  });

  it("a malformed changeset fails the gate, naming the file and what is wrong with it", async () => {
    const r = workspace();
    r.write(".changeset/typo-bump.md", '---\n"@integrations/moka-types": huge\n---\n\nOops.\n');
    const gate = await runDiff({ root: r.root });
    expect(gate.ok).toBe(false);
    expect(describeMissing(gate.changesets).join("\n")).toMatch(/\.changeset\/typo-bump\.md: .*"huge"/);
  });

  it("checks the release plan: a dependent released because its dependency left its range counts", async () => {
    const r = workspace();
    r.write(
      "packages/moka-client/package.json",
      `${JSON.stringify(
        {
          name: "@integrations/moka-client",
          version: "1.0.0",
          type: "module",
          dependencies: { "@integrations/moka-types": "workspace:^" },
        },
        null,
        2,
      )}\n`,
    );
    r.commit("the client depends on the types");
    r.write("contracts/moka/openapi.yaml", corpusFile("openapi", "added-optional-request-field", "new.yaml"));
    // Only the types are named; 1.0.0 → 2.0.0 leaves the client's ^1.0.0, so `changeset version` bumps it too.
    changeset(r, "types.md", { "@integrations/moka-types": "major" });
    const gate = await runDiff({ root: r.root, base: "HEAD" });
    expect(gate.changesets.statuses.map((s) => [s.pkg, s.have, s.files])).toEqual([
      ["@integrations/moka-client", "patch", []],
      ["@integrations/moka-types", "major", ["types.md"]],
    ]);
    expect(gate.ok).toBe(true);
  });
});
