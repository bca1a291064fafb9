import { generateFromWsdl } from "@integrations/codegen";

await generateFromWsdl({
  contract: "contracts/easysecure/esws.wsdl",
  outDir: "packages/easysecure-types/src/generated",
  schemaIdBase: "https://integrations.local/contracts/easysecure/",
  vendor: "easysecure",
  vendorPrefix: "EasySecure",
});
