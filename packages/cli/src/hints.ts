/**
 * What the CLI adds to a client's error so that a terminal user knows what to do next, in the CLI's own
 * vocabulary: flags and commands, not client options.
 */

import type { Vendor } from "./config.js";
import { SANDBOX_DEFAULTS } from "./sandbox-defaults.js";

export interface HintContext {
  /** The call went to the local sandbox (`--sandbox` or `INTEGRATIONS_SANDBOX`). */
  readonly sandbox: boolean;
  readonly vendor: Vendor | undefined;
}

/** The client's advice for text outside Latin-1 names its option; on the command line it is a flag. */
const CLIENT_TRANSLITERATE = /create the client with transliterate: true/g;
const CLI_TRANSLITERATE = "add --transliterate";

const SANDBOX_URL: Record<Vendor, string> = {
  moka: SANDBOX_DEFAULTS.moka.baseUrl,
  easysecure: SANDBOX_DEFAULTS.easysecure.endpoint,
  eduix: SANDBOX_DEFAULTS.eduix.endpoint,
};

function rewriteTransliterate(value: unknown): unknown {
  return typeof value === "string" ? value.replace(CLIENT_TRANSLITERATE, CLI_TRANSLITERATE) : value;
}

/** `shown` (an error's JSON) with the CLI's wording and, where one helps, a `hint`. */
export function withCliHints(shown: Record<string, unknown>, context: HintContext): Record<string, unknown> {
  if (shown.kind === "validation") {
    const issues = Array.isArray(shown.issues)
      ? shown.issues.map((issue: unknown) =>
          typeof issue === "object" && issue !== null
            ? { ...issue, message: rewriteTransliterate((issue as { message?: unknown }).message) }
            : issue,
        )
      : shown.issues;
    return { ...shown, message: rewriteTransliterate(shown.message), issues };
  }
  if (shown.kind === "network" && context.sandbox && context.vendor !== undefined) {
    const where = SANDBOX_URL[context.vendor];
    const refused = shown.code === "ECONNREFUSED";
    return {
      ...shown,
      hint:
        `${refused ? "No sandbox is listening" : "The sandbox did not answer"} at ${where}. Start it first: ` +
        "run `pnpm start` in the integrations repository (it serves all three vendors on 127.0.0.1:7401-7403 " +
        "and keeps running), then repeat the command in another terminal.",
    };
  }
  return shown;
}
