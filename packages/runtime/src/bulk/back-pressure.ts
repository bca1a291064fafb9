/**
 * Which failures mean "slow down". No contract documents a throttling code, so the decision is read from the
 * descriptor's code catalog: a vendor code marked `retryable` (the vendor failed transiently: Moka's `EX`,
 * Edu-iX's 0 and 1, ESWS's `MOCA_INVALID_RESPONSE` and `NOT_INSERTED_ERROR`) is a sign of a struggling
 * server, except a code with a `recovery` (Edu-iX's session expiry, which the client handles by logging in
 * again). On top of the codes: an HTTP 5xx, 429 or 408 answer, and a time-out.
 */
import { IntegrationError } from "../errors.js";
import type { OperationDescriptor } from "../operation.js";
import { codeOf } from "./outcome.js";

export interface BackPressure {
  /** Whether `error` asks the run to slow down. */
  slowDown(error: unknown): boolean;
  /** The wait a `Retry-After` asked for, in ms, or undefined. */
  retryAfterMs(error: unknown): number | undefined;
}

export function backPressureOf(operation: Pick<OperationDescriptor, "codes">): BackPressure {
  const slowCodes = new Set(
    operation.codes.filter((c) => c.retryable && c.recovery === undefined).map((c) => String(c.code)),
  );
  return {
    slowDown(error) {
      if (!(error instanceof IntegrationError)) return false;
      switch (error.kind) {
        case "timeout":
          return true;
        case "http-status": {
          const status = error.status ?? 0;
          return status >= 500 || status === 429 || status === 408;
        }
        case "service": {
          const code = codeOf(error);
          return code !== undefined && slowCodes.has(String(code));
        }
        default:
          return false;
      }
    },
    retryAfterMs(error) {
      if (!(error instanceof IntegrationError) || error.kind !== "http-status") return undefined;
      return (error as { retryAfterMs?: number }).retryAfterMs;
    },
  };
}
