/**
 * One cold-start sample, in a fresh `node` process: import the library, create the client, make the first
 * call. argv[2] = contender, argv[3] = server URL. Prints one JSON line: the three phases in ms, the
 * time Node took to get to this script (`bootMs`, the same for every contender), and the longest event-loop
 * stall while the client then serves calls (`stallMs`: anything that loads or compiles late shows there).
 *
 * Only Node built-ins and this package's tiny constant modules are loaded before the clock starts.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { EDUIX_WSDL, ESWS_WSDL } from "./paths.js";
import { INPUT } from "./payloads.js";

export type ColdContender =
  | "ours:easysecure"
  | "node-soap:easysecure"
  | "ours:moka"
  | "openapi-fetch:moka"
  | "ours:eduix"
  | "node-soap:eduix";

export interface ColdSample {
  bootMs: number;
  importMs: number;
  createMs: number;
  firstCallMs: number;
  /** The longest event-loop delay during the calls after the first, ms (1 ms resolution). */
  stallMs?: number;
}

/** Calls made after the first one while the event loop is watched: enough to pass any "after a few calls". */
const CALLS_AFTER_FIRST = 200;

type Phases = () => Promise<{ create: () => Promise<{ first: () => Promise<unknown> }> }>;

const EDUIX_NS = "urn:edu-ix:account:4.3";

function soapCall(client: object, operation: string, args: unknown): Promise<unknown> {
  const method = (client as Record<string, unknown>)[operation] as (
    a: unknown,
    cb: (e: unknown, r: unknown) => void,
  ) => void;
  return new Promise((resolve, reject) => method.call(client, args, (e, r) => (e ? reject(e) : resolve(r))));
}

function phases(contender: ColdContender, url: string): Phases {
  switch (contender) {
    case "ours:easysecure":
      return async () => {
        const { createEasySecureClient } = await import("@integrations/easysecure-client");
        return {
          create: async () => {
            const client = createEasySecureClient({ endpoint: url, companyId: INPUT.easysecure.companyId });
            return { first: () => client.syncMOCA({ p_wsAltUserId: INPUT.easysecure.wsAltUserId }) };
          },
        };
      };
    case "node-soap:easysecure":
      return async () => {
        const soap = await import("soap");
        return {
          create: async () => {
            const client = await soap.createClientAsync(ESWS_WSDL, { endpoint: url });
            return {
              first: () =>
                soapCall(client, "Esws.syncMOCA", {
                  p_companyID: INPUT.easysecure.companyId,
                  p_wsAltUser_id: INPUT.easysecure.wsAltUserId,
                }),
            };
          },
        };
      };
    case "ours:moka":
      return async () => {
        const { createMokaClient } = await import("@integrations/moka-client");
        return {
          create: async () => {
            const { dealerCode, username, password, customerCode } = INPUT.moka;
            const client = createMokaClient({ baseUrl: url, dealerCode, username, password });
            return { first: () => client.getCardList({ CustomerCode: customerCode }) };
          },
        };
      };
    case "openapi-fetch:moka":
      return async () => {
        const { default: createClient } = await import("openapi-fetch");
        return {
          create: async () => {
            const client = createClient<import("@integrations/moka-types").paths>({ baseUrl: url });
            const { dealerCode, username, password, customerCode } = INPUT.moka;
            // The CheckKey, computed once, as our client does when it is created.
            const { createHash } = await import("node:crypto");
            const CheckKey = createHash("sha256")
              .update(`${dealerCode}MK${username}PD${password}`)
              .digest("hex");
            return {
              first: async () => {
                const { data } = await client.POST("/DealerCustomer/GetCardList", {
                  body: {
                    DealerCustomerAuthentication: {
                      DealerCode: dealerCode,
                      Username: username,
                      Password: password,
                      CheckKey,
                    },
                    DealerCustomerRequest: { CustomerCode: customerCode },
                  },
                });
                return data;
              },
            };
          },
        };
      };
    case "ours:eduix":
      return async () => {
        const { createEduixClient } = await import("@integrations/eduix-client");
        return {
          create: async () => {
            const { username, password, profileID } = INPUT.eduix;
            const client = createEduixClient({ endpoint: url, username, password });
            // The first call logs in (lazily) and then asks: two round trips, as for node-soap below.
            return { first: () => client.getKey({ profileID }) };
          },
        };
      };
    case "node-soap:eduix":
      return async () => {
        const soap = await import("soap");
        return {
          create: async () => {
            const client = await soap.createClientAsync(EDUIX_WSDL, { endpoint: url });
            const { username, password, profileID } = INPUT.eduix;
            return {
              first: async () => {
                client.addSoapHeader(
                  `<urn:loginHeader xmlns:urn="${EDUIX_NS}"><urn:username>${username}</urn:username><urn:password>${password}</urn:password></urn:loginHeader>`,
                );
                const login = (await soapCall(client, "login", {})) as { sessionID: string };
                client.clearSoapHeaders();
                client.addSoapHeader(
                  `<urn:authHeader xmlns:urn="${EDUIX_NS}"><urn:sessionIDHeader><urn:sessionID>${login.sessionID}</urn:sessionID></urn:sessionIDHeader></urn:authHeader>`,
                );
                return soapCall(client, "getKey", { profileID });
              },
            };
          },
        };
      };
  }
}

async function main(): Promise<void> {
  const bootMs = performance.now();
  const contender = process.argv[2] as ColdContender;
  const url = process.argv[3] ?? "";
  const run = phases(contender, url);
  const t0 = performance.now();
  const lib = await run();
  const t1 = performance.now();
  const client = await lib.create();
  const t2 = performance.now();
  const result = await client.first();
  const t3 = performance.now();
  if (result === undefined || result === null) throw new Error(`${contender}: empty first answer`);
  // After the clock: the calls that follow, 4 at a time, with the event loop watched.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let i = 0; i < CALLS_AFTER_FIRST; i += 4) {
    await Promise.all([client.first(), client.first(), client.first(), client.first()]);
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
  delay.disable();
  const sample: ColdSample = {
    bootMs,
    importMs: t1 - t0,
    createMs: t2 - t1,
    firstCallMs: t3 - t2,
    stallMs: delay.max / 1e6,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

await main();
process.exit(0);
