#!/usr/bin/env node
/**
 * The `integrations` executable. Ctrl-C aborts the call in flight (exit code 130); a second Ctrl-C kills the
 * process at once.
 */
import { runCli } from "./run.js";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
// `integrations … | head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
