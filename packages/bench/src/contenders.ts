/**
 * The contenders of each protocol: our client, the anchors (node-soap, openapi-fetch) and raw undici. Every
 * contender makes the same request against the same loopback server; `check` verifies its first answer, so
 * a contender that silently fails can never look fast.
 */
import { type VendorId, vendors } from "@integrations/vendors";
import { EDUIX_WSDL, ESWS_WSDL } from "./paths.js";
import { INPUT, requests } from "./payloads.js";

/** A vendor's protocol, named by the vendor's registry id. */
export type Protocol = VendorId;
export const PROTOCOLS: readonly Protocol[] = vendors.map((vendor) => vendor.id);

export const PROTOCOL_LABEL: Readonly<Record<Protocol, string>> = {
  easysecure: "EasySecure ESWS (SOAP rpc/encoded) · Esws.syncMOCA",
  moka: "Moka United (JSON) · GetCardList",
  eduix: "Edu-iX Account (SOAP doc/literal + header) · getKey",
};

export type ContenderId =
  | "ours"
  | "node-soap"
  | "openapi-fetch"
  | "undici"
  /** Our client with a caller-supplied undici Agent as its dispatcher. */
  | "ours-undici"
  /** Raw `http.request` on a keep-alive Agent: the floor of our default transport. */
  | "http"
  /** Node's global `fetch`. */
  | "fetch";

export interface Contender {
  id: ContenderId;
  /** What is measured, e.g. "@integrations/easysecure-client" or "soap 1.13.0". */
  label: string;
  call(): Promise<unknown>;
  /** True when `result` (of `call`) is the expected answer. */
  check(result: unknown): boolean;
}

export interface ServerUrls {
  easysecure: string;
  moka: string;
  eduix: string;
  control: string;
}

const SOAP_HEADERS = { "content-type": "text/xml; charset=utf-8", accept: "text/xml" };

/**
 * raw undici: the precomputed request, the body read as text (SOAP) or JSON (Moka), status checked. On
 * `dispatcher` when one is given (the MockAgent), else on undici's global dispatcher.
 */
function rawUndici(
  request: typeof import("undici").request,
  url: string,
  headers: Record<string, string>,
  body: string,
  read: "text" | "json",
  dispatcher: UndiciDispatcher | undefined,
): Contender {
  const options = { method: "POST" as const, headers, body, ...(dispatcher ? { dispatcher } : {}) };
  return {
    id: "undici",
    label: "undici.request (precomputed body)",
    call: async () => {
      const res = await request(url, options);
      const out = read === "text" ? await res.body.text() : await res.body.json();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
      return out;
    },
    check: (r) =>
      read === "text" ? typeof r === "string" && r.length > 0 : typeof r === "object" && r !== null,
  };
}

/** node-soap calls by callback: `client[op](args, cb)` also works for dotted names (the *Async twin does not). */
function soapCall(client: import("soap").Client, operation: string, args: unknown): Promise<unknown> {
  const method = (client as unknown as Record<string, unknown>)[operation];
  if (typeof method !== "function") throw new Error(`node-soap client has no method ${operation}`);
  return new Promise((resolve, reject) => {
    (method as (a: unknown, cb: (e: unknown, r: unknown) => void) => void).call(
      client,
      args,
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** node-soap returns `{attributes, $value}` where a string is expected, not the string. */
function soapText(value: unknown): unknown {
  if (value && typeof value === "object" && "$value" in value) return (value as { $value: unknown }).$value;
  return value;
}

type Factories = Partial<Record<ContenderId, () => Promise<Contender>>>;

/** undici's own Dispatcher type (the runtime declares only the part it drives). */
type UndiciDispatcher = import("undici").Dispatcher;

/** Options given to our clients on top of the bench's (the telemetry bench turns telemetry off in one). */
export interface OursOptions {
  telemetry?: false;
  /**
   * An undici dispatcher (the in-process MockAgent of mock.ts) that every contender able to take one is given
   * explicitly: our client as its `dispatcher` option (without it, our client is on node:http and never sees
   * undici's global dispatcher), our client on undici, and raw `undici.request` (its `dispatcher` option), so
   * the raw floor and our client go through the same dispatcher. Absent: our client on its default transport,
   * the undici contenders on undici's global dispatcher.
   */
  dispatcher?: UndiciDispatcher;
}

function eswsFactories(urls: ServerUrls, extra: OursOptions): Factories {
  return {
    ours: async () => {
      const { createEasySecureClient } = await import("@integrations/easysecure-client");
      const ours = createEasySecureClient({
        endpoint: urls.easysecure,
        companyId: INPUT.easysecure.companyId,
        ...extra,
      });
      return {
        id: "ours",
        label: "@integrations/easysecure-client",
        call: () => ours.syncMOCA({ p_wsAltUserId: INPUT.easysecure.wsAltUserId }),
        check: (r) => r === "OK",
      };
    },
    "node-soap": async () => {
      const soap = await import("soap");
      const client = await soap.createClientAsync(ESWS_WSDL, { endpoint: urls.easysecure });
      const args = { p_companyID: INPUT.easysecure.companyId, p_wsAltUser_id: INPUT.easysecure.wsAltUserId };
      return {
        id: "node-soap",
        label: "soap 1.13.0 (client from esws.wsdl)",
        call: () => soapCall(client, "Esws.syncMOCA", args),
        check: (r) => soapText((r as { return?: unknown } | undefined)?.return) === "OK",
      };
    },
    undici: async () =>
      rawUndici(
        (await import("undici")).request,
        urls.easysecure,
        { ...SOAP_HEADERS, soapaction: '"uen:esws#Esws.syncMOCA"' },
        requests.eswsSyncMOCA(),
        "text",
        extra.dispatcher,
      ),
  };
}

function mokaFactories(urls: ServerUrls, extra: OursOptions): Factories {
  type Paths = import("@integrations/moka-types").paths;
  const { dealerCode, username, password, customerCode } = INPUT.moka;
  const body = requests.mokaGetCardList();
  return {
    ours: async () => {
      const { createMokaClient } = await import("@integrations/moka-client");
      const ours = createMokaClient({
        baseUrl: urls.moka,
        dealerCode,
        username,
        password,
        ...extra,
      });
      return {
        id: "ours",
        label: "@integrations/moka-client",
        call: () => ours.getCardList({ CustomerCode: customerCode }),
        check: (r) => (r as { CardListCount?: unknown } | undefined)?.CardListCount === 1,
      };
    },
    "openapi-fetch": async () => {
      const { default: createClient } = await import("openapi-fetch");
      const client = createClient<Paths>({ baseUrl: urls.moka });
      const typed = JSON.parse(
        body,
      ) as Paths["/DealerCustomer/GetCardList"]["post"]["requestBody"]["content"]["application/json"];
      return {
        id: "openapi-fetch",
        label: "openapi-fetch 0.17.0 (global fetch)",
        call: async () => {
          const { data, error, response } = await client.POST("/DealerCustomer/GetCardList", { body: typed });
          if (error !== undefined || !response.ok) throw new Error(`HTTP ${response.status}`);
          return data;
        },
        check: (r) => (r as { ResultCode?: unknown } | undefined)?.ResultCode === "Success",
      };
    },
    undici: async () =>
      rawUndici(
        (await import("undici")).request,
        `${urls.moka}/DealerCustomer/GetCardList`,
        { "content-type": "application/json; charset=utf-8", accept: "application/json" },
        body,
        "json",
        extra.dispatcher,
      ),
  };
}

function eduixFactories(urls: ServerUrls, extra: OursOptions): Factories {
  const { username, password, profileID } = INPUT.eduix;
  return {
    ours: async () => {
      const { createEduixClient } = await import("@integrations/eduix-client");
      const ours = createEduixClient({ endpoint: urls.eduix, username, password, ...extra });
      return {
        id: "ours",
        label: "@integrations/eduix-client",
        call: () => ours.getKey({ profileID }),
        check: (r) =>
          Array.isArray(r) && r.length === 1 && (r[0] as { profileID?: unknown }).profileID === profileID,
      };
    },
    "node-soap": async () => {
      const client = await soapEduixClient(await import("soap"), urls.eduix);
      return {
        id: "node-soap",
        label: "soap 1.13.0 (client from account.wsdl, addSoapHeader)",
        call: () => soapCall(client, "getKey", { profileID }),
        check: (r) => Array.isArray((r as { key?: unknown } | undefined)?.key),
      };
    },
    undici: async () =>
      rawUndici(
        (await import("undici")).request,
        urls.eduix,
        { ...SOAP_HEADERS, soapaction: '"urn:edu-ix:account:4.3#getKey"' },
        requests.eduixGetKey(),
        "text",
        extra.dispatcher,
      ),
  };
}

const EDUIX_NS = "urn:edu-ix:account:4.3";

/**
 * A node-soap Edu-iX client with a session, the way node-soap is used: log in with a loginHeader, then
 * send the sessionID in an authHeader on every call (addSoapHeader). The headers are given as XML, because
 * node-soap writes an object header unqualified.
 */
export async function soapEduixClient(
  soap: typeof import("soap"),
  endpoint: string,
): Promise<import("soap").Client> {
  const { username, password } = INPUT.eduix;
  const client = await soap.createClientAsync(EDUIX_WSDL, { endpoint });
  client.addSoapHeader(
    `<urn:loginHeader xmlns:urn="${EDUIX_NS}"><urn:username>${username}</urn:username><urn:password>${password}</urn:password></urn:loginHeader>`,
  );
  const login = (await soapCall(client, "login", {})) as { sessionID?: unknown };
  const sessionID = soapText(login?.sessionID);
  if (typeof sessionID !== "string") throw new Error("node-soap login returned no sessionID");
  client.clearSoapHeaders();
  client.addSoapHeader(
    `<urn:authHeader xmlns:urn="${EDUIX_NS}"><urn:sessionIDHeader><urn:sessionID>${sessionID}</urn:sessionID></urn:sessionIDHeader></urn:authHeader>`,
  );
  return client;
}

/**
 * The contenders of `protocol`, created in a fixed order (ours first, then the anchors, then raw undici);
 * `only` restricts them to some ids.
 */
export async function contendersFor(
  protocol: Protocol,
  urls: ServerUrls,
  only?: readonly ContenderId[],
  extra: OursOptions = {},
): Promise<Contender[]> {
  const factories =
    protocol === "easysecure"
      ? eswsFactories(urls, extra)
      : protocol === "moka"
        ? mokaFactories(urls, extra)
        : eduixFactories(urls, extra);
  const all: Factories = { ...factories, ...transportFactories(protocol, urls, extra.dispatcher) };
  const out: Contender[] = [];
  for (const [id, create] of Object.entries(all) as [ContenderId, () => Promise<Contender>][]) {
    if (only === undefined || only.includes(id)) out.push(await create());
  }
  return out;
}

/** What the raw contenders send for each protocol: the precomputed request, and how the body is read. */
function rawRequest(
  protocol: Protocol,
  urls: ServerUrls,
): { url: string; headers: Record<string, string>; body: string; read: "text" | "json" } {
  switch (protocol) {
    case "easysecure":
      return {
        url: urls.easysecure,
        headers: { ...SOAP_HEADERS, soapaction: '"uen:esws#Esws.syncMOCA"' },
        body: requests.eswsSyncMOCA(),
        read: "text",
      };
    case "moka":
      return {
        url: `${urls.moka}/DealerCustomer/GetCardList`,
        headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" },
        body: requests.mokaGetCardList(),
        read: "json",
      };
    case "eduix":
      return {
        url: urls.eduix,
        headers: { ...SOAP_HEADERS, soapaction: '"urn:edu-ix:account:4.3#getKey"' },
        body: requests.eduixGetKey(),
        read: "text",
      };
  }
}

/** Our client of `protocol`, given `dispatcher` (an undici dispatcher), with the same call and check as "ours". */
async function oursWith(
  protocol: Protocol,
  urls: ServerUrls,
  dispatcher: UndiciDispatcher,
  label: string,
): Promise<Contender> {
  const transport = { dispatcher };
  switch (protocol) {
    case "easysecure": {
      const { createEasySecureClient } = await import("@integrations/easysecure-client");
      const client = createEasySecureClient({
        ...transport,
        endpoint: urls.easysecure,
        companyId: INPUT.easysecure.companyId,
      });
      return {
        id: "ours-undici",
        label,
        call: () => client.syncMOCA({ p_wsAltUserId: INPUT.easysecure.wsAltUserId }),
        check: (r) => r === "OK",
      };
    }
    case "moka": {
      const { createMokaClient } = await import("@integrations/moka-client");
      const { dealerCode, username, password, customerCode } = INPUT.moka;
      const client = createMokaClient({ ...transport, baseUrl: urls.moka, dealerCode, username, password });
      return {
        id: "ours-undici",
        label,
        call: () => client.getCardList({ CustomerCode: customerCode }),
        check: (r) => (r as { CardListCount?: unknown } | undefined)?.CardListCount === 1,
      };
    }
    case "eduix": {
      const { createEduixClient } = await import("@integrations/eduix-client");
      const { username, password, profileID } = INPUT.eduix;
      const client = createEduixClient({ ...transport, endpoint: urls.eduix, username, password });
      return {
        id: "ours-undici",
        label,
        call: () => client.getKey({ profileID }),
        check: (r) =>
          Array.isArray(r) && r.length === 1 && (r[0] as { profileID?: unknown }).profileID === profileID,
      };
    }
  }
}

/**
 * The contenders that compare transports: our client on an undici dispatcher, raw `http.request` on a
 * keep-alive Agent (what our default transport is built on) and Node's global `fetch`, each sending the
 * precomputed request of the raw undici contender.
 */
function transportFactories(
  protocol: Protocol,
  urls: ServerUrls,
  dispatcher: UndiciDispatcher | undefined,
): Factories {
  const { url, headers, body, read } = rawRequest(protocol, urls);
  const check = (r: unknown) =>
    read === "text" ? typeof r === "string" && r.length > 0 : typeof r === "object" && r !== null;
  return {
    // The dispatcher raw `undici.request` uses (the given one, else undici's global one): the same pool for both.
    "ours-undici": async () =>
      dispatcher
        ? oursWith(
            protocol,
            urls,
            dispatcher,
            "@integrations client, dispatcher: the given undici dispatcher",
          )
        : oursWith(
            protocol,
            urls,
            (await import("undici")).getGlobalDispatcher(),
            "@integrations client, dispatcher: undici's global Agent",
          ),
    http: async () => {
      const http = await import("node:http");
      const agent = new http.Agent({ keepAlive: true });
      const target = new URL(url);
      const options = {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers,
        agent,
      };
      return {
        id: "http",
        label: "http.request, keep-alive Agent (precomputed body)",
        call: () =>
          new Promise<unknown>((resolve, reject) => {
            const req = http.request(options, (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (chunk: Buffer) => chunks.push(chunk));
              res.on("error", reject);
              res.on("end", () => {
                if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
                const text = Buffer.concat(chunks).toString("utf8");
                try {
                  resolve(read === "text" ? text : JSON.parse(text));
                } catch (error) {
                  reject(error);
                }
              });
            });
            req.on("error", reject);
            req.end(body);
          }),
        check,
      };
    },
    fetch: async () => ({
      id: "fetch",
      label: "global fetch (precomputed body)",
      call: async () => {
        const res = await fetch(url, { method: "POST", headers, body });
        const out = read === "text" ? await res.text() : await res.json();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        return out;
      },
      check,
    }),
  };
}
