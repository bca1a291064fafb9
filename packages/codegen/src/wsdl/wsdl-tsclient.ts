/**
 * wsdl-tsclient 1.7.1 as a codegen step: `wsdl-tsclient <wsdl> -o <tmp> --emitDefinitionsOnly --esm` through
 * its JS API, keeping only the definition files (its `index.ts` re-exports interfaces as values, which breaks
 * `isolatedModules`). Its types are loose (every field optional, choices flattened, no header or fault types,
 * every restricted simple type typed `string`); they are kept as an internal cross-check of the precise types.
 *
 * The one change to its output: `import { X }` becomes `import type { X }` (definition files only import
 * interfaces, and `verbatimModuleSyntax` rejects a value import of a type).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseAndGenerate } from "wsdl-tsclient";

export interface WsdlTsclientDefinitions {
  /** Output file name (`EswsSyncMocaRequest.ts`) → content, sorted by name. */
  readonly files: ReadonlyMap<string, string>;
  /** WSDL source name (message or element name, from the leading doc comment) → interface name. */
  readonly interfaceBySourceName: ReadonlyMap<string, string>;
}

export async function runWsdlTsclient(wsdlPath: string): Promise<WsdlTsclientDefinitions> {
  const tmp = mkdtempSync(join(tmpdir(), "wsdl-tsclient-"));
  try {
    await parseAndGenerate(wsdlPath, tmp, { emitDefinitionsOnly: true, esm: true, quiet: true });
    const definitionDirs = readdirSync(tmp, { recursive: true, encoding: "utf8" })
      .filter((p) => basename(p) === "definitions")
      .sort();
    if (definitionDirs.length !== 1) {
      throw new Error(`wsdl-tsclient: expected one definitions folder, found ${definitionDirs.length}`);
    }
    const dir = join(tmp, definitionDirs[0]!);
    const files = new Map<string, string>();
    const interfaceBySourceName = new Map<string, string>();
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(".ts")) continue;
      const text = readFileSync(join(dir, name), "utf8").replace(/^import \{/gm, "import type {");
      files.set(name, text);
      const declared = /^\/\*\*\s*\n?\s*\*?\s*([^\n*]+?)\s*(?:\*\/|\n)[\s\S]*?^export interface (\w+)/m.exec(
        text,
      );
      if (!declared) throw new Error(`wsdl-tsclient: cannot read the interface of ${name}`);
      const [, sourceName, interfaceName] = declared;
      if (interfaceBySourceName.has(sourceName!)) {
        throw new Error(`wsdl-tsclient: two definitions for ${sourceName} (${name})`);
      }
      interfaceBySourceName.set(sourceName!, interfaceName!);
    }
    return { files, interfaceBySourceName };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
