import { abortable } from "./abortable.js";
import { type CallOptions, callOptionIssues } from "./client-options.js";
import { isIntegrationError, TimeoutError, ValidationError } from "./errors.js";

/**
 * One call's time limit and signal, over everything the call waits for: the shared login (which keeps running
 * for the other callers when this one gives up), and each exchange, which gets what is left of the limit.
 * Without a per-call `timeoutMs`, only the signal bounds the waits (each exchange has the client's limit).
 */
export class CallDeadline {
  readonly #operation: string;
  readonly #signal: AbortSignal | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #end: number | undefined;

  /** @throws ValidationError for call options that are not `{ signal?: AbortSignal, timeoutMs?: 1…2^31 − 1 }`. */
  constructor(options: CallOptions | undefined, operation: string) {
    const issues = callOptionIssues(options);
    if (issues.length > 0) throw new ValidationError(issues, { operation });
    this.#operation = operation;
    this.#signal = options?.signal;
    this.#timeoutMs = options?.timeoutMs;
    this.#end = this.#timeoutMs === undefined ? undefined : performance.now() + this.#timeoutMs;
  }

  /**
   * Waits for a (possibly shared) promise for this caller only: AbortError when its signal fires, TimeoutError
   * when its time limit passes. The work itself goes on.
   */
  wait<T>(start: () => Promise<T>): Promise<T> {
    const operation = this.#operation;
    const waiting = abortable(start, this.#signal, operation);
    const remaining = this.#remaining();
    if (remaining === undefined) return waiting;
    if (remaining <= 0) {
      waiting.catch(() => {});
      return Promise.reject(new TimeoutError(this.#timeoutMs!, { operation }));
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TimeoutError(this.#timeoutMs!, { operation })), remaining);
      waiting.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /**
   * Runs one exchange (its attempts and the waits between them) within what is left of the call's time limit:
   * each attempt gets at most that, and when it runs out the exchange is aborted (no further retry starts)
   * and the call fails with a TimeoutError of the call's limit. The caller's signal still aborts it.
   */
  async exchange<T>(run: (options: CallOptions) => Promise<T>): Promise<T> {
    const signal = this.#signal;
    const remaining = this.#remaining();
    if (remaining === undefined) return run(signal === undefined ? {} : { signal });
    const operation = this.#operation;
    if (remaining < 1) throw new TimeoutError(this.#timeoutMs!, { operation });
    const controller = new AbortController();
    let expired = false;
    const onAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => {
      expired = true;
      controller.abort();
    }, remaining);
    try {
      // A whole number of ms, as the transport requires.
      return await run({ signal: controller.signal, timeoutMs: Math.max(1, Math.floor(remaining)) });
    } catch (error) {
      if (
        expired &&
        !signal?.aborted &&
        isIntegrationError(error) &&
        (error.kind === "abort" || error.kind === "timeout")
      ) {
        throw new TimeoutError(this.#timeoutMs!, { operation });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  #remaining(): number | undefined {
    return this.#end === undefined ? undefined : this.#end - performance.now();
  }
}
