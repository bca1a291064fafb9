/**
 * The generated code of one schema node: `is<N>(x)`, a plain boolean test with ajv's semantics (the valid
 * path: no allocation, no messages), and `check<N>(x, path, sink)`, run only on the invalid path, which
 * reports the issues for people. Each keyword's test appears in both, written by the same function here, so
 * the two cannot drift; and `check` ends with a catch-all, so an invalid value always gets an issue.
 */
import { constWords, describe } from "./describe.js";
import { type Kind, type NodeTable, subschemas } from "./node-table.js";
import { patternWords } from "./pattern-words.js";
import {
  child,
  type Json,
  type JsonType,
  type Located,
  resolveRef,
  type SchemaObject,
  typeList,
} from "./schema.js";
import { enumWords, listOr, plural, typeNoun } from "./words.js";

export interface SourceContext {
  readonly table: NodeTable;
  /** The module-level RegExp constant for a pattern. */
  pattern(pattern: string): string;
  /** The module-level Set constant for a list of property names. */
  keySet(names: readonly string[]): string;
}

const lit = (value: Json | undefined): string => JSON.stringify(value);

const TYPE_TESTS: Readonly<Record<JsonType, string>> = {
  null: "x === null",
  boolean: 'typeof x === "boolean"',
  object: "isObject(x)",
  array: "isList(x)",
  string: 'typeof x === "string"',
  number: 'typeof x === "number"',
  integer: "isInteger(x)",
};

/** A required-member alternative: `{ required: [name] }`, maybe with `properties: { name: … }` only. */
function memberOf(schema: SchemaObject): string | undefined {
  const keys = Object.keys(schema).filter((k) => k !== "description");
  if (!keys.includes("required") || !keys.every((k) => k === "required" || k === "properties"))
    return undefined;
  const required = schema.required as string[];
  if (required.length !== 1) return undefined;
  const name = required[0]!;
  const properties = schema.properties as Record<string, Json> | undefined;
  if (properties && Object.keys(properties).some((k) => k !== name)) return undefined;
  return name;
}

class NodeSource {
  private readonly schema: SchemaObject;
  private readonly types: JsonType[] | undefined;

  constructor(
    private readonly ctx: SourceContext,
    private readonly node: Located,
  ) {
    this.schema = node.schema;
    this.types = typeList(node.schema);
  }

  private fn(sub: Located): number {
    return this.ctx.table.id(sub);
  }

  /** When `type` is exactly this one type, the type test has narrowed `x` already and no guard is needed. */
  private guard(type: "string" | "number" | "object" | "array"): string {
    const t = this.types;
    if (t?.length === 1 && (t[0] === type || (type === "number" && t[0] === "integer"))) return "";
    const test = type === "number" ? 'typeof x === "number"' : TYPE_TESTS[type];
    return `${test} && `;
  }

  private typeTest(): string | undefined {
    return this.types ? this.types.map((t) => TYPE_TESTS[t]).join(" || ") : undefined;
  }

  /** The tests on `x` itself, in reporting order: [condition that fails, rule, message expression]. */
  private ownChecks(): [string, string, string][] {
    const s = this.schema;
    const checks: [string, string, string][] = [];
    if (Array.isArray(s.enum)) {
      const values = s.enum as Json[];
      checks.push([
        `!(${values.map((v) => `x === ${lit(v)}`).join(" || ")})`,
        "enum",
        lit(`must be ${enumWords(values)}`),
      ]);
    }
    if ("const" in s) checks.push([`x !== ${lit(s.const)}`, "const", lit(`must be ${constWords(s.const!)}`)]);
    const str = this.guard("string");
    const min = s.minLength as number | undefined;
    const max = s.maxLength as number | undefined;
    const exactly = min !== undefined && min === max;
    if (min !== undefined && min > 0) {
      const message =
        min === 1 && !exactly
          ? lit("must not be empty")
          : `${lit(`must be ${exactly ? "exactly" : "at least"} ${plural(min, "character")} (got `)} + codePoints(x) + ")"`;
      // Code points ≤ UTF-16 units ≤ 2 × code points: count only when the cheap bound cannot decide.
      checks.push([`${str}x.length < ${2 * min} && codePoints(x) < ${min}`, "minLength", message]);
    }
    if (max !== undefined) {
      checks.push([
        `${str}x.length > ${max} && codePoints(x) > ${max}`,
        "maxLength",
        `${lit(`must be ${exactly ? "exactly" : "at most"} ${plural(max, "character")} (got `)} + codePoints(x) + ")"`,
      ]);
    }
    if (typeof s.pattern === "string") {
      const words = patternWords(s.pattern) ?? `match the pattern ${s.pattern}`;
      checks.push([`${str}!${this.ctx.pattern(s.pattern)}.test(x)`, "pattern", lit(`must ${words}`)]);
    }
    const num = this.guard("number");
    if (typeof s.minimum === "number")
      checks.push([`${num}!(x >= ${s.minimum})`, "minimum", lit(`must be at least ${s.minimum}`)]);
    if (typeof s.maximum === "number")
      checks.push([`${num}!(x <= ${s.maximum})`, "maximum", lit(`must be at most ${s.maximum}`)]);
    if (typeof s.maxProperties === "number") {
      const n = s.maxProperties;
      checks.push([
        `${this.guard("object")}Object.keys(x).length > ${n}`,
        "maxProperties",
        `${lit(`must have at most ${plural(n, "entry", "entries")} (got `)} + Object.keys(x).length + ")"`,
      ]);
    }
    return checks;
  }

  private knownKey(): string | undefined {
    const properties = this.schema.properties as Record<string, Json> | undefined;
    const names = properties ? Object.keys(properties) : [];
    if (names.length === 0) return undefined;
    if (names.length > 8) return `${this.ctx.keySet(names)}.has(k)`;
    return names.map((n) => `k === ${lit(n)}`).join(" || ");
  }

  private hasObjectKeywords(): boolean {
    const s = this.schema;
    return ["properties", "required", "additionalProperties", "propertyNames"].some(
      (k) => s[k] !== undefined,
    );
  }

  private properties(): [string, number][] {
    const properties = (this.schema.properties ?? {}) as Record<string, SchemaObject>;
    return Object.entries(properties).map(([name, sub]) => [
      name,
      this.fn(child(this.node, sub, "properties", name)),
    ]);
  }

  private sub(keyword: "items" | "propertyNames" | "additionalProperties"): number | undefined {
    const sub = this.schema[keyword];
    return sub !== null && typeof sub === "object" && !Array.isArray(sub)
      ? this.fn(child(this.node, sub as SchemaObject, keyword))
      : undefined;
  }

  private branches(keyword: "allOf" | "anyOf" | "oneOf"): { id: number; node: Located }[] {
    return [...subschemas(this.schema[keyword])].map(([i, sub]) => {
      const node = child(this.node, sub, keyword, i);
      return { id: this.fn(node), node };
    });
  }

  isSource(id: number): string {
    const s = this.schema;
    const body: string[] = [];
    const type = this.typeTest();
    if (type) body.push(`if (!(${type})) return false;`);
    for (const [fails] of this.ownChecks()) body.push(`if (${fails}) return false;`);
    if (this.hasObjectKeywords()) {
      const inner: string[] = [];
      const required = (s.required as string[] | undefined) ?? [];
      if (required.length > 0)
        inner.push(`if (${required.map((n) => `x[${lit(n)}] === undefined`).join(" || ")}) return false;`);
      for (const [name, fn] of this.properties()) {
        inner.push(`v = x[${lit(name)}];`, `if (v !== undefined && !is${fn}(v)) return false;`);
      }
      const names = this.sub("propertyNames");
      const additional = s.additionalProperties === false ? false : this.sub("additionalProperties");
      if (names !== undefined || additional !== undefined) {
        const known = additional === undefined ? undefined : this.knownKey();
        inner.push("for (const k in x) {");
        if (names !== undefined) inner.push(`  if (!is${names}(k)) return false;`);
        if (additional === false) inner.push(`  if (!(${known ?? "false"})) return false;`);
        else if (additional !== undefined) {
          inner.push(`  if (${known ? `!(${known}) && ` : ""}!is${additional}(x[k])) return false;`);
        }
        inner.push("}");
      }
      if (this.properties().length > 0) inner.unshift("let v: unknown;");
      body.push(...block(this.guard("object"), "isObject(x)", inner));
    }
    const items = this.sub("items");
    if (items !== undefined) {
      body.push(
        ...block(this.guard("array"), "isList(x)", [
          `for (let i = 0; i < x.length; i++) if (!is${items}(x[i])) return false;`,
        ]),
      );
    }
    if (s.$ref !== undefined) body.push(`if (!is${this.fn(resolveRef(this.node))}(x)) return false;`);
    for (const b of this.branches("allOf")) body.push(`if (!is${b.id}(x)) return false;`);
    const anyOf = this.branches("anyOf");
    if (anyOf.length > 0) body.push(`if (!(${anyOf.map((b) => `is${b.id}(x)`).join(" || ")})) return false;`);
    const oneOf = this.branches("oneOf");
    if (oneOf.length > 0)
      body.push(`if (${oneOf.map((b) => `(is${b.id}(x) ? 1 : 0)`).join(" + ")} !== 1) return false;`);
    body.push("return true;");
    return `function is${id}(x: unknown): boolean {\n${indent(body)}\n}`;
  }

  checkSource(id: number): string {
    const s = this.schema;
    const body: string[] = [`if (is${id}(x)) return;`, "const failures = s.failures;"];
    const type = this.typeTest();
    if (type) {
      const message = `must be ${listOr(this.types!.map(typeNoun))}`;
      body.push(`if (!(${type})) {`, `  fail(s, p, "type", ${lit(message)});`, "  return;", "}");
    }
    this.ownChecks().forEach(([fails, rule, message], i) => {
      body.push(`${i === 0 ? "" : "else "}if (${fails}) fail(s, p, ${lit(rule)}, ${message});`);
    });
    if (this.hasObjectKeywords()) {
      const inner: string[] = [];
      for (const name of (s.required as string[] | undefined) ?? []) {
        inner.push(
          `if (x[${lit(name)}] === undefined) fail(s, at(p, ${lit(name)}), "required", "is required");`,
        );
      }
      for (const [name, fn] of this.properties()) {
        inner.push(`if (x[${lit(name)}] !== undefined) check${fn}(x[${lit(name)}], at(p, ${lit(name)}), s);`);
      }
      const names = this.sub("propertyNames");
      const additional = s.additionalProperties === false ? false : this.sub("additionalProperties");
      if (names !== undefined || additional !== undefined) {
        const known = additional === undefined ? undefined : this.knownKey();
        inner.push("for (const k in x) {");
        if (names !== undefined) {
          inner.push(
            `  if (!is${names}(k)) {`,
            `    fail(s, at(p, k), "propertyNames", "is not an allowed key: a key " + firstMessage(k, check${names}));`,
            "    continue;",
            "  }",
          );
        }
        if (additional === false) {
          inner.push(
            `  if (!(${known ?? "false"})) fail(s, at(p, k), "additionalProperties", "is not allowed here");`,
          );
        } else if (additional !== undefined) {
          inner.push(`  if (${known ? `!(${known})` : "true"}) check${additional}(x[k], at(p, k), s);`);
        }
        inner.push("}");
      }
      body.push(...block(this.guard("object"), "isObject(x)", inner));
    }
    const items = this.sub("items");
    if (items !== undefined) {
      body.push(
        ...block(this.guard("array"), "isList(x)", [
          `for (let i = 0; i < x.length; i++) check${items}(x[i], at(p, i), s);`,
        ]),
      );
    }
    if (s.$ref !== undefined) body.push(`check${this.fn(resolveRef(this.node))}(x, p, s);`);
    for (const b of this.branches("allOf")) body.push(`check${b.id}(x, p, s);`);
    body.push(...this.alternatives("anyOf"), ...this.alternatives("oneOf"));
    body.push(`if (s.failures === failures) fail(s, p, "schema", "does not match the contract");`);
    return `function check${id}(x: unknown, p: string, s: Sink): void {\n${indent(body)}\n}`;
  }

  /** anyOf / oneOf: one issue for the value, or the issues of the one alternative its kind points to. */
  private alternatives(keyword: "anyOf" | "oneOf"): string[] {
    const branches = this.branches(keyword);
    if (branches.length === 0) return [];
    const rule = lit(keyword);
    const members = branches.map((b) => memberOf(b.node.schema));
    const tests = branches.map((b) => `is${b.id}(x)`);
    if (members.every((m) => m !== undefined)) return this.members(keyword, members as string[], tests);
    const out: string[] = [];
    const alternatives = listOr(branches.map((b) => describe(b.node)));
    const noneMatches = this.noneMatches(keyword, branches, `must be ${alternatives}`);
    if (keyword === "anyOf") {
      out.push(`if (!(${tests.join(" || ")})) {`, ...noneMatches.map((l) => `  ${l}`), "}");
    } else {
      out.push("{", `  const n = ${tests.map((t) => `(${t} ? 1 : 0)`).join(" + ")};`);
      out.push("  if (n === 0) {", ...noneMatches.map((l) => `    ${l}`), "  }");
      out.push(
        `  else if (n > 1) fail(s, p, ${rule}, ${lit(`must be only one of ${alternatives} (it is `)} + n + ")");`,
        "}",
      );
    }
    return out;
  }

  /** No alternative matches: a container goes to the one alternative for its kind (its issues are the
   * useful ones: which field of that object is wrong); anything else is one issue listing the choices. */
  private noneMatches(keyword: string, branches: { id: number; node: Located }[], message: string): string[] {
    const lines: string[] = [];
    for (const kind of ["object", "array"] as const satisfies readonly Kind[]) {
      const fits = branches.filter((b) => this.ctx.table.kinds(b.node).has(kind));
      if (fits.length === 1)
        lines.push(
          `${lines.length === 0 ? "" : "else "}if (kindOf(x) === ${lit(kind)}) check${fits[0]!.id}(x, p, s);`,
        );
    }
    lines.push(`${lines.length === 0 ? "" : "else "}fail(s, p, ${lit(keyword)}, ${lit(message)});`);
    return lines;
  }

  /** Alternatives that each require one member: "give exactly one of A, B, C (got A and C)". */
  private members(keyword: "anyOf" | "oneOf", names: string[], tests: string[]): string[] {
    const rule = lit(keyword);
    const list = names.join(", ");
    const quantity = keyword === "anyOf" ? "at least" : "exactly";
    // A member given with a value of the wrong kind already has its own issue: it was given, so asking for
    // it again would only repeat that issue in other words.
    const explained = names
      .map((n) => `(x[${lit(n)}] !== undefined && s.fields.has(at(p, ${lit(n)})))`)
      .join(" || ");
    // Alternatives of `required` alone accept any non-object: unless `type` already demands an object, say so.
    const notObject =
      this.guard("object") === ""
        ? undefined
        : `fail(s, p, ${rule}, ${lit(`must be an object with ${quantity} one of ${list}`)});`;
    const first = (rest: string) =>
      notObject ? `if (!isObject(x)) ${notObject}\n${rest.replace(/^/, "else ")}` : rest;
    if (keyword === "anyOf") {
      return [
        `if (!(${tests.join(" || ")})) {`,
        ...first(`if (${explained}) s.failures++;`)
          .split("\n")
          .map((l) => `  ${l}`),
        `  else fail(s, p, ${rule}, ${lit(`give at least one of ${list}`)});`,
        "}",
      ];
    }
    return [
      "{",
      "  const got: string[] = [];",
      ...names.map((n, i) => `  if (${tests[i]}) got.push(${lit(n)});`),
      "  if (got.length !== 1) {",
      ...first(`if (got.length === 0 && (${explained})) s.failures++;`)
        .split("\n")
        .map((l) => `    ${l}`),
      `    else fail(s, p, ${rule}, ${lit(`give exactly one of ${list} (got `)} + (got.length === 0 ? "none" : listAnd(got)) + ")");`,
      "  }",
      "}",
    ];
  }
}

/** `if (test) { lines }`, or just the lines when `guard` is "" (x is narrowed already). */
function block(guard: string, test: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  if (guard === "") return lines;
  return [`if (${test}) {`, ...lines.map((l) => `  ${l}`), "}"];
}

function indent(lines: string[]): string {
  return lines.map((l) => `  ${l}`).join("\n");
}

/** Both functions of one interned node, with the place it came from. */
export function nodeSource(ctx: SourceContext, id: number, node: Located): string {
  const source = new NodeSource(ctx, node);
  const where = JSON.stringify(node.where).slice(1, -1);
  return `// ${where}\n${source.isSource(id)}\n\n${source.checkSource(id)}\n`;
}
