/**
 * Issue "recordings": the whole tour recorded with `INTEGRATIONS_RECORD` and no code change, with deliberately
 * nasty credentials (long ones, XML and JSON specials, line separators, non-ASCII). Every byte written is then
 * searched for every form of every secret (raw, XML- and JSON-escaped, URL-encoded, base64, hex): none may be
 * there. The recording is also what the contract says: the Moka requests validate and carry the CheckKey of the
 * placeholder credentials.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { operations as easySecureOperations } from "@integrations/easysecure-types";
import { operations as eduixOperations } from "@integrations/eduix-types";
import { operations as mokaOperations } from "@integrations/moka-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./__tests__/helpers.js";
import { resolveSeed, type SandboxSeed } from "./seed.js";
import { runTour } from "./tour.js";
import { tourSteps } from "./tour-steps.js";

const SPECIALS = `<a>&amp;"q"'s'\\b\\"\u2028\u2029ü€𝄞 /%+=`;
const nasty = (tag: string, length: number): string =>
  `${tag}${SPECIALS}${"Zx9".repeat(length)}`.slice(0, length);

function nastySeed(): { seed: SandboxSeed; secrets: string[] } {
  const seed = structuredClone(resolveSeed(undefined).seed);
  const secrets: string[] = [];
  seed.easysecure.companies.forEach((company, i) => {
    company.securityHash = nasty(`E${i}`, 32);
    secrets.push(company.securityHash);
  });
  seed.moka.dealers.forEach((dealer, i) => {
    dealer.password = nasty(`M${i}`, 1500);
    secrets.push(dealer.password);
  });
  seed.eduix.accounts.forEach((account, i) => {
    // 58 + "-wrong" (the tour's wrong-password step) is still within string64.
    account.password = nasty(`X${i}`, 58);
    secrets.push(account.password);
  });
  return { seed, secrets };
}

/** Every way a secret could have been written: the forms the scan must not find. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const xml = secret
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return [
    secret,
    xml,
    xml.replace(/'/g, "&apos;"),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    encodeURIComponent(secret),
    bytes.toString("base64"),
    bytes.toString("base64url"),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

const checkKey = (dealerCode: string, username: string, password: string) =>
  createHash("sha256").update(`${dealerCode}MK${username}PD${password}`, "utf8").digest("hex");

describe("recording the tour (INTEGRATIONS_RECORD)", () => {
  let sb: TestSandbox;
  let dir: string;
  let secrets: string[];
  let files: string[];
  const learned: string[] = [];

  beforeAll(async () => {
    const nastyOnes = nastySeed();
    secrets = nastyOnes.secrets;
    sb = await startTestSandbox({ seed: nastyOnes.seed });
    dir = mkdtempSync(join(tmpdir(), "recording-"));
    process.env.INTEGRATIONS_RECORD = dir;
    process.env.INTEGRATIONS_RECORD_ENV = "sandbox";
    try {
      const result = await runTour({
        urls: sb.urls,
        seed: sb.seed,
        onSecret: (value) => learned.push(value),
      });
      expect(result.failed, result.table).toBe(0);
    } finally {
      delete process.env.INTEGRATIONS_RECORD;
      delete process.env.INTEGRATIONS_RECORD_ENV;
    }
    files = filesUnder(dir);
  }, 120_000);
  afterAll(async () => {
    await sb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("records every operation of every vendor in the fixture layout", () => {
    const expected = [
      ...Object.values(mokaOperations).map((op) => `moka/${op.operationId}`),
      ...Object.values(easySecureOperations).map((op) => `easysecure/${op.operationId}`),
      ...Object.values(eduixOperations).map((op) => `eduix/${op.operationId}`),
    ];
    const recorded = new Set(files.map((f) => relative(dir, f).split("/").slice(0, 2).join("/")));
    for (const operation of expected) expect(recorded, operation).toContain(operation);
    for (const file of files)
      expect(relative(dir, file)).toMatch(
        /^[a-z]+\/\w+\/\d{8}T\d{9}Z-\d+-\d{4}-[\w.-]+\/(request\.(json|xml)|response\.(json|xml|txt)|meta\.json)$/,
      );
    expect(files.some((f) => f.includes(".partial"))).toBe(false);
  });

  it("writes no secret, in any form: credentials, session IDs, card numbers", () => {
    const cardNumbers = tourSteps(sb.seed)
      .map((step) => (step.input as { CardNumber?: unknown } | undefined)?.CardNumber)
      .filter((n): n is string => typeof n === "string");
    expect(cardNumbers.length).toBeGreaterThan(0);
    expect(learned.length).toBeGreaterThan(0);
    const all = [...secrets, ...learned, ...cardNumbers];
    // The scan finds what it looks for: each secret as a JSON or XML body would carry it.
    for (const secret of all) {
      expect(formsOf(secret).some((form) => JSON.stringify({ secret }).includes(form))).toBe(true);
      expect(formsOf(secret)).toContain(
        secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
      );
    }
    // And the secrets' fields are there, with their placeholders.
    const written = files.map((file) => readFileSync(file, "utf8")).join("\n");
    for (const placeholder of [
      "REDACTED-p_companyID",
      "REDACTED-Password",
      "REDACTED-password",
      "REDACTED-sessionID",
      "4000000000000002",
    ]) {
      expect(written).toContain(placeholder);
    }
    for (const file of files) {
      const text = readFileSync(file, "latin1") + readFileSync(file, "utf8");
      for (const secret of all) {
        for (const form of formsOf(secret)) {
          expect(text.includes(form), `${relative(dir, file)} holds a form of a secret`).toBe(false);
        }
      }
    }
  });

  it("keeps the Moka requests consistent and valid: the CheckKey of the placeholder credentials", () => {
    const requests = files.filter((f) => f.includes("/moka/") && f.endsWith("request.json"));
    expect(requests.length).toBeGreaterThan(10);
    for (const file of requests) {
      const operation = relative(dir, file).split("/")[1] as keyof typeof mokaOperations;
      const body = JSON.parse(readFileSync(file, "utf8")) as {
        DealerCustomerAuthentication: {
          DealerCode: string;
          Username: string;
          Password: string;
          CheckKey: string;
        };
      };
      const auth = body.DealerCustomerAuthentication;
      if (auth.Password !== "REDACTED-Password") continue; // a tour step that sends wrong credentials on purpose
      expect(auth.CheckKey).toBe(checkKey(auth.DealerCode, auth.Username, "REDACTED-Password"));
      expect(mokaOperations[operation].validateRequest(body), file).toEqual([]);
    }
  });

  it("says in meta.json where, when and with which outcome each exchange was recorded", () => {
    const metas = files
      .filter((f) => f.endsWith("meta.json"))
      .map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(metas.length).toBeGreaterThan(30);
    for (const meta of metas) {
      expect(meta.source).toBe("recording");
      expect(meta.recorded.environment).toBe("sandbox");
      expect(Number.isNaN(Date.parse(meta.recorded.at))).toBe(false);
      expect(["success", "error"]).toContain(meta.expect.outcome.kind);
    }
    expect(
      metas.some((m) => m.expect.outcome.kind === "error" && m.expect.outcome.errorKind === "service"),
    ).toBe(true);
  });
});
