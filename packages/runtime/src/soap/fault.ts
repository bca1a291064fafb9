/** The generic mapping of a SOAP Fault to an error, for faults no vendor catalog claims. */
import { SoapFaultError } from "../errors.js";
import type { SoapFault } from "./envelope.js";

/** Server texts can be whole stack traces; an error message keeps the start. */
const MAX_FAULT_TEXT = 1000;

const identity = (s: string): string => s;

function cap(s: string): string {
  return s.length > MAX_FAULT_TEXT ? `${s.slice(0, MAX_FAULT_TEXT)}…` : s;
}

/**
 * Builds a SoapFaultError (not retryable: a fault is the server's answer, and the operation may not be
 * idempotent). Both faultcode and faultstring go through `redact` before being capped, so a secret that
 * straddles the cap is still removed whole.
 */
export function soapFaultToError(
  fault: SoapFault,
  operation: string,
  redact: (s: string) => string = identity,
): SoapFaultError {
  return new SoapFaultError(cap(redact(fault.faultcode)), cap(redact(fault.faultstring)), { operation });
}
