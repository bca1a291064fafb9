import { MalformedResponseError } from "./errors.js";

/**
 * Parses a JSON response body into `unknown`. HTML error pages, truncated bodies and empty bodies become
 * `MalformedResponseError("not-json")`; the message says what the body looked like, not what it contained.
 */
export function parseJsonBody(body: string, operation: string, status?: number): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const trimmed = body.trimStart();
    const looks =
      trimmed.length === 0
        ? "an empty body"
        : trimmed.startsWith("<")
          ? "markup (HTML or XML)"
          : `${body.length} characters that are not valid JSON`;
    throw new MalformedResponseError("not-json", `expected JSON, got ${looks}`, {
      operation,
      status,
      cause: error,
    });
  }
}
