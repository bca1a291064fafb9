/** The text printed at start: addresses, default ports, credentials from the seed, and how to use them. */

import { operations } from "@integrations/moka-types";
import { DEFAULT_SEED_PATH } from "./seed.js";
import type { Sandbox } from "./server.js";
import { DEFAULT_PORTS, VENDORS } from "./vendors.js";

/**
 * The default seed's credentials are fake and meant to be copied; a seed of your own may hold real ones, so
 * its secrets are not printed.
 */
function shownSecret(sandbox: Sandbox): (value: string) => string {
  return (value) => (sandbox.seedSource === DEFAULT_SEED_PATH ? value : "[hidden: custom seed]");
}

export function banner(sandbox: Sandbox): string {
  const { urls, seed } = sandbox;
  const secret = shownSecret(sandbox);
  const lines: string[] = [];
  lines.push(`Integrations sandbox on ${sandbox.host} (seed: ${sandbox.seedSource})`);
  lines.push("");
  lines.push(`  EasySecure ESWS  ${urls.easysecure}    WSDL ${urls.easysecureWsdl}`);
  const mokaOperations = Object.keys(operations);
  lines.push(
    `  Moka United      ${urls.moka}    POST /DealerCustomer/<operation> (${mokaOperations.length}: ${mokaOperations.join(", ")})`,
  );
  lines.push(`  Edu-iX Account   ${urls.eduix}    WSDL ${urls.eduixWsdl}`);
  lines.push(`  Admin            ${urls.admin}/health  (faults, expire-sessions, reset, state, requests)`);
  lines.push(
    `  Default ports: ${VENDORS.map((vendor) => `${vendor} ${DEFAULT_PORTS[vendor]}`).join(", ")}` +
      ` (--port <n> | ${VENDORS.map((vendor) => `--${vendor}-port`).join(" | ")}; 0 = any free port)`,
  );
  const faults = sandbox.faults.get();
  lines.push(`  Global faults: ${faults === "" ? "none" : faults}`);
  lines.push("");
  lines.push("Credentials (from the seed):");
  for (const c of seed.easysecure.companies) {
    lines.push(
      `  ESWS    companyId ${JSON.stringify(secret(c.securityHash))}  store ids ${c.storeIds.join(", ") || "-"}  (${c.name}, ${c.type})`,
    );
  }
  for (const d of seed.moka.dealers) {
    const perms = d.permissions.length > 0 ? d.permissions.join(", ") : "no GetCustomerList permission";
    lines.push(
      `  Moka    dealerCode ${d.dealerCode}  username ${d.username}  password ${secret(d.password)}  (${d.customers.length} customer(s); ${perms})`,
    );
  }
  for (const a of seed.eduix.accounts) {
    const owned = seed.eduix.profiles.filter((p) => p.owner === a.username).map((p) => p.profileID);
    lines.push(
      `  Edu-iX  username ${a.username}  password ${secret(a.password)}  (${a.role}; profiles ${owned.join(", ") || "-"})`,
    );
  }
  return lines.join("\n");
}

export function usageExample(sandbox: Sandbox): string {
  const { urls, seed } = sandbox;
  const secret = shownSecret(sandbox);
  const dealer = seed.moka.dealers[0];
  const company = seed.easysecure.companies[0];
  const account = seed.eduix.accounts[0];
  const lines = [
    "Point your own code at it, e.g.:",
    "",
    `  const moka = createMokaClient({ baseUrl: "${urls.moka}", dealerCode: "${dealer?.dealerCode ?? ""}", username: "${dealer?.username ?? ""}", password: "${secret(dealer?.password ?? "")}" });`,
    `  const esws = createEasySecureClient({ endpoint: "${urls.easysecure}", companyId: ${JSON.stringify(secret(company?.securityHash ?? ""))} });`,
    `  const eduix = createEduixClient({ endpoint: "${urls.eduix}", username: "${account?.username ?? ""}", password: "${secret(account?.password ?? "")}" });`,
    "",
    `  Faults per request: header "x-sandbox-fault: latency=300" (or drop, html-500, truncate, expire-session),`,
    `  or a base URL with a prefix: ${urls.moka}/__fault/html-500  ·  for the whole run: POST ${urls.admin}/faults`,
  ];
  return lines.join("\n");
}
