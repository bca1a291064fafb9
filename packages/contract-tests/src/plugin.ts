/**
 * What a vendor supplies to the shared contract suite. Each vendor's plugin knows how to validate its wire
 * format against its contract and how to drive its client; the suite knows everything else.
 */
import type { ExpectedOutcome, FixtureCase, Vendor } from "./fixtures.js";

/** One broken rule: `rule` is an ajv keyword (JSON) or a libxml2 message (XML). */
export interface ContractIssue {
  rule: string;
  path: string;
  message: string;
}

export interface ClientRun {
  outcome: ExpectedOutcome;
  /** Every request body the client sent (conformance validates each against the contract). */
  sent: string[];
}

export interface VendorPlugin {
  vendor: Vendor;
  /** Operation names as used in fixture folders, from the generated descriptors. */
  operations: readonly string[];
  /** Documented result codes of an operation, from the generated catalogs (including success codes). */
  documentedCodes(operation: string): ReadonlyArray<string | number>;
  /** The documented code an expected outcome stands for (`Success` for a Moka success, the code of an error…). */
  outcomeCode(outcome: ExpectedOutcome): string | number | undefined;
  validateRequest(operation: string, body: string): Promise<ContractIssue[]>;
  validateResponse(operation: string, body: string): Promise<ContractIssue[]>;
  /** Client-level input: returns the issues of the client's pre-send validation, and how many requests left. */
  checkInput?(
    fixture: FixtureCase,
  ): Promise<{ issues: Array<{ field: string; rule: string }>; sent: number }>;
  /**
   * What the drift check asks beyond validity (`pnpm contracts:drift`): changes the contract tolerates but a
   * vendor made all the same (a field a JSON response's open schema does not list), and the rpc parts of an
   * envelope against the message's, in order (rules `rpc-parts-reordered`, `rpc-part-renamed`).
   */
  driftIssues?(operation: string, body: string, direction: "request" | "response"): Promise<ContractIssue[]>;
  /** Drives the client against the fixture's response. */
  runClient(fixture: FixtureCase): Promise<ClientRun>;
}
