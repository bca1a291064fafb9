/**
 * Loading `contracts/<vendor>/fixtures/<operation>/<case>/` folders (layout: contracts/README.md).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { VendorId } from "@integrations/vendors";

export const REPO_ROOT = new URL("../../../", import.meta.url).pathname;

/** A vendor's id, as the registry (`@integrations/vendors`) spells it. */
export type Vendor = VendorId;

export type ExpectedOutcome =
  | { kind: "success"; value?: unknown }
  | { kind: "error"; code: string | number; detail?: string };

export interface ExpectedValidity {
  valid: boolean;
  /** JSON: the ajv keyword; XML: a substring of libxml2's message; input: the rule in the ValidationError. */
  rule?: string;
  /** JSON Pointer of the instance location (JSON wire fixtures). */
  path?: string;
  /** Dotted field name (client-level inputs). */
  field?: string;
}

export interface FixtureMeta {
  /** `recording`: written by a client's recorder (the runtime README, "Recording"). */
  source: "vendor-doc" | "synthetic" | "recording";
  citation?: string;
  description: string;
  expect: {
    request?: ExpectedValidity;
    response?: ExpectedValidity;
    input?: ExpectedValidity;
    outcome?: ExpectedOutcome;
  };
}

export interface WireFile {
  format: "json" | "xml";
  text: string;
}

export interface FixtureCase {
  vendor: Vendor;
  operation: string;
  name: string;
  /** `<operation>/<case>`, for test titles. */
  id: string;
  dir: string;
  meta: FixtureMeta;
  request?: WireFile;
  response?: WireFile;
  input?: unknown;
}

function wireFile(dir: string, base: "request" | "response"): WireFile | undefined {
  for (const format of ["json", "xml"] as const) {
    const path = join(dir, `${base}.${format}`);
    if (existsSync(path)) return { format, text: readFileSync(path, "utf8") };
  }
  return undefined;
}

/**
 * The cases of one vendor: its contract fixtures, or those under `root` (a recording directory's `<vendor>/`
 * folder: recordings use the same layout). Hidden folders (a recording still being written) are skipped.
 */
export function loadFixtures(
  vendor: Vendor,
  root = join(REPO_ROOT, "contracts", vendor, "fixtures"),
): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const visible = (dir: string) =>
    readdirSync(dir)
      .filter((name) => !name.startsWith("."))
      .sort();
  for (const operation of visible(root)) {
    const opDir = join(root, operation);
    for (const name of visible(opDir)) {
      const dir = join(opDir, name);
      const metaPath = join(dir, "meta.json");
      if (!existsSync(metaPath)) throw new Error(`${vendor}/${operation}/${name}: no meta.json`);
      const meta = JSON.parse(readFileSync(metaPath, "utf8")) as FixtureMeta;
      const inputPath = join(dir, "input.json");
      const request = wireFile(dir, "request");
      const response = wireFile(dir, "response");
      cases.push({
        vendor,
        operation,
        name,
        id: `${operation}/${name}`,
        dir,
        meta,
        ...(request ? { request } : {}),
        ...(response ? { response } : {}),
        ...(existsSync(inputPath) ? { input: JSON.parse(readFileSync(inputPath, "utf8")) as unknown } : {}),
      });
    }
  }
  return cases;
}

/**
 * A valid client-level input of `operation` taken from its fixtures (the first case with an `input.json` that is
 * not marked invalid), for driving the client when a response fixture has no input of its own. A new operation
 * needs no plugin code: one fixture with an input is enough.
 */
export function sampleInput(vendor: Vendor, operation: string): unknown {
  const found = loadFixtures(vendor).find(
    (f) => f.operation === operation && f.input !== undefined && (f.meta.expect.input?.valid ?? true),
  );
  return found?.input;
}

/**
 * The response of `operation`'s first success fixture (outcome success, with a valid response), for answering a
 * call that only needs to complete (driving a valid input): the vendor's own answer, not a hand-written one.
 */
export function successResponse(vendor: Vendor, operation: string): string | undefined {
  const found = loadFixtures(vendor).find(
    (f) =>
      f.operation === operation &&
      f.meta.expect.outcome?.kind === "success" &&
      f.response !== undefined &&
      (f.meta.expect.response?.valid ?? true),
  );
  return found?.response?.text;
}
