import { generateRegistry } from "@integrations/codegen";

await generateRegistry("packages/vendors/src/generated");
