import nock from "nock";
import { afterAll, beforeAll } from "vitest";
import { eduixPlugin } from "./eduix.plugin.js";
import { defineContractSuite } from "./suite.js";

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

defineContractSuite(eduixPlugin);
