/**
 * The public API surface of a package, read with the TypeScript compiler API from its built type entry
 * (dist/index.d.ts): every exported name with its kind and declaration text. Names re-exported from other
 * packages (workspace or not) are listed as re-exports; declarations of this package that the exports refer
 * to without exporting them are listed too, so that a change to them shows. Sorted and deterministic.
 */
import { existsSync, realpathSync } from "node:fs";
import { builtinModules } from "node:module";
import { relative, sep } from "node:path";
import ts from "typescript";
import { compareText } from "../order.js";
import type { WorkspacePackage } from "../workspace.js";

export interface SurfaceEntry {
  /** `export`: declared in this package; `reexport`: from another package; `internal`: referenced, not exported. */
  readonly section: "export" | "reexport" | "internal";
  /** The exported name (for internal entries: the declared name). */
  readonly name: string;
  readonly kind: string;
  /** Declaration text (export, internal) or the re-export statement (reexport). */
  readonly text: string;
  /** For internal entries: the declaring file, relative to the package. */
  readonly file?: string;
}

export interface Surface {
  readonly pkg: string;
  /** The type entry, relative to the package folder. */
  readonly entry: string;
  readonly entries: readonly SurfaceEntry[];
}

export class NotBuiltError extends Error {
  constructor(
    readonly pkg: string,
    message: string,
  ) {
    super(message);
    this.name = "NotBuiltError";
  }
}

const KIND_FLAGS: ReadonlyArray<readonly [ts.SymbolFlags, string]> = [
  [ts.SymbolFlags.Class, "class"],
  [ts.SymbolFlags.Interface, "interface"],
  [ts.SymbolFlags.TypeAlias, "type"],
  [ts.SymbolFlags.RegularEnum, "enum"],
  [ts.SymbolFlags.ConstEnum, "const enum"],
  [ts.SymbolFlags.Function, "function"],
  [ts.SymbolFlags.BlockScopedVariable, "const"],
  [ts.SymbolFlags.FunctionScopedVariable, "var"],
  [ts.SymbolFlags.ValueModule, "namespace"],
  [ts.SymbolFlags.NamespaceModule, "namespace"],
];

function kindOf(symbol: ts.Symbol): string {
  const kinds: string[] = [];
  for (const [flag, name] of KIND_FLAGS) {
    if (symbol.flags & flag && !kinds.includes(name)) kinds.push(name);
  }
  if (kinds.includes("const")) {
    const decl = symbol.declarations?.find(ts.isVariableDeclaration);
    const list = decl?.parent;
    if (list && ts.isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.Const)) {
      kinds[kinds.indexOf("const")] = "let";
    }
  }
  return kinds.length > 0 ? kinds.join(" + ") : "unknown";
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** A node printed by the compiler: normalized layout, no comments (JSDoc edits are not API changes). */
function nodeText(node: ts.Node): string {
  return printer
    .printNode(ts.EmitHint.Unspecified, node, node.getSourceFile())
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n");
}

/** A declaration's text without export/declare/default modifiers; a variable as `const name: Type;`. */
function declarationText(decl: ts.Declaration): string {
  if (ts.isVariableDeclaration(decl)) {
    const list = decl.parent;
    const keyword = ts.isVariableDeclarationList(list)
      ? list.flags & ts.NodeFlags.Const
        ? "const"
        : list.flags & ts.NodeFlags.Let
          ? "let"
          : "var"
      : "const";
    return `${keyword} ${nodeText(decl)};`;
  }
  return nodeText(decl).replace(/^(?:(?:export|declare|default)\s+)+/, "");
}

interface Owner {
  readonly own: boolean;
  /** The package name a declaration belongs to (for re-exports). */
  readonly name: string;
}

export interface ExtractOptions {
  /** Workspace packages, to name the source of re-exports by package name. */
  readonly workspace: readonly WorkspacePackage[];
}

/** The absolute path of a package's type entry (it may not exist yet). */
export function typeEntryPath(pkg: WorkspacePackage): string | undefined {
  return pkg.typesEntry
    ? `${pkg.path}${sep}${pkg.typesEntry.replace(/^\.\//, "").split("/").join(sep)}`
    : undefined;
}

/** One compiler program over the type entries of many packages (far cheaper than one program each). */
export function createSurfaceProgram(pkgs: readonly WorkspacePackage[]): ts.Program {
  const rootNames = pkgs.map(typeEntryPath).filter((p): p is string => p !== undefined && existsSync(p));
  return ts.createProgram({
    rootNames,
    options: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
  });
}

/** Reads the API surface of `pkg` from its built type entry. Throws NotBuiltError if it is missing. */
export function extractSurface(pkg: WorkspacePackage, options: ExtractOptions, shared?: ts.Program): Surface {
  const entry = typeEntryPath(pkg);
  if (!entry)
    throw new NotBuiltError(pkg.name, `${pkg.name} declares no type entry (exports["."].types or types)`);
  if (!existsSync(entry)) {
    throw new NotBuiltError(
      pkg.name,
      `${pkg.name}: ${relative(pkg.path, entry)} does not exist; build the package first`,
    );
  }
  const program = shared ?? createSurfaceProgram([pkg]);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(entry);
  if (!sf) throw new NotBuiltError(pkg.name, `${pkg.name}: cannot read ${entry}`);

  const unresolved = unresolvedImports(program, pkg);
  if (unresolved.length > 0) {
    throw new NotBuiltError(
      pkg.name,
      `${pkg.name}: cannot resolve ${unresolved.map((u) => JSON.stringify(u)).join(", ")} from its declarations; build ` +
        "those packages first",
    );
  }

  const pkgRoot = safeRealpath(pkg.path) + sep;
  const workspace = options.workspace.map((w) => ({ root: safeRealpath(w.path) + sep, name: w.name }));
  const ownerOf = (file: string): Owner => {
    const real = safeRealpath(file);
    if (real.startsWith(pkgRoot) && !real.slice(pkgRoot.length).split(sep).includes("node_modules")) {
      return { own: true, name: pkg.name };
    }
    const ws = workspace.find(
      (w) => real.startsWith(w.root) && !real.slice(w.root.length).split(sep).includes("node_modules"),
    );
    if (ws) return { own: false, name: ws.name };
    const nm = real.split(`${sep}node_modules${sep}`).pop() ?? real;
    const parts = nm.split(sep);
    if (real.includes(`${sep}node_modules${sep}`)) {
      const name = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? nm);
      return { own: false, name: name === "typescript" ? "(TypeScript lib)" : name };
    }
    return { own: false, name: relative(pkg.path, real) };
  };

  const moduleSymbol = checker.getSymbolAtLocation(sf);
  const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  const entries: SurfaceEntry[] = [];
  const exportedTargets = new Set<ts.Symbol>();
  const internalQueue: ts.Symbol[] = [];

  const resolveAlias = (s: ts.Symbol): ts.Symbol =>
    s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;

  for (const exp of exports) exportedTargets.add(resolveAlias(exp));

  const collectReferences = (node: ts.Node): void => {
    const visit = (n: ts.Node): void => {
      let target: ts.Node | undefined;
      if (ts.isTypeReferenceNode(n)) target = n.typeName;
      else if (ts.isExpressionWithTypeArguments(n)) target = n.expression;
      else if (ts.isTypeQueryNode(n)) target = n.exprName;
      else if (ts.isImportTypeNode(n)) target = n.qualifier;
      if (target) {
        const sym = checker.getSymbolAtLocation(ts.isQualifiedName(target) ? target.right : target);
        if (sym) {
          const real = resolveAlias(sym);
          const decl = real.declarations?.[0];
          if (
            decl &&
            !(real.flags & ts.SymbolFlags.TypeParameter) &&
            !exportedTargets.has(real) &&
            ownerOf(decl.getSourceFile().fileName).own &&
            !internalQueue.includes(real)
          ) {
            internalQueue.push(real);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  };

  for (const exp of [...exports].sort((x, y) => compareText(x.name, y.name))) {
    const target = resolveAlias(exp);
    const decls = [...(target.declarations ?? [])].sort(
      (x, y) => compareText(x.getSourceFile().fileName, y.getSourceFile().fileName) || x.pos - y.pos,
    );
    const first = decls[0];
    if (!first) {
      entries.push({
        section: "export",
        name: exp.name,
        kind: "unresolved",
        text: "(the export does not resolve)",
      });
      continue;
    }
    if (ts.isSourceFile(first)) {
      // `export * as ns from "..."`: a namespace object of another module.
      const owner = ownerOf(first.fileName);
      if (!owner.own) {
        entries.push({
          section: "reexport",
          name: exp.name,
          kind: "namespace",
          text: `export * as ${exp.name} from "${owner.name}";`,
        });
      } else {
        const members = checker
          .getExportsOfModule(target)
          .map((m) => m.name)
          .sort();
        entries.push({
          section: "export",
          name: exp.name,
          kind: "namespace",
          text: `namespace ${exp.name} { ${members.join(", ")} }`,
        });
      }
      continue;
    }
    const owner = ownerOf(first.getSourceFile().fileName);
    const kind = kindOf(target);
    if (!owner.own) {
      const spec = target.name === exp.name ? exp.name : `${target.name} as ${exp.name}`;
      const typeOnly = !(target.flags & ts.SymbolFlags.Value);
      entries.push({
        section: "reexport",
        name: exp.name,
        kind,
        text: `export ${typeOnly ? "type " : ""}{ ${spec} } from "${owner.name}";`,
      });
      continue;
    }
    const text = decls.map((d) => declarationText(d)).join("\n");
    entries.push({
      section: "export",
      name: exp.name,
      kind,
      text: target.name === exp.name ? text : `${text}\n// exported as ${exp.name}`,
    });
    for (const d of decls) collectReferences(d);
  }

  const internals: SurfaceEntry[] = [];
  for (let i = 0; i < internalQueue.length; i++) {
    const sym = internalQueue[i]!;
    const decls = [...(sym.declarations ?? [])].filter((d) => !ts.isSourceFile(d));
    if (decls.length === 0) continue;
    const file = relative(pkg.path, safeRealpath(decls[0]!.getSourceFile().fileName)).split(sep).join("/");
    internals.push({
      section: "internal",
      name: sym.name,
      kind: kindOf(sym),
      text: decls.map((d) => declarationText(d)).join("\n"),
      file,
    });
    for (const d of decls) collectReferences(d);
  }
  internals.sort((x, y) => compareText(x.name, y.name) || compareText(x.file ?? "", y.file ?? ""));

  const reexports = entries
    .filter((e) => e.section === "reexport")
    .sort((x, y) => compareText(x.name, y.name));
  const own = entries.filter((e) => e.section === "export");
  return {
    pkg: pkg.name,
    entry: relative(pkg.path, entry).split(sep).join("/"),
    entries: [...reexports, ...own, ...internals],
  };
}

/** Module specifiers in the package's own declaration files that do not resolve. */
function unresolvedImports(program: ts.Program, pkg: WorkspacePackage): string[] {
  const pkgRoot = safeRealpath(pkg.path) + sep;
  const out = new Set<string>();
  for (const sf of program.getSourceFiles()) {
    const real = safeRealpath(sf.fileName);
    if (!real.startsWith(pkgRoot) || real.slice(pkgRoot.length).split(sep).includes("node_modules")) continue;
    for (const stmt of sf.statements) {
      if (!ts.isImportDeclaration(stmt) && !ts.isExportDeclaration(stmt)) continue;
      const literal = stmt.moduleSpecifier;
      if (!literal || !ts.isStringLiteral(literal)) continue;
      const spec = literal.text;
      if (spec.startsWith("node:") || builtinModules.includes(spec)) continue;
      const mode = ts.getModeForUsageLocation(sf, literal, program.getCompilerOptions());
      const resolved = ts.resolveModuleName(
        spec,
        sf.fileName,
        program.getCompilerOptions(),
        ts.sys,
        undefined,
        undefined,
        mode,
      );
      if (!resolved.resolvedModule) out.add(spec);
    }
  }
  return [...out].sort();
}
