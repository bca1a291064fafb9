/**
 * The corpus: one pair of contract versions per kind of change, in corpus/<openapi|wsdl>/<case>/, each with
 * expected.json listing the classifications the detector must produce (exactly those, no more).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffContract } from "./compare.js";
import type { ContractEntry, ContractFormat } from "./contract-map.js";
import { lintWsdl } from "./wsdl/lint.js";

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), "..", "corpus");

interface Expected {
  description: string;
  /** Problems the structural lint must report for new.wsdl (substrings), when the case is not lint-clean. */
  newLintIssues?: string[];
  changes: { kind: string; classification: "breaking" | "non-breaking"; location: string }[];
}

function cases(format: ContractFormat): { name: string; dir: string; ext: string }[] {
  const root = join(CORPUS, format);
  const ext = format === "openapi" ? "yaml" : "wsdl";
  return readdirSync(root)
    .sort()
    .map((name) => ({ name, dir: join(root, name), ext }));
}

const entry = (format: ContractFormat): ContractEntry => ({
  id: "corpus",
  path: `corpus.${format === "openapi" ? "yaml" : "wsdl"}`,
  format,
  packages: ["@corpus/types"],
});

describe.each(["openapi", "wsdl"] as const)("corpus: %s", (format) => {
  const all = cases(format);

  it("has cases, each with old, new and expected.json", () => {
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) {
      for (const f of [`old.${c.ext}`, `new.${c.ext}`, "expected.json"])
        expect(existsSync(join(c.dir, f)), `${c.name}/${f}`).toBe(true);
    }
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const oldText = readFileSync(join(c.dir, `old.${c.ext}`), "utf8");
    const newText = readFileSync(join(c.dir, `new.${c.ext}`), "utf8");
    const expected = JSON.parse(readFileSync(join(c.dir, "expected.json"), "utf8")) as Expected;
    const result = diffContract(entry(format), oldText, newText);
    const summary = (list: readonly { kind: string; classification: string }[]): string[] =>
      list.map((ch) => `${ch.kind} (${ch.classification})`).sort();
    expect(summary(result.changes), expected.description).toEqual(summary(expected.changes));
    for (const want of expected.changes) {
      const hits = result.changes.filter(
        (ch) => ch.kind === want.kind && ch.location.includes(want.location),
      );
      expect(
        hits.length,
        `${want.kind} at "${want.location}" in ${JSON.stringify(result.changes, null, 2)}`,
      ).toBeGreaterThan(0);
    }
    // Every change explains itself.
    for (const ch of result.changes) expect(ch.why.length, ch.kind).toBeGreaterThan(10);
    // Diffing a version against itself reports nothing.
    expect(diffContract(entry(format), newText, newText).changes).toEqual([]);
  });

  if (format === "wsdl") {
    it.each(all.map((c) => [c.name, c] as const))(
      "%s: both versions pass the structural lint",
      async (_name, c) => {
        const expected = JSON.parse(readFileSync(join(c.dir, "expected.json"), "utf8")) as Expected;
        for (const f of ["old", "new"]) {
          const issues = await lintWsdl(readFileSync(join(c.dir, `${f}.${c.ext}`), "utf8"), {
            compileSchemas: false,
          });
          const allowed = f === "new" ? (expected.newLintIssues ?? []) : [];
          expect(issues.map((i) => i.message).sort(), `${c.name}/${f}`).toEqual(
            allowed.map((a) => expect.stringContaining(a)),
          );
        }
      },
    );
  }
});

describe("corpus: the kinds the gate must recognise", () => {
  const kinds = (format: ContractFormat): Map<string, Set<string>> => {
    const out = new Map<string, Set<string>>();
    for (const c of cases(format)) {
      const expected = JSON.parse(readFileSync(join(c.dir, "expected.json"), "utf8")) as Expected;
      for (const ch of expected.changes) {
        const set = out.get(ch.kind) ?? new Set<string>();
        set.add(ch.classification);
        out.set(ch.kind, set);
      }
    }
    return out;
  };

  it.each([
    ["wsdl", "part-order-changed", "breaking"],
    ["wsdl", "result-code-removed", "breaking"],
    ["openapi", "result-code-removed", "breaking"],
    ["wsdl", "soap-action-changed", "breaking"],
    ["wsdl", "maxLength-narrowed", "breaking"],
    ["openapi", "maxLength-narrowed", "breaking"],
    ["openapi", "field-added-required", "breaking"],
    ["wsdl", "field-added-required", "breaking"],
    ["wsdl", "part-added-required", "breaking"],
    ["openapi", "field-added-optional", "non-breaking"],
    ["wsdl", "field-added-optional", "non-breaking"],
    ["wsdl", "part-added-optional", "non-breaking"],
    ["openapi", "operation-added", "non-breaking"],
    ["wsdl", "operation-added", "non-breaking"],
    ["openapi", "result-code-added", "non-breaking"],
    ["wsdl", "result-code-added", "non-breaking"],
    ["wsdl", "namespace-changed", "breaking"],
    ["wsdl", "style-changed", "breaking"],
    ["wsdl", "use-changed", "breaking"],
    ["openapi", "pattern-changed", "breaking"],
    ["wsdl", "pattern-changed", "breaking"],
    ["openapi", "enum-value-removed", "breaking"],
    ["openapi", "enum-value-added", "non-breaking"],
    ["openapi", "type-narrowed", "breaking"],
    ["openapi", "field-removed", "breaking"],
    ["openapi", "field-renamed", "breaking"],
    ["wsdl", "part-renamed", "breaking"],
    ["openapi", "operation-removed", "breaking"],
    ["openapi", "path-removed", "breaking"],
    ["wsdl", "operation-removed", "breaking"],
    ["openapi", "maxLength-widened", "non-breaking"],
    ["openapi", "description-changed", "non-breaking"],
    ["wsdl", "description-changed", "non-breaking"],
  ] as const)("%s corpus covers %s as %s", (format, kind, classification) => {
    expect(kinds(format).get(kind)?.has(classification), `${kind} (${classification})`).toBe(true);
  });
});
