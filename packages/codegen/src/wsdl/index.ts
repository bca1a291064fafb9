export type { EndpointOptions } from "./document-literal.js";
export { generateFromWsdl, type WsdlCodegenOptions } from "./generate.js";
export { parseWsdl, type WsdlModel } from "./wsdl-model.js";
export { XsdJsonSchemaConverter } from "./xsd-json-schema.js";
