import type { OperationId, operations } from "@integrations/moka-types";
import { ServiceError, type ServiceErrorOptions } from "@integrations/runtime";

/** Every documented non-success ResultCode of every operation, and any code the vendor adds later. */
export type MokaErrorCode =
  | Exclude<(typeof operations)[OperationId]["codes"][number]["code"], "Success">
  // Keeps autocompletion of the documented codes while admitting unknown ones.
  | (string & {});

export interface MokaErrorOptions extends ServiceErrorOptions<MokaErrorCode> {
  resultMessage: string | null;
  exception: string | null;
}

/** Moka answered with a ResultCode other than `Success`. */
export class MokaError extends ServiceError<MokaErrorCode> {
  readonly vendor = "moka";
  /** The vendor's `ResultMessage`, redacted. */
  readonly resultMessage: string | null;
  /** The vendor's `Exception` text (set with `EX`), redacted. */
  readonly exception: string | null;

  constructor(options: MokaErrorOptions) {
    super(options);
    this.resultMessage = options.resultMessage;
    this.exception = options.exception;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), resultMessage: this.resultMessage, exception: this.exception };
  }
}
