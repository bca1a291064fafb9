import type { components } from "./generated/openapi.js";

export type { MokaOperations } from "./generated/methods.js";
export type { components, operations as openapiOperations, paths } from "./generated/openapi.js";
export { type OperationId, operations } from "./generated/operations.js";
export * from "./generated/result-codes.js";
export * from "./generated/schemas.js";
export { servers } from "./generated/servers.js";
// Every generated validator, by name: a static re-export, so bundlers keep the ones a client uses and drop the rest.
// A new operation's validators are exported by codegen alone.
export * from "./generated/validators.js";

type Schemas = components["schemas"];

export type DealerCustomerAuthentication = Schemas["DealerCustomerAuthentication"];
export type DealerCustomerRequest = Schemas["DealerCustomerRequest"];
export type DealerCustomer = Schemas["DealerCustomer"];
export type Card = Schemas["Card"];
export type GetCardListRequest = Schemas["GetCardListRequest"];
export type GetCardListResponse = Schemas["GetCardListResponse"];
export type GetCardListData = Schemas["GetCardListData"];
export type GetCustomerListRequest = Schemas["GetCustomerListRequest"];
export type GetCustomerListResponse = Schemas["GetCustomerListResponse"];
export type GetCustomerListData = Schemas["GetCustomerListData"];
export type NewCustomer = Schemas["NewCustomer"];
export type NewCustomerWithCard = Schemas["NewCustomerWithCard"];
export type CustomerUpdate = Schemas["CustomerUpdate"];
export type NewCard = Schemas["NewCard"];
export type CardRename = Schemas["CardRename"];
export type CardReference = Schemas["CardReference"];
export type DealerCustomerWithCards = Schemas["DealerCustomerWithCards"];
