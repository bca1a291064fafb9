import { join } from "node:path";
import { REPO_ROOT, validatorsSource, writeGeneratedFolder } from "@integrations/codegen";
import { seedSchema } from "../src/seed-schema.js";

const source = "packages/sandbox/src/seed-schema.ts";
writeGeneratedFolder(join(REPO_ROOT, "packages/sandbox/src/generated"), source, {
  "seed-validator.ts": validatorsSource([{ exportName: "SeedSchema", schema: seedSchema }], "seed-schema.ts"),
});
