import { generateVendor } from "@integrations/codegen";

// Everything about the vendor lives in contracts/eduix/ (the contract and vendor.json).
await generateVendor("eduix");
