/**
 * The name and version of the client package that makes the calls, for a recording's `meta.json`: read from the
 * package.json one folder above the client's module (its `src/` or `dist/` file), once, and only when a client
 * records, so that a client that does not record reads nothing.
 */
import { createRequire } from "node:module";

export function clientPackage(moduleUrl: string | undefined): () => string | undefined {
  let known: { value: string | undefined } | undefined;
  return () => {
    if (known === undefined) {
      known = { value: undefined };
      try {
        if (moduleUrl !== undefined) {
          const { name, version } = createRequire(moduleUrl)("../package.json") as {
            name?: unknown;
            version?: unknown;
          };
          if (typeof name === "string" && typeof version === "string") known.value = `${name}@${version}`;
        }
      } catch {
        // No package.json where it should be (a bundled copy of the client): meta.json names the package only.
      }
    }
    return known.value;
  };
}
