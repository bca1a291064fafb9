import { generateVendor } from "@integrations/codegen";

// Everything about the vendor lives in contracts/easysecure/ (the contract and vendor.json).
await generateVendor("easysecure");
