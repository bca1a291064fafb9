/** `gc()` without a command-line flag: enables --expose-gc at run time and fetches the function. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let cached: (() => void) | undefined;

export function getGc(): () => void {
  if (cached) return cached;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") {
    cached = existing;
  } else {
    setFlagsFromString("--expose-gc");
    cached = runInNewContext("gc") as () => void;
  }
  return cached;
}
