/**
 * The schema nodes of one generated module, interned: two subschemas that assert the same thing (the same
 * keywords, with `$ref`s resolved and annotations ignored) share one pair of generated functions, so the
 * copies of a definition in several standalone schemas are generated once. Interning also checks every
 * node's keywords and refuses a recursive `$ref`: without one, the validators recurse only as deep as the
 * schema is, whatever the depth of the value.
 */
import {
  ANNOTATIONS,
  checkKeywords,
  child,
  isSchemaObject,
  type Json,
  type JsonType,
  type Located,
  resolveRef,
  typeList,
} from "./schema.js";

/** The JSON kind of a value: "integer" is an integral number, "number" any other number. */
export type Kind = JsonType;
const ALL_KINDS: readonly Kind[] = ["null", "boolean", "object", "array", "string", "integer", "number"];

export interface InternedNode {
  readonly id: number;
  /** The first place this node was found. */
  readonly node: Located;
}

export class NodeTable {
  readonly nodes: InternedNode[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly normal = new WeakMap<object, Json>();
  private readonly kindMemo = new WeakMap<object, ReadonlySet<Kind>>();

  /** The id of the functions that validate `node`. */
  id(node: Located): number {
    // A bare reference (`{ "$ref": … }` plus annotations) is its target: no function of its own.
    checkKeywords(node);
    if (
      node.schema.$ref !== undefined &&
      Object.keys(node.schema).every((k) => k === "$ref" || ANNOTATIONS.has(k))
    ) {
      return this.id(resolveRef(node));
    }
    const key = JSON.stringify(this.normalise(node, []));
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.byKey.set(key, id);
      this.nodes.push({ id, node });
    }
    return id;
  }

  /** The kinds of value `node` can accept (a superset: used only to pick the alternative a value meant). */
  kinds(node: Located): ReadonlySet<Kind> {
    const memo = this.kindMemo.get(node.schema);
    if (memo) return memo;
    const { schema } = node;
    let kinds = new Set<Kind>(ALL_KINDS);
    const keep = (allowed: Iterable<Kind>) => {
      const set = new Set(allowed);
      kinds = new Set([...kinds].filter((k) => set.has(k)));
    };
    const types = typeList(schema);
    if (types) keep(types.flatMap((t): Kind[] => (t === "number" ? ["number", "integer"] : [t])));
    if ("const" in schema) keep([kindOfValue(schema.const!)]);
    if (Array.isArray(schema.enum)) keep((schema.enum as Json[]).map(kindOfValue));
    if (schema.$ref !== undefined) keep(this.kinds(resolveRef(node)));
    for (const [i, sub] of subschemas(schema.allOf)) keep(this.kinds(child(node, sub, "allOf", i)));
    for (const keyword of ["anyOf", "oneOf"] as const) {
      if (schema[keyword] === undefined) continue;
      const union = new Set<Kind>();
      for (const [i, sub] of subschemas(schema[keyword])) {
        for (const k of this.kinds(child(node, sub, keyword, i))) union.add(k);
      }
      keep(union);
    }
    this.kindMemo.set(node.schema, kinds);
    return kinds;
  }

  /** The node as a value that says only what it asserts: keys sorted, annotations dropped, refs inlined. */
  private normalise(node: Located, refs: readonly string[]): Json {
    const memo = this.normal.get(node.schema);
    if (memo !== undefined) return memo;
    checkKeywords(node);
    const { schema } = node;
    const out: Record<string, Json> = {};
    for (const key of Object.keys(schema).sort()) {
      if (ANNOTATIONS.has(key) || key === "$defs") continue;
      const value = schema[key]!;
      switch (key) {
        case "$ref": {
          const target = resolveRef(node);
          if (refs.includes(target.where)) {
            throw new Error(
              `${node.where}: recursive $ref ${String(value)} is not supported (a value could nest without limit)`,
            );
          }
          out[key] = this.normalise(target, [...refs, target.where]);
          break;
        }
        case "properties": {
          const properties: Record<string, Json> = {};
          for (const name of Object.keys(value as object).sort()) {
            const sub = (value as Record<string, Json>)[name]!;
            if (!isSchemaObject(sub)) throw new Error(`${node.where}: property ${name} is not a schema`);
            properties[name] = this.normalise(child(node, sub, "properties", name), refs);
          }
          out[key] = properties;
          break;
        }
        case "items":
        case "propertyNames":
        case "additionalProperties":
          out[key] = isSchemaObject(value) ? this.normalise(child(node, value, key), refs) : value;
          break;
        case "allOf":
        case "anyOf":
        case "oneOf":
          out[key] = [...subschemas(value)].map(([i, sub]) => this.normalise(child(node, sub, key, i), refs));
          break;
        default:
          out[key] = value;
      }
    }
    this.normal.set(node.schema, out);
    return out;
  }
}

export function* subschemas(list: Json | undefined): Generator<[number, { readonly [key: string]: Json }]> {
  if (!Array.isArray(list)) return;
  for (const [i, sub] of list.entries()) if (isSchemaObject(sub)) yield [i, sub];
}

export function kindOfValue(value: Json): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as Kind;
}
