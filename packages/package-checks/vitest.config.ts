import { defineConfig } from "vitest/config";

// publint, attw, tsc and npm install each pack or compile real packages: seconds each, more on a busy CI box.
export default defineConfig({
  test: { testTimeout: 180_000, hookTimeout: 60_000 },
});
