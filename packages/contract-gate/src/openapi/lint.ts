/** The OpenAPI lint: `redocly lint` (the root devDependency, recommended rules), which must report nothing. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Runner, run } from "../exec.js";

export interface RedoclyProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly pointer: string;
}

export interface RedoclyResult {
  readonly ok: boolean;
  readonly problems: readonly RedoclyProblem[];
  /** Set when redocly could not run or its output could not be read. */
  readonly failure?: string;
}

interface RedoclyJson {
  totals?: { errors?: number; warnings?: number };
  problems?: Array<{
    ruleId?: string;
    severity?: string;
    message?: string;
    location?: Array<{ pointer?: string }>;
  }>;
}

export async function redoclyLint(
  root: string,
  contractPath: string,
  runner: Runner = run,
): Promise<RedoclyResult> {
  const bin = join(root, "node_modules", ".bin", "redocly");
  const [command, args] = existsSync(bin)
    ? [bin, ["lint", contractPath, "--format=json"]]
    : ["pnpm", ["exec", "redocly", "lint", contractPath, "--format=json"]];
  const r = await runner(command, args, {
    cwd: root,
    env: {
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
    },
  });
  const start = r.stdout.indexOf("{");
  let parsed: RedoclyJson | undefined;
  try {
    parsed = start >= 0 ? (JSON.parse(r.stdout.slice(start)) as RedoclyJson) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed) {
    const reason = (r.stderr || r.stdout).trim().split("\n").slice(-5).join(" / ");
    return {
      ok: false,
      problems: [],
      failure: `redocly lint did not produce a report (exit ${r.code}): ${reason}`,
    };
  }
  const problems = (parsed.problems ?? []).map((p) => ({
    ruleId: p.ruleId ?? "?",
    severity: p.severity ?? "error",
    message: p.message ?? "",
    pointer: p.location?.[0]?.pointer ?? "",
  }));
  return { ok: problems.length === 0 && r.code === 0, problems };
}
