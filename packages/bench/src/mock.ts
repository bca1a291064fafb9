/**
 * An in-process stand-in for the loopback servers: undici's MockAgent answering the same fixed responses,
 * for measurements without a network (overhead-child.ts, `profile.js … --mock`).
 */
import { MockAgent } from "undici";
import type { ServerUrls } from "./contenders.js";
import { responses } from "./payloads.js";

export const MOCK_ORIGIN = "http://bench.invalid";
export const MOCK_URLS: ServerUrls = {
  easysecure: `${MOCK_ORIGIN}/webservicesesws`,
  moka: MOCK_ORIGIN,
  eduix: `${MOCK_ORIGIN}/soap/4.3/account`,
  control: MOCK_ORIGIN,
};

export function mockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(MOCK_ORIGIN);
  const xml = { headers: { "content-type": "text/xml; charset=utf-8" } };
  const json = { headers: { "content-type": "application/json; charset=utf-8" } };
  const syncMOCA = responses.eswsSyncMOCA();
  const cardList = responses.mokaGetCardList();
  const login = responses.eduixLogin();
  const getKey = responses.eduixGetKey();
  pool.intercept({ path: "/webservicesesws", method: "POST" }).reply(200, syncMOCA, xml).persist();
  pool
    .intercept({ path: "/DealerCustomer/GetCardList", method: "POST" })
    .reply(200, cardList, json)
    .persist();
  pool
    .intercept({ path: "/soap/4.3/account", method: "POST" })
    .reply(200, (opts) => (String(opts.body).includes("loginRequest") ? login : getKey), xml)
    .persist();
  return agent;
}
