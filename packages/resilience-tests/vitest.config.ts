import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/support/setup.ts"],
    // Every test bounds its own calls far below this (see support/bounded.ts); this is only the backstop.
    testTimeout: 15_000,
    hookTimeout: 15_000,
    pool: "forks",
    // The suites mostly wait (timeouts, backoff, sockets), so both cores' worth of files run at once.
    maxWorkers: 2,
    // The memory-bound tests call gc() before measuring a baseline.
    execArgv: ["--expose-gc"],
  },
});
