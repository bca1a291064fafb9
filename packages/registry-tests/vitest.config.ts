import { defineConfig } from "vitest/config";

// Publishing, npm installs and tsc runs take seconds each, more on a busy 2-core CI box and on the first
// install of a Node version's npm cache. Nothing here measures time: these are only limits against a hang.
export default defineConfig({
  test: {
    globalSetup: ["./src/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // One file, one sandbox, installs in order: no parallel npm runs fighting over one cache.
    fileParallelism: false,
  },
});
