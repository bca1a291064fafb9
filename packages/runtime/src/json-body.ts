import { MalformedResponseError } from "./errors.js";
import { findJsonHazard } from "./json-hazards.js";

/**
 * Parses a JSON response body into `unknown`.
 *
 * - HTML error pages, truncated bodies and empty bodies become `MalformedResponseError("not-json")`; the
 *   message says what the body looked like and where it broke, not what it contained. The SyntaxError is not
 *   kept as the cause: V8 quotes the start of the body in it, which may be a cut-short secret.
 * - A UTF-8 byte order mark (U+FEFF) before the JSON is ignored, as RFC 8259 (section 8.1) allows: .NET
 *   servers write one.
 * - Numbers are returned exactly or not at all: an integer beyond JavaScript's safe range, or a number beyond
 *   the range of a double, is `MalformedResponseError("number")` naming where it is (see json-hazards.ts),
 *   never a rounded id or `Infinity`.
 * - An object with a duplicate key or a `__proto__` key is `MalformedResponseError("ambiguous-json")`.
 */
export function parseJsonBody(body: string, operation: string, status?: number): unknown {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const trimmed = text.trimStart();
    const position = /at position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    const looks =
      trimmed.length === 0
        ? "an empty body"
        : trimmed.startsWith("<")
          ? "markup (HTML or XML)"
          : `${text.length} characters that are not valid JSON${position === undefined ? "" : ` (broken at character ${position})`}`;
    throw new MalformedResponseError("not-json", `expected JSON, got ${looks}`, { operation, status });
  }
  const hazard = findJsonHazard(text);
  if (hazard !== undefined) {
    throw new MalformedResponseError(hazard.reason, hazard.detail, { operation, status });
  }
  return value;
}
