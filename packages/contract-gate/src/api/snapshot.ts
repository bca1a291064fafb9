/**
 * The committed API reports (`packages/contract-gate/api-surface/<package>.api.md`, written by API Extractor),
 * parsed back into entries, one per declaration, and compared entry by entry (removed, added, changed) with a
 * line diff of the changed ones: our rules (a removed export needs a major bump, a changed or added one a
 * minor) read these entries.
 */
import ts from "typescript";

export const SNAPSHOT_DIR = "packages/contract-gate/api-surface";

/** The committed report of the package in folder `dir` (folder name = unscoped package name). */
export function snapshotPath(dir: string): string {
  return `${SNAPSHOT_DIR}/${dir}.api.md`;
}

/** An entry of a report: its identity (`export X`, `re-export X`, `internal X`) and its declaration. */
export interface SnapshotEntry {
  readonly id: string;
  readonly body: string;
}

/** The TypeScript block of an API Extractor report. */
function codeOf(markdown: string): string {
  const m = markdown.replace(/\r\n/g, "\n").match(/```ts\n([\s\S]*?)\n```/);
  return m?.[1] ?? "";
}

function hasExportModifier(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((d) => d.name.getText());
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name ? [named.name.getText()] : [];
}

// Printed without comments: API Extractor's `// (undocumented)` notes and the TSDoc are not the API, and a
// declaration reformatted by a new API Extractor version is not a change.
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/**
 * Parses a report into entries: `re-export X` (from another package), `export X` (declared here; a
 * declaration API Extractor exports through `export { local as X }` included), and `internal X` (declared
 * here, not exported, used by an export).
 */
export function parseSnapshot(markdown: string): SnapshotEntry[] {
  const file = ts.createSourceFile("report.ts", codeOf(markdown), ts.ScriptTarget.Latest, true);
  const print = (node: ts.Node): string => printer.printNode(ts.EmitHint.Unspecified, node, file);
  const importedFrom = new Map<string, string>();
  const declarations = new Map<string, { exported: boolean; bodies: string[] }>();
  const exportLists: ts.ExportSpecifier[] = [];
  const others = new Map<string, string>();

  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) importedFrom.set(el.name.text, from);
      }
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && statement.moduleSpecifier === undefined) {
        exportLists.push(...clause.elements);
      } else {
        others.set(`export ${print(statement)}`, print(statement));
      }
    } else {
      for (const name of declaredNames(statement)) {
        const entry = declarations.get(name) ?? { exported: false, bodies: [] };
        entry.exported ||= hasExportModifier(statement);
        // `export function f` and `function f` + `export { f }` are the same export.
        entry.bodies.push(print(statement).replace(/^export /, ""));
        declarations.set(name, entry);
      }
    }
  }

  const entries = new Map<string, string>();
  const exportedLocals = new Set<string>();
  for (const el of exportLists) {
    const local = (el.propertyName ?? el.name).getText();
    const exported = el.name.getText();
    const from = importedFrom.get(local);
    const declared = declarations.get(local);
    if (from !== undefined) {
      entries.set(`re-export ${exported}`, `export { ${print(el)} } from '${from}'`);
    } else if (declared !== undefined) {
      exportedLocals.add(local);
      const alias = local === exported ? "" : `// exported as ${exported}\n`;
      entries.set(`export ${exported}`, `${alias}${declared.bodies.join("\n")}`);
    } else {
      entries.set(`export ${exported}`, `export { ${print(el)} }`);
    }
  }
  for (const [name, { exported, bodies }] of declarations) {
    if (exported) entries.set(`export ${name}`, bodies.join("\n"));
    else if (!exportedLocals.has(name)) entries.set(`internal ${name}`, bodies.join("\n"));
  }
  for (const [id, body] of others) entries.set(id, body);
  return [...entries].map(([id, body]) => ({ id, body }));
}

export interface EntryChange {
  readonly id: string;
  readonly change: "removed" | "added" | "changed";
  readonly before?: string;
  readonly after?: string;
}

export function compareSnapshots(before: string, after: string): EntryChange[] {
  const a = new Map(parseSnapshot(before).map((e) => [e.id, e.body]));
  const b = new Map(parseSnapshot(after).map((e) => [e.id, e.body]));
  const out: EntryChange[] = [];
  for (const [id, body] of a) {
    const other = b.get(id);
    if (other === undefined) out.push({ id, change: "removed", before: body });
    else if (other !== body) out.push({ id, change: "changed", before: body, after: other });
  }
  for (const [id, body] of b) if (!a.has(id)) out.push({ id, change: "added", after: body });
  return out;
}

/** A minimal line diff (longest common subsequence), `-`/`+`/` ` prefixed. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) return [...a.map((l) => `- ${l}`), ...b.map((l) => `+ ${l}`)];
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  while (i < n) out.push(`- ${a[i++]}`);
  while (j < m) out.push(`+ ${b[j++]}`);
  return out;
}

/** Human-readable description of snapshot differences, for the terminal and CI logs. */
export function describeChanges(changes: readonly EntryChange[]): string {
  const out: string[] = [];
  for (const c of changes) {
    if (c.change === "removed") {
      out.push(`- removed ${c.id}`, ...(c.before ?? "").split("\n").map((l) => `    - ${l}`));
    } else if (c.change === "added") {
      out.push(`+ added ${c.id}`, ...(c.after ?? "").split("\n").map((l) => `    + ${l}`));
    } else {
      out.push(`~ changed ${c.id}`, ...lineDiff(c.before ?? "", c.after ?? "").map((l) => `    ${l}`));
    }
  }
  return out.join("\n");
}
