/**
 * Reading a JSON request: the shape limits first (MAX_JSON_DEPTH, MAX_JSON_MEMBERS), in one linear pass over
 * the text that parses nothing, then JSON.parse. Every failure is a SandboxRequestError.
 */
import { SandboxRequestError } from "./request-error.js";
import { MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from "./request-limits.js";
import { RESERVED_NAMES } from "./reserved-names.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Counts nesting and the commas of each open object or array, outside strings. Text that is not JSON is left
 * to JSON.parse; this pass only bounds what that parse and the checks after it can be made to do.
 *
 * @throws SandboxRequestError `too-deep` or `too-many-children`.
 */
export function checkJsonShape(text: string): void {
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (commas.length >= MAX_JSON_DEPTH) {
        throw new SandboxRequestError("too-deep", `objects and arrays nested deeper than ${MAX_JSON_DEPTH}`);
      }
      commas.push(0);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      commas.pop();
    } else if (c === COMMA && commas.length > 0) {
      const top = commas.length - 1;
      commas[top]! += 1;
      if (commas[top]! >= MAX_JSON_MEMBERS) {
        throw new SandboxRequestError(
          "too-many-children",
          `an object or array has more than the ${MAX_JSON_MEMBERS} members accepted`,
        );
      }
    }
  }
}

/**
 * @throws SandboxRequestError when `text` is not JSON within the shape limits, or uses a reserved name
 *   (`__proto__`, `constructor`, `prototype`) as a member name.
 */
export function readJsonRequest(text: string): unknown {
  checkJsonShape(text);
  let reserved: string | undefined;
  let value: unknown;
  try {
    // The reviver sees every member name once, escapes decoded (`"\u005f_proto__"` too).
    value = JSON.parse(text, (key, member: unknown) => {
      if (reserved === undefined && RESERVED_NAMES.has(key)) reserved = key;
      return member;
    });
  } catch {
    // JSON.parse's message quotes the input, which may hold a password: it is not passed on.
    throw new SandboxRequestError("not-json", "the body is not JSON");
  }
  if (reserved !== undefined) {
    throw new SandboxRequestError("reserved-name", `the member name "${reserved}" is not accepted`);
  }
  return value;
}
