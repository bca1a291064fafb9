import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The API-surface tests build TypeScript programs and the lint runs libxml2 and redocly: slower than unit tests.
    testTimeout: 60_000,
  },
});
