import nock from "nock";
import { afterAll, beforeAll } from "vitest";
import { easysecurePlugin } from "./easysecure.plugin.js";
import { defineContractSuite } from "./suite.js";

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

defineContractSuite(easysecurePlugin);
