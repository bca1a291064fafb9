/**
 * A JSON Schema with its open objects closed (`additionalProperties: false` where the schema lists properties
 * and says nothing about others): validating a response against it names the fields the contract does not
 * know. The contract keeps responses open so that clients tolerate them; the drift check reports them anyway,
 * as changes the vendor made that do not break anything yet. Branches of allOf/anyOf/oneOf stay as they are:
 * closing one branch would reject the properties of its siblings.
 */
type Schema = { [key: string]: unknown };

const isSchema = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function close(schema: Schema, inComposition: boolean): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && isSchema(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, isSchema(s) ? close(s, false) : s]),
      );
    } else if ((key === "$defs" || key === "definitions") && isSchema(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, isSchema(s) ? close(s, false) : s]),
      );
    } else if (key === "items" && isSchema(value)) {
      out[key] = close(value, false);
    } else if ((key === "allOf" || key === "anyOf" || key === "oneOf") && Array.isArray(value)) {
      out[key] = value.map((s) => (isSchema(s) ? close(s, true) : s));
    } else if (key === "$id" && typeof value === "string") {
      // Its own identity: a validator may hold the open schema under the original one.
      out[key] = value.replace(/(\.json)?$/, ".closed$1");
    } else {
      out[key] = value;
    }
  }
  const composed = "allOf" in schema || "anyOf" in schema || "oneOf" in schema;
  if (!inComposition && !composed && isSchema(schema.properties) && !("additionalProperties" in schema)) {
    out.additionalProperties = false;
  }
  return out;
}

const cache = new WeakMap<object, Schema>();

export function closedSchema(schema: object): Schema {
  let closed = cache.get(schema);
  if (closed === undefined) {
    closed = close(schema as Schema, false);
    cache.set(schema, closed);
  }
  return closed;
}
