export type { EndpointOptions } from "./document-literal.js";
export { generateFromWsdl, type WsdlCodegenOptions } from "./generate.js";
export { readWsdlContract, type ServiceView, serviceView } from "./service-view.js";
export { XsdJsonSchemaConverter } from "./xsd-json-schema.js";
