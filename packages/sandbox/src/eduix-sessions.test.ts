/**
 * The Edu-iX session table stays bounded: expired sessions are swept, and past `maxSessions` a login ends
 * the least recently used session. (Before, 100k logins kept 100k sessions.) A fake clock drives expiry.
 */
import { describe, expect, it } from "vitest";
import {
  DISTRIBUTOR,
  eduixBody,
  eduixFaultCode,
  eduixRequest,
  eduixSessionID,
  loginHeader,
  OTHER_DISTRIBUTOR,
  sessionHeader,
} from "./__tests__/helpers.js";
import { createEduixService, DEFAULT_MAX_SESSIONS } from "./eduix.js";
import { resolveSeed } from "./seed.js";
import type { SandboxRequest } from "./service.js";

function service(options: { maxSessions?: number; sessionTtlMs?: number } = {}) {
  let clock = 1_000_000;
  const eduix = createEduixService(resolveSeed(undefined).seed.eduix, { ...options, now: () => clock });
  const call = (xml: string) => {
    const request: SandboxRequest = {
      vendor: "eduix",
      method: "POST",
      path: "/soap/4.3/account",
      query: new URLSearchParams(),
      headers: { "content-type": "text/xml; charset=utf-8" },
      body: Buffer.from(xml),
      origin: "http://127.0.0.1:1",
      expireSession: false,
    };
    return eduix.routes.find((r) => r.post !== undefined)!.post!(request);
  };
  const login = (creds = DISTRIBUTOR) =>
    eduixSessionID(
      call(eduixRequest(loginHeader(creds.username, creds.password), eduixBody("loginRequest"))).body,
    );
  const getKey = (sessionID: string) =>
    eduixFaultCode(
      call(eduixRequest(sessionHeader(sessionID), eduixBody("getKeyRequest", { profileID: 1 }))).body,
    );
  return {
    eduix,
    login,
    getKey,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("Edu-iX session table", () => {
  it("has a default cap of 10 000 sessions", () => {
    expect(DEFAULT_MAX_SESSIONS).toBe(10_000);
    expect(service().eduix.maxSessions).toBe(10_000);
  });

  it.each([1, 7, 50])(
    "keeps at most %i sessions: a login past the cap ends the least recently used",
    (max) => {
      const s = service({ maxSessions: max });
      const ids = Array.from({ length: max * 4 + 3 }, (_, i) =>
        s.login(i % 2 === 0 ? DISTRIBUTOR : OTHER_DISTRIBUTOR),
      );
      expect(s.eduix.sessionTableSize()).toBe(max);
      expect(s.getKey(ids.at(-1)!)).toBeUndefined();
      expect(s.getKey(ids[0]!)).toBe(12);
      if (max > 1) {
        // A session in use is kept over an idle one.
        const kept = ids.at(-max)!;
        expect(s.getKey(kept)).toBeUndefined();
        s.login();
        expect(s.getKey(kept)).toBeUndefined();
        expect(s.getKey(ids.at(-max + 1)!)).toBe(12);
      }
    },
  );

  it.each([
    [1000, 300],
    [60_000, 2000],
  ])("sweeps expired sessions (ttl %i ms, %i logins) on the next call", (ttl, logins) => {
    const s = service({ sessionTtlMs: ttl });
    const ids = Array.from({ length: logins }, () => s.login());
    expect(s.eduix.sessionTableSize()).toBe(logins);
    s.advance(ttl / 2);
    expect(s.getKey(ids[0]!)).toBeUndefined(); // used: extended
    s.advance(ttl / 2 + 1);
    expect(s.getKey(ids[1]!)).toBe(12);
    expect(s.eduix.sessionTableSize()).toBe(1); // only the one used half-way is left
    expect(s.eduix.activeSessions()).toBe(1);
    s.advance(ttl);
    s.login();
    expect(s.eduix.sessionTableSize()).toBe(1);
  });
});
