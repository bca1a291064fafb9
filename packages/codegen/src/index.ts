export { constExport, generatedHeader, REPO_ROOT, tsLiteral, writeGeneratedFolder } from "./emit.js";
export { type JsonObject, standaloneSchema } from "./json-schema.js";
export { generateFromOpenApi, type OpenApiCodegenOptions } from "./openapi.js";
export { generateRegistry } from "./registry.js";
export { validatorName, validatorsModule, validatorsSource } from "./validators/index.js";
export { generateVendor, packageDir, readVendor, readVendors, type VendorManifest } from "./vendor.js";
export { type EndpointOptions, generateFromWsdl, type WsdlCodegenOptions } from "./wsdl/index.js";
