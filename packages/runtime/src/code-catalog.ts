/**
 * The shape of every client's code catalog (`codeCatalog(operation)` in each client package): the codes an
 * operation can answer with, as the vendor contract documents them. One shape for all three vendors, so a
 * caller can log, alert or retry on `meaning`, `outcome` and `retryable` without knowing the vendor.
 */
import type { ResultCodeInfo } from "./errors.js";

/** One documented code of an operation. */
export interface CodeInfo<C extends string | number = string | number> extends ResultCodeInfo<C> {
  /** `"success"`: the call did what was asked (Moka's `Success`, ESWS's `OK`); `"error"`: it did not. */
  readonly outcome: "success" | "error";
  /** What makes a retry useful, when the code says so: `"login"` on Edu-iX's session-expired codes. */
  readonly recovery?: "login" | undefined;
}

/** Code → what the contract says about it, in the contract's order; a code listed twice keeps its first entry. */
export type CodeCatalog<C extends string | number = string | number> = ReadonlyMap<C, CodeInfo<C>>;
