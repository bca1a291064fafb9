import type { EasySecureErrorCode as DocumentedErrorCode } from "@integrations/easysecure-types";
import { ServiceError, type ServiceErrorOptions } from "@integrations/runtime";

/**
 * Every documented ESWS error code (general and per operation, from the contract's x:resultCodes), and any
 * return the vendor adds later: an undocumented return is its own code, the whole (redacted) text.
 */
export type EasySecureErrorCode =
  | DocumentedErrorCode
  // Keeps autocompletion of the documented codes while admitting undocumented returns.
  | (string & {});

export interface EasySecureErrorOptions extends ServiceErrorOptions<EasySecureErrorCode> {
  /** The whole return text as received (trimmed, redacted). */
  rawReturn: string;
  /** Whether `code` is in the contract's catalog. */
  documented: boolean;
}

/**
 * ESWS answered, and the answer is not the operation's success value: a documented error code (`code`,
 * with `meaning` and `retryable` from the catalog, and the message after a coded return such as
 * `UNAUTHORIZED <message>` in `detail`), or an undocumented return (`documented: false`, `code` = the text).
 * Vendor text is redacted: the company security code never appears in it.
 */
export class EasySecureError extends ServiceError<EasySecureErrorCode> {
  readonly vendor = "easysecure";
  readonly rawReturn: string;
  readonly documented: boolean;

  constructor(options: EasySecureErrorOptions) {
    super(options);
    this.rawReturn = options.rawReturn;
    this.documented = options.documented;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), rawReturn: this.rawReturn, documented: this.documented };
  }
}
