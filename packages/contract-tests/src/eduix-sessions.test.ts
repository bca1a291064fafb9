/**
 * Edu-iX session flows against the contract: the client's whole conversation (logins included) is built from
 * the contract's own response fixtures and every request it sends must satisfy the contract.
 */
import { createEduixClient, EduixError } from "@integrations/eduix-client";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { credentials, ECK_ID, interceptEduix, loginSuccess, validateEduixRequest } from "./eduix.plugin.js";
import { loadFixtures } from "./fixtures.js";

const fixtures = new Map(loadFixtures("eduix").map((f) => [f.id, f]));
function response(id: string): string {
  const text = fixtures.get(id)?.response?.text;
  if (text === undefined) throw new Error(`no response fixture ${id}`);
  return text;
}

function outcomeValue(id: string): unknown {
  const outcome = fixtures.get(id)?.meta.expect.outcome;
  if (outcome?.kind !== "success") throw new Error(`no success fixture ${id}`);
  return outcome.value;
}

const sessionOf = (body: string) => /<(?:\w+:)?sessionID>([^<]*)</.exec(body)?.[1];

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

async function expectAllValid(operation: string, sent: readonly string[]): Promise<void> {
  // Identical bodies validate identically; check each distinct one once.
  for (const body of new Set(sent)) expect(await validateEduixRequest(operation, body), body).toEqual([]);
}

describe("eduix: session flows", () => {
  it.each([
    ["createKey", "createKey/code-12-session-expired", "createKey/success"],
    ["getKey", "getKey/code-3-session-expired", "getKey/success-one-key"],
    ["deleteKey", "deleteKey/code-12-session-expired", "deleteKey/success"],
  ] as const)(
    "%s: session expired (%s) ⇒ new login ⇒ repeated once ⇒ success",
    async (operation, expired, success) => {
      const wire = interceptEduix((body, login) => {
        if (login >= 0) return loginSuccess(`session-${login + 1}`);
        return sessionOf(body) === "session-1" ? response(expired) : response(success);
      });
      const client = createEduixClient({ ...credentials, retry: false });
      const result =
        operation === "createKey"
          ? await client.createKey({ profileID: 48213976, userID: ECK_ID })
          : operation === "deleteKey"
            ? await client.deleteKey({ userID: ECK_ID })
            : await client.getKey({ userID: ECK_ID });
      if (operation === "getKey") expect(result).toEqual(outcomeValue(success));
      else expect(result).toBeUndefined();
      expect(wire.logins()).toBe(2);
      expect(wire.calls()).toBe(2);
      expect(wire.sent.filter((b) => !b.includes("loginRequest")).map(sessionOf)).toEqual([
        "session-1",
        "session-2",
      ]);
      await expectAllValid(operation, wire.sent);
    },
  );

  it("100 concurrent calls on a fresh client ⇒ exactly one login", async () => {
    const wire = interceptEduix((_body, login) =>
      login >= 0 ? loginSuccess() : response("getKey/success-several-keys"),
    );
    const client = createEduixClient({ ...credentials, retry: false });
    const results = await Promise.all(Array.from({ length: 100 }, () => client.getKey({ userID: ECK_ID })));
    const expected = outcomeValue("getKey/success-several-keys");
    for (const keys of results) expect(keys).toEqual(expected);
    expect(wire.logins()).toBe(1);
    expect(wire.calls()).toBe(100);
    await expectAllValid("getKey", wire.sent);
  });

  it("a second expiry during the repeat ⇒ thrown, no loop", async () => {
    const wire = interceptEduix((_body, login, call) =>
      login >= 0
        ? loginSuccess(`session-${login + 1}`)
        : response(call === 0 ? "createKey/code-12-session-expired" : "createKey/code-3-session-expired"),
    );
    const client = createEduixClient({ ...credentials, retry: false });
    const error = await client.createKey({ profileID: 48213976, userID: ECK_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EduixError);
    expect(error).toMatchObject({ code: 3, sessionExpired: true, operation: "createKey" });
    expect(wire.logins()).toBe(2);
    expect(wire.calls()).toBe(2);
    await expectAllValid("createKey", wire.sent);
  });

  it("an authentication error (2) at login ⇒ thrown, one login, no call", async () => {
    const wire = interceptEduix(() => response("login/code-2-authentication-error"));
    const client = createEduixClient({ ...credentials, retry: false });
    await expect(client.getKey({ userID: ECK_ID })).rejects.toMatchObject({ code: 2, operation: "login" });
    expect(wire.logins()).toBe(1);
    expect(wire.calls()).toBe(0);
  });
});
