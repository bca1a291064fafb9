/**
 * @integrations/sandbox: an embedded, stateful simulation of EasySecure ESWS, Moka United and Edu-iX on
 * loopback, built on the contract artifacts, with fault injection and an end-to-end tour of the clients.
 */

export { banner, usageExample } from "./banner.js";
export { CatalogError } from "./catalog.js";
export { DEFAULT_SESSION_TTL_MS } from "./eduix.js";
export {
  type FaultPlan,
  type FaultSet,
  FaultSpecError,
  MAX_LATENCY_MS,
  parseFaults,
  type Switch as FaultSwitch,
} from "./faults.js";
export { mokaCheckKey } from "./moka.js";
export {
  DEFAULT_SEED_PATH,
  type EduixAccountSeed,
  type EduixProfileSeed,
  type EswsCompanySeed,
  type EswsUserSeed,
  loadSeedFile,
  type MokaCardSeed,
  type MokaCustomerSeed,
  type MokaDealerSeed,
  type SandboxSeed,
  SeedError,
  seedSchema,
} from "./seed.js";
export {
  ADMIN_ROUTES,
  DEFAULT_MAX_BODY_BYTES,
  type ListenerStats,
  type RequestRecord,
  type Sandbox,
  type SandboxOptions,
  type SandboxStats,
  type SandboxUrls,
  startSandbox,
} from "./server.js";
export {
  formatTourTable,
  runTour,
  type TourExpectation,
  type TourOptions,
  type TourResult,
  type TourRow,
  type TourVendor,
} from "./tour.js";
export { DEFAULT_HOST, DEFAULT_PORTS, VENDORS, type Vendor } from "./vendors.js";
