/**
 * Test support: values for a JSON Schema, guided by it (mostly close to valid: the right keys, lengths around
 * each limit, numbers around each bound, strings from each pattern) with a wrong value injected now and then
 * at any depth, so that a run covers both sides of every rule.
 */
import fc from "fast-check";
import type { Json, SchemaObject } from "../schema.js";

const WRONG: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    1.5,
    Number.NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    "",
  ),
  fc.constantFrom<unknown>(undefined, {}, [], "a", "0", "info1", " ", "\u{1F600}"),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Characters that make code points and UTF-16 units differ, and the Latin-1 edge. */
const UNITS = fc.constantFrom("a", "Z", "0", "9", "-", " ", "\t", "ÿ", "Ł", "\u{1F600}", "\uD800", "é", "_");

type Entry = readonly [string, unknown] | undefined;

interface Context {
  readonly root: SchemaObject;
  readonly depth: number;
  /** Stay inside every limit (values that are mostly valid), or cross them now and then. */
  readonly inside: boolean;
}

/** Half of the values aim at valid, half cross the limits and inject wrong values. */
export function arbitraryFor(schema: SchemaObject): fc.Arbitrary<unknown> {
  return fc.oneof(
    withWrong(schema, { root: schema, depth: 0, inside: true }),
    withWrong(schema, { root: schema, depth: 0, inside: false }),
  );
}

function withWrong(schema: SchemaObject, ctx: Context): fc.Arbitrary<unknown> {
  if (ctx.depth > 8) return WRONG;
  if (ctx.inside) return guided(schema, ctx);
  return fc.oneof({ weight: 14, arbitrary: guided(schema, ctx) }, { weight: 1, arbitrary: WRONG });
}

function resolve(schema: SchemaObject, root: SchemaObject): SchemaObject {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const target = (root.$defs as Record<string, SchemaObject>)[ref.slice("#/$defs/".length)]!;
  const { $ref: _ref, ...own } = schema;
  return { ...resolve(target, root), ...own };
}

function guided(raw: SchemaObject, ctx: Context): fc.Arbitrary<unknown> {
  const schema = resolve(raw, ctx.root);
  const next: Context = { ...ctx, depth: ctx.depth + 1 };
  const options: fc.Arbitrary<unknown>[] = [];
  if ("const" in schema) options.push(fc.constant(schema.const));
  if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...(schema.enum as Json[])));
  if (ctx.inside && options.length > 0) return fc.oneof(...options);
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const branches = schema[keyword] as SchemaObject[] | undefined;
    // Branches without a type only restrict the object around them: generate that object, not the branch.
    if (branches?.every((b) => b.type !== undefined || b.$ref !== undefined || b.const !== undefined)) {
      options.push(...branches.map((b) => guided(b, next)));
    }
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const type of types) options.push(typed(type as string, schema, next));
  if (options.length === 0 && (schema.properties || schema.required))
    options.push(typed("object", schema, next));
  if (options.length === 0) options.push(WRONG);
  return fc.oneof(...options);
}

function typed(type: string, schema: SchemaObject, ctx: Context): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return stringFor(schema, ctx.inside);
    case "integer":
    case "number":
      return numberFor(type, schema, ctx.inside);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = schema.items as SchemaObject | undefined;
      return fc.array(items ? withWrong(items, ctx) : WRONG, { maxLength: 4 });
    }
    case "object":
      return objectFor(schema, ctx);
    default:
      return WRONG;
  }
}

function stringFor(schema: SchemaObject, inside: boolean): fc.Arbitrary<unknown> {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = schema.maxLength as number | undefined;
  if (inside) {
    const length = (s: string) => [...s].length;
    const base =
      typeof schema.pattern === "string"
        ? fc.stringMatching(new RegExp(schema.pattern, "u"))
        : fc.string({
            unit: fc.constantFrom("a", "Z", "0", "-", "é", "\u{1F600}"),
            minLength: min,
            maxLength: max ?? min + 8,
          });
    return base.filter((s) => length(s) >= min && (max === undefined || length(s) <= max));
  }
  const options: fc.Arbitrary<unknown>[] = [
    fc.string({ unit: UNITS, minLength: Math.max(0, min - 1), maxLength: min + 3 }),
    fc.string({ unit: "binary", maxLength: 6 }),
  ];
  if (max !== undefined) {
    options.push(fc.string({ unit: UNITS, minLength: Math.max(0, max - 2), maxLength: max + 2 }));
  }
  if (typeof schema.pattern === "string") {
    const matching = fc.stringMatching(new RegExp(schema.pattern, "u"));
    options.push(
      matching,
      matching,
      matching.map((s) => `${s}x`),
      matching.map((s) => s.slice(1)),
    );
  }
  return fc.oneof(...options);
}

function numberFor(type: string, schema: SchemaObject, inside: boolean): fc.Arbitrary<unknown> {
  const min = typeof schema.minimum === "number" ? schema.minimum : -1000;
  const max = typeof schema.maximum === "number" ? schema.maximum : 1000;
  if (inside) {
    const whole = fc.oneof(
      fc.constantFrom(min, max),
      fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }),
    );
    return type === "number" ? fc.oneof(whole, fc.double({ min, max, noNaN: true })) : whole;
  }
  const bounds = [schema.minimum, schema.maximum].filter((b): b is number => typeof b === "number");
  const near = bounds.map((b) => fc.integer({ min: -2, max: 2 }).map((d) => b + d));
  return fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.integer(),
    ...near,
    fc.constantFrom(0.5, -0, Number.NaN, Infinity, -Infinity, 1e21),
    type === "number" ? fc.double() : fc.integer({ min: 0, max: 3 }),
  );
}

function objectFor(schema: SchemaObject, ctx: Context): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const entries = Object.entries(properties).map(([name, sub]) =>
    fc.oneof(
      {
        weight: required.has(name) ? (ctx.inside ? 100 : 12) : 3,
        arbitrary: withWrong(sub, ctx).map((v): Entry => [name, v]),
      },
      { weight: required.has(name) && ctx.inside ? 1 : 2, arbitrary: fc.constant(undefined) },
    ),
  );
  const additional = schema.additionalProperties;
  const names = schema.propertyNames as SchemaObject | undefined;
  const key = names
    ? fc.oneof(guided(names, ctx) as fc.Arbitrary<string>, fc.string({ maxLength: 6 }))
    : fc.string({ maxLength: 6 });
  const extraValue =
    additional && typeof additional === "object" ? withWrong(additional as SchemaObject, ctx) : WRONG;
  const maxExtra = typeof schema.maxProperties === "number" ? schema.maxProperties + 2 : 3;
  const extras = fc.oneof(
    {
      weight: additional === false ? (ctx.inside ? 100 : 8) : 2,
      arbitrary: fc.constant([] as [string, unknown][]),
    },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(
          key.filter((k) => typeof k === "string"),
          extraValue,
        ),
        { maxLength: maxExtra },
      ),
    },
  );
  // A name that is required but has no property schema still has to be there to be valid.
  for (const name of required) {
    if (!Object.hasOwn(properties, name)) entries.push(fc.constant<Entry>([name, "x"]));
  }
  return fc.tuple(fc.tuple(...entries), extras).map(([own, more]) => {
    const out: Record<string, unknown> = {};
    for (const entry of own) if (entry !== undefined) out[entry[0]] = entry[1];
    for (const [k, v] of more)
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}
