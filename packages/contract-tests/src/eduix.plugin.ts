/**
 * The Edu-iX Account 4.3 plugin of the contract suite: XSD validation of SOAP fixtures against the schema in
 * account.wsdl (libxml2), and the real client driven through nock.
 *
 * Every call of the client needs a session, so the first request it makes is a login. `runClient` answers
 * logins with a login success (unless the fixture is for login itself) and the operation with the fixture's
 * response, for as long as the client asks: a session-expired fixture (12, 3) then plays out as "expired ⇒
 * new login ⇒ expired again ⇒ thrown", and the outcome is still the fixture's code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEduixClient, EduixError, ValidationError } from "@integrations/eduix-client";
import { endpoints, generalFaultCodes, operations } from "@integrations/eduix-types";
import { methodName } from "@integrations/runtime";
import nock from "nock";
import {
  type ExpectedOutcome,
  type FixtureCase,
  REPO_ROOT,
  sampleInput,
  successResponse,
} from "./fixtures.js";
import type { ClientRun, ContractIssue, VendorPlugin } from "./plugin.js";
import { soapEnvelopeXsd, wsdlSchemas, xsdIssues } from "./xsd.js";

export type EduixOperation = keyof typeof operations;

export const credentials = {
  username: "api-koppeling@distributeur-voorbeeld.nl",
  password: "Zw4rtK@t-2024!",
};

export const ECK_ID =
  "https://ketenid.nl/201703/3bbc8e25fe8d2edc6f6b2e26ee22e6bfa4493bb8d661ae92a29c9b4c8890bf7a7bfc1e8c75ec006badee652d555dff9d0ca0ef363a183b6ffd641820bda87b5d";

/** The client's default environment is acceptance; the plugin relies on that default (no endpoint given). */
export const ENDPOINT = new URL(endpoints.acceptance);

function descriptor(operation: string) {
  const op = operations[operation as EduixOperation];
  if (!op) throw new Error(`unknown Edu-iX operation ${operation}`);
  return op;
}

// ---------------------------------------------------------------------------------------------- contract

const wsdl = readFileSync(join(REPO_ROOT, "contracts", "eduix", "account.wsdl"), "utf8");
const schemas = wsdlSchemas(wsdl, "eduix");
/**
 * document/literal: every Header block and Body child must be a global element of the contract's schema
 * (`strict`), so an unknown or misspelt element is an error rather than skipped.
 */
const envelopeXsd = soapEnvelopeXsd({
  imports: schemas.map((s) => ({
    namespace: /targetNamespace="([^"]*)"/.exec(s.contents)![1]!,
    schemaLocation: s.fileName,
  })),
  processContents: "strict",
});

/** Local name of the first element inside `<…:container>` (comments skipped), or undefined. */
function firstElementIn(xml: string, container: "Header" | "Body"): string | undefined {
  const re = new RegExp(
    `<(?:[\\w.-]+:)?${container}\\b[^>]*>(?:\\s|<!--[\\s\\S]*?-->)*<(?:[\\w.-]+:)?([\\w.-]+)`,
  );
  return re.exec(xml)?.[1];
}

/**
 * The XSD accepts any global element in any position; the binding says which: the operation's request
 * element in the Body with its header (login: loginHeader; the others: authHeader). A login envelope is
 * also accepted under every operation, because each session starts with one.
 */
function bindingIssues(operation: string, xml: string): ContractIssue[] {
  const own = descriptor(operation);
  const bodyElement = firstElementIn(xml, "Body");
  const match = [own, operations.login].find((op) => op.binding.requestElement === bodyElement);
  if (match === undefined) {
    return [
      {
        rule: "binding",
        path: "Body",
        message: `expected <${own.binding.requestElement}> in the Body of ${operation}, found <${bodyElement ?? "nothing"}>`,
      },
    ];
  }
  const headerElement = firstElementIn(xml, "Header");
  if (headerElement !== match.binding.headerElement) {
    return [
      {
        rule: "binding",
        path: "Header",
        message: `expected the <${match.binding.headerElement}> header for ${match.wireName}, found <${headerElement ?? "nothing"}>`,
      },
    ];
  }
  return [];
}

/** A response Body holds the operation's response element or a Fault. */
function responseBindingIssues(operation: string, xml: string): ContractIssue[] {
  const expected = descriptor(operation).binding.responseElement;
  const bodyElement = firstElementIn(xml, "Body");
  if (bodyElement === expected || bodyElement === "Fault") return [];
  return [
    {
      rule: "binding",
      path: "Body",
      message: `expected <${expected}> or a Fault in the Body of ${operation}, found <${bodyElement ?? "nothing"}>`,
    },
  ];
}

export async function validateEduixRequest(operation: string, body: string): Promise<ContractIssue[]> {
  return [...(await xsdIssues(body, envelopeXsd, schemas)), ...bindingIssues(operation, body)];
}

// ------------------------------------------------------------------------------------------------ client

const SOAP_OPEN =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:edu-ix:account:4.3"><soapenv:Body>';
const SOAP_CLOSE = "</soapenv:Body></soapenv:Envelope>";

export const SESSION_ID = "b3f1c9e2a7d84f06a1c5e9d2f7b30e4c";

/** A login success as in fixture login/success, for a given sessionID. */
export const loginSuccess = (sessionID = SESSION_ID): string =>
  `${SOAP_OPEN}<urn:loginResponse><urn:sessionID>${sessionID}</urn:sessionID></urn:loginResponse>${SOAP_CLOSE}`;

/** The operation's success answer, for inputs that must pass the client's validation and complete. */
function successOf(operation: EduixOperation): string {
  const text = successResponse("eduix", operation);
  if (text === undefined) throw new Error(`no success fixture with a response for Edu-iX ${operation}`);
  return text;
}

const isLoginRequest = (body: string): boolean =>
  firstElementIn(body, "Body") === operations.login.binding.requestElement;

/**
 * Answers every POST to the endpoint: logins with `login` (a function of the login's index), everything
 * else with `operation`. SOAP 1.1 sends a Fault with HTTP 500. Records every body sent.
 */
export function interceptEduix(answer: (body: string, loginIndex: number, callIndex: number) => string): {
  sent: string[];
  logins: () => number;
  calls: () => number;
} {
  const sent: string[] = [];
  let logins = 0;
  let calls = 0;
  nock(ENDPOINT.origin)
    .persist()
    .post(ENDPOINT.pathname)
    // nock 15 hands the reply function a fetch Request.
    .reply(async (request: Request) => {
      const body = await request.text();
      sent.push(body);
      const xml = isLoginRequest(body) ? answer(body, logins++, -1) : answer(body, -1, calls++);
      const status = firstElementIn(xml, "Body") === "Fault" ? 500 : 200;
      return [status, xml, { "content-type": "text/xml; charset=utf-8" }];
    });
  return { sent, logins: () => logins, calls: () => calls };
}

/** Calls the client method of `operation` with `input`. */
function callClient(operation: EduixOperation, input: unknown): Promise<unknown> {
  const client = createEduixClient({ ...credentials, retry: false }) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const method = client[methodName(operation)]!;
  return "inputSchema" in operations[operation] ? method(input) : method();
}

export const eduixPlugin: VendorPlugin = {
  vendor: "eduix",
  operations: Object.keys(operations),
  /** General codes (every operation) plus the operation's specific ones, each once. */
  documentedCodes: (operation) => [
    ...new Set([...generalFaultCodes, ...descriptor(operation).codes].map((c) => c.code)),
  ],
  /** Successes carry no code in Edu-iX (a normal response, never a code); errors carry the fault code. */
  outcomeCode: (outcome: ExpectedOutcome) => (outcome.kind === "success" ? undefined : outcome.code),
  validateRequest: validateEduixRequest,
  validateResponse: async (operation, body) => [
    ...(await xsdIssues(body, envelopeXsd, schemas)),
    ...responseBindingIssues(operation, body),
  ],

  async checkInput(fixture: FixtureCase) {
    const operation = fixture.operation as EduixOperation;
    const { sent } = interceptEduix((body) => (isLoginRequest(body) ? loginSuccess() : successOf(operation)));
    try {
      await callClient(operation, fixture.input);
      return { issues: [], sent: sent.length };
    } catch (error) {
      if (error instanceof ValidationError) {
        return { issues: error.issues.map(({ field, rule }) => ({ field, rule })), sent: sent.length };
      }
      throw error;
    } finally {
      nock.cleanAll();
    }
  },

  async runClient(fixture): Promise<ClientRun> {
    const operation = fixture.operation as EduixOperation;
    const response = fixture.response!.text;
    const { sent } = interceptEduix((body) =>
      isLoginRequest(body) && operation !== "login" ? loginSuccess() : response,
    );
    try {
      const value = await callClient(operation, sampleInput("eduix", operation));
      // createKey and deleteKey resolve to undefined; the fixtures write "no value" as JSON null.
      return { outcome: { kind: "success", value: value === undefined ? null : value }, sent };
    } catch (error) {
      if (error instanceof EduixError) return { outcome: { kind: "error", code: error.code }, sent };
      return { outcome: { kind: "error", code: (error as Error).name }, sent };
    } finally {
      nock.cleanAll();
    }
  },
};
