/** Running the tools the gate drives (git, pnpm, turbo, redocly), with output captured and optionally echoed. */
import { spawn, spawnSync } from "node:child_process";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Echo the child's output to this process's stdout/stderr while capturing it. */
  readonly echo?: boolean;
}

/** Runs a command without a shell; never rejects (a spawn failure is exit code 127 with the reason on stderr). */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on("error", (err) => resolve({ code: 127, stdout, stderr: `${stderr}${err.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

export function runSync(command: string, args: readonly string[], cwd: string): RunResult {
  const r = spawnSync(command, [...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return {
    code: r.status ?? (r.error ? 127 : 1),
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? (r.error ? r.error.message : ""),
  };
}

/** The interface the gate uses to run commands; tests substitute their own. */
export type Runner = (command: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;
