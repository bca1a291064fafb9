import { execFile, fork } from "node:child_process";
import { promisify } from "node:util";
import type { ServerUrls } from "./contenders.js";
import { script } from "./paths.js";

const execFileAsync = promisify(execFile);

/** Runs `node [flags] dist/<name>.js args…` and parses the last line of its stdout as JSON. */
export async function runChild<T>(
  name: string,
  args: string[],
  flags: string[] = [],
  timeoutMs = 300_000,
): Promise<T> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [...flags, script(name), ...args], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: timeoutMs,
    });
    const line = stdout.trim().split("\n").pop() ?? "";
    return JSON.parse(line) as T;
  } catch (error) {
    const e = error as { stderr?: string; message?: string };
    const detail = (e.stderr ?? "").trim().split("\n").slice(-8).join("\n") || e.message || String(error);
    throw new Error(`${name} ${args[0] ?? ""} failed:\n${detail}`);
  }
}

export interface ServerProcess {
  urls: ServerUrls;
  stop(): void;
}

/** Forks the server process and waits for its URLs. */
export function startServerProcess(): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script("server-main"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server process exited with ${code}`)));
    child.once("message", (message) => {
      const { urls } = message as { urls: ServerUrls };
      resolve({
        urls,
        stop: () => {
          child.removeAllListeners("exit");
          child.disconnect();
          setTimeout(() => child.kill(), 2000).unref();
        },
      });
    });
  });
}
