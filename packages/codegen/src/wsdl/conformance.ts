/**
 * Compile-time conformance of the precise types with wsdl-tsclient's definitions, emitted into messages.ts:
 * the same property names in both directions (so a renamed or missing part/element fails `tsc`), and the
 * precise type assignable to wsdl-tsclient's. wsdl-tsclient 1.7.1 types every restricted simple type as
 * `string` (it reads `profileID|xsd:integer|…` as a type name); the properties listed in
 * `RestrictedAsString` are numbers in the precise types, so there a number is accepted too.
 */

export interface ConformancePair {
  /** The precise type's name. */
  readonly precise: string;
  /** wsdl-tsclient's interface name, or undefined when it emits none (headers, faults). */
  readonly raw: string | undefined;
}

/** wsdl-tsclient's names can equal the precise ones (`Key`), so its types are imported under a prefix. */
const rawAlias = (name: string) => `WsdlTsclient${name}`;

export function conformanceBlock(
  pairs: readonly ConformancePair[],
  restrictedAsString: ReadonlySet<string>,
): { imports: string; body: string } {
  const checked = pairs.filter((p) => p.raw !== undefined);
  const unchecked = pairs.filter((p) => p.raw === undefined).map((p) => p.precise);
  const imports = checked
    .map((p) => `import type { ${p.raw} as ${rawAlias(p.raw!)} } from "./wsdl-tsclient/${p.raw}.js";\n`)
    .sort()
    .join("");
  const restricted = [...restrictedAsString].sort().map((n) => JSON.stringify(n));
  let out =
    "// ---- Conformance with wsdl-tsclient's definitions (compile-time only, nothing is exported) ----\n\n";
  out += "type KeysOf<T> = T extends unknown ? keyof T : never;\n";
  out += "/** Index signatures (`Record<string, never>`) carry no property names. */\n";
  out += "type NamedKeys<K> = K extends string ? (string extends K ? never : K) : K;\n";
  out +=
    "/** Properties typed by a restricted non-string simple type: wsdl-tsclient says `string` for them. */\n";
  out += `type RestrictedAsString = ${restricted.length > 0 ? restricted.join(" | ") : "never"};\n`;
  out += "type Loose<T> = 0 extends 1 & T\n";
  out += "  ? T\n";
  out += "  : T extends readonly (infer E)[]\n";
  out += "    ? Loose<E>[]\n";
  out += "    : T extends object\n";
  out += "      ? { [K in keyof T]: K extends RestrictedAsString ? T[K] | number : Loose<T[K]> }\n";
  out += "      : T;\n";
  out += "type Conforms<Precise, Raw> = [\n";
  out += "  Exclude<NamedKeys<KeysOf<Precise>>, keyof Raw>,\n";
  out += "  Exclude<keyof Raw, KeysOf<Precise>>,\n";
  out += "] extends [never, never]\n";
  out += "  ? [Precise] extends [Loose<Raw>]\n";
  out += '    ? true\n    : "property types differ from wsdl-tsclient"\n';
  out += '  : "property names differ from wsdl-tsclient";\n';
  out += "type Assert<T extends true> = T;\n\n";
  for (const p of checked)
    out += `type _${p.precise} = Assert<Conforms<${p.precise}, ${rawAlias(p.raw!)}>>;\n`;
  if (unchecked.length > 0) out += `// wsdl-tsclient emits no definition for: ${unchecked.join(", ")}.\n`;
  return { imports, body: out };
}
