import nock from "nock";
import { afterAll, beforeAll } from "vitest";
import { mokaPlugin } from "./moka.plugin.js";
import { defineContractSuite } from "./suite.js";

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

defineContractSuite(mokaPlugin);
