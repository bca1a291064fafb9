import { generateVendor } from "@integrations/codegen";

// Everything about the vendor lives in contracts/moka/ (the contract and vendor.json).
await generateVendor("moka");
