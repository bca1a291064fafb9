import { describe, expect, it } from "vitest";
import { CliError, parseCli } from "./cli.js";

describe("parseCli", () => {
  it("uses the fixed default ports, the loopback host and the tour", () => {
    const config = parseCli([], {});
    expect(config.options).toEqual({
      host: "127.0.0.1",
      ports: { easysecure: 7401, moka: 7402, eduix: 7403 },
    });
    expect(config).toMatchObject({
      tour: true,
      exitAfterTour: false,
      trace: false,
      quiet: false,
      help: false,
    });
    expect(parseCli(["--trace"], {}).trace).toBe(true);
  });

  it("--port n gives n, n+1, n+2; --port 0 free ports; a vendor's own port wins", () => {
    expect(parseCli(["--port", "9000"], {}).options.ports).toEqual({
      easysecure: 9000,
      moka: 9001,
      eduix: 9002,
    });
    expect(parseCli(["--port=0"], {}).options.ports).toEqual({ easysecure: 0, moka: 0, eduix: 0 });
    expect(parseCli(["--port", "9000", "--moka-port", "1234"], {}).options.ports).toEqual({
      easysecure: 9000,
      moka: 1234,
      eduix: 9002,
    });
  });

  it("reads the environment, and flags win over it", () => {
    const env = {
      SANDBOX_PORT: "8000",
      SANDBOX_EDUIX_PORT: "8100",
      SANDBOX_SEED: "/tmp/seed.json",
      SANDBOX_FAULTS: "latency=10",
      SANDBOX_EDUIX_SESSION_TTL_MS: "500",
      SANDBOX_MAX_BODY_BYTES: "2048",
      SANDBOX_HOST: "::1",
      SANDBOX_QUIET: "1",
      SANDBOX_NO_TOUR: "true",
    };
    const config = parseCli([], env);
    expect(config.options).toEqual({
      host: "::1",
      ports: { easysecure: 8000, moka: 8001, eduix: 8100 },
      seed: "/tmp/seed.json",
      faults: ["latency=10"],
      eduixSessionTtlMs: 500,
      maxBodyBytes: 2048,
    });
    expect(config).toMatchObject({ quiet: true, tour: false });
    const flags = parseCli(
      ["--port", "9000", "--seed", "b.json", "--fault", "drop", "--fault", "moka:truncate"],
      env,
    );
    expect(flags.options).toMatchObject({
      ports: { easysecure: 9000, moka: 9001, eduix: 9002 },
      seed: "b.json",
      faults: ["drop", "moka:truncate"],
    });
  });

  it("reads the boolean flags", () => {
    expect(parseCli(["--exit-after-tour", "--quiet", "--no-tour"], {})).toMatchObject({
      exitAfterTour: true,
      quiet: true,
      tour: false,
    });
    expect(parseCli(["--help"], {}).help).toBe(true);
  });

  it("rejects bad input with a CliError", () => {
    for (const argv of [
      ["--nope"],
      ["--port"],
      ["--port", "x"],
      ["--port", "70000"],
      ["--port", "65535"],
      ["--fault", "boom"],
      ["--eduix-session-ttl", "-1"],
    ]) {
      expect(() => parseCli(argv, {}), argv.join(" ")).toThrow(CliError);
    }
    expect(() => parseCli([], { SANDBOX_MOKA_PORT: "abc" })).toThrow(CliError);
  });
});
