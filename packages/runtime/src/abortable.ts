import { AbortError } from "./errors.js";

/**
 * Waits for a (possibly shared) promise, giving up with AbortError when this caller's signal fires. The
 * shared work itself goes on for the other callers. An already aborted signal starts nothing.
 */
export function abortable<T>(
  start: () => Promise<T>,
  signal: AbortSignal | undefined,
  operation: string,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(new AbortError({ operation }));
  const promise = start();
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError({ operation }));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
