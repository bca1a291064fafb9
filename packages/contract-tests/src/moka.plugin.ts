import { createMokaClient, MokaError, ValidationError } from "@integrations/moka-client";
import { operations, servers } from "@integrations/moka-types";
import { methodName } from "@integrations/runtime";
import nock from "nock";
import { closedSchema } from "./drift/closed-schema.js";
import { type ExpectedOutcome, type FixtureCase, sampleInput } from "./fixtures.js";
import { jsonTextIssues } from "./json-contract.js";
import type { ClientRun, VendorPlugin } from "./plugin.js";

type MokaOperation = keyof typeof operations;

const credentials = { dealerCode: "dealer-001", username: "api-user", password: "api-password-secret" };

function descriptor(operation: string) {
  const op = operations[operation as MokaOperation];
  if (!op) throw new Error(`unknown Moka operation ${operation}`);
  return op;
}

/** The client input to use: the fixture's own DealerCustomerRequest when it has a valid one. */
function clientInput(fixture: FixtureCase): unknown {
  if (fixture.request && (fixture.meta.expect.request?.valid ?? true)) {
    const body = JSON.parse(fixture.request.text) as { DealerCustomerRequest?: Record<string, unknown> };
    if (body.DealerCustomerRequest) return body.DealerCustomerRequest;
  }
  return sampleInput("moka", fixture.operation) ?? { CustomerCode: "Customer1" };
}

export const mokaPlugin: VendorPlugin = {
  vendor: "moka",
  operations: Object.keys(operations),
  documentedCodes: (operation) => descriptor(operation).codes.map((c) => c.code),
  outcomeCode: (outcome: ExpectedOutcome) => (outcome.kind === "success" ? "Success" : outcome.code),
  validateRequest: async (operation, body) =>
    jsonTextIssues(descriptor(operation).binding.requestSchema, body),
  validateResponse: async (operation, body) =>
    jsonTextIssues(descriptor(operation).binding.responseSchema, body),
  // Responses are open (the contract's rule): the fields it does not list, from the same schema closed.
  driftIssues: async (operation, body, direction) =>
    direction === "request"
      ? []
      : jsonTextIssues(closedSchema(descriptor(operation).binding.responseSchema), body).filter(
          (issue) => issue.rule === "additionalProperties",
        ),

  async checkInput(fixture) {
    const op = descriptor(fixture.operation);
    const sent: string[] = [];
    // The contract's success example: a valid input then resolves, so only validation can fail the call.
    const answer = op.example ?? { Data: null, ResultCode: "EX", ResultMessage: "", Exception: null };
    nock(servers.test)
      .post(op.binding.path, (body: unknown) => {
        sent.push(JSON.stringify(body));
        return true;
      })
      .reply(200, JSON.stringify(answer), { "content-type": "application/json; charset=utf-8" });
    const client = createMokaClient({ ...credentials, retry: false });
    try {
      const method = (client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
        methodName(op.operationId)
      ]!;
      await method(fixture.input);
      return { issues: [], sent: sent.length };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { issues: error.issues.map((i) => ({ field: i.field, rule: i.rule })), sent: sent.length };
    } finally {
      nock.cleanAll();
    }
  },

  async runClient(fixture): Promise<ClientRun> {
    const op = descriptor(fixture.operation);
    const sent: string[] = [];
    const scope = nock(servers.test)
      .post(op.binding.path, (body: unknown) => {
        sent.push(JSON.stringify(body));
        return true;
      })
      .reply(200, fixture.response!.text, { "content-type": "application/json; charset=utf-8" });
    const client = createMokaClient({ ...credentials, retry: false });
    try {
      const method = (client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
        methodName(op.operationId)
      ]!;
      const value = "inputMember" in op.binding ? await method(clientInput(fixture)) : await method();
      return { outcome: { kind: "success", value }, sent };
    } catch (error) {
      if (error instanceof MokaError) return { outcome: { kind: "error", code: error.code }, sent };
      return { outcome: { kind: "error", code: (error as Error).name }, sent };
    } finally {
      nock.cleanAll();
      scope.isDone();
    }
  },
};
