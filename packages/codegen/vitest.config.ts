import { defineConfig } from "vitest/config";

// The validator tests transpile generated modules and check thousands of values per schema against ajv:
// about a second alone, much more on a CI box running every other suite at the same time.
export default defineConfig({
  test: { testTimeout: 120_000 },
});
