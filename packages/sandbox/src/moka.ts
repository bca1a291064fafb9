/**
 * Moka United DealerCustomer simulation: JSON over POST, every answer HTTP 200 with the envelope
 * `{Data, ResultCode, ResultMessage, Exception}` (contracts/moka/openapi.yaml). Stateful: customers and cards
 * persist across calls (moka/store.ts); each operation's behaviour and the order of its checks are in
 * moka/handlers.ts. A body that is not JSON answers <Op>.InvalidRequest.
 */
import { createHash } from "node:crypto";
import { operations } from "@integrations/moka-types";
import { type MokaCatalog, type MokaOperationId, resolveMokaCatalog } from "./catalog.js";
import { readJsonRequest } from "./json-request.js";
import { createMokaHandlers, customerListData, type MokaHandler, withCards } from "./moka/handlers.js";
import { DealerStore } from "./moka/store.js";
import { SandboxRequestError } from "./request-error.js";
import { decodeBody } from "./request-text.js";
import { type SandboxSeed, SeedError } from "./seed.js";
import type { RouteHandler, SandboxRequest, VendorResponse, VendorRoute, VendorService } from "./service.js";

type OperationId = keyof typeof operations;

/** CheckKey as the vendor computes it (lowercase hex, not Base64: contracts/moka/README.md). Independent of the client's code. */
export function mokaCheckKey(dealerCode: string, username: string, password: string): string {
  return createHash("sha256").update(`${dealerCode}MK${username}PD${password}`, "utf8").digest("hex");
}

const JSON_TYPE = "application/json; charset=utf-8";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function createMokaService(seed: SandboxSeed["moka"]): VendorService {
  const catalog: MokaCatalog = resolveMokaCatalog();
  let dealers = new Map<string, DealerStore>();

  function load(): void {
    dealers = new Map();
    for (const d of structuredClone(seed.dealers)) dealers.set(d.dealerCode, new DealerStore(d));
  }
  load();
  checkSeedAgainstContract(seed);

  const envelope = (operation: OperationId, code: string, data: unknown = null): VendorResponse => ({
    status: 200,
    contentType: JSON_TYPE,
    body: JSON.stringify({ Data: data, ResultCode: code, ResultMessage: "", Exception: null }),
    operation,
    outcome: code,
  });

  function authenticate(auth: unknown): DealerStore | undefined {
    if (!isRecord(auth)) return undefined;
    const { DealerCode, Username, Password, CheckKey } = auth;
    if (typeof DealerCode !== "string" || typeof Username !== "string" || typeof Password !== "string") {
      return undefined;
    }
    const dealer = dealers.get(DealerCode);
    if (dealer === undefined || dealer.seed.username !== Username || dealer.seed.password !== Password) {
      return undefined;
    }
    return CheckKey === mokaCheckKey(DealerCode, Username, Password) ? dealer : undefined;
  }

  /**
   * The behaviour of the contract's operations, by operation id. An operation without one (new in the contract)
   * is a stub: it answers the contract's first success example.
   */
  const behaviour = createMokaHandlers(catalog, authenticate);
  const handlers: Readonly<Record<string, (body: unknown) => VendorResponse>> = Object.fromEntries(
    Object.entries(behaviour).map(([op, handle]: [string, MokaHandler]) => [
      op,
      (body: unknown) => {
        const answer = handle(body);
        return envelope(op as OperationId, answer.code, answer.data ?? null);
      },
    ]),
  );

  const call =
    (operation: OperationId) =>
    (request: SandboxRequest): VendorResponse => {
      let body: unknown;
      try {
        body = readJsonRequest(decodeBody(request.body, request.headers["content-type"], "text"));
      } catch (error) {
        if (!(error instanceof SandboxRequestError)) throw error;
        return envelope(operation, invalidRequest(operation));
      }
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation]! : stub(operation);
      return handler(body);
    };

  /** The operation's InvalidRequest code: from the catalog, or by the family's pattern for a stub. */
  const invalidRequest = (operation: OperationId): string =>
    Object.hasOwn(catalog, operation)
      ? catalog[operation as MokaOperationId].InvalidRequest
      : `DealerCustomer.${operation}.InvalidRequest`;

  /** A stub: the contract's first success example, whatever the request (valid JSON) says. */
  const stub = (operation: OperationId) => () => ({
    status: 200,
    contentType: JSON_TYPE,
    body: JSON.stringify((operations[operation] as { example?: unknown }).example ?? envelopeOf(null)),
    operation,
    outcome: "Success (stub: the contract's example)",
  });
  const envelopeOf = (data: unknown) => ({
    Data: data,
    ResultCode: "Success",
    ResultMessage: "",
    Exception: null,
  });

  const onMethod = (method: string, handler: RouteHandler): Pick<VendorRoute, "get" | "post"> =>
    method === "GET" ? { get: handler } : { post: handler };
  const operationIds = Object.keys(operations) as OperationId[];
  const operationOfPath = (path: string): OperationId | undefined =>
    operationIds.find(
      (id) => operations[id].binding.path.toLowerCase() === path.toLowerCase().replace(/\/+$/, ""),
    );

  return {
    vendor: "moka",
    // ASP.NET routing is case-insensitive and tolerates a trailing slash.
    caseInsensitivePaths: true,
    routes: operationIds.map((id) => ({
      path: operations[id].binding.path,
      operation: id,
      ...onMethod(operations[id].binding.method, call(id)),
    })),
    notFound: (request) => ({
      status: 404,
      contentType: JSON_TYPE,
      body: JSON.stringify({
        Message: `No HTTP resource was found that matches the request URI '${request.origin}${request.path.slice(0, 200)}'.`,
      }),
      outcome: "404 unknown path",
    }),
    methodNotAllowed: (request, route, allow) => ({
      status: 405,
      contentType: JSON_TYPE,
      body: JSON.stringify({
        Message: `The requested resource does not support http method '${request.method.slice(0, 20)}'.`,
      }),
      headers: { allow: allow.join(", ") },
      operation: route.operation,
      outcome: "405 method not allowed",
    }),
    internalError(request: SandboxRequest): VendorResponse {
      return {
        status: 200,
        contentType: JSON_TYPE,
        body: JSON.stringify({
          Data: null,
          ResultCode: catalog.GetCardList.EX,
          ResultMessage: "An unexpected error has occurred in the sandbox (see its log).",
          Exception: null,
        }),
        operation: operationOfPath(request.path),
        outcome: catalog.GetCardList.EX,
      };
    },
    reset: load,
    snapshot: () => ({
      dealers: [...dealers.values()].map((d) => ({
        dealerCode: d.seed.dealerCode,
        permissions: d.seed.permissions,
        customers: d.customers.map((c) => ({
          DealerCustomerId: c.DealerCustomerId,
          CustomerCode: c.CustomerCode,
          cards: c.cards.length,
        })),
      })),
    }),
  };
}

/** Every answer the seed can produce must satisfy the contract's response schemas; checked at startup. */
function checkSeedAgainstContract(seed: SandboxSeed["moka"]): void {
  const problems: string[] = [];
  const check = (operation: OperationId, data: unknown, what: string): void => {
    const response = { Data: data, ResultCode: "Success", ResultMessage: "", Exception: null };
    for (const issue of operations[operation].validateResponse(response).slice(0, 3)) {
      problems.push(`${what}: ${issue.field} ${issue.message} [${issue.rule}]`);
    }
  };
  for (const dealer of seed.dealers) {
    check("GetCustomerList", customerListData(dealer.customers), `moka dealer ${dealer.dealerCode}`);
    for (const c of dealer.customers) {
      check(
        "GetCardList",
        withCards(c, c.cards ?? []),
        `moka dealer ${dealer.dealerCode}, customer ${c.DealerCustomerId}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new SeedError(
      `the seed's Moka data breaks the contract's response schemas:\n  ${problems.join("\n  ")}`,
    );
  }
}
