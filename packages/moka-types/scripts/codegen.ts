import { generateFromOpenApi } from "@integrations/codegen";

await generateFromOpenApi({
  contract: "contracts/moka/openapi.yaml",
  outDir: "packages/moka-types/src/generated",
  schemaIdBase: "https://integrations.local/contracts/moka/",
  vendor: "moka",
  vendorPrefix: "Moka",
  requestMember: "DealerCustomerRequest",
  resultMember: "Data",
});
