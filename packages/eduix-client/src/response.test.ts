/** Hostile Edu-iX answers: secrets written as markup. */
import type { ClientLogEvent } from "@integrations/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { envelope, type FakeEduix, startFakeEduix } from "./__tests__/fake-eduix.js";
import { createEduixClient } from "./client.js";

let server: FakeEduix | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("a password the server writes as a name is redacted before a parse error cuts it short", () => {
  // Valid XML names of up to 64 characters (the contract's string64), longer than the 40 a message quotes.
  const passwords = [
    "AValidXmlNamePassword_0123456789abcdefghijklmnopqrstu",
    "pw.0123456789.0123456789.0123456789.0123456789.0123456789.xyz",
    "S3CRET-eduix-pw-9a2b-S3CRET-eduix-pw-9a2b-S3CRET-eduix-pw-9a2b",
  ];
  const answers = [
    (p: string) => envelope(`<x></${p}>`),
    (p: string) => envelope(`<x>&${p};</x>`),
    (p: string) => envelope(`<${p}>`),
    (p: string) => `<${p}/>`,
  ];

  it("in the login's answer, through every error surface and log event", async () => {
    // One server for every case: it answers whatever the case being run says.
    let body = "";
    server = await startFakeEduix(() => body);
    for (const password of passwords) {
      const events: ClientLogEvent[] = [];
      const c = createEduixClient({
        username: "user",
        password,
        endpoint: server.url,
        retry: false,
        logger: (e) => events.push(e),
      });
      for (const answer of answers) {
        body = answer(password);
        const error = (await c.login().catch((e: unknown) => e)) as Error;
        expect(error).toMatchObject({ kind: "malformed-response" });
        const texts = [
          error.message,
          String(error),
          JSON.stringify(error),
          error.stack,
          JSON.stringify(events),
        ].join("\n");
        expect(texts, body).not.toContain(password.slice(0, 16));
      }
    }
  });
});
