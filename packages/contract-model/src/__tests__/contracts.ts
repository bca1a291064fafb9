/** The repository's real contracts, for tests that read them. */
import { readFileSync } from "node:fs";

const REPO_ROOT = new URL("../../../../", import.meta.url);

export function contractText(path: string): string {
  return readFileSync(new URL(path, REPO_ROOT), "utf8");
}
