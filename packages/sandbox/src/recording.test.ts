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

const checkKey = (dealerCode: string, username: string, password: string) =>
  createHash("sha256").update(`${dealerCode}MK${username}PD${password}`, "utf8").digest("hex");

function nastySeed(): { seed: SandboxSeed; secrets: string[] } {
  const seed = structuredClone(resolveSeed(undefined).seed);
  const secrets: string[] = [];
  // Companies that share a security code (Plus: one code, many stores) keep sharing it; string(32) at most.
  const codes = new Map<string, string>();
  for (const company of seed.easysecure.companies) {
    let code = codes.get(company.securityHash);
    if (code === undefined) {
      code = nasty(`E${codes.size}`, 32);
      codes.set(company.securityHash, code);
      secrets.push(code);
    }
    company.securityHash = code;
  }
  seed.moka.dealers.forEach((dealer, i) => {
    // Longer than 1 KiB: the API password has no maximum length.
    dealer.password = nasty(`M${i}`, 1500);
    secrets.push(dealer.password, checkKey(dealer.dealerCode, dealer.username, dealer.password));
    dealer.customers.forEach((customer, j) => {
      if (typeof customer.Password !== "string") return;
      // A customer's own password: 50 characters at most.
      customer.Password = nasty(`C${i}.${j}`, 50);
      secrets.push(customer.Password);
    });
  });
  seed.eduix.accounts.forEach((account, i) => {
    // 58 + "-wrong" (the tour's wrong-password step) is still within string64.
    account.password = nasty(`X${i}`, 58);
    secrets.push(account.password);
  });
  return { seed, secrets };
}

/** The base64 text of `bytes` wherever they start in a longer base64 stream (each of the 3 alignments). */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (const skip of [0, 1, 2]) {
    const rest = bytes.subarray(skip);
    const whole = rest.subarray(0, rest.length - (rest.length % 3));
    if (whole.length >= 6) cores.push(whole.toString("base64"), whole.toString("base64url"));
  }
  return cores;
}

/** Every way a secret could have been written: the forms the scan must not find. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const xml = secret
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    xml,
    xml.replace(/'/g, "&apos;"),
    json,
    json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    ...base64Cores(bytes),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
  ];
}

/** What the scan looks for: each form whole, and its start and end, so that a secret cut short is found too. */
function probesOf(secret: string): string[] {
  const probes = new Set<string>();
  for (const form of formsOf(secret)) {
    probes.add(form);
    if (form.length > 24) probes.add(form.slice(0, 24)).add(form.slice(-24));
  }
  return [...probes];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

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
    const probes = all.flatMap(probesOf);
    for (const file of files) {
      const text = readFileSync(file, "latin1") + readFileSync(file, "utf8");
      const found = probes.filter((probe) => text.includes(probe));
      // The message names the file only: the probes are the secrets themselves.
      expect(found.length, `${relative(dir, file)} holds a form of a secret`).toBe(0);
    }
  });

  it("keeps the Moka exchanges valid, the CheckKey that of the placeholder credentials", () => {
    const cases = new Set(
      files.filter((f) => relative(dir, f).startsWith("moka/")).map((f) => join(f, "..")),
    );
    expect(cases.size).toBeGreaterThan(10);
    let consistent = 0;
    for (const caseDir of cases) {
      const operation = relative(dir, caseDir).split("/")[1] as keyof typeof mokaOperations;
      const op = mokaOperations[operation];
      const request = JSON.parse(readFileSync(join(caseDir, "request.json"), "utf8")) as {
        DealerCustomerAuthentication: {
          DealerCode: string;
          Username: string;
          Password: string;
          CheckKey: string;
        };
      };
      expect(op.validateRequest(request), caseDir).toEqual([]);
      const auth = request.DealerCustomerAuthentication;
      // The tour's wrong-credential steps send another password on purpose; every other one is the dealer's.
      if (auth.Password === "REDACTED-Password") {
        expect(auth.CheckKey).toBe(checkKey(auth.DealerCode, auth.Username, "REDACTED-Password"));
        consistent++;
      }
      const meta = JSON.parse(readFileSync(join(caseDir, "meta.json"), "utf8"));
      if (meta.expect.outcome.kind === "success") {
        const response = JSON.parse(readFileSync(join(caseDir, "response.json"), "utf8"));
        expect(op.validateResponse?.(response), caseDir).toEqual([]);
      }
    }
    expect(consistent).toBeGreaterThan(10);
  });

  it("says in meta.json where, when and with which outcome each exchange was recorded", () => {
    const metas = files
      .filter((f) => f.endsWith("meta.json"))
      .map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(metas.length).toBeGreaterThan(30);
    for (const meta of metas) {
      expect(meta.source).toBe("recording");
      expect(meta.recorded.environment).toBe("sandbox");
      expect(meta.recorded.client).toMatch(/^@integrations\/(moka|easysecure|eduix)-client@\d+\.\d+\.\d+/);
      expect(Number.isNaN(Date.parse(meta.recorded.at))).toBe(false);
      expect(["success", "error"]).toContain(meta.expect.outcome.kind);
    }
    expect(
      metas.some((m) => m.expect.outcome.kind === "error" && m.expect.outcome.errorKind === "service"),
    ).toBe(true);
  });
});
