#!/usr/bin/env node
// The `integrations` executable. It is committed, not built, so that it exists from the first install: a bin
// pointing into dist/ does not exist on a fresh clone, and pnpm then warns that it cannot link it. The CLI
// itself is dist/bin.js, built from src/bin.ts.
const entry = new URL("../dist/bin.js", import.meta.url);

try {
  await import(entry.href);
} catch (error) {
  const missing =
    error instanceof Error &&
    /** @type {NodeJS.ErrnoException} */ (error).code === "ERR_MODULE_NOT_FOUND" &&
    error.message.includes(entry.pathname);
  if (!missing) throw error;
  process.stderr.write(
    "integrations: the CLI is not built yet. In the integrations repository, run `pnpm start` " +
      "(or `pnpm build`) first.\n",
  );
  process.exitCode = 70;
}
