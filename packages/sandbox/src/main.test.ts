/**
 * The main job: the tour in-process, then `node dist/main.js` as a separate process (built first), with
 * `--exit-after-tour`, and a long-running one that must survive garbage.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { operations as easySecureOperations } from "@integrations/easysecure-types";
import { operations as eduixOperations } from "@integrations/eduix-types";
import { operations as mokaOperations } from "@integrations/moka-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, raw, startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";
import { resolveSeed } from "./seed.js";
import { runTour } from "./tour.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** Every operation of the three vendors, as the tour names them (vendor, then the client method), from the descriptors. */
const OPERATIONS = Object.entries({
  Moka: mokaOperations,
  EasySecure: easySecureOperations,
  "Edu-iX": eduixOperations,
}).flatMap(([vendor, operations]) =>
  Object.values(operations).map(
    ({ operationId }) => `${vendor} ${operationId[0]!.toLowerCase()}${operationId.slice(1)}`,
  ),
);

describe("runTour (in-process)", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(() => sb.close());

  it("calls every operation of every vendor, success and a documented error, all as expected", {
    timeout: 60_000,
  }, async () => {
    const result = await runTour({ urls: sb.urls, seed: sb.seed });
    expect(result.ok).toBe(true);
    expect(result.failed).toBe(0);
    expect(result.skipped).toBe(0);
    for (const op of OPERATIONS) {
      const rows = result.rows.filter((r) => `${r.vendor} ${r.operation}` === op);
      expect(
        rows.some((r) => r.outcome === "success" && r.ok),
        op,
      ).toBe(true);
      expect(
        rows.some((r) => r.outcome === "error" && r.ok),
        op,
      ).toBe(true);
    }
    expect(result.rows.some((r) => r.case.includes("session expired") && r.ok)).toBe(true);
    expect(
      result.rows.some((r) => r.operation === "upsertCustomerWithCard" && r.outcome === "success" && r.ok),
    ).toBe(true);
    expect(result.table.split("\n")[0]).toMatch(/vendor\s+operation\s+case\s+outcome\s+code\s+ms/);
    // Runs again against the same state (unique ids, and it cleans up its prematch).
    expect((await runTour({ urls: sb.urls, seed: sb.seed })).ok).toBe(true);
  });

  it("reports steps that miss their expected outcome", { timeout: 60_000 }, async () => {
    sb.faults.set("moka:html-500");
    try {
      const result = await runTour({ urls: sb.urls, seed: sb.seed });
      expect(result.ok).toBe(false);
      const moka = result.rows.filter((r) => r.vendor === "Moka");
      expect(moka.every((r) => !r.ok && r.code === "http-status")).toBe(true);
      expect(result.failed).toBe(moka.length);
    } finally {
      sb.faults.clear();
    }
  });

  it("skips what a replaced seed cannot support", { timeout: 60_000 }, async () => {
    const { seed } = resolveSeed(undefined);
    seed.moka.dealers = seed.moka.dealers.filter((d) => d.permissions.includes("GetCustomerList"));
    seed.eduix.realms = [];
    const other = await startTestSandbox({ seed });
    try {
      const result = await runTour({ urls: other.urls, seed: other.seed });
      expect(result.ok).toBe(true);
      expect(result.skipped).toBe(2);
    } finally {
      await other.close();
    }
  });
});

function run(
  args: string[],
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`main.js did not exit in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether `file` is missing or older than a source file under `dir`. */
function builtBefore(file: string, dir: string): boolean {
  if (!existsSync(file)) return true;
  const built = statSync(file).mtimeMs;
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).some(
    (name) => name.endsWith(".ts") && !name.includes(".test.") && statSync(join(dir, name)).mtimeMs > built,
  );
}

describe("node dist/main.js", () => {
  beforeAll(() => {
    // The spawned process runs the built code. `pnpm test` builds the package first (turbo: test depends on
    // build); run on its own with older or no dist/, the suite builds it the same way, with the package's own
    // build script, so that dist/ never holds anything but what the build makes (other suites read it too).
    if (builtBefore(MAIN, join(PACKAGE_DIR, "src"))) {
      execFileSync("pnpm", ["run", "build"], { cwd: PACKAGE_DIR, stdio: "pipe" });
    }
  }, 120_000);

  it("--exit-after-tour: prints the addresses, credentials and a row for every operation, exits 0", async () => {
    const { code, stdout } = await run(["--exit-after-tour", "--port", "0"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/EasySecure ESWS\s+http:\/\/127\.0\.0\.1:\d+\/webservicesesws/);
    expect(stdout).toContain("Default ports: easysecure 7401, moka 7402, eduix 7403");
    expect(stdout).toContain("username sandbox-distributor  password sandbox-password");
    for (const op of OPERATIONS) {
      const [vendor, operation] = op.split(" ");
      expect(stdout).toMatch(new RegExp(`^ok\\s+${vendor}\\s+${operation}\\s.*\\ssuccess\\s`, "m"));
      expect(stdout).toMatch(new RegExp(`^ok\\s+${vendor}\\s+${operation}\\s.*\\serror\\s`, "m"));
    }
    expect(stdout).toContain("36/36 steps had their expected outcome.");
    expect(stdout).not.toContain("[sandbox]"); // the request log is held back during the tour
  }, 60_000);

  it("--trace: prints the tour's spans after its table, one tree per trace", async () => {
    const { code, stdout } = await run(["--exit-after-tour", "--port", "0", "--trace"]);
    expect(code).toBe(0);
    expect(stdout).toContain("The tour's spans (OpenTelemetry, as a service would export them):");
    expect(stdout).toMatch(/^ {2}GetCardList \[client span [0-9a-f]{8}, [\d.]+ ms\]$/m);
    expect(stdout).toMatch(/^ {4}POST \[client span [0-9a-f]{8}, [\d.]+ ms\]$/m);
    expect(stdout).toMatch(/rpc\.method=Esws\.syncMOCA .*rpc\.status_code=OK/);
    expect(stdout).toMatch(/^ {2}getKey \[client span [0-9a-f]{8}, [\d.]+ ms\] linked to span [0-9a-f]{8}$/m);
  }, 60_000);

  it("--exit-after-tour exits 1 when a step misses its expected outcome", async () => {
    const { code, stdout } = await run(["--exit-after-tour", "--port", "0", "--fault", "eduix:drop"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL\s+Edu-iX\s+login\s/m);
    expect(stdout).toContain("FAILED");
  }, 60_000);

  it("rejects bad options with exit code 2 and prints usage on --help", async () => {
    expect((await run(["--bogus"])).code).toBe(2);
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--exit-after-tour");
  }, 30_000);

  describe("kept running", () => {
    let child: ChildProcess;
    let output = "";
    const ports: Record<string, number> = {};

    beforeAll(async () => {
      child = spawn(process.execPath, [MAIN, "--port", "0"], { cwd: PACKAGE_DIR });
      child.stdout!.on("data", (c: Buffer) => {
        output += c.toString();
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 30_000);
        const check = setInterval(() => {
          if (output.includes("keeps running")) {
            clearInterval(check);
            clearTimeout(timer);
            resolve();
          }
        }, 50);
      });
      for (const [name, re] of [
        ["easysecure", /EasySecure ESWS\s+http:\/\/127\.0\.0\.1:(\d+)/],
        ["moka", /Moka United\s+http:\/\/127\.0\.0\.1:(\d+)/],
        ["eduix", /Edu-iX Account\s+http:\/\/127\.0\.0\.1:(\d+)/],
      ] as const) {
        ports[name] = Number(re.exec(output)![1]);
      }
    }, 40_000);
    afterAll(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });

    it("survives garbage, logs it, and stops cleanly on SIGTERM", async () => {
      expect(output).toContain("36/36 steps had their expected outcome.");
      expect(output).toContain("Point your own code at it");
      const esws = `http://127.0.0.1:${ports.easysecure}`;
      const moka = `http://127.0.0.1:${ports.moka}`;
      const eduix = `http://127.0.0.1:${ports.eduix}`;
      await post(`${esws}/webservicesesws`, "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>");
      await post(`${moka}/DealerCustomer/GetCardList`, "{{{{");
      await post(`${eduix}/soap/4.3/account`, Buffer.alloc(2 * 1024 * 1024, 0x3c));
      await raw(`${moka}/no/such/path`);
      await new Promise<void>((resolve) => {
        const socket = connect(ports.eduix!, "127.0.0.1", () => socket.end("GARBAGE\r\n\r\n"));
        socket.resume(); // read the 400, so that the socket sees the server's end and closes
        socket.on("close", () => resolve());
        socket.on("error", () => resolve());
      });
      await post(`${esws}/webservicesesws`, "<x/>", { "x-sandbox-fault": "drop" }).catch(() => undefined);
      const health = await raw(`${esws}/__sandbox/health`);
      expect(health.status).toBe(200);
      expect(child.exitCode).toBeNull();
      await new Promise((r) => setTimeout(r, 100));
      expect(output).toMatch(/easysecure\s+POST \/webservicesesws -> fault: not a SOAP request/);
      expect(output).toMatch(
        /moka\s+POST \/DealerCustomer\/GetCardList GetCardList -> DealerCustomer\.GetCardList\.InvalidRequest/,
      );
      expect(output).toMatch(/eduix\s+POST \/soap\/4\.3\/account -> 413/);
      expect(output).toMatch(/moka\s+GET \/no\/such\/path -> 404/);
      expect(output).toContain("malformed HTTP");
      expect(output).toMatch(/dropped the connection/);
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }, 30_000);
  });
});
