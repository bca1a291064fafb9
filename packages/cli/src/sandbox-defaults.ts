/**
 * Where `--sandbox` points: a sandbox started with its defaults (`pnpm start`) on loopback, and the default
 * seed's first dealer, company and account (all fake, sandbox-only credentials).
 *
 * These mirror @integrations/sandbox (its default ports and `seed/default.json`). The CLI cannot import the
 * sandbox at run time: it is a devDependency (and a heavy one, bundling all three clients and the
 * contracts). `sandbox-defaults.test.ts` fails as soon as these drift from the sandbox.
 */
export const SANDBOX_DEFAULTS = {
  moka: {
    baseUrl: "http://127.0.0.1:7402",
    dealerCode: "SANDBOX-DEALER",
    username: "sandbox-api",
    password: "sandbox-secret",
  },
  easysecure: {
    endpoint: "http://127.0.0.1:7401/webservicesesws",
    companyId: "FAKE-SECURITY-CODE-FOR-TESTS-001",
  },
  eduix: {
    endpoint: "http://127.0.0.1:7403/soap/4.3/account",
    username: "sandbox-distributor",
    password: "sandbox-password",
  },
} as const;
