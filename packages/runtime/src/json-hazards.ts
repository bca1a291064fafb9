/**
 * What `JSON.parse` accepts but silently changes, found in the text it parsed:
 * - numbers JavaScript cannot hold: an integer beyond ±(2^53 − 1) comes back rounded (a Moka id of
 *   9007199254740993 reads as …992), a number beyond ±1.8e308 comes back as ±Infinity, and a non-zero one
 *   below 5e-324 as 0. Decimals are read as the nearest double, as every JSON reader in JavaScript does;
 * - an object with the same key twice: `JSON.parse` keeps the last value, other readers the first, so the
 *   document says two things;
 * - a `__proto__` key: `JSON.parse` makes it an own property, but any copy made with `Object.assign` or a
 *   plain assignment turns it into the copy's prototype.
 * Each is a reason to distrust the whole answer, so the caller rejects it (json-body.ts).
 *
 * The text has already been parsed, so it is well-formed JSON: the scan only tracks strings, numbers and
 * nesting. It is iterative and linear (keys are checked against a set per object), and it names where the
 * problem is as a path (`Data.DealerCustomerList[3].DealerCustomerId`).
 */

export interface JsonHazard {
  readonly reason: "number" | "ambiguous-json";
  readonly detail: string;
}

interface ObjectFrame {
  readonly isObject: true;
  key: string | undefined;
  /** Keys seen so far: a list while short (cheaper), a set beyond SMALL_OBJECT. */
  keys: string[] | Set<string>;
  expectKey: boolean;
}
interface ArrayFrame {
  readonly isObject: false;
  index: number;
}
type Frame = ObjectFrame | ArrayFrame;

const SMALL_OBJECT = 16;
/** Integers of up to 15 digits are always safe; only longer ones need a closer look. */
const SAFE_DIGITS = 15;
/** Longest key or number quoted in full in a message. */
const MAX_QUOTED = 100;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isNumberChar(c: number): boolean {
  // 0-9 . + - e E
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x65 || c === 0x45;
}

/** The first hazard in `text` (valid JSON), or `undefined`. */
export function findJsonHazard(text: string): JsonHazard | undefined {
  const stack: Frame[] = [];
  // Frames are reused per depth: a list of 100k customers opens 100k objects at the same depth.
  const objects: ObjectFrame[] = [];
  const arrays: ArrayFrame[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.isObject && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.indexOf("\\") >= 0 ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.expectKey = false;
        const hazard = checkKey(top, key, stack);
        if (hazard !== undefined) return hazard;
        top.key = key;
      }
      i = end + 1;
    } else if (c === 0x7b /* { */) {
      const depth = stack.length;
      let frame = objects[depth];
      if (frame === undefined) {
        frame = { isObject: true, key: undefined, keys: [], expectKey: true };
        objects[depth] = frame;
      } else {
        frame.key = undefined;
        if (Array.isArray(frame.keys)) frame.keys.length = 0;
        else frame.keys = [];
        frame.expectKey = true;
      }
      stack.push(frame);
      i++;
    } else if (c === 0x5b /* [ */) {
      const depth = stack.length;
      let frame = arrays[depth];
      if (frame === undefined) {
        frame = { isObject: false, index: 0 };
        arrays[depth] = frame;
      } else frame.index = 0;
      stack.push(frame);
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.isObject) top.expectKey = true;
        else top.index++;
      }
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < len && isNumberChar(text.charCodeAt(j))) j++;
      const problem = numberProblem(text, i, j);
      if (problem !== undefined) {
        return { reason: "number", detail: `${problem} at ${pathOf(stack)}` };
      }
      i = j;
    } else {
      i++;
    }
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    // An odd run of backslashes before the quote escapes it.
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    from = q + 1;
  }
}

function checkKey(frame: ObjectFrame, key: string, stack: readonly Frame[]): JsonHazard | undefined {
  if (key === "__proto__") {
    return {
      reason: "ambiguous-json",
      detail: `a "__proto__" key in the object at ${containerPath(stack)} (a copy of the object would take it as its prototype)`,
    };
  }
  const keys = frame.keys;
  let seen: boolean;
  if (Array.isArray(keys)) {
    seen = keys.includes(key);
    if (!seen) {
      if (keys.length < SMALL_OBJECT) keys.push(key);
      else frame.keys = new Set([...keys, key]);
    }
  } else {
    seen = keys.has(key);
    keys.add(key);
  }
  if (!seen) return undefined;
  return {
    reason: "ambiguous-json",
    detail: `the key ${quoted(key)} twice in one object at ${containerPath(stack)} (readers disagree on which value counts)`,
  };
}

/** Why the number `text[start, end)` cannot be read exactly, or `undefined` when it can. */
function numberProblem(text: string, start: number, end: number): string | undefined {
  const negative = text.charCodeAt(start) === 0x2d;
  let fractionOrExponent = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e || c === 0x65 || c === 0x45) {
      fractionOrExponent = true;
      break;
    }
  }
  if (!fractionOrExponent && end - start - (negative ? 1 : 0) <= SAFE_DIGITS) return undefined;
  const token = text.slice(start, end);
  const value = Number(token);
  if (!Number.isFinite(value)) return `${quoted(token)} is beyond the range of a JavaScript number`;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return `${quoted(token)} is beyond JavaScript's safe range for integers (±9007199254740991) and would not be read exactly`;
  }
  if (value === 0 && /[1-9]/.test(token.replace(/[eE].*$/, ""))) {
    return `${quoted(token)} is too small for a JavaScript number, which would read it as 0`;
  }
  return undefined;
}

function quoted(s: string): string {
  return s.length > MAX_QUOTED ? `(a ${s.length}-character value)` : JSON.stringify(s);
}

/** The path of the object whose key is being read (the innermost frame's own key left out). */
function containerPath(stack: readonly Frame[]): string {
  return pathOf(stack, stack.length - 1);
}

/** `Data.DealerCustomerList[3].DealerCustomerId`: where the scan is; `(root)` at the top level. */
function pathOf(stack: readonly Frame[], frames = stack.length): string {
  let path = "";
  for (let f = 0; f < frames; f++) {
    const frame = stack[f]!;
    if (frame.isObject) {
      if (frame.key === undefined) continue;
      const key = frame.key.length > MAX_QUOTED ? `(a ${frame.key.length}-character key)` : frame.key;
      path += path === "" ? key : `.${key}`;
    } else {
      path += `[${frame.index}]`;
    }
  }
  return path === "" ? "(root)" : path;
}
