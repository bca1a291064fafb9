/**
 * Secret scan. Drives every path that produces an error or a log line — for the three clients, the sandbox
 * and the command-line tool — and asserts that no configured secret (the Moka password and CheckKey, a card
 * number, the ESWS company code, the Edu-iX password and sessionID), in any readable form (escaped for XML, JSON or
 * .NET, URL-encoded, in the other letter case, or cut short: support/scan.ts), appears in any message,
 * `String(error)`,
 * `JSON.stringify(error)`, `error.stack`, `util.inspect(error, { depth: 10 })`, logger event, sandbox log
 * line, or CLI stdout/stderr — including when the server echoes the secrets back (result messages, fault
 * strings, fault details, HTML pages, headers, markup).
 */
import { runCli } from "@integrations/cli";
import { createEasySecureClient } from "@integrations/easysecure-client";
import { createEduixClient } from "@integrations/eduix-client";
import { computeCheckKey, createMokaClient } from "@integrations/moka-client";
import { type ClientLogEvent, escapeXmlText } from "@integrations/runtime";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bounded } from "./support/outcome.js";
import {
  type Answer,
  drop,
  type Exchange,
  resetMidBody,
  respond,
  startRawServer,
  streamHuge,
} from "./support/raw-server.js";
import { SANDBOX_TARGETS, sandboxOrigin, startSecretSandbox, type TestSandbox } from "./support/sandbox.js";
import { errorSurfaces, expectNoLeak, findLeaks } from "./support/scan.js";
import {
  CARD_INPUT,
  CARD_TARGETS,
  EDUIX_PASSWORD,
  EDUIX_PATH,
  EDUIX_SESSION_ID,
  EDUIX_USERNAME,
  ESWS_COMPANY_ID,
  ESWS_PATH,
  isEduixLogin,
  LOGIN_OK,
  MOKA_CARD_NUMBER,
  MOKA_CHECK_KEY,
  MOKA_DEALER_CODE,
  MOKA_PASSWORD,
  MOKA_USERNAME,
  TARGETS,
  type Target,
  USER_INPUT,
} from "./support/targets.js";
import { steer, transportSettings } from "./support/transport.js";
import {
  eduixEnvelope,
  eduixFault,
  eduixLoginOk,
  eswsFault,
  eswsReturn,
  HTML_TYPE,
  htmlPage,
  JSON_TYPE,
  mokaEnvelope,
  SOAP_ENV,
  XML_TYPE,
} from "./support/wire.js";

const ALL_SECRETS = [
  MOKA_PASSWORD,
  MOKA_CHECK_KEY,
  MOKA_CARD_NUMBER,
  ESWS_COMPANY_ID,
  EDUIX_PASSWORD,
  EDUIX_SESSION_ID,
];

/** The secrets a client holds when `target` fails (an Edu-iX login that fails has no sessionID yet). */
function secretsOf(target: Target): string[] {
  switch (target.vendor) {
    case "moka":
      return CARD_TARGETS.includes(target)
        ? [MOKA_PASSWORD, MOKA_CHECK_KEY, MOKA_CARD_NUMBER]
        : [MOKA_PASSWORD, MOKA_CHECK_KEY];
    case "easysecure":
      return [ESWS_COMPANY_ID];
    case "eduix":
      return target.needsLogin ? [EDUIX_PASSWORD, EDUIX_SESSION_ID] : [EDUIX_PASSWORD];
  }
}

// ============================================================================================ echoes

interface Echo {
  readonly name: string;
  /** The call is repeated this many times, once per variant (`currentVariant` says which). */
  readonly variants?: number;
  readonly applies: (target: Target) => boolean;
  /** Answers the operation's request, echoing `secrets` (the last one is used where only one fits). */
  readonly serve: (exchange: Exchange, target: Target, secrets: string[]) => void | Promise<void>;
}

const all = () => true;
const json = (t: Target) => t.format === "json";
const soap = (t: Target) => t.format === "soap";
const esws = (t: Target) => t.vendor === "easysecure";
const eduix = (t: Target) => t.vendor === "eduix";
const text = (secrets: string[]) =>
  `credentials rejected: ${secrets.join(" / ")} (request ${secrets.join(",")})`;
const last = (secrets: string[]) => secrets[secrets.length - 1]!;
const send = (answer: Answer) => (exchange: Exchange) => respond(exchange.socket, answer);

/** Which variant a multi-variant echo serves; the test sets it before each call. */
let currentVariant = 0;

const ECHOES: readonly Echo[] = [
  // ---------------------------------------------------------------------------------------- any format
  {
    name: "HTML 500 page",
    applies: all,
    serve: (ex, _t, s) =>
      send({ status: 500, contentType: HTML_TYPE, body: htmlPage("500 Error", text(s)) })(ex),
  },
  {
    name: "HTML 200 page",
    applies: all,
    serve: (ex, _t, s) => send({ contentType: HTML_TYPE, body: htmlPage("Login", text(s)) })(ex),
  },
  {
    name: "HTML 502 page with no content type",
    applies: all,
    serve: (ex, _t, s) => send({ status: 502, contentType: "", body: htmlPage("Bad Gateway", text(s)) })(ex),
  },
  {
    name: "secret in the Content-Type header",
    applies: all,
    serve: (ex, t, s) =>
      send({ contentType: `application/x-${last(s)}`, body: t.format === "json" ? "{}" : "<a/>" })(ex),
  },
  {
    name: "connection reset in the middle of a body full of secrets",
    applies: all,
    serve: (ex, t, s) =>
      resetMidBody(ex.socket, { contentType: t.ok().contentType ?? "", body: text(s).repeat(50) }),
  },
  {
    name: "connection dropped",
    applies: all,
    serve: (ex) => drop(ex.socket),
  },
  {
    name: "body over the size limit, made of secrets",
    applies: all,
    serve: async (ex, t, s) => {
      await streamHuge(ex.socket, {
        total: 2 * 1024 * 1024,
        declared: false,
        contentType: t.ok().contentType ?? "",
        prefix: text(s).repeat(100),
      });
    },
  },
  // ---------------------------------------------------------------------------------------- Moka (JSON)
  {
    name: "ResultMessage (EX)",
    applies: json,
    serve: (ex, _t, s) => send({ contentType: JSON_TYPE, body: mokaEnvelope(null, "EX", text(s), null) })(ex),
  },
  {
    name: "Exception (EX)",
    applies: json,
    serve: (ex, _t, s) =>
      send({
        contentType: JSON_TYPE,
        body: mokaEnvelope(null, "EX", "", `System.Exception: ${text(s)}\n   at Auth`),
      })(ex),
  },
  {
    name: "documented code with the secrets in ResultMessage",
    applies: json,
    serve: (ex, t, s) =>
      send({
        contentType: JSON_TYPE,
        body: mokaEnvelope(null, `DealerCustomer.${t.operation}.PermissionDenied`, text(s), text(s)),
      })(ex),
  },
  {
    name: "undocumented ResultCode carrying the secrets",
    applies: json,
    serve: (ex, _t, s) =>
      send({ contentType: JSON_TYPE, body: mokaEnvelope(null, `Auth.Failed:${s.join(":")}`, "", null) })(ex),
  },
  {
    name: "the bare password as the body (not JSON)",
    applies: json,
    serve: (ex, _t, s) => send({ contentType: JSON_TYPE, body: s[0]! })(ex),
  },
  {
    name: "the bare CheckKey as the body (not JSON)",
    applies: json,
    serve: (ex, _t, s) => send({ contentType: JSON_TYPE, body: `${last(s)}` })(ex),
  },
  {
    name: "schema-breaking Data made of secrets",
    applies: json,
    serve: (ex, _t, s) =>
      send({
        contentType: JSON_TYPE,
        body: mokaEnvelope(
          {
            DealerCustomer: { DealerCustomerId: s[0], CustomerCode: s[1] },
            CardListCount: s[0],
            CardList: [{ CardToken: s[1], ExpMonth: s[0] }],
            DealerCustomerList: [{ DealerCustomerId: s[1] }],
            DealerCustomerListCount: s[0],
          },
          "Success",
        ),
      })(ex),
  },
  {
    name: "Success with no Data, secrets in ResultMessage",
    applies: json,
    serve: (ex, _t, s) =>
      send({ contentType: JSON_TYPE, body: mokaEnvelope(null, "Success", text(s), text(s)) })(ex),
  },
  // ---------------------------------------------------------------------------------------- SOAP
  {
    name: "SOAP fault (HTTP 500): faultcode, faultstring and detail",
    applies: soap,
    serve: (ex, _t, s) =>
      send({ status: 500, contentType: XML_TYPE, body: eswsFault(`SOAP-ENV:${last(s)}`, text(s), text(s)) })(
        ex,
      ),
  },
  {
    name: "SOAP fault (HTTP 200): faultcode, faultstring and detail",
    applies: soap,
    serve: (ex, _t, s) =>
      send({ contentType: XML_TYPE, body: eswsFault(`SOAP-ENV:${last(s)}`, text(s), text(s)) })(ex),
  },
  {
    name: "Edu-iX fault with a code: faultstring and accountFault/message",
    applies: eduix,
    serve: (ex, t, s) =>
      send({
        status: 500,
        contentType: XML_TYPE,
        body: eduixFault({
          faultcode: `soapenv:${last(s)}`,
          faultstring: text(s),
          code: t.needsLogin ? "1" : "2",
          message: text(s),
        }),
      })(ex),
  },
  {
    name: "Edu-iX undocumented fault code",
    applies: eduix,
    serve: (ex, _t, s) =>
      send({
        status: 500,
        contentType: XML_TYPE,
        body: eduixFault({ faultstring: text(s), code: "9999", message: text(s) }),
      })(ex),
  },
  {
    name: "Edu-iX fault whose faultstring starts with the code",
    applies: eduix,
    serve: (ex, _t, s) =>
      send({ status: 500, contentType: XML_TYPE, body: eduixFault({ faultstring: `1: ${text(s)}` }) })(ex),
  },
  {
    name: "ESWS documented code with a message (UNAUTHORIZED <message>)",
    applies: (t) => t.operation === "Esws.syncMOCA",
    serve: (ex, t, s) =>
      send({ contentType: XML_TYPE, body: eswsReturn(t.operation, `UNAUTHORIZED ${text(s)}`) })(ex),
  },
  {
    name: "ESWS undocumented return text",
    applies: esws,
    serve: (ex, t, s) =>
      send({ contentType: XML_TYPE, body: eswsReturn(t.operation, `ERROR ${text(s)}`) })(ex),
  },
  {
    name: "ESWS return that is only the secret",
    applies: esws,
    serve: (ex, t, s) => send({ contentType: XML_TYPE, body: eswsReturn(t.operation, last(s)) })(ex),
  },
  {
    name: "truncated XML, cut right after the secrets",
    applies: soap,
    serve: (ex, _t, s) =>
      send({
        contentType: XML_TYPE,
        body: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body><return>${text(s)}`,
      })(ex),
  },
  {
    name: "DOCTYPE whose entity holds the secrets",
    applies: soap,
    serve: (ex, _t, s) =>
      send({
        contentType: XML_TYPE,
        body: `<?xml version="1.0"?><!DOCTYPE Envelope [<!ENTITY s "${text(s)}">]><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body>&s;</SOAP-ENV:Body></SOAP-ENV:Envelope>`,
      })(ex),
  },
  {
    // One test for the five ways a server can put the secret into markup names, so that one cause is one
    // failure: the root element, the Body's element, an entity reference, an end tag, a namespace URI.
    name: "markup names: root element, Body element, entity reference, end tag, namespace",
    applies: soap,
    serve: (ex, _t, s) => {
      const name = last(s);
      const variants = [
        `<${name}>${text(s)}</${name}>`,
        eduixEnvelope(`<${name}>${text(s)}</${name}>`),
        eduixEnvelope(`<x>&${name};</x>`),
        eduixEnvelope(`<x>${text(s)}</${name}>`),
        `<e:Envelope xmlns:e="urn:${name}"/>`,
      ];
      send({ contentType: XML_TYPE, body: variants[currentVariant]! })(ex);
    },
    variants: 5,
  },
  {
    name: "Edu-iX getKey keys made of secrets (breaking the schema)",
    applies: (t) => t.operation === "getKey",
    serve: (ex, _t, s) =>
      send({
        contentType: XML_TYPE,
        body: eduixEnvelope(
          `<urn:getKeyResponse><urn:key><urn:profileID>${s[0]}</urn:profileID><urn:userID>${"x".repeat(300)}${s[1]}</urn:userID></urn:key></urn:getKeyResponse>`,
        ),
      })(ex),
  },
  {
    name: "Edu-iX login response whose sessionID breaks the schema",
    applies: (t) => t.operation === "login",
    serve: (ex, _t, s) =>
      send({
        contentType: XML_TYPE,
        body: eduixEnvelope(
          `<urn:loginResponse><urn:sessionID>${text(s)}${"y".repeat(64)}</urn:sessionID></urn:loginResponse>`,
        ),
      })(ex),
  },
];

// ============================================================================================ clients

describe("clients: no secret in any error surface or logger event", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // The card-carrying operations too, with the card number among the secrets the server echoes.
  describe.each([...TARGETS, ...CARD_TARGETS])("$label", (target) => {
    const secrets = secretsOf(target);

    it.each(ECHOES.filter((e) => e.applies(target)))("$name", async (echo) => {
      const server = await startRawServer((exchange) => {
        if (target.needsLogin && isEduixLogin(exchange.req)) return respond(exchange.socket, LOGIN_OK);
        return echo.serve(exchange, target, secrets);
      });
      cleanups.push(() => server.close());
      const texts: Record<string, string> = {};
      for (let variant = 0; variant < (echo.variants ?? 1); variant++) {
        currentVariant = variant;
        const events: ClientLogEvent[] = [];
        const outcome = await bounded(() =>
          target.run({
            origin: server.origin,
            timeoutMs: 500,
            maxResponseBytes: 1024 * 1024,
            retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
            logger: (event) => events.push(event),
          }),
        );
        expect(outcome.hung).toBe(false);
        expect(outcome.resolved, "the call should have failed").toBe(false);
        expect(events.length).toBeGreaterThan(0);
        const tag = echo.variants === undefined ? "" : `#${variant + 1} `;
        for (const [surface, value] of Object.entries(errorSurfaces(outcome.error)))
          texts[tag + surface] = value;
        texts[`${tag}logger events`] = events.map((e) => JSON.stringify(e)).join("\n");
      }
      currentVariant = 0;
      expectNoLeak(texts, secrets);
    });
  });

  describe.each(TARGETS.filter((t) => t.needsLogin))("$label", (target) => {
    const secrets = secretsOf(target);

    it("a session-expired fault, then a fault on the repeat, both echoing the secrets", async () => {
      let calls = 0;
      const server = await startRawServer((exchange) => {
        if (isEduixLogin(exchange.req)) return respond(exchange.socket, LOGIN_OK);
        calls++;
        const code = calls === 1 ? "12" : "1";
        return respond(exchange.socket, {
          status: 500,
          contentType: XML_TYPE,
          body: eduixFault({ faultstring: text(secrets), code, message: text(secrets) }),
        });
      });
      cleanups.push(() => server.close());
      const events: ClientLogEvent[] = [];
      const outcome = await bounded(() =>
        target.run({ origin: server.origin, timeoutMs: 500, retry: false, logger: (e) => events.push(e) }),
      );
      expect(outcome.resolved).toBe(false);
      expect(calls).toBe(2);
      expectNoLeak(
        { ...errorSurfaces(outcome.error), "logger events": events.map((e) => JSON.stringify(e)).join("\n") },
        secrets,
      );
    });
  });

  describe("validation and configuration errors never quote values", () => {
    const origin = "http://127.0.0.1:9";

    it("Moka: card numbers that break the pattern or the Luhn check, and card fields made of the number", async () => {
      const client = createMokaClient({
        baseUrl: origin,
        dealerCode: MOKA_DEALER_CODE,
        username: MOKA_USERNAME,
        password: MOKA_PASSWORD,
      });
      const wrongDigit = `${MOKA_CARD_NUMBER.slice(0, -1)}${(Number(MOKA_CARD_NUMBER.slice(-1)) + 1) % 10}`;
      const errors = [
        await client
          .addCard({ CustomerCode: "C", ...CARD_INPUT, CardNumber: wrongDigit })
          .catch((e: unknown) => e),
        await client
          .addCard({ CustomerCode: "C", ...CARD_INPUT, CardNumber: `${MOKA_CARD_NUMBER} ` })
          .catch((e: unknown) => e),
        await client
          .addCustomerWithCard({
            CustomerCode: MOKA_CARD_NUMBER.repeat(7),
            ...CARD_INPUT,
            CardHolderFullName: MOKA_CARD_NUMBER.repeat(7),
            CardName: MOKA_CARD_NUMBER.repeat(4),
          })
          .catch((e: unknown) => e),
      ];
      for (const error of errors) {
        expect((error as { kind?: string }).kind).toBe("validation");
        expectNoLeak(errorSurfaces(error), [MOKA_CARD_NUMBER, wrongDigit]);
      }
    });

    it("Moka: a CustomerCode made of the password, over 100 characters", async () => {
      const client = createMokaClient({
        baseUrl: origin,
        dealerCode: MOKA_DEALER_CODE,
        username: MOKA_USERNAME,
        password: MOKA_PASSWORD,
      });
      const error = await client
        .getCardList({ CustomerCode: MOKA_PASSWORD.repeat(6) })
        .catch((e: unknown) => e);
      expect((error as { kind?: string }).kind).toBe("validation");
      expectNoLeak(errorSurfaces(error), [MOKA_PASSWORD, MOKA_CHECK_KEY]);
    });

    it("ESWS: inputs made of the company code, and a company code over 32 characters", async () => {
      const client = createEasySecureClient({ endpoint: origin + ESWS_PATH, companyId: ESWS_COMPANY_ID });
      const errors = [
        await client.syncMOCA({ p_wsAltUserId: `${ESWS_COMPANY_ID}!` }).catch((e: unknown) => e),
        await client
          .updateUserDotweb({
            p_ws_StoreId: 1,
            p_wsAltUserId: `${ESWS_COMPANY_ID}_`,
            p_PIN: ESWS_COMPANY_ID,
            p_Achternaam: `${ESWS_COMPANY_ID}\u0141`,
            p_Voornaam: `${ESWS_COMPANY_ID}\u0000`,
            p_Admin: 0,
            p_Security: 0,
            p_infoFields: { info1: `${ESWS_COMPANY_ID}\u20ac` },
            p_StartDate: ESWS_COMPANY_ID,
          })
          .catch((e: unknown) => e),
      ];
      const long = ESWS_COMPANY_ID.repeat(2);
      try {
        createEasySecureClient({ endpoint: origin + ESWS_PATH, companyId: long });
        expect.fail("a 48-character company code was accepted");
      } catch (error) {
        errors.push(error);
      }
      for (const error of errors) {
        expect((error as { kind?: string }).kind).toBe("validation");
        expectNoLeak(errorSurfaces(error), [ESWS_COMPANY_ID]);
      }
    });

    it("Edu-iX: inputs made of the password, and a password over 64 characters", async () => {
      const client = createEduixClient({
        endpoint: origin + EDUIX_PATH,
        username: EDUIX_USERNAME,
        password: EDUIX_PASSWORD,
      });
      const errors: unknown[] = [
        await client.createKey({ profileID: 0, userID: EDUIX_PASSWORD.repeat(20) }).catch((e: unknown) => e),
        await client.getKey({ userID: `${EDUIX_PASSWORD}\u0001` }).catch((e: unknown) => e),
      ];
      try {
        createEduixClient({
          endpoint: origin + EDUIX_PATH,
          username: EDUIX_USERNAME,
          password: EDUIX_PASSWORD.repeat(4),
        });
        expect.fail("an 80-character password was accepted");
      } catch (error) {
        errors.push(error);
      }
      for (const error of errors) {
        expect((error as { kind?: string }).kind).toBe("validation");
        expectNoLeak(errorSurfaces(error), [EDUIX_PASSWORD]);
      }
    });
  });
});

// ============================================================================================ hard secrets

/**
 * Secrets that are hard to scrub: XML- and JSON-special characters (the escaped forms differ from the secret),
 * and long ones that are valid XML names (a parse error quotes a name, cut to 40 characters). Each vendor echoes
 * them in its own style: NuSOAP escapes text, or escapes it twice, or wraps it in CDATA; .NET escapes `&`, `<`,
 * `>`, `'` and `"` as `\uXXXX` and serialises requests into `Exception`, and may print the CheckKey in upper case;
 * Edu-iX puts texts in faultstring and accountFault/message, and may echo the session.
 */
interface SecretProfile {
  readonly name: string;
  readonly mokaPassword: string;
  /** At most 32 characters (the contract's companyID). */
  readonly eswsCompanyId: string;
  /** At most 64 characters (the contract's string64), as the sessionID. */
  readonly eduixPassword: string;
  readonly eduixSessionID: string;
}

const PROFILES: readonly SecretProfile[] = [
  {
    name: "XML- and JSON-special characters",
    mokaPassword: `S3cret&<Code-01>"'\\/moka`,
    eswsCompanyId: `S3cret&<Code'"esws>01`,
    eduixPassword: `S3cret&<Code-01>"'\\eduix`,
    eduixSessionID: `S3cret&<sess>"'\\-41d8`,
  },
  {
    name: "long, and valid XML names",
    mokaPassword: `MokaPassword_${"0123456789abcdef".repeat(12)}`,
    eswsCompanyId: "AValidXmlNameCompanyCode_0123456",
    eduixPassword: "AValidXmlNamePassword_0123456789abcdefghijklmnopqrstuvwxyz012345",
    eduixSessionID: `Session_${"0123456789abcdef".repeat(3)}01234567`,
  },
];

const isXmlName = (s: string) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s);
const escapeTwice = (s: string) => escapeXmlText(escapeXmlText(s));
const dotnet = (s: string) =>
  s.replace(/[&<>'"\\/+]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);

interface HardSecrets {
  readonly profile: SecretProfile;
  readonly checkKey: string;
}

/** The secrets a client of `target`'s vendor holds (the sessionID only once it logged in). */
function hardSecretsOf(target: Target, h: HardSecrets): string[] {
  switch (target.vendor) {
    case "moka":
      return [h.profile.mokaPassword, h.checkKey];
    case "easysecure":
      return [h.profile.eswsCompanyId];
    case "eduix":
      return target.needsLogin
        ? [h.profile.eduixPassword, h.profile.eduixSessionID]
        : [h.profile.eduixPassword];
  }
}

interface EchoStyle {
  readonly name: string;
  readonly applies: (target: Target, secrets: readonly string[]) => boolean;
  readonly answer: (target: Target, secrets: readonly string[], h: HardSecrets) => Answer;
}

const mokaAnswer = (resultCode: string, resultMessage: string, exception: string | null): Answer => ({
  contentType: JSON_TYPE,
  body: mokaEnvelope(null, resultCode, resultMessage, exception),
});
const nusoapFault = (faultstring: string, cdata = false): Answer => ({
  status: 500,
  contentType: XML_TYPE,
  body: cdata
    ? eswsFault("SOAP-ENV:Server", "x").replace(
        '<faultstring xsi:type="xsd:string">x</faultstring>',
        `<faultstring xsi:type="xsd:string"><![CDATA[${faultstring}]]></faultstring>`,
      )
    : eswsFault("SOAP-ENV:Server", faultstring, faultstring),
});
const eduixAnswer = (message: string, target: Target): Answer => ({
  status: 500,
  contentType: XML_TYPE,
  body: eduixFault({ faultstring: message, code: target.needsLogin ? "1" : "2", message }),
});
const eduixCdata = (message: string): Answer => ({
  status: 500,
  contentType: XML_TYPE,
  body: eduixEnvelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring><![CDATA[${message}]]></faultstring></soapenv:Fault>`,
  ),
});
const joined = (secrets: readonly string[]) => secrets.join(" / ");

const ECHO_STYLES: readonly EchoStyle[] = [
  // -------------------------------------------------------------------------------------- Moka (.NET)
  {
    name: ".NET: a serialised request in Exception, with \\u escapes",
    applies: json,
    answer: (_t, s) =>
      mokaAnswer("EX", "", `System.Exception: {"Password":"${dotnet(s[0]!)}","CheckKey":"${dotnet(s[1]!)}"}`),
  },
  {
    name: ".NET: JSON inside ResultMessage",
    applies: json,
    answer: (_t, s) => mokaAnswer("EX", JSON.stringify({ Password: s[0], CheckKey: s[1] }), null),
  },
  {
    name: ".NET: the CheckKey in upper case, the password XML-escaped",
    applies: json,
    answer: (_t, s) => mokaAnswer("EX", `bad ${s[1]!.toUpperCase()} for ${escapeXmlText(s[0]!)}`, null),
  },
  {
    name: ".NET: an undocumented ResultCode carrying the escaped secrets",
    applies: json,
    answer: (_t, s) => mokaAnswer(`Auth.Failed:${dotnet(s[0]!)}:${s[1]!.toUpperCase()}`, "", null),
  },
  // -------------------------------------------------------------------------------------- ESWS (NuSOAP)
  {
    name: "NuSOAP: a fault string, XML-escaped",
    applies: esws,
    answer: (_t, s) => nusoapFault(`bad company ${joined(s)}`),
  },
  {
    name: "NuSOAP: a fault string escaped twice",
    applies: esws,
    answer: (_t, s) => nusoapFault(`bad company ${escapeXmlText(joined(s))}`),
  },
  {
    name: "NuSOAP: a fault string in CDATA, holding the escaped secret",
    applies: esws,
    answer: (_t, s) => nusoapFault(`bad company ${escapeXmlText(joined(s))}`, true),
  },
  {
    name: "NuSOAP: an undocumented return with the escaped secret",
    applies: esws,
    answer: (t, s) => ({
      contentType: XML_TYPE,
      body: eswsReturn(t.operation, `ERROR ${escapeXmlText(joined(s))}`),
    }),
  },
  {
    name: "NuSOAP: UNAUTHORIZED with the secret escaped twice",
    applies: (t) => t.operation === "Esws.syncMOCA",
    answer: (t, s) => ({
      contentType: XML_TYPE,
      body: eswsReturn(t.operation, `UNAUTHORIZED ${escapeTwice(joined(s))}`),
    }),
  },
  // -------------------------------------------------------------------------------------- Edu-iX
  {
    name: "Edu-iX: faultstring and accountFault/message, XML-escaped",
    applies: eduix,
    answer: (t, s) => eduixAnswer(`denied: ${joined(s)}`, t),
  },
  {
    name: "Edu-iX: faultstring and accountFault/message escaped twice",
    applies: eduix,
    answer: (t, s) => eduixAnswer(`denied: ${escapeXmlText(joined(s))}`, t),
  },
  {
    name: "Edu-iX: a faultstring in CDATA, holding the escaped secret",
    applies: eduix,
    answer: (_t, s) => eduixCdata(`denied: ${escapeXmlText(joined(s))}`),
  },
  // -------------------------------------------------------------------------------------- any SOAP server
  {
    name: "SOAP: the secret written as an element name (a parse error quotes it)",
    applies: (t, s) => soap(t) && isXmlName(s[s.length - 1]!),
    answer: (_t, s) => ({ contentType: XML_TYPE, body: eduixEnvelope(`<x></${s[s.length - 1]}>`) }),
  },
  {
    name: "SOAP: the secret written as an entity name",
    applies: (t, s) => soap(t) && isXmlName(s[s.length - 1]!),
    answer: (_t, s) => ({ contentType: XML_TYPE, body: eduixEnvelope(`<x>&${s[s.length - 1]};</x>`) }),
  },
];

function hardClient(target: Target, h: HardSecrets, origin: string, logger: (e: ClientLogEvent) => void) {
  const settings = { timeoutMs: 500, retry: false as const, logger, ...transportSettings() };
  switch (target.vendor) {
    case "moka": {
      const c = createMokaClient({
        ...settings,
        baseUrl: origin,
        dealerCode: MOKA_DEALER_CODE,
        username: MOKA_USERNAME,
        password: h.profile.mokaPassword,
      });
      return () =>
        target.method === "getCardList" ? c.getCardList({ CustomerCode: "Customer" }) : c.getCustomerList();
    }
    case "easysecure": {
      const c = createEasySecureClient({
        ...settings,
        endpoint: origin + ESWS_PATH,
        companyId: h.profile.eswsCompanyId,
      });
      return () =>
        target.method === "syncMOCA"
          ? c.syncMOCA({ p_wsAltUserId: "user-1" })
          : c.updateUserDotweb(USER_INPUT);
    }
    case "eduix": {
      const c = createEduixClient({
        ...settings,
        endpoint: origin + EDUIX_PATH,
        username: EDUIX_USERNAME,
        password: h.profile.eduixPassword,
      });
      switch (target.method) {
        case "login":
          return () => c.login();
        case "createKey":
          return () => c.createKey({ profileID: 42, userID: "eck-1" });
        case "deleteKey":
          return () => c.deleteKey({ userID: "eck-1" });
        default:
          return () => c.getKey({ profileID: 42 });
      }
    }
  }
}

describe.each(PROFILES)("clients and CLI: secrets with $name, in every vendor's echo style", (profile) => {
  const h: HardSecrets = {
    profile,
    checkKey: computeCheckKey(MOKA_DEALER_CODE, MOKA_USERNAME, profile.mokaPassword),
  };
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const loginOk = (): Answer => ({ contentType: XML_TYPE, body: eduixLoginOk(profile.eduixSessionID) });

  describe.each(TARGETS)("$label", (target) => {
    const secrets = hardSecretsOf(target, h);

    it.each(ECHO_STYLES.filter((e) => e.applies(target, secrets)))("$name", async (style) => {
      const server = await startRawServer((exchange) => {
        if (target.needsLogin && isEduixLogin(exchange.req)) return respond(exchange.socket, loginOk());
        return respond(exchange.socket, style.answer(target, secrets, h));
      });
      cleanups.push(() => server.close());
      const events: ClientLogEvent[] = [];
      const outcome = await bounded(hardClient(target, h, server.origin, (e) => events.push(e)));
      expect(outcome.hung).toBe(false);
      expect(outcome.resolved, "the call should have failed").toBe(false);
      expectNoLeak(
        { ...errorSurfaces(outcome.error), "logger events": events.map((e) => JSON.stringify(e)).join("\n") },
        secrets,
      );
    });

    it("the CLI's stdout and stderr, with --debug, for every echo style", async () => {
      const styles = ECHO_STYLES.filter((e) => e.applies(target, secrets));
      let style = styles[0]!;
      const server = await startRawServer((exchange) => {
        if (target.needsLogin && isEduixLogin(exchange.req)) return respond(exchange.socket, loginOk());
        return respond(exchange.socket, style.answer(target, secrets, h));
      });
      cleanups.push(() => server.close());
      const env = {
        ...cliEnv(server.origin),
        MOKA_PASSWORD: profile.mokaPassword,
        EASYSECURE_COMPANY_ID: profile.eswsCompanyId,
        EDUIX_PASSWORD: profile.eduixPassword,
      };
      for (const next of styles) {
        style = next;
        const run = await cli(["--debug", ...CLI_COMMANDS[target.label]!], env);
        expect(run.code, `${next.name}: ${run.stderr}`).not.toBe(0);
        expect(run.code, run.stderr).not.toBe(70);
        expectNoLeak({ [`${next.name}: stdout`]: run.stdout, [`${next.name}: stderr`]: run.stderr }, secrets);
      }
    });
  });
});

// ============================================================================================ sandbox

describe("sandbox: no secret in its log, nor in the errors and log events of the clients calling it", () => {
  let sandbox: TestSandbox;
  const agent = new Agent();
  const sessionIDs = new Set<string>();
  const tapped = steer({
    tap: (body) => {
      for (const m of body.matchAll(/sessionID>([^<]+)</g)) sessionIDs.add(m[1]!.trim());
    },
  });
  const events: ClientLogEvent[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    sandbox = await startSecretSandbox();
  });
  afterAll(async () => {
    await agent.destroy();
    await tapped.close();
    await sandbox.close();
  });

  const FAULT_LISTS = ["", "latency=20", "drop", "html-500", "truncate", "expire-session"];

  it.each(SANDBOX_TARGETS)("$label: success, every fault, and wrong credentials", async (target) => {
    for (const faults of FAULT_LISTS) {
      sandbox.reset();
      sandbox.faults.set(faults);
      const outcome = await bounded(() =>
        target.runOnSandbox({
          origin: sandboxOrigin(sandbox, target),
          timeoutMs: 1_000,
          retry: false,
          ...tapped.settings,
          logger: (e) => events.push(e),
        }),
      );
      expect(outcome.hung).toBe(false);
      if (!outcome.resolved) errors.push(outcome.error);
    }
    sandbox.faults.clear();
    // Wrong credentials: the sandbox must not log what it was sent either.
    const wrong = await bounded(() => wrongCredentials(target, sandboxOrigin(sandbox, target)));
    expect(wrong.resolved).toBe(false);
    errors.push(wrong.error);
  });

  it("raw request bodies full of secrets (bad XML, bad JSON, unknown methods, bad fault lists) are not logged", async () => {
    const post = (url: string, body: string, contentType: string) =>
      agent.request({
        origin: new URL(url).origin,
        path: new URL(url).pathname,
        method: "POST",
        headers: { "content-type": contentType },
        body,
      });
    const secretText = ALL_SECRETS.join(" ");
    const responses = await Promise.all([
      post(sandbox.urls.easysecure, `<${ESWS_COMPANY_ID}>${secretText}`, XML_TYPE),
      post(sandbox.urls.easysecure, eswsEnvelopeWithUnknownMethod(ESWS_COMPANY_ID), XML_TYPE),
      post(sandbox.urls.eduix, `<x>${secretText}</x>`, XML_TYPE),
      post(sandbox.urls.eduix, eduixEnvelope(`<urn:${EDUIX_PASSWORD}/>`), XML_TYPE),
      post(`${sandbox.urls.moka}/DealerCustomer/GetCardList`, `{"x": "${secretText}"`, JSON_TYPE),
      post(`${sandbox.urls.admin}/faults`, secretText, JSON_TYPE),
      post(`${sandbox.urls.admin}/faults`, `${MOKA_PASSWORD}=1`, "text/plain"),
    ]);
    for (const response of responses) await response.body.text();
    expect(responses.every((r) => r.statusCode >= 200)).toBe(true);
  });

  it("the sandbox log holds no secret (seeded credentials, CheckKey, issued sessionIDs)", () => {
    expect(sandbox.logs.length).toBeGreaterThan(0);
    expect(sessionIDs.size).toBeGreaterThan(0);
    const secrets = [...ALL_SECRETS.filter((s) => s !== EDUIX_SESSION_ID), ...sessionIDs];
    expectNoLeak({ "sandbox log": sandbox.logs.join("\n") }, secrets);
    expectNoLeak({ "logger events": events.map((e) => JSON.stringify(e)).join("\n") }, secrets);
    for (const error of errors) expectNoLeak(errorSurfaces(error), secrets);
  });
});

function wrongCredentials(target: Target, origin: string): Promise<unknown> {
  switch (target.vendor) {
    case "moka":
      return createMokaClient({
        ...transportSettings(),
        baseUrl: origin,
        dealerCode: MOKA_DEALER_CODE,
        username: MOKA_USERNAME,
        password: "wrong-pw-1234",
      }).getCustomerList();
    case "easysecure":
      return createEasySecureClient({
        ...transportSettings(),
        endpoint: origin + ESWS_PATH,
        companyId: "WRONG-COMPANY-CODE-0000",
      }).syncMOCA({
        p_wsAltUserId: "EMP-0001",
      });
    case "eduix":
      return createEduixClient({
        ...transportSettings(),
        endpoint: origin + EDUIX_PATH,
        username: EDUIX_USERNAME,
        password: "wrong-pw-1234",
      }).login();
  }
}

function eswsEnvelopeWithUnknownMethod(name: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}"><soapenv:Body><uen:${name} xmlns:uen="uen:esws"/></soapenv:Body></soapenv:Envelope>`;
}

// ============================================================================================ CLI

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    env,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

const CLI_COMMANDS: Record<string, string[]> = {
  "moka getCardList": ["moka", "get-card-list", "--customer-code", "Customer"],
  "moka getCustomerList": ["moka", "get-customer-list"],
  // The card number comes from MOKA_INPUT_CARD_NUMBER (cliEnv): never a flag.
  "moka addCard": [
    "moka",
    "add-card",
    "--customer-code",
    "Customer",
    "--card-holder-full-name",
    CARD_INPUT.CardHolderFullName,
    "--exp-month",
    CARD_INPUT.ExpMonth,
    "--exp-year",
    CARD_INPUT.ExpYear,
  ],
  "moka addCustomerWithCard": [
    "moka",
    "add-customer-with-card",
    "--customer-code",
    "Customer",
    "--card-holder-full-name",
    CARD_INPUT.CardHolderFullName,
    "--exp-month",
    CARD_INPUT.ExpMonth,
    "--exp-year",
    CARD_INPUT.ExpYear,
  ],
  "easysecure syncMOCA": ["easysecure", "sync-moca", "--ws-alt-user-id", "EMP-0001"],
  "easysecure updateUserDotweb": [
    "easysecure",
    "update-user-dotweb",
    "--ws-store-id",
    "1234",
    "--ws-alt-user-id",
    "CLI-1",
    "--pin",
    "",
    "--achternaam",
    "Cli",
    "--voornaam",
    "Test",
    "--admin",
    "0",
    "--security",
    "0",
    "--info-fields",
    "info1=cli@example.com",
  ],
  "eduix login": ["eduix", "login"],
  "eduix createKey": [
    "eduix",
    "create-key",
    "--profile-id",
    "48213976",
    "--user-id",
    `https://ketenid.nl/201703/${"c1".repeat(64)}`,
  ],
  "eduix deleteKey": ["eduix", "delete-key", "--user-id", "https://ketenid.nl/201703/none"],
  "eduix getKey": ["eduix", "get-key", "--profile-id", "48213976"],
};

function cliEnv(origin: string): Record<string, string> {
  return {
    MOKA_BASE_URL: origin,
    MOKA_DEALER_CODE,
    MOKA_USERNAME,
    MOKA_PASSWORD,
    MOKA_INPUT_CARD_NUMBER: MOKA_CARD_NUMBER,
    EASYSECURE_ENDPOINT: origin + ESWS_PATH,
    EASYSECURE_COMPANY_ID: ESWS_COMPANY_ID,
    EDUIX_ENDPOINT: origin + EDUIX_PATH,
    EDUIX_USERNAME,
    EDUIX_PASSWORD,
    INTEGRATIONS_TIMEOUT_MS: "500",
  };
}

describe("CLI: no secret on stdout or stderr", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // The echoes that answer at once (no waiting), for every command, with --debug (its output is a superset:
  // the same error JSON, plus the configuration and one line per attempt).
  const quick = ECHOES.filter((e) => !/reset|over the size/.test(e.name));

  describe.each([...TARGETS, ...CARD_TARGETS])("$label", (target) => {
    const argv = CLI_COMMANDS[target.label]!;

    it.each(quick.filter((e) => e.applies(target)))("$name", async (echo) => {
      const server = await startRawServer((exchange) => {
        if (target.needsLogin && isEduixLogin(exchange.req)) return respond(exchange.socket, LOGIN_OK);
        return echo.serve(exchange, target, secretsOf(target));
      });
      cleanups.push(() => server.close());
      for (let variant = 0; variant < (echo.variants ?? 1); variant++) {
        currentVariant = variant;
        for (const flags of [["--debug"]]) {
          const run = await cli([...flags, ...argv], cliEnv(server.origin));
          expect(run.code, run.stderr).not.toBe(0);
          expect(run.code, run.stderr).not.toBe(70);
          expectNoLeak({ stdout: run.stdout, stderr: run.stderr }, ALL_SECRETS);
        }
      }
      currentVariant = 0;
    });
  });

  it("every command against the seeded sandbox, with --debug, succeeding and failing", async () => {
    const sandbox = await startSecretSandbox();
    cleanups.push(() => sandbox.close());
    const origins = {
      moka: new URL(sandbox.urls.moka).origin,
      easysecure: new URL(sandbox.urls.easysecure).origin,
      eduix: new URL(sandbox.urls.eduix).origin,
    };
    const env = {
      ...cliEnv(origins.moka),
      EASYSECURE_ENDPOINT: sandbox.urls.easysecure,
      EDUIX_ENDPOINT: sandbox.urls.eduix,
    };
    const runs: CliRun[] = [];
    for (const faults of ["", "html-500", "truncate", "expire-session"]) {
      sandbox.reset();
      sandbox.faults.set(faults);
      for (const argv of Object.values(CLI_COMMANDS)) runs.push(await cli(["--debug", ...argv], env));
    }
    sandbox.faults.clear();
    // A wrong password: the sandbox's authentication error.
    runs.push(await cli(["--debug", "eduix", "login"], { ...env, EDUIX_PASSWORD: "wrong-password-1" }));
    runs.push(
      await cli(["--debug", "moka", "get-customer-list"], { ...env, MOKA_PASSWORD: "wrong-password-1" }),
    );
    expect(runs.some((r) => r.code === 0)).toBe(true);
    expect(runs.some((r) => r.code !== 0)).toBe(true);
    const eduixLogins = runs.flatMap((r) =>
      [...r.stdout.matchAll(/"sessionID": "([^"]*)"/g)].map((m) => m[1]),
    );
    expect(eduixLogins.every((id) => id === "[REDACTED]")).toBe(true);
    expectNoLeak(
      { stdout: runs.map((r) => r.stdout).join("\n"), stderr: runs.map((r) => r.stderr).join("\n") },
      ALL_SECRETS,
    );
    expectNoLeak({ "sandbox log": sandbox.logs.join("\n") }, ALL_SECRETS);
  });

  it('secrets with JSON-special characters (" and \\) stay scrubbed in the JSON the CLI writes', async () => {
    // The CLI's output guard scrubs the JSON text it writes; there, such a secret appears escaped.
    const password = 'S3CRET"moka\\pw-2e9d';
    const escaped = JSON.stringify(password).slice(1, -1);
    const server = await startRawServer(({ socket }) =>
      respond(socket, {
        contentType: JSON_TYPE,
        body: mokaEnvelope(null, `Auth.Failed:${password}`, `bad password ${password}`, null),
      }),
    );
    cleanups.push(() => server.close());
    const run = await cli(["--debug", "moka", "get-customer-list"], {
      ...cliEnv(server.origin),
      MOKA_PASSWORD: password,
    });
    expect(run.code).toBe(1);
    expectNoLeak({ stdout: run.stdout, stderr: run.stderr }, [password, escaped]);
  });

  it("positive control: the scan does see a secret the user asked to print (--show-session-id)", async () => {
    const server = await startRawServer((exchange) => respond(exchange.socket, LOGIN_OK));
    cleanups.push(() => server.close());
    const shown = await cli(["eduix", "login", "--show-session-id"], cliEnv(server.origin));
    expect(shown.code).toBe(0);
    expect(findLeaks({ stdout: shown.stdout }, ALL_SECRETS).map((l) => l.secret)).toEqual([EDUIX_SESSION_ID]);
    const hidden = await cli(["eduix", "login"], cliEnv(server.origin));
    expect(hidden.code).toBe(0);
    expectNoLeak({ stdout: hidden.stdout, stderr: hidden.stderr }, ALL_SECRETS);
  });

  it("usage and configuration errors (missing variables, bad flags) do not echo the environment", async () => {
    const env = cliEnv("http://127.0.0.1:9");
    const runs = [
      await cli(["moka", "get-card-list"], env),
      await cli(["moka", "get-card-list", "--customer-code", MOKA_PASSWORD.repeat(6)], env),
      await cli(["easysecure", "sync-moca", "--ws-alt-user-id", `${ESWS_COMPANY_ID}!`], env),
      await cli(["eduix", "get-key", "--profile-id", EDUIX_PASSWORD], env),
      await cli(["eduix", "nope", `--${EDUIX_PASSWORD}`], env),
      await cli(["eduix", "login"], { ...env, EDUIX_ENDPOINT: `not a url ${EDUIX_PASSWORD}` }),
      await cli(["moka", "get-customer-list"], {
        ...env,
        MOKA_ENVIRONMENT: MOKA_PASSWORD,
        MOKA_BASE_URL: "",
      }),
      await cli(["--debug", "easysecure", "sync-moca", "--ws-alt-user-id", "x"], {
        ...env,
        EASYSECURE_COMPANY_ID: ESWS_COMPANY_ID.repeat(2),
      }),
    ];
    for (const run of runs) expect(run.code).not.toBe(0);
    expectNoLeak(
      { stdout: runs.map((r) => r.stdout).join("\n"), stderr: runs.map((r) => r.stderr).join("\n") },
      [...ALL_SECRETS, MOKA_PASSWORD.repeat(6)],
    );
  });
});
