/**
 * Moka United DealerCustomer simulation: JSON over POST, every answer HTTP 200 with the envelope
 * `{Data, ResultCode, ResultMessage, Exception}` (contracts/moka/openapi.yaml).
 *
 * Request checks, in order:
 *   1. the body is JSON                                           else <Op>.InvalidRequest
 *   2. the body matches the contract's request schema, apart from a missing identifier
 *                                                                 else <Op>.InvalidRequest
 *   3. DealerCode/Username/Password are a seeded dealer, and CheckKey is the lowercase hex SHA-256 of
 *      DealerCode + "MK" + Username + "PD" + Password             else <Op>.InvalidRequest
 *   GetCardList:
 *   4. DealerCustomerId (an integer; "" counts as not given) or a non-empty CustomerCode
 *                                                                 else CustomerCodeOrDealerCustomerIdMustBeGiven
 *   5. the customer exists (by id if given, else by code)        else DealerCustomerNotFound
 *   6. both given and the id's customer has another code          → CustomerCodeDoesntMatchDealerCustomerId
 *   GetCustomerList:
 *   4. the dealer has the "GetCustomerList" permission            else PermissionDenied
 *   5. the dealer has at least one customer                       else DealerCustomerNotFound
 * Every code string comes from the generated catalogs (`operations.<Op>.resultCodes`), looked up by reason.
 */
import { createHash } from "node:crypto";
import { operations } from "@integrations/moka-types";
import { type MokaCatalog, resolveMokaCatalog } from "./catalog.js";
import { readJsonRequest } from "./json-request.js";
import { SandboxRequestError } from "./request-error.js";
import { decodeBody } from "./request-text.js";
import { type MokaCustomerSeed, type MokaDealerSeed, type SandboxSeed, SeedError } from "./seed.js";
import type { RouteHandler, SandboxRequest, VendorResponse, VendorRoute, VendorService } from "./service.js";

type OperationId = keyof typeof operations;

/** One operation's behaviour: the parsed JSON body, to the vendor's envelope. */
type MokaOperationHandler = (body: unknown) => VendorResponse;

/** CheckKey as the vendor computes it (lowercase hex, not Base64: contracts/moka/README.md). Independent of the client's code. */
export function mokaCheckKey(dealerCode: string, username: string, password: string): string {
  return createHash("sha256").update(`${dealerCode}MK${username}PD${password}`, "utf8").digest("hex");
}

interface Dealer {
  seed: MokaDealerSeed;
  byId: Map<number, MokaCustomerSeed>;
  byCode: Map<string, MokaCustomerSeed>;
}

const JSON_TYPE = "application/json; charset=utf-8";

function customerOut(c: MokaCustomerSeed): Record<string, unknown> {
  // The vendor is .NET: unset fields are emitted as null (contract Q7).
  return {
    DealerCustomerId: c.DealerCustomerId,
    CustomerCode: c.CustomerCode,
    Password: c.Password ?? null,
    FirstName: c.FirstName ?? null,
    LastName: c.LastName ?? null,
    Gender: c.Gender ?? null,
    BirthDate: c.BirthDate ?? null,
    GsmNumber: c.GsmNumber ?? null,
    Email: c.Email ?? null,
    Address: c.Address ?? null,
  };
}

function cardListData(c: MokaCustomerSeed): Record<string, unknown> {
  const cards = (c.cards ?? []).map((card) => ({
    CardToken: card.CardToken,
    CardName: card.CardName ?? null,
    BankName: card.BankName ?? null,
    CardNumberFirstSix: card.CardNumberFirstSix,
    CardNumberLastFour: card.CardNumberLastFour,
    CardHolderFullName: card.CardHolderFullName,
    ExpMonth: card.ExpMonth,
    ExpYear: card.ExpYear,
  }));
  return { DealerCustomer: customerOut(c), CardListCount: cards.length, CardList: cards };
}

function customerListData(dealer: MokaDealerSeed): Record<string, unknown> {
  return {
    DealerCustomerListCount: dealer.customers.length,
    DealerCustomerList: dealer.customers.map(customerOut),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function createMokaService(seed: SandboxSeed["moka"]): VendorService {
  const catalog: MokaCatalog = resolveMokaCatalog();
  let dealers = new Map<string, Dealer>();

  function load(): void {
    dealers = new Map();
    for (const d of structuredClone(seed.dealers)) {
      dealers.set(d.dealerCode, {
        seed: d,
        byId: new Map(d.customers.map((c) => [c.DealerCustomerId, c])),
        byCode: new Map(d.customers.map((c) => [c.CustomerCode, c])),
      });
    }
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

  function authenticate(auth: Record<string, unknown>): Dealer | undefined {
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

  function getCardList(body: unknown): VendorResponse {
    const codes = catalog.GetCardList;
    const invalid = envelope("GetCardList", codes.InvalidRequest);
    if (!isRecord(body)) return invalid;
    const request = body.DealerCustomerRequest;
    const rawId = isRecord(request) ? request.DealerCustomerId : undefined;
    const rawCode = isRecord(request) ? request.CustomerCode : undefined;
    const idGiven = rawId !== undefined && rawId !== null && rawId !== "";
    const codeGiven = rawCode !== undefined && rawCode !== null && rawCode !== "";
    // A missing identifier has its own code; every other rule of the contract's schema is InvalidRequest.
    // So the schema check runs on the body with a stand-in identifier when none was given.
    const checked =
      isRecord(request) && !idGiven && !codeGiven
        ? { ...body, DealerCustomerRequest: { ...request, CustomerCode: "identifier" } }
        : body;
    if (operations.GetCardList.validateRequest(checked).length > 0) return invalid;
    const dealer = authenticate(body.DealerCustomerAuthentication as Record<string, unknown>);
    if (dealer === undefined) return invalid;
    if (!idGiven && !codeGiven)
      return envelope("GetCardList", codes.CustomerCodeOrDealerCustomerIdMustBeGiven);
    const customer = idGiven ? dealer.byId.get(rawId as number) : dealer.byCode.get(rawCode as string);
    if (customer === undefined) return envelope("GetCardList", codes.DealerCustomerNotFound);
    if (idGiven && codeGiven && customer.CustomerCode !== rawCode) {
      return envelope("GetCardList", codes.CustomerCodeDoesntMatchDealerCustomerId);
    }
    return envelope("GetCardList", codes.Success, cardListData(customer));
  }

  function getCustomerList(body: unknown): VendorResponse {
    const codes = catalog.GetCustomerList;
    const invalid = envelope("GetCustomerList", codes.InvalidRequest);
    if (!isRecord(body)) return invalid;
    if (operations.GetCustomerList.validateRequest(body).length > 0) return invalid;
    const dealer = authenticate(body.DealerCustomerAuthentication as Record<string, unknown>);
    if (dealer === undefined) return invalid;
    if (!dealer.seed.permissions.includes("GetCustomerList")) {
      return envelope("GetCustomerList", codes.PermissionDenied);
    }
    if (dealer.seed.customers.length === 0) return envelope("GetCustomerList", codes.DealerCustomerNotFound);
    return envelope("GetCustomerList", codes.Success, customerListData(dealer.seed));
  }

  /**
   * The behaviour of the contract's operations, by operation id. An operation without one (new in the contract)
   * is a stub: it answers the contract's first success example.
   */
  const handlers: Readonly<Record<keyof MokaCatalog, MokaOperationHandler>> = {
    GetCardList: getCardList,
    GetCustomerList: getCustomerList,
  };

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
      const handler = Object.hasOwn(handlers, operation)
        ? handlers[operation as keyof MokaCatalog]
        : stub(operation);
      return handler(body);
    };

  /** The operation's InvalidRequest code: from the catalog, or by the family's pattern for a stub. */
  const invalidRequest = (operation: OperationId): string =>
    Object.hasOwn(catalog, operation)
      ? catalog[operation as keyof MokaCatalog].InvalidRequest
      : `DealerCustomer.${operation}.InvalidRequest`;

  /** A stub: the contract's first success example, whatever the request (valid JSON) says. */
  const stub =
    (operation: OperationId): MokaOperationHandler =>
    () => ({
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
        customers: d.seed.customers.map((c) => ({
          DealerCustomerId: c.DealerCustomerId,
          CustomerCode: c.CustomerCode,
          cards: (c.cards ?? []).length,
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
    check("GetCustomerList", customerListData(dealer), `moka dealer ${dealer.dealerCode}`);
    for (const c of dealer.customers) {
      check(
        "GetCardList",
        cardListData(c),
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
