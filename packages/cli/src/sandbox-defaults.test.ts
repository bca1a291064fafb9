/**
 * `--sandbox` / INTEGRATIONS_SANDBOX=1: the mirrored defaults match the sandbox package (ports, paths and
 * the default seed's first dealer, company and account), and sandbox mode really calls them.
 */
import {
  DEFAULT_HOST,
  DEFAULT_PORTS,
  DEFAULT_SEED_PATH,
  loadSeedFile,
  startSandbox,
} from "@integrations/sandbox";
import { describe, expect, it } from "vitest";
import { cli } from "./__tests__/harness.js";
import { SANDBOX_DEFAULTS } from "./index.js";

describe("SANDBOX_DEFAULTS mirror @integrations/sandbox", () => {
  it("default host and ports", () => {
    expect(new URL(SANDBOX_DEFAULTS.moka.baseUrl).host).toBe(`${DEFAULT_HOST}:${DEFAULT_PORTS.moka}`);
    expect(new URL(SANDBOX_DEFAULTS.easysecure.endpoint).host).toBe(
      `${DEFAULT_HOST}:${DEFAULT_PORTS.easysecure}`,
    );
    expect(new URL(SANDBOX_DEFAULTS.eduix.endpoint).host).toBe(`${DEFAULT_HOST}:${DEFAULT_PORTS.eduix}`);
  });

  it("paths: the ones a started sandbox reports", async () => {
    const sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
    try {
      const path = (url: string) => new URL(url).pathname.replace(/\/$/, "");
      expect(path(SANDBOX_DEFAULTS.moka.baseUrl)).toBe(path(sandbox.urls.moka));
      expect(path(SANDBOX_DEFAULTS.easysecure.endpoint)).toBe(path(sandbox.urls.easysecure));
      expect(path(SANDBOX_DEFAULTS.eduix.endpoint)).toBe(path(sandbox.urls.eduix));
    } finally {
      await sandbox.close();
    }
  });

  it("credentials: the default seed's first dealer, company and account", () => {
    const seed = loadSeedFile(DEFAULT_SEED_PATH);
    const dealer = seed.moka.dealers[0]!;
    expect(SANDBOX_DEFAULTS.moka).toMatchObject({
      dealerCode: dealer.dealerCode,
      username: dealer.username,
      password: dealer.password,
    });
    expect(dealer.permissions).toContain("GetCustomerList");
    expect(SANDBOX_DEFAULTS.easysecure.companyId).toBe(seed.easysecure.companies[0]!.securityHash);
    const account = seed.eduix.accounts[0]!;
    expect(SANDBOX_DEFAULTS.eduix).toMatchObject({ username: account.username, password: account.password });
  });
});

describe("--sandbox", () => {
  it("ignores the vendor variables and calls the sandbox on its default ports", async (ctx) => {
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;
    try {
      sandbox = await startSandbox({ log: false });
    } catch (error) {
      // Someone's `pnpm start` holds the default ports: nothing to prove deterministically here.
      if ((error as { code?: string }).code === "EADDRINUSE") return ctx.skip();
      throw error;
    }
    try {
      const production = {
        MOKA_ENVIRONMENT: "production",
        MOKA_DEALER_CODE: "real-dealer",
        MOKA_USERNAME: "real-user",
        MOKA_PASSWORD: "real-password",
        EDUIX_ENVIRONMENT: "production",
        EASYSECURE_COMPANY_ID: "real-company",
      };
      const moka = await cli(
        ["--sandbox", "moka", "get-card-list", "--customer-code", "Customer1"],
        production,
      );
      expect(moka.code, moka.stderr).toBe(0);
      expect(moka.json()).toMatchObject({ DealerCustomer: { CustomerCode: "Customer1" } });

      const viaEnv = await cli(["eduix", "get-key", "--profile-id", "48213976"], {
        ...production,
        INTEGRATIONS_SANDBOX: "1",
      });
      expect(viaEnv.code, viaEnv.stderr).toBe(0);

      const esws = await cli(
        ["easysecure", "sync-moca", "--ws-alt-user-id", "EMP-0002", "--sandbox"],
        production,
      );
      expect(esws.code).toBe(1); // EMP-0002 has no email in the seed: the sandbox answered
      expect(esws.error()).toMatchObject({ vendor: "easysecure", code: "NO_EMAIL" });

      for (const result of [moka, viaEnv, esws]) {
        expect(result.stdout + result.stderr).not.toContain("real-password");
        expect(result.stdout + result.stderr).not.toContain(SANDBOX_DEFAULTS.moka.password);
        expect(result.stdout + result.stderr).not.toContain(SANDBOX_DEFAULTS.eduix.password);
        expect(result.stdout + result.stderr).not.toContain(SANDBOX_DEFAULTS.easysecure.companyId);
      }
    } finally {
      await sandbox.close();
    }
  });

  it("--debug shows the sandbox configuration with the secrets redacted", async () => {
    const result = await cli(["--sandbox", "--debug", "moka", "get-customer-list"], {
      INTEGRATIONS_TIMEOUT_MS: "1",
    });
    const config = JSON.parse(result.stderr.split("\n")[0]!);
    expect(config).toMatchObject({
      debug: "config",
      sandbox: true,
      baseUrl: SANDBOX_DEFAULTS.moka.baseUrl,
      password: "[REDACTED]",
    });
  });
});
