/**
 * Fault injection through the sandbox's own switches, for every (client, operation):
 *
 * - per request, the `x-sandbox-fault` header (added by the transport under test, support/transport.ts; for
 *   Edu-iX operations other than login only to the operation's request, so the login succeeds);
 * - for the whole run, `sandbox.faults.set("<vendor>:<fault>")`;
 * - per base URL, the `/__fault/<list>/` path prefix.
 *
 * Each fault must give the expected typed error (or, for latency under the time limit and session expiry,
 * the normal result), in bounded time, with no unhandled rejection.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bounded, type Expected, expectTypedError } from "./support/outcome.js";
import {
  SANDBOX_TARGETS,
  type SandboxTarget,
  sandboxOrigin,
  startSecretSandbox,
  type TestSandbox,
} from "./support/sandbox.js";
import { isLogin, type SteeredTransport, steer, type TransportSettings } from "./support/transport.js";

const TIMEOUT_MS = 300;

let sandbox: TestSandbox;
let plain: SteeredTransport;

beforeAll(async () => {
  sandbox = await startSecretSandbox();
  plain = steer();
});
afterAll(async () => {
  await plain.close();
  await sandbox.close();
});
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.reset();
});
afterEach(() => {
  sandbox.faults.clear();
});

interface SandboxFault {
  readonly header: string;
  /** `undefined`: the call succeeds. */
  readonly expect: (target: SandboxTarget) => Expected | undefined;
}

const FAULTS: readonly SandboxFault[] = [
  { header: "latency=600", expect: () => ({ kind: "timeout" }) },
  { header: "latency=50", expect: () => undefined },
  { header: "drop", expect: () => ({ kind: "network" }) },
  { header: "html-500", expect: () => ({ kind: "http-status", status: 500 }) },
  {
    header: "truncate",
    expect: (t) =>
      t.format === "soap"
        ? { kind: "malformed-response", reason: "truncated" }
        : { kind: "malformed-response", reason: "not-json" },
  },
  // Edu-iX: every session expires before the call; the client logs in again, transparently. Others: no effect.
  { header: "expire-session", expect: () => undefined },
];

function settingsFor(target: SandboxTarget, transport: TransportSettings, prefix = "") {
  return {
    origin: sandboxOrigin(sandbox, target, prefix),
    timeoutMs: TIMEOUT_MS,
    retry: false as const,
    ...transport,
  };
}

/** Requests of this call as the sandbox recorded them: (operation, outcome, faults). */
function recorded(since: number): Array<{ operation: string | undefined; outcome: string; faults: string }> {
  return sandbox.history
    .slice(since)
    .map((r) => ({ operation: r.operation, outcome: r.outcome, faults: r.faults }));
}

/** Waits (bounded) until a request carrying `fault` has been recorded after `since`. */
async function settled(since: number, fault: string): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 25) {
    if (recorded(since).some((r) => r.faults.includes(fault))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(SANDBOX_TARGETS)("$label via the sandbox", (target) => {
  it("succeeds with no fault", async () => {
    const outcome = await bounded(() => target.runOnSandbox(settingsFor(target, plain.settings)));
    expect(outcome.error).toBeUndefined();
    expect(outcome.resolved).toBe(true);
  });

  it.each(FAULTS)("x-sandbox-fault: $header", async (fault) => {
    // The fault goes on the operation's requests only (the login succeeds); session expiry on the first one
    // only, since the client repeats the call once after logging in again, and a second expiry is final.
    let marked = 0;
    const once = fault.header === "expire-session";
    const transport = steer({
      header: {
        name: "x-sandbox-fault",
        value: fault.header,
        when: (request) => (!target.needsLogin || !isLogin(request)) && (!once || marked++ === 0),
      },
    });
    const before = sandbox.history.length;
    const outcome = await bounded(() => target.runOnSandbox(settingsFor(target, transport.settings))).finally(
      () => transport.close(),
    );
    const expected = fault.expect(target);
    if (expected === undefined) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.resolved).toBe(true);
    } else {
      expectTypedError(outcome, expected, target.operation);
      // The client gave up at its own time limit, before the delayed answer was written: not a wall-clock
      // bound (the machine may be loaded), but the order of the two timers.
      if (expected.kind === "timeout") {
        expect(recorded(before).some((r) => r.faults.includes(fault.header))).toBe(false);
      }
    }
    // A request delayed past the client's time limit is still served later: let it finish here, so that it
    // does not change the sandbox's state (or history) after the next test has reset it.
    if (fault.header.startsWith("latency=")) await settled(before, fault.header);
    if (fault.header === "expire-session" && target.needsLogin) {
      // fault 12 on the first try, a second login, the call again. A request of an earlier test can still
      // land in the history after `before` (a latency fault outlives the client's time limit), so only
      // requests with no fault or this one count.
      const ops = recorded(before)
        .filter((r) => r.faults === "" || r.faults.includes("expire-session"))
        .map((r) => r.operation);
      expect(ops.filter((op) => op === "login")).toHaveLength(2);
      expect(ops.filter((op) => op === target.operation)).toHaveLength(2);
    }
  });

  it("global switch (<vendor>:html-500) fails this vendor's calls, and only this vendor's", async () => {
    sandbox.faults.set(`${target.vendor}:html-500`);
    const outcome = await bounded(() => target.runOnSandbox(settingsFor(target, plain.settings)));
    // For Edu-iX operations other than login, it is the login that gets the page.
    expectTypedError(
      outcome,
      { kind: "http-status", status: 500 },
      target.needsLogin ? "login" : target.operation,
    );
    const other = SANDBOX_TARGETS.find((t) => t.vendor !== target.vendor)!;
    const unaffected = await bounded(() => other.runOnSandbox(settingsFor(other, plain.settings)));
    expect(unaffected.error).toBeUndefined();
  });

  it("path prefix /__fault/drop in the base URL", async () => {
    const outcome = await bounded(() =>
      target.runOnSandbox(settingsFor(target, plain.settings, "/__fault/drop")),
    );
    expectTypedError(outcome, { kind: "network" }, target.needsLogin ? "login" : target.operation);
  });
});
