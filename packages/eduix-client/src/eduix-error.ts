import type { EduixFaultCode } from "@integrations/eduix-types";
import { ServiceError, type ServiceErrorOptions } from "@integrations/runtime";

/**
 * Every documented fault code, and any code the vendor adds later: every error-code table in the doc ends
 * with "...", so the lists may be incomplete (account.wsdl, "DOC QUIRKS").
 */
export type EduixErrorCode =
  | EduixFaultCode
  // `number & {}` keeps editor autocompletion of the documented literals while admitting unknown codes.
  | (number & {});

export interface EduixErrorOptions extends ServiceErrorOptions<EduixErrorCode> {
  /** True for the codes the contract marks `recovery="login"` (12, 3). */
  sessionExpired: boolean;
  /** The SOAP faultcode as written (`soapenv:Client`), redacted. */
  faultcode: string;
  /** The SOAP faultstring, redacted and capped. */
  faultstring: string;
}

/**
 * Edu-iX answered with a SOAP Fault that carries a numeric code. `meaning` comes from the contract's
 * catalog (the operation's own wording first); `detail` is the vendor's `accountFault/message` when it says
 * more than the meaning. All vendor text has been through the client's redactor, so neither the password nor
 * a sessionID can surface here.
 */
export class EduixError extends ServiceError<EduixErrorCode> {
  readonly vendor = "eduix" as const;
  readonly sessionExpired: boolean;
  readonly faultcode: string;
  readonly faultstring: string;

  constructor(options: EduixErrorOptions) {
    super(options);
    this.sessionExpired = options.sessionExpired;
    this.faultcode = options.faultcode;
    this.faultstring = options.faultstring;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      sessionExpired: this.sessionExpired,
      faultcode: this.faultcode,
      faultstring: this.faultstring,
    };
  }
}

/** True for an EduixError whose code means "the session has expired, log in again". */
export function isSessionExpired(error: unknown): error is EduixError {
  return error instanceof EduixError && error.sessionExpired;
}
