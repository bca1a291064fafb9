/**
 * Property-based tests (fast-check, seeded, 100 runs per property):
 *
 * 1. Any valid input goes through the client and the wire unchanged: a capturing server decodes each request
 *    with the runtime's own parser (readSoapEnvelope) or JSON.parse and compares it with the input — every
 *    string the vendor rules allow, and strings exactly at the maxLength bound.
 * 2. Any invalid input is rejected with a ValidationError before anything is sent: the server counts TCP
 *    connections, and there must be none (not even an Edu-iX login).
 */
import { createEasySecureClient, type UpdateUserDotwebInput } from "@integrations/easysecure-client";
import { createEduixClient } from "@integrations/eduix-client";
import { ValidationError } from "@integrations/runtime";
import fc from "fast-check";
import { request } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  anyChar,
  badWsAltUserId,
  c1Control,
  codePoints,
  esDateTime,
  INFO_KEYS,
  latin1Char,
  loneSurrogate,
  nonXmlChar,
  PROPERTY_OPTIONS,
  withOne,
  wsAltUserId,
  xmlChar,
} from "./support/arbitraries.js";
import { decodeEduixRequest, decodeEswsRequest } from "./support/decode.js";
import { type RawRequest, type RawServer, respond, startRawServer } from "./support/raw-server.js";
import { startSecretSandbox, type TestSandbox } from "./support/sandbox.js";
import {
  EDUIX_PASSWORD,
  EDUIX_PATH,
  EDUIX_SESSION_ID,
  EDUIX_USERNAME,
  ESWS_COMPANY_ID,
  ESWS_PATH,
  eduixClient,
  eswsClient,
  LOGIN_OK,
  MOKA_CHECK_KEY,
  MOKA_DEALER_CODE,
  MOKA_PASSWORD,
  MOKA_USERNAME,
  mokaClient,
  operationOf,
  TARGETS,
  USER_INPUT,
} from "./support/targets.js";
import { transportSettings } from "./support/transport.js";

let server: RawServer;

beforeAll(async () => {
  server = await startRawServer((exchange) => {
    const op = operationOf(exchange.req);
    if (op === "login") return respond(exchange.socket, LOGIN_OK);
    const target = TARGETS.find((t) => t.operation === op);
    return respond(exchange.socket, target ? target.ok() : { status: 404, body: "" });
  });
});
afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  server.times.length = 0;
});

const settings = () => ({
  origin: server.origin,
  timeoutMs: 2_000,
  retry: false as const,
  ...transportSettings(),
});

/** The one request for `operation` since the last reset (fails if there is not exactly one). */
function sent(operation: string): RawRequest {
  const requests = server.requests.filter((r) => operationOf(r) === operation);
  expect(requests).toHaveLength(1);
  const req = requests[0]!;
  server.requests.length = 0;
  return req;
}

// ============================================================================================ ESWS

describe("ESWS: every valid input reaches the wire unchanged", () => {
  const client = () => eswsClient(settings());

  it("syncMOCA: wsAltUserId [A-Za-z0-9-]+ (sent as p_wsAltUser_id, after p_companyID)", async () => {
    const esws = client();
    await fc.assert(
      fc.asyncProperty(wsAltUserId(200), async (id) => {
        await expect(esws.syncMOCA({ p_wsAltUserId: id })).resolves.toBe("OK");
        const wire = decodeEswsRequest(sent("Esws.syncMOCA").body);
        expect(wire.operation).toBe("Esws.syncMOCA");
        expect(wire.order).toEqual(["p_companyID", "p_wsAltUser_id"]);
        expect(wire.params).toEqual({ p_companyID: ESWS_COMPANY_ID, p_wsAltUser_id: id });
      }),
      PROPERTY_OPTIONS,
    );
  });

  const latin1Text = (minLength: number) => fc.string({ unit: latin1Char, minLength, maxLength: 80 });
  const infoFields = fc
    .subarray([...INFO_KEYS], { minLength: 1 })
    .chain((keys) => fc.tuple(...keys.map((k) => latin1Text(0).map((v) => [k, v] as const))))
    .map((entries) => Object.fromEntries(entries) as Record<string, string>);

  const userInput = fc.record(
    {
      p_ws_StoreId: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
      p_wsAltUserId: wsAltUserId(64),
      p_PIN: fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 12 }),
      p_Achternaam: latin1Text(1),
      p_Voornaam: latin1Text(1),
      p_Admin: fc.constantFrom(0 as const, 1 as const),
      p_Security: fc.constantFrom(0 as const, 1 as const),
      dates: fc.option(fc.tuple(esDateTime, esDateTime), { nil: undefined }),
      p_infoFields: infoFields,
      p_groupName: fc.option(latin1Text(0), { nil: undefined }),
      p_groupUpdate: fc.option(fc.constantFrom(0 as const, 1 as const), { nil: undefined }),
      p_licensePlate: fc.option(latin1Text(0), { nil: undefined }),
      p_locationID: fc.option(fc.nat(), { nil: undefined }),
    },
    { requiredKeys: [] },
  );

  it("updateUserDotweb: Latin-1 names with & < > \" ' \\r \\t \\n, PINs, info fields, dates, every part in order", async () => {
    const esws = client();
    await fc.assert(
      fc.asyncProperty(userInput, async (generated) => {
        const { dates, ...rest } = generated;
        const input = { ...USER_INPUT, ...stripUndefined(rest) } as UpdateUserDotwebInput;
        if (dates !== undefined) {
          const [a, b] = dates[0] <= dates[1] ? dates : [dates[1], dates[0]];
          input.p_StartDate = a;
          input.p_ExpireDate = b;
        }
        await expect(esws.updateUserDotweb(input)).resolves.toBe("INSERTED");
        const wire = decodeEswsRequest(sent("Esws.updateUserDotweb").body);
        expect(wire.order).toEqual([
          "p_companyID",
          "p_ws_StoreId",
          "p_wsAltUserId",
          "p_PIN",
          "p_Achternaam",
          "p_Voornaam",
          "p_Admin",
          "p_Security",
          "p_StartDate",
          "p_ExpireDate",
          "p_infoFields",
          "p_groupName",
          "p_groupUpdate",
          "p_licensePlate",
          "p_locationID",
        ]);
        expect(wire.params).toEqual({
          p_companyID: ESWS_COMPANY_ID,
          p_ws_StoreId: String(input.p_ws_StoreId),
          p_wsAltUserId: input.p_wsAltUserId,
          p_PIN: input.p_PIN,
          p_Achternaam: input.p_Achternaam,
          p_Voornaam: input.p_Voornaam,
          p_Admin: String(input.p_Admin),
          p_Security: String(input.p_Security),
          p_StartDate: input.p_StartDate ?? "",
          p_ExpireDate: input.p_ExpireDate ?? "",
          p_infoFields: input.p_infoFields,
          p_groupName: input.p_groupName ?? "",
          p_groupUpdate: input.p_groupUpdate === undefined ? "" : String(input.p_groupUpdate),
          p_licensePlate: input.p_licensePlate ?? "",
          p_locationID: input.p_locationID === undefined ? "" : String(input.p_locationID),
        });
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("updateUserDotweb: a list of group names goes on the wire joined with ';'", async () => {
    const esws = client();
    const groupName = fc.string({ unit: latin1Char.filter((c) => c !== ";"), minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fc.array(groupName, { minLength: 1, maxLength: 5 }), async (groups) => {
        await expect(esws.updateUserDotweb({ ...USER_INPUT, p_groupName: groups })).resolves.toBe("INSERTED");
        expect(decodeEswsRequest(sent("Esws.updateUserDotweb").body).params.p_groupName).toBe(
          groups.join(";"),
        );
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("companyId: any XML string of 1..32 characters, exactly 32 included, is sent unchanged", async () => {
    const companyId = fc.oneof(
      fc.string({ unit: xmlChar, minLength: 1, maxLength: 32 }),
      fc.string({ unit: xmlChar, minLength: 32, maxLength: 32 }),
    );
    await fc.assert(
      fc.asyncProperty(companyId, async (id) => {
        const esws = createEasySecureClient({
          ...settings(),
          endpoint: server.origin + ESWS_PATH,
          companyId: id,
        });
        await expect(esws.syncMOCA({ p_wsAltUserId: "u-1" })).resolves.toBe("OK");
        expect(decodeEswsRequest(sent("Esws.syncMOCA").body).params.p_companyID).toBe(id);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

// ============================================================================================ Edu-iX

describe("Edu-iX: every valid input reaches the wire unchanged", () => {
  const profileID = fc.integer({ min: 1, max: 9_999_999_999 });
  // An identifier is never empty: Edu-iX reads "" as a missing one.
  const string256 = fc.string({ unit: xmlChar, minLength: 1, maxLength: 256 });
  const atBound256 = fc.string({ unit: xmlChar, minLength: 256, maxLength: 256 });
  const userID = fc.oneof({ arbitrary: string256, weight: 3 }, { arbitrary: atBound256, weight: 1 });

  it("createKey: profileID 1..9999999999, userID up to 256 characters (XML specials, astral)", async () => {
    const eduix = eduixClient(settings());
    await fc.assert(
      fc.asyncProperty(profileID, userID, async (p, u) => {
        await expect(eduix.createKey({ profileID: p, userID: u })).resolves.toBeUndefined();
        const wire = decodeEduixRequest(sent("createKey").body);
        expect(wire.element).toBe("createKeyRequest");
        expect(Object.keys(wire.fields)).toEqual(["profileID", "userID"]);
        expect(Number(wire.fields.profileID)).toBe(p);
        expect(wire.fields.profileID).toBe(String(p));
        expect(wire.fields.userID).toBe(u);
        expect(wire.sessionID).toBe(EDUIX_SESSION_ID);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("deleteKey: userID up to 256 characters", async () => {
    const eduix = eduixClient(settings());
    await fc.assert(
      fc.asyncProperty(userID, async (u) => {
        await expect(eduix.deleteKey({ userID: u })).resolves.toBeUndefined();
        const wire = decodeEduixRequest(sent("deleteKey").body);
        expect(wire.fields).toEqual({ userID: u });
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("getKey: exactly one of profileID, distributorPersonID, userID", async () => {
    const eduix = eduixClient(settings());
    const member = fc.oneof(
      profileID.map((p) => ({ profileID: p })),
      userID.map((u) => ({ distributorPersonID: u })),
      userID.map((u) => ({ userID: u })),
    );
    await fc.assert(
      fc.asyncProperty(member, async (request) => {
        await eduix.getKey(request);
        const wire = decodeEduixRequest(sent("getKey").body);
        const expected = Object.fromEntries(Object.entries(request).map(([k, v]) => [k, String(v)]));
        expect(wire.fields).toEqual(expected);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("a userID of exactly 256 astral characters (512 UTF-16 units) is accepted and sent unchanged", async () => {
    const eduix = eduixClient(settings());
    const astral = fc.string({
      unit: fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
      minLength: 256,
      maxLength: 256,
    });
    await fc.assert(
      fc.asyncProperty(astral, async (u) => {
        expect(u.length).toBe(512);
        await expect(eduix.deleteKey({ userID: u })).resolves.toBeUndefined();
        expect(decodeEduixRequest(sent("deleteKey").body).fields.userID).toBe(u);
      }),
      { ...PROPERTY_OPTIONS, numRuns: 20 },
    );
  });

  it("login: username up to 100 and password up to 64 characters are sent unchanged", async () => {
    const upTo = (max: number) =>
      fc.oneof(
        { arbitrary: fc.string({ unit: xmlChar, minLength: 1, maxLength: max }), weight: 3 },
        { arbitrary: fc.string({ unit: xmlChar, minLength: max, maxLength: max }), weight: 1 },
      );
    const username = upTo(100);
    const password = upTo(64);
    await fc.assert(
      fc.asyncProperty(username, password, async (user, pass) => {
        const eduix = createEduixClient({
          ...settings(),
          endpoint: server.origin + EDUIX_PATH,
          username: user,
          password: pass,
        });
        await expect(eduix.login()).resolves.toBe(EDUIX_SESSION_ID);
        const wire = decodeEduixRequest(sent("login").body);
        expect(wire.element).toBe("loginRequest");
        expect({ username: wire.username, password: wire.password }).toEqual({
          username: user,
          password: pass,
        });
      }),
      PROPERTY_OPTIONS,
    );
  });
});

// ============================================================================================ Moka

describe("Moka: every valid input reaches the wire unchanged", () => {
  it("getCardList: CustomerCode of 1..100 characters (any code point, lone surrogates included)", async () => {
    const moka = mokaClient(settings());
    const customerCode = fc.oneof(
      fc.string({ unit: anyChar, minLength: 1, maxLength: 100 }),
      fc.string({ unit: anyChar, minLength: 100, maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(customerCode, async (code) => {
        await moka.getCardList({ CustomerCode: code });
        const body = JSON.parse(sent("GetCardList").body) as Record<string, unknown>;
        expect(body).toEqual({
          DealerCustomerAuthentication: {
            DealerCode: MOKA_DEALER_CODE,
            Username: MOKA_USERNAME,
            Password: MOKA_PASSWORD,
            CheckKey: MOKA_CHECK_KEY,
          },
          DealerCustomerRequest: { CustomerCode: code },
        });
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("getCardList: DealerCustomerId (a positive safe integer), alone or with a CustomerCode", async () => {
    const moka = mokaClient(settings());
    const request = fc.record(
      {
        DealerCustomerId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        CustomerCode: fc.string({ unit: anyChar, minLength: 1, maxLength: 100 }),
      },
      { requiredKeys: ["DealerCustomerId"] },
    );
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        await moka.getCardList(req);
        const body = JSON.parse(sent("GetCardList").body) as { DealerCustomerRequest: unknown };
        expect(body.DealerCustomerRequest).toEqual(req);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("the CheckKey on the wire is the lowercase hex SHA-256 of DealerCode+MK+Username+PD+Password", async () => {
    await mokaClient(settings()).getCustomerList();
    const body = JSON.parse(sent("GetCustomerList").body) as {
      DealerCustomerAuthentication: { CheckKey: string };
    };
    expect(body.DealerCustomerAuthentication.CheckKey).toMatch(/^[0-9a-f]{64}$/);
    expect(body.DealerCustomerAuthentication.CheckKey).toBe(MOKA_CHECK_KEY);
  });
});

// ============================================================================================ sandbox

describe("through the sandbox: what it stored equals what was sent", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startSecretSandbox();
  });
  afterAll(() => sandbox.close());

  async function state(): Promise<SandboxState> {
    const res = await fetchState(sandbox.urls.admin);
    return res;
  }

  it("ESWS updateUserDotweb: Latin-1 names and info fields with XML specials and \\r \\t \\n", async () => {
    const esws = eswsClient({
      origin: new URL(sandbox.urls.easysecure).origin,
      timeoutMs: 2_000,
      retry: false,
    });
    // Whitespace-only names are covered on their own below (the sandbox trims them; the contract does not).
    const text = fc.string({ unit: latin1Char, minLength: 1, maxLength: 60 }).filter((t) => t.trim() !== "");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, text, text, async (first, lastName, info) => {
        const id = `PROP-${n++}`;
        const code = await esws.updateUserDotweb({
          p_ws_StoreId: 1234,
          p_wsAltUserId: id,
          p_PIN: "",
          p_Achternaam: lastName,
          p_Voornaam: first,
          p_Admin: 0,
          p_Security: 0,
          p_infoFields: { info2: info },
        });
        expect(code).toBe("INSERTED");
        const company = (await state()).easysecure.companies[0]!;
        const user = company.users.find((u) => u.wsAltUserId === id);
        expect(user).toBeDefined();
        expect({
          firstName: user!.firstName,
          lastName: user!.lastName,
          info2: user!.infoFields.info2,
        }).toEqual({
          firstName: first,
          lastName,
          info2: info,
        });
      }),
      { ...PROPERTY_OPTIONS, numRuns: 60 },
    );
  });

  it("ESWS updateUserDotweb: client and sandbox agree on whitespace-only names", async () => {
    const esws = eswsClient({
      origin: new URL(sandbox.urls.easysecure).origin,
      timeoutMs: 2_000,
      retry: false,
    });
    for (const [last, first] of [
      [" ", "Piet"],
      ["Jansen", "\t"],
      ["\r\n", " \t "],
    ] as const) {
      const before = sandbox.history.length;
      const outcome = await esws
        .updateUserDotweb({
          ...USER_INPUT,
          p_ws_StoreId: 1234,
          p_wsAltUserId: "PROP-BLANK",
          p_Achternaam: last,
          p_Voornaam: first,
        })
        .then(
          (code) => `sent and accepted: ${code}`,
          (error: unknown) =>
            error instanceof ValidationError && sandbox.history.length === before
              ? "rejected before sending"
              : `sent and refused: ${(error as Error).message}`,
        );
      // Either the contract rejects the name before anything is sent, or the sandbox stores it: never a
      // request the client lets through and the (simulated) vendor refuses.
      expect(
        outcome,
        `p_Achternaam ${JSON.stringify(last)}, p_Voornaam ${JSON.stringify(first)}`,
      ).not.toMatch(/^sent and refused/);
    }
  });

  it("Edu-iX createKey: a userID up to 256 characters (XML specials, astral) is stored unchanged", async () => {
    const eduix = createEduixClient({
      ...transportSettings(),
      endpoint: sandbox.urls.eduix,
      username: EDUIX_USERNAME,
      password: EDUIX_PASSWORD,
      timeoutMs: 2_000,
      retry: false,
    });
    const realm = "https://ketenid.nl/";
    const rest = fc.string({ unit: xmlChar, minLength: 1, maxLength: 256 - realm.length });
    await fc.assert(
      fc.asyncProperty(rest, async (tail) => {
        sandbox.reset();
        const userID = realm + tail;
        await eduix.createKey({ profileID: 48213976, userID });
        const profile = (await state()).eduix.profiles.find((p) => p.profileID === 48213976);
        expect(profile?.userID).toBe(userID);
        const keys = await eduix.getKey({ userID });
        expect(keys.map((k) => k.userID)).toEqual([userID]);
      }),
      { ...PROPERTY_OPTIONS, numRuns: 60 },
    );
  });
});

interface SandboxState {
  easysecure: {
    companies: Array<{
      users: Array<{
        wsAltUserId: string;
        firstName: string;
        lastName: string;
        infoFields: Record<string, string>;
      }>;
    }>;
  };
  eduix: { profiles: Array<{ profileID: number; userID?: string }> };
}

async function fetchState(admin: string): Promise<SandboxState> {
  const { statusCode, body } = await request(`${admin}/state`);
  expect(statusCode).toBe(200);
  return (await body.json()) as SandboxState;
}

// ============================================================================================ invalid

describe("any invalid input is rejected before a request is sent", () => {
  let silent: RawServer;
  beforeAll(async () => {
    silent = await startRawServer(({ socket }) => {
      socket.destroy();
    });
  });
  afterAll(() => silent.close());
  const quiet = () => ({
    origin: silent.origin,
    timeoutMs: 2_000,
    retry: false as const,
    ...transportSettings(),
  });

  /** Runs the property, then checks that no connection at all reached the server. */
  async function rejectedLocally<T>(
    arb: fc.Arbitrary<T>,
    call: (value: T) => Promise<unknown>,
  ): Promise<void> {
    const before = silent.connections();
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        const error = await call(value).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.length).toBeGreaterThan(0);
      }),
      PROPERTY_OPTIONS,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(silent.connections() - before).toBe(0);
    expect(silent.requests).toHaveLength(0);
  }

  const aboveLatin1 = fc
    .integer({ min: 0x100, max: 0x10ffff })
    .filter((cp) => cp < 0xd800 || cp > 0xdfff)
    .map((cp) => String.fromCodePoint(cp));
  const latin1 = fc.string({ unit: latin1Char, maxLength: 20 });

  it("ESWS syncMOCA: wsAltUserId empty or outside [A-Za-z0-9-]", async () => {
    const esws = eswsClient(quiet());
    await rejectedLocally(fc.oneof(fc.constant(""), badWsAltUserId), (id) =>
      esws.syncMOCA({ p_wsAltUserId: id }),
    );
  });

  it("ESWS updateUserDotweb: one field broken", async () => {
    const esws = eswsClient(quiet());
    const broken = fc.oneof(
      fc.oneof(fc.constant(""), badWsAltUserId).map((v) => ({ p_wsAltUserId: v })),
      fc.oneof(fc.constant(""), withOne(latin1, aboveLatin1), withOne(latin1, nonXmlChar)).map((v) => ({
        p_Achternaam: v,
      })),
      fc.oneof(withOne(latin1, aboveLatin1), withOne(latin1, nonXmlChar)).map((v) => ({ p_Voornaam: v })),
      withOne(latin1, c1Control).map((v) => ({ p_Voornaam: v })),
      withOne(latin1, c1Control).map((v) => ({ p_infoFields: { info2: v } })),
      fc.constantFrom("A;;B", ";A", "A;", "A;B;;").map((v) => ({ p_groupName: v })),
      withOne(
        fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 6 }),
        latin1Char.filter((c) => !/[0-9]/.test(c)),
      ).map((v) => ({ p_PIN: v })),
      fc
        .integer()
        .filter((n) => n !== 0 && n !== 1)
        .map((v) => ({ p_Admin: v })),
      fc.oneof(fc.double({ noInteger: true }), fc.integer({ min: 2 ** 31, max: 2 ** 40 })).map((v) => ({
        p_ws_StoreId: v,
      })),
      fc.constantFrom("info0", "info15", "Info1", "x").map((k) => ({ p_infoFields: { [k]: "v" } })),
      withOne(latin1, aboveLatin1).map((v) => ({ p_infoFields: { info1: v } })),
      fc
        .constantFrom("2024-02-30 00:00:00", "2024-01-01", "01-01-2024 00:00:00", "2024-01-01 24:00:00")
        .map((v) => ({ p_StartDate: v })),
      fc.constant({ p_StartDate: "2030-01-02 00:00:00", p_ExpireDate: "2030-01-01 00:00:00" }),
      fc.constantFrom(2, -1).map((v) => ({ p_groupUpdate: v })),
      fc.oneof(fc.integer({ max: -1 }), fc.constant(1.5)).map((v) => ({ p_locationID: v })),
      fc.constantFrom("p_companyID", "p_unknown", "p_wsAltUser_id").map((k) => ({ [k]: "x" })),
    );
    await rejectedLocally(broken, (patch) => esws.updateUserDotweb({ ...USER_INPUT, ...patch } as never));
  });

  it("ESWS: a companyId that is empty, longer than 32 characters or not XML is refused at creation", async () => {
    const bad = fc.oneof(
      fc.constant(""),
      fc.string({ unit: xmlChar, minLength: 33, maxLength: 60 }),
      withOne(fc.string({ unit: xmlChar, maxLength: 10 }), fc.oneof(nonXmlChar, loneSurrogate)),
    );
    await rejectedLocally(bad, async (companyId) =>
      createEasySecureClient({ ...quiet(), endpoint: silent.origin + ESWS_PATH, companyId }).syncMOCA({
        p_wsAltUserId: "u-1",
      }),
    );
  });

  const badProfileID = fc.oneof(
    fc.integer({ max: 0 }),
    fc.integer({ min: 10_000_000_000, max: Number.MAX_SAFE_INTEGER }),
    fc.double({ noInteger: true }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.string().map((s) => `${s}1`),
  );
  const tooLong = fc.string({ unit: xmlChar, minLength: 257, maxLength: 300 });
  const notXml = withOne(fc.string({ unit: xmlChar, maxLength: 40 }), fc.oneof(nonXmlChar, loneSurrogate));
  const badUserID = fc.oneof(tooLong, notXml, fc.constant(""));

  it("Edu-iX createKey: bad profileID or userID — no login, no createKey", async () => {
    const eduix = eduixClient(quiet());
    const bad = fc.oneof(
      badProfileID.map((p) => ({ profileID: p, userID: "eck-1" })),
      badUserID.map((u) => ({ profileID: 1, userID: u })),
      fc.constantFrom({ profileID: 1 }, { userID: "eck-1" }, {}, { profileID: 1, userID: "u", extra: 1 }),
    );
    await rejectedLocally(bad, (req) => eduix.createKey(req as never));
  });

  it("Edu-iX deleteKey: bad userID", async () => {
    const eduix = eduixClient(quiet());
    await rejectedLocally(badUserID, (u) => eduix.deleteKey({ userID: u }));
  });

  it("Edu-iX getKey: not exactly one member, or a bad member", async () => {
    const eduix = eduixClient(quiet());
    const bad = fc.oneof(
      fc.constant({}),
      fc.record({ profileID: fc.integer({ min: 1, max: 99 }), userID: fc.string({ maxLength: 5 }) }),
      fc.record({ distributorPersonID: fc.string({ maxLength: 5 }), userID: fc.string({ maxLength: 5 }) }),
      badProfileID.map((p) => ({ profileID: p })),
      badUserID.map((u) => ({ userID: u })),
      badUserID.map((u) => ({ distributorPersonID: u })),
    );
    await rejectedLocally(bad, (req) => eduix.getKey(req as never));
  });

  it("Edu-iX: credentials over their limits (username 100, password 64) are refused at creation", async () => {
    const bad = fc.oneof(
      fc
        .string({ unit: xmlChar, minLength: 101, maxLength: 120 })
        .map((u) => ({ username: u, password: "pw" })),
      fc.string({ unit: xmlChar, minLength: 65, maxLength: 80 }).map((p) => ({ username: "u", password: p })),
      fc.constant({ username: "", password: "pw" }),
      fc.constant({ username: "u", password: "" }),
    );
    await rejectedLocally(bad, async (credentials) =>
      createEduixClient({ ...quiet(), endpoint: silent.origin + EDUIX_PATH, ...credentials }).login(),
    );
  });

  it("Moka getCardList: bad CustomerCode or DealerCustomerId, or neither, or unknown properties", async () => {
    const moka = mokaClient(quiet());
    const bad = fc.oneof(
      fc.oneof(fc.constant(""), fc.string({ unit: anyChar, minLength: 101, maxLength: 140 })).map((c) => ({
        CustomerCode: c,
      })),
      fc
        .oneof(
          fc.integer({ max: 0 }),
          fc.double({ noInteger: true }),
          fc.string({ minLength: 1 }),
          fc.constantFrom(Number.NaN, null, true),
          // Beyond JavaScript's safe integers: JSON would send 1e+21, or a rounded id.
          fc.constantFrom(1e21, 2 ** 53, 2 ** 64),
        )
        .map((id) => ({ DealerCustomerId: id })),
      // Only own, plain data is sent: an inherited field or a class instance would validate but send `{}`.
      fc.constantFrom(
        Object.create({ CustomerCode: "Customer1" }),
        new (class {
          CustomerCode = "Customer1";
        })(),
      ),
      fc.constantFrom({}, { DealerCustomerId: "" }, { CustomerCode: "c", Extra: 1 }, { customerCode: "c" }),
    );
    await rejectedLocally(bad, (req) => moka.getCardList(req as never));
  });

  it("Moka: missing credentials are refused at creation", async () => {
    const bad = fc.constantFrom(
      { dealerCode: "", username: "u", password: "p" },
      { dealerCode: "d", username: "", password: "p" },
      { dealerCode: "d", username: "u", password: "" },
    );
    const { createMokaClient } = await import("@integrations/moka-client");
    await rejectedLocally(bad, async (credentials) =>
      createMokaClient({
        ...transportSettings(),
        baseUrl: silent.origin,
        retry: false,
        ...credentials,
      }).getCustomerList(),
    );
  });
});

describe("arbitraries sanity", () => {
  it("the generators reach the bounds they claim", () => {
    const samples = fc.sample(fc.string({ unit: xmlChar, minLength: 256, maxLength: 256 }), {
      seed: PROPERTY_OPTIONS.seed,
      numRuns: 5,
    });
    for (const s of samples) expect(codePoints(s)).toBe(256);
    expect(EDUIX_USERNAME).not.toBe(EDUIX_PASSWORD);
  });
});

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
