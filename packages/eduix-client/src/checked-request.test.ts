/** What the Edu-iX client sends is the plain, checked copy of the input: nothing else, nothing empty. */
import { ValidationError } from "@integrations/runtime";
import { afterEach, describe, expect, it } from "vitest";
import {
  createKeyOk,
  deleteKeyOk,
  type FakeEduix,
  getKeyOk,
  loginOk,
  startFakeEduix,
} from "./__tests__/fake-eduix.js";
import { createEduixClient } from "./client.js";

const ECK = "https://ketenid.nl/201703/0123456789abcdef";

let server: FakeEduix | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve() {
  server = await startFakeEduix((req) =>
    req.operation === "login"
      ? loginOk("session-1")
      : req.operation === "getKey"
        ? getKeyOk([])
        : req.operation === "createKey"
          ? createKeyOk()
          : deleteKeyOk(),
  );
  return createEduixClient({ username: "user", password: "password-1", endpoint: server.url, retry: false });
}

async function issuesOf(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => `${i.field}:${i.rule}`);
}

describe("Edu-iX requests: identifiers are never empty", () => {
  it("refuses an empty userID or distributorPersonID in every operation, sending nothing", async () => {
    const c = await serve();
    expect(await issuesOf(c.createKey({ profileID: 1, userID: "" }))).toEqual(["userID:minLength"]);
    expect(await issuesOf(c.deleteKey({ userID: "" }))).toEqual(["userID:minLength"]);
    expect(await issuesOf(c.getKey({ userID: "" }))).toEqual(["userID:minLength"]);
    expect(await issuesOf(c.getKey({ distributorPersonID: "" }))).toEqual(["distributorPersonID:minLength"]);
    // Other rules are still reported alongside.
    expect(await issuesOf(c.createKey({ profileID: 0, userID: "" }))).toEqual([
      "profileID:minimum",
      "userID:minLength",
    ]);
    expect(server!.received).toEqual([]);
  });
});

describe("Edu-iX requests: the plain copy is what is validated and written", () => {
  it("refuses inherited fields and class instances", async () => {
    const c = await serve();
    class Request {
      constructor(readonly userID: string) {}
    }
    expect(await issuesOf(c.deleteKey(Object.create({ userID: ECK })))).toEqual([":plainObject"]);
    expect(await issuesOf(c.getKey(new Request(ECK) as never))).toEqual([":plainObject"]);
    expect(await issuesOf(c.createKey({ profileID: 2 ** 53, userID: ECK }))).toContain(
      "profileID:safeInteger",
    );
    expect(server!.received).toEqual([]);
  });

  it("reads a getter once: the userID checked is the userID sent", async () => {
    const c = await serve();
    let reads = 0;
    await c.deleteKey({
      get userID() {
        reads++;
        return reads === 1 ? ECK : `${"x".repeat(300)}`;
      },
    });
    expect(reads).toBe(1);
    expect(server!.received.find((r) => r.operation === "deleteKey")!.body).toContain(
      `<urn:userID>${ECK}</urn:userID>`,
    );
  });
});
