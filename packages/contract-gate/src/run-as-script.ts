/**
 * The repository's command-line tools run their `main` only when node was started with their module (not when a
 * test imports it), and turn its result into the exit code: one way for every tool (the gate, the drift check,
 * the live check).
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

function startedWith(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(resolve(script))).href;
  } catch {
    return false;
  }
}

/** Runs `main(argv)` when `moduleUrl` (the caller's `import.meta.url`) is the script node was started with. */
export function runAsScript(moduleUrl: string, main: (argv: readonly string[]) => Promise<number>): void {
  if (!startedWith(moduleUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
