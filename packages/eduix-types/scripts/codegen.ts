import { generateFromWsdl } from "@integrations/codegen";

await generateFromWsdl({
  contract: "contracts/eduix/account.wsdl",
  outDir: "packages/eduix-types/src/generated",
  schemaIdBase: "https://integrations.local/contracts/eduix/",
  vendor: "eduix",
  vendorPrefix: "Eduix",
  // production is the soap:address; the other two are read from the service documentation until the
  // contract carries them as <x:endpoint environment location/> (codegen fails if one is missing).
  endpoints: { address: "production", required: ["acceptance", "chain-test"] },
});
