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
    // Every suite runs on both transports, which must behave identically (support/transport.ts).
    projects: [
      { extends: true, test: { name: "node:http", env: { RESILIENCE_TRANSPORT: "node" } } },
      { extends: true, test: { name: "undici", env: { RESILIENCE_TRANSPORT: "undici" } } },
    ],
  },
});
