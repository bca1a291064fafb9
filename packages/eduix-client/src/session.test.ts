import { NetworkError, TimeoutError, ValidationError } from "@integrations/runtime";
import { afterEach, describe, expect, it } from "vitest";
import {
  createKeyOk,
  type FakeEduix,
  fault,
  getKeyOk,
  type Handler,
  loginOk,
  startFakeEduix,
} from "./__tests__/fake-eduix.js";
import { createEduixClient } from "./client.js";
import { EduixError, isSessionExpired } from "./eduix-error.js";
import { Session } from "./session.js";

const ECK = "https://ketenid.nl/201703/0123456789abcdef";

let server: FakeEduix | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Logins hand out S1, S2, …; `ops` sees which sessionID each call carried. */
async function serve(ops: (sessionID: string, index: number) => ReturnType<Handler>, login?: Handler) {
  server = await startFakeEduix((req, i) => {
    if (req.operation === "login") return login ? login(req, i) : loginOk(`session-${i + 1}`);
    const sessionID = /<urn:sessionID>([^<]*)</.exec(req.body)?.[1] ?? "";
    return ops(sessionID, i);
  });
  return server;
}

const client = (s: FakeEduix) =>
  createEduixClient({ username: "user", password: "password-1", endpoint: s.url, retry: false });

const expired = (code: "12" | "3") => fault(code, "Session expired");

describe("session handling", () => {
  it("logs in lazily: creating a client sends nothing; the first call logs in first", async () => {
    const s = await serve(() => getKeyOk([]));
    const c = client(s);
    await new Promise((r) => setTimeout(r, 10));
    expect(s.received).toEqual([]);
    await c.getKey({ userID: ECK });
    expect(s.received.map((r) => r.operation)).toEqual(["login", "getKey"]);
  });

  it("reuses the sessionID for every later call", async () => {
    const s = await serve(() => createKeyOk());
    const c = client(s);
    for (let i = 0; i < 5; i++) await c.createKey({ profileID: i + 1, userID: ECK });
    expect(s.count("login")).toBe(1);
    expect(s.sessionIDsSent("createKey")).toEqual(Array(5).fill("session-1"));
  });

  it("100 concurrent calls on a fresh client make exactly one login", async () => {
    const s = await serve(() => getKeyOk([{ profileID: "7" }]));
    const c = client(s);
    const results = await Promise.all(Array.from({ length: 100 }, () => c.getKey({ profileID: 7 })));
    expect(results).toEqual(Array(100).fill([{ profileID: 7 }]));
    expect(s.count("login")).toBe(1);
    expect(s.count("getKey")).toBe(100);
    expect(new Set(s.sessionIDsSent("getKey"))).toEqual(new Set(["session-1"]));
  });

  it("a failed shared login fails every waiting caller once, is not cached, and is not retried in a loop", async () => {
    const s = await serve(
      () => getKeyOk([]),
      (_req, i) => (i === 0 ? fault("2", "Authentication error") : loginOk("session-2")),
    );
    const c = client(s);
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => c.getKey({ userID: ECK })));
    for (const r of settled) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(EduixError);
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 2, operation: "login" });
    }
    expect(s.count("login")).toBe(1);
    expect(s.count("getKey")).toBe(0);
    await expect(c.getKey({ userID: ECK })).resolves.toEqual([]);
    expect(s.count("login")).toBe(2);
  });

  it.each(["12", "3"] as const)(
    "session expired (%s) ⇒ one new login ⇒ the call is repeated once ⇒ success",
    async (code) => {
      const s = await serve((sessionID) => (sessionID === "session-1" ? expired(code) : createKeyOk()));
      const c = client(s);
      await expect(c.createKey({ profileID: 1, userID: ECK })).resolves.toBeUndefined();
      expect(s.received.map((r) => r.operation)).toEqual(["login", "createKey", "login", "createKey"]);
      expect(s.sessionIDsSent("createKey")).toEqual(["session-1", "session-2"]);
      // The new session is kept.
      await c.createKey({ profileID: 2, userID: ECK });
      expect(s.count("login")).toBe(2);
    },
  );

  it("a second expiry during the repeat is thrown: no loop", async () => {
    const s = await serve((_sid, i) => expired(i === 0 ? "12" : "3"));
    const c = client(s);
    const err = await c.deleteKey({ userID: ECK }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EduixError);
    expect(err).toMatchObject({ code: 3, sessionExpired: true, retryable: true, operation: "deleteKey" });
    expect(isSessionExpired(err)).toBe(true);
    expect(s.received.map((r) => r.operation)).toEqual(["login", "deleteKey", "login", "deleteKey"]);
  });

  it("an authentication error (2) on a call is thrown without a new login", async () => {
    const s = await serve(() => fault("2", "Authentication error"));
    const err = await client(s)
      .getKey({ userID: ECK })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 2, sessionExpired: false, retryable: false });
    expect(isSessionExpired(err)).toBe(false);
    expect(s.received.map((r) => r.operation)).toEqual(["login", "getKey"]);
  });

  it("a login that answers 'session expired' is thrown, not repeated", async () => {
    const s = await serve(
      () => getKeyOk([]),
      () => expired("12"),
    );
    await expect(client(s).getKey({ userID: ECK })).rejects.toMatchObject({ code: 12, operation: "login" });
    expect(s.count("login")).toBe(1);
  });

  it("many calls failing on the same expired session share one new login", async () => {
    const s = await serve((sessionID) => (sessionID === "session-1" ? expired("12") : getKeyOk([])));
    const c = client(s);
    await c.login();
    const results = await Promise.all(Array.from({ length: 20 }, () => c.getKey({ userID: ECK })));
    expect(results).toEqual(Array(20).fill([]));
    expect(s.count("login")).toBe(2);
    expect(s.sessionIDsSent("getKey").filter((id) => id === "session-2")).toHaveLength(20);
  });

  it("a re-login that fails is thrown", async () => {
    const s = await serve(
      () => expired("12"),
      (_req, i) => (i === 0 ? loginOk("session-1") : fault("2", "Authentication error")),
    );
    await expect(client(s).getKey({ userID: ECK })).rejects.toMatchObject({ code: 2, operation: "login" });
    expect(s.received.map((r) => r.operation)).toEqual(["login", "getKey", "login"]);
  });

  it("login() forces a new session", async () => {
    const s = await serve(() => getKeyOk([]));
    const c = client(s);
    await expect(c.login()).resolves.toBe("session-1");
    await expect(c.login()).resolves.toBe("session-2");
    await c.getKey({ userID: ECK });
    expect(s.sessionIDsSent("getKey")).toEqual(["session-2"]);
  });
});

describe("Session", () => {
  it("shares one login between concurrent callers and clears it when it settles", async () => {
    let n = 0;
    const session = new Session(async () => `s${++n}`);
    const ids = await Promise.all([session.current(), session.current(), session.refresh()]);
    expect(ids).toEqual(["s1", "s1", "s1"]);
    await expect(session.current()).resolves.toBe("s1");
    await expect(session.refresh()).resolves.toBe("s2");
  });

  it("invalidates only the session that expired", async () => {
    let n = 0;
    const session = new Session(async () => `s${++n}`);
    await session.current();
    await session.refresh(); // s2 replaces s1
    session.invalidate("s1"); // a late report about s1 changes nothing
    await expect(session.current()).resolves.toBe("s2");
    session.invalidate("s2");
    await expect(session.current()).resolves.toBe("s3");
  });

  it("does not cache a failed login", async () => {
    let n = 0;
    const session = new Session(async () => {
      n++;
      if (n === 1) throw new NetworkError("down");
      return "ok";
    });
    await expect(Promise.all([session.current(), session.current()])).rejects.toBeInstanceOf(NetworkError);
    expect(n).toBe(1);
    await expect(session.current()).resolves.toBe("ok");
  });
});

describe("a call's time limit bounds its wait for the shared login", () => {
  it("getKey({ timeoutMs }) gives up at its own limit while the login hangs, not after the login's retries", async () => {
    for (const timeoutMs of [150, 300]) {
      const s = await serve(
        () => getKeyOk([]),
        () => undefined, // the login never answers
      );
      const c = createEduixClient({
        username: "user",
        password: "password-1",
        endpoint: s.url,
        timeoutMs: 2_000,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const error = await c.getKey({ profileID: 7 }, { timeoutMs }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ kind: "timeout", operation: "getKey", timeoutMs });
      // One login attempt was under way; the call did not wait for a second one.
      expect(s.count("login")).toBe(1);
      expect(s.count("getKey")).toBe(0);
      await s.close();
      server = undefined;
    }
  });

  it("login({ timeoutMs }) and the expired-session re-login are bounded the same way", async () => {
    const s = await serve(
      () => fault("12", "Session expired"),
      (_req, i) => (i === 0 ? loginOk("session-1") : undefined),
    );
    const c = client(s);
    await expect(c.login({ timeoutMs: 1_000 })).resolves.toBe("session-1");
    // The call's first exchange says the session expired; the re-login hangs: the call's limit ends it.
    const error = await c
      .createKey({ profileID: 1, userID: ECK }, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout", operation: "createKey", timeoutMs: 300 });
    expect(s.count("login")).toBe(2);
  });

  it("the login keeps running for the other callers: one login, and a patient caller gets its answer", async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const s = await serve(
      () => getKeyOk([{ profileID: "7" }]),
      async () => {
        await gate;
        return loginOk("session-late");
      },
    );
    const c = client(s);
    const impatient = c.getKey({ profileID: 7 }, { timeoutMs: 100 }).catch((e: unknown) => e);
    const patient = c.getKey({ profileID: 7 });
    expect(await impatient).toBeInstanceOf(TimeoutError);
    release!();
    await expect(patient).resolves.toEqual([{ profileID: 7 }]);
    expect(s.count("login")).toBe(1);
    expect(s.sessionIDsSent("getKey")).toEqual(["session-late"]);
  });

  it("retries of the call's own exchange stop at its limit", async () => {
    const s = await serve(() => undefined); // getKey never answers
    const c = createEduixClient({
      username: "user",
      password: "password-1",
      endpoint: s.url,
      timeoutMs: 5_000,
      retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await c.getKey({ profileID: 7 }, { timeoutMs: 250 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout", operation: "getKey", timeoutMs: 250 });
    // The first attempt used up the limit; at most one more may have started as it ran out, never all five.
    expect(s.count("getKey")).toBeLessThanOrEqual(2);
  });

  it("rejects call options that are not a signal and a whole number of ms", async () => {
    const s = await serve(() => getKeyOk([]));
    const c = client(s);
    for (const options of [
      { timeoutMs: Number.NaN },
      { timeoutMs: "300" },
      { timeoutMs: 0 },
      { signal: {} },
    ]) {
      const error = await c.getKey({ profileID: 7 }, options as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    await expect(c.login({ timeoutMs: Number.POSITIVE_INFINITY })).rejects.toBeInstanceOf(ValidationError);
    expect(s.received).toEqual([]);
  });
});
