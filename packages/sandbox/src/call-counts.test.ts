/**
 * The call counts (`GET /__sandbox/calls`): a call the vendor ran is counted by its outcome, also when its answer
 * is then dropped (`drop-after`: applied, no answer); a call dropped before the vendor runs (`drop`) is not.
 */
import { createEasySecureClient } from "@integrations/easysecure-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  faultDispatcher,
  PLUS_COMPANY,
  raw,
  startTestSandbox,
  type TestSandbox,
} from "./__tests__/helpers.js";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

const user = {
  p_ws_StoreId: 1234,
  p_wsAltUserId: "COUNT-1",
  p_PIN: "",
  p_Achternaam: "Jansen",
  p_Voornaam: "Piet",
  p_Admin: 0 as const,
  p_Security: 0 as const,
  p_infoFields: {},
};

async function send(fault: string | undefined): Promise<unknown> {
  const dispatcher = fault === undefined ? undefined : faultDispatcher(fault);
  try {
    return await createEasySecureClient({
      endpoint: sb.urls.easysecure,
      companyId: PLUS_COMPANY,
      ...(dispatcher ? { dispatcher } : {}),
    }).updateUserDotweb(user);
  } catch (error) {
    return error;
  } finally {
    await dispatcher?.close();
  }
}

describe("call counts", () => {
  it("count what the vendor ran: drop-after is applied without an answer, drop is not applied", async () => {
    expect(await send("drop")).toMatchObject({ kind: "network" });
    expect(sb.calls()).toEqual({});
    expect(await send("drop-after")).toMatchObject({ kind: "network" });
    expect(sb.calls()).toEqual({ "easysecure Esws.updateUserDotweb": { INSERTED: 1 } });
    // The write was applied: sending it again updates the user.
    expect(await send(undefined)).toBe("UPDATED");
    const answer = await raw(`${sb.urls.admin}/calls`);
    expect(JSON.parse(answer.text)).toEqual({
      calls: { "easysecure Esws.updateUserDotweb": { INSERTED: 1, UPDATED: 1 } },
    });
    sb.reset();
    expect(sb.calls()).toEqual({});
  });
});
