/**
 * XSD → precise TypeScript types (the types wsdl-tsclient cannot give: required vs optional, choices as
 * unions, numbers for integers, Apache Maps as objects).
 *
 * - built-ins: string / number / boolean;
 * - a named simpleType whose TS form is not plain `string` (an enumeration, an integer) is an exported alias
 *   (`ProfileID = number`, `InfoFieldKey = "info1" | …`); string types without enumeration are `string`;
 * - sequence → object type: minOccurs 0 → optional; maxOccurs > 1 → `T[]`, always present (`[]` when none);
 *   an empty sequence → `Record<string, never>`;
 * - choice → a union with one member required and the others `?: never` in each branch;
 * - Apache Map → `{ [K in Key]?: Value }`.
 */

import {
  type ComplexType,
  type ElementDecl,
  type QName,
  qnameKey,
  type SimpleType,
  type TypeRef,
  type XsdSchemaSet,
  type XsdType,
} from "@integrations/contract-model";
import { builtin } from "./xsd-builtins.js";
import { isApacheMap } from "./xsd-json-schema.js";
import {
  builtinName,
  isXsdName,
  lookupType,
  modelGroup,
  resolveTypeRef,
  simpleBase,
  simpleFacets,
} from "./xsd-subset.js";

export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** A JSDoc block (empty string for no text), indented. `*\/` in the text cannot close it. */
export function jsDoc(lines: readonly (string | undefined)[], indent = ""): string {
  const text = lines
    .filter((l): l is string => l !== undefined && l !== "")
    .map((l) => l.replace(/\*\//g, "*\\/"));
  if (text.length === 0) return "";
  if (text.length === 1 && text[0]!.length < 100) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((l) => `${indent} * ${l}\n`).join(`${indent} *\n`)}${indent} */\n`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const propertyKey = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const arrayOf = (t: string) => (IDENTIFIER.test(t) ? `${t}[]` : `Array<${t}>`);

export class XsdTypeScript {
  /** Named types that need a declaration, by `{ns}local`. */
  private readonly referenced = new Map<string, QName>();
  /** Property names typed by a named non-string simple type (wsdl-tsclient types those as string). */
  readonly numericRestrictedProperties = new Set<string>();

  constructor(
    private readonly set: XsdSchemaSet,
    private readonly nameOf: (name: QName) => string = (n) => pascalCase(n.local),
  ) {}

  /** Whether a named type gets its own declaration (otherwise its form is inlined). */
  isDeclared(name: QName): boolean {
    if (isXsdName(name)) return false;
    const type = lookupType(this.set, name);
    return type.kind === "complex" || this.simpleTs(type) !== "string";
  }

  typeName(name: QName): string {
    return this.nameOf(name);
  }

  /** The TS form of a type reference, recording the named declarations it needs. */
  ref(ref: TypeRef, indent = ""): string {
    if (ref.kind === "anonymous") return this.inline(ref.type, indent);
    const builtinType = builtinName(ref, "type reference");
    if (builtinType) return builtin(builtinType).ts;
    const name = (ref as { name: QName }).name;
    const type = lookupType(this.set, name);
    if (!this.isDeclared(name)) return this.inline(type, indent);
    this.referenced.set(qnameKey(name), name);
    return this.nameOf(name);
  }

  /** The inline TS form of a type (what a declaration's right-hand side is). */
  inline(type: XsdType, indent = ""): string {
    return type.kind === "simple" ? this.simpleTs(type) : this.complexTs(type, indent);
  }

  private simpleTs(type: SimpleType): string {
    const base = builtin(simpleBase(type));
    const values = simpleFacets(type).enumeration;
    if (!values) return base.ts;
    if (base.ts === "string") return values.map((v) => JSON.stringify(v)).join(" | ");
    if (base.ts === "boolean")
      return [...new Set(values.map((v) => String(v.trim() === "true" || v.trim() === "1")))].join(" | ");
    return values.map((v) => String(Number(v.trim()))).join(" | ");
  }

  private complexTs(type: ComplexType, indent: string): string {
    if (isApacheMap(type)) return this.mapTs(type);
    const { group, elements } = modelGroup(type);
    if (elements.length === 0) return "Record<string, never>";
    if (group === "sequence") return this.objectTs(elements, indent);
    const branches = elements.map((member) => {
      const fields = elements.map((other) =>
        other === member
          ? this.property(other, `${indent}      `, true)
          : `${indent}      ${propertyKey(other.name)}?: never;\n`,
      );
      return `${indent}  | {\n${fields.join("")}${indent}    }`;
    });
    return `\n${branches.join("\n")}`;
  }

  /** `{ … }` with one line per element. */
  objectTs(elements: readonly ElementDecl[], indent: string): string {
    return `{\n${elements.map((e) => this.property(e, `${indent}  `)).join("")}${indent}}`;
  }

  private property(e: ElementDecl, indent: string, forceRequired = false): string {
    const type = resolveTypeRef(this.set, e.type);
    if (
      type?.kind === "simple" &&
      type.name &&
      e.type.kind === "named" &&
      builtin(simpleBase(type)).ts !== "string"
    ) {
      this.numericRestrictedProperties.add(e.name);
    }
    let ts = this.ref(e.type, indent);
    const repeated = e.maxOccurs > 1;
    if (repeated) ts = arrayOf(ts);
    const optional = !forceRequired && !repeated && e.minOccurs === 0;
    const doc = jsDoc(
      [
        e.documentation,
        e.typeAttr
          ? `XSD type \`${e.typeAttr}\`${repeated ? ", repeated (`[]` when absent)" : ""}.`
          : undefined,
      ],
      indent,
    );
    return `${doc}${indent}${propertyKey(e.name)}${optional ? "?" : ""}: ${ts};\n`;
  }

  private mapTs(type: ComplexType): string {
    const item = modelGroup(type).elements[0];
    const itemType = item ? resolveTypeRef(this.set, item.type) : undefined;
    const itemElements = itemType?.kind === "complex" ? modelGroup(itemType).elements : [];
    const key = itemElements.find((e) => e.name === "key");
    const value = itemElements.find((e) => e.name === "value");
    if (!key || !value) throw new Error(`${type.name?.local ?? "Map"}: a Map item needs <key> and <value>`);
    const keyTs = this.ref(key.type);
    const valueTs = this.ref(value.type);
    return keyTs === "string" ? `Record<string, ${valueTs}>` : `{ [K in ${keyTs}]?: ${valueTs} }`;
  }

  /** `export type X = …;` / `export interface X {…}` for a named type. */
  declaration(name: QName, doc?: string): string {
    const type = lookupType(this.set, name);
    return this.declare(this.nameOf(name), type, doc ?? type.documentation);
  }

  declare(tsName: string, type: XsdType, doc: string | undefined): string {
    const comment = jsDoc([doc]);
    const content = type.kind === "complex" && !isApacheMap(type) ? modelGroup(type) : undefined;
    if (content && content.group === "sequence" && content.elements.length > 0) {
      return `${comment}export interface ${tsName} ${this.objectTs(content.elements, "")}\n`;
    }
    const rhs = this.inline(type);
    return `${comment}export type ${tsName} =${rhs.startsWith("\n") ? "" : " "}${rhs};\n`;
  }

  /** Every declaration the emitted types need, transitively, in contract (document) order. */
  referencedDeclarations(alreadyDeclared: ReadonlySet<string> = new Set()): string[] {
    const declarations = new Map<string, string>();
    for (;;) {
      const next = [...this.referenced.keys()].find((k) => !declarations.has(k) && !alreadyDeclared.has(k));
      if (next === undefined) break;
      declarations.set(next, this.declaration(this.referenced.get(next)!));
    }
    return [...this.set.types.keys()].filter((k) => declarations.has(k)).map((k) => declarations.get(k)!);
  }
}
