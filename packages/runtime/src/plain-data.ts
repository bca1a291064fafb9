/**
 * A copy of a caller's input that holds exactly what will be sent: its own, plain data, read once. The copy is
 * what gets validated and serialised, so the two cannot disagree:
 * - an object must be a plain one (`{…}` or `Object.create(null)`): `Object.create({ CustomerCode })` passes a
 *   schema check through the inherited field, and `JSON.stringify` then sends `{}`; a class instance may carry
 *   a `toJSON` that sends something else entirely, and a Date or Map has no JSON form of its own;
 * - each field is read once (a getter cannot answer one thing to the check and another to the writer);
 * - numbers must be finite (`JSON.stringify` writes NaN and Infinity as `null`) and integers safe
 *   (`1e21` would go out as `1e+21`, and 2^53 + 1 is already 2^53);
 * - an `undefined` field is left out, as `JSON.stringify` leaves it out; in an array it would become `null`,
 *   so it is refused there; bigints, symbols and functions are refused;
 * - nesting is bounded and a cycle is reported, not followed.
 * Every problem is one ValidationIssue naming the field and the rule, never the value.
 */
import { ValidationError, type ValidationIssue } from "./errors.js";

/** Deeper than any request we send. */
const MAX_DEPTH = 32;

export interface PlainCopy {
  /** The copy (`undefined` for `undefined`). Meaningless when there are issues. */
  readonly value: unknown;
  readonly issues: readonly ValidationIssue[];
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function kindOf(value: object): string {
  if (value instanceof Date) return "a Date";
  if (value instanceof Map) return "a Map";
  if (value instanceof Set) return "a Set";
  const ctor = (value as { constructor?: unknown }).constructor;
  const name = typeof ctor === "function" ? ctor.name : "";
  return /^[A-Za-z_$][\w$]{0,40}$/.test(name) && name !== "Object"
    ? `an instance of ${name}`
    : "an object that inherits from another object";
}

/** The plain copy of `value`, and every issue with it; `field` is the path of `value` itself. */
export function copyPlainData(value: unknown, field = ""): PlainCopy {
  const issues: ValidationIssue[] = [];
  const ancestors = new Set<object>();

  const issue = (path: string, rule: string, message: string) => {
    issues.push({ field: path, rule, message });
  };

  function copy(v: unknown, path: string, depth: number): unknown {
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(v))
          issue(path, "finite", "must be a finite number (JSON has no NaN or Infinity)");
        else if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
          issue(path, "safeInteger", "must be an integer of at most 9007199254740991 in magnitude");
        }
        return v;
      case "undefined":
        return undefined;
      case "bigint":
      case "symbol":
      case "function":
        issue(
          path,
          "type",
          `must be plain data (a string, number, boolean, null, array or object), not a ${typeof v}`,
        );
        return undefined;
    }
    if (v === null) return null;
    const object = v as object;
    if (depth >= MAX_DEPTH) {
      issue(path, "depth", `is nested deeper than ${MAX_DEPTH} levels`);
      return undefined;
    }
    if (ancestors.has(object)) {
      issue(path, "cycle", "contains itself");
      return undefined;
    }
    ancestors.add(object);
    try {
      if (Array.isArray(object)) {
        const out: unknown[] = new Array(object.length);
        for (let i = 0; i < object.length; i++) {
          const item = (object as unknown[])[i];
          if (item === undefined)
            issue(join(path, String(i)), "type", "must not be undefined (JSON would send null)");
          out[i] = copy(item, join(path, String(i)), depth + 1);
        }
        return out;
      }
      const proto = Object.getPrototypeOf(object) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        issue(path, "plainObject", `must be a plain object with fields of its own, not ${kindOf(object)}`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(object)) {
        const item = copy((object as Record<string, unknown>)[key], join(path, key), depth + 1);
        if (item === undefined) continue;
        // `out.__proto__ = …` would set the copy's prototype; defining the property keeps it data.
        if (key === "__proto__")
          Object.defineProperty(out, key, {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else out[key] = item;
      }
      return out;
    } finally {
      ancestors.delete(object);
    }
  }

  const result = copy(value, field, 0);
  return { value: result, issues };
}

/**
 * The plain copy of a request, or a ValidationError listing every problem with it (nothing is sent).
 * `field` names the request in issue paths (`DealerCustomerRequest` → `DealerCustomerRequest.CustomerCode`).
 */
export function plainRequest<T>(value: T, field: string, operation: string): T {
  const { value: copy, issues } = copyPlainData(value, field);
  if (issues.length > 0) throw new ValidationError(issues, { operation });
  return copy as T;
}
