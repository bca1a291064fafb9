/**
 * The words of the messages, from the schema's own facets: "must be 0 or 1", "must be a string or null",
 * "an integer of at least 1 or an empty string". Values quoted here come from the schema (allowed values,
 * limits), never from the value being checked: that one may be a secret.
 */
import type { Json, JsonType } from "./schema.js";

const TYPE_NOUNS: Readonly<Record<JsonType, string>> = {
  null: "null",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
};

export function typeNoun(type: JsonType): string {
  return TYPE_NOUNS[type];
}

/** "a", "a or b", "a, b or c". */
export function listOr(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique.join("");
  return `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1]}`;
}

/** "a", "a and b", "a, b and c". */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** An allowed value as the schema writes it: 0, "info1", "", null. */
export function valueWords(value: Json): string {
  return JSON.stringify(value);
}

/** The allowed values: `0 or 1`, `one of "", "0" or "1"`, `one of "info1" to "info14"`. */
export function enumWords(values: readonly Json[]): string {
  const run = numberedRun(values);
  if (run) return `one of ${valueWords(run.first)} to ${valueWords(run.last)}`;
  const words = values.map(valueWords);
  return words.length <= 2 ? listOr(words) : `one of ${listOr(words)}`;
}

/** Four or more names that differ only by a counter going up by one: "info1", "info2", … "info14". */
function numberedRun(values: readonly Json[]): { first: string; last: string } | undefined {
  if (values.length < 4) return undefined;
  let prefix: string | undefined;
  let next: number | undefined;
  for (const value of values) {
    const match = typeof value === "string" ? /^(.*?)([1-9][0-9]*|0)$/.exec(value) : null;
    if (!match) return undefined;
    const n = Number(match[2]);
    if (prefix === undefined) prefix = match[1]!;
    else if (match[1] !== prefix || n !== next) return undefined;
    next = n + 1;
  }
  return { first: values[0] as string, last: values[values.length - 1] as string };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Length facets of a string as a noun phrase suffix: " of at most 100 characters". */
export function lengthWords(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) {
    return min === max
      ? ` of exactly ${plural(max, "character")}`
      : ` of ${min} to ${plural(max, "character")}`;
  }
  if (max !== undefined) return ` of at most ${plural(max, "character")}`;
  if (min !== undefined && min > 0) return ` of at least ${plural(min, "character")}`;
  return "";
}

/** Range facets of a number as a noun phrase suffix: " of at least 1", " from 1 to 9". */
export function rangeWords(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return "";
}
