/**
 * Services and ports of the WSDL diff: a removed service, port or environment (`x:endpoint`) breaks the
 * clients configured with it; an address is configuration (clients keep the endpoint configurable).
 */
import type { Endpoint, WsdlModel } from "@integrations/contract-model";
import { type ChangeLog, compareDocumentation, show } from "../diff/change.js";
import { BOTH } from "../diff/policy.js";

function endpointsOf(endpoints: readonly Endpoint[]): { environment: string; location: string }[] {
  return endpoints.map((e) => ({ environment: e.environment ?? "", location: e.location ?? "" }));
}

/** A service or port is matched by name, or as the only one of both versions. */
function counterpart<T extends { name: string | undefined }>(
  x: T,
  xs: readonly T[],
  ys: readonly T[],
): T | undefined {
  return ys.find((y) => y.name === x.name) ?? (xs.length === 1 && ys.length === 1 ? ys[0] : undefined);
}

export function compareServices(log: ChangeLog, a: WsdlModel, b: WsdlModel): void {
  const sa = a.services;
  const sb = b.services;
  for (const s of sa) {
    const other = counterpart(s, sa, sb);
    const at = `service ${s.name}`;
    if (!other) {
      log.record("service-removed", at, BOTH, "the service was removed");
      continue;
    }
    compareDocumentation(log, at, s.documentation, other.documentation);
    for (const p of s.ports) {
      const q = counterpart(p, s.ports, other.ports);
      const loc = `${at} › port ${p.name}`;
      if (!q) {
        log.record("port-removed", loc, BOTH, "the port was removed");
        continue;
      }
      if (p.address !== q.address) {
        log.record(
          "address-changed",
          `${loc} › soap:address`,
          BOTH,
          `location ${show(p.address)} → ${show(q.address)} (clients keep the endpoint configurable)`,
        );
      }
      const endpointsP = endpointsOf(p.endpoints);
      const endpointsQ = endpointsOf(q.endpoints);
      for (const e of endpointsP) {
        const f = endpointsQ.find((x) => x.environment === e.environment);
        const eloc = `${loc} › x:endpoint ${e.environment}`;
        if (!f) {
          log.record(
            "endpoint-removed",
            eloc,
            BOTH,
            `environment ${show(e.environment)} was removed: clients configured with it break`,
          );
        } else if (f.location !== e.location) {
          log.record(
            "endpoint-location-changed",
            eloc,
            BOTH,
            `location ${show(e.location)} → ${show(f.location)}`,
          );
        }
      }
      for (const f of endpointsQ) {
        if (!endpointsP.some((e) => e.environment === f.environment)) {
          log.record(
            "endpoint-added",
            `${loc} › x:endpoint ${f.environment}`,
            BOTH,
            `new environment ${show(f.environment)}`,
          );
        }
      }
    }
    for (const q of other.ports) {
      if (!s.ports.some((p) => p.name === q.name) && !(s.ports.length === 1 && other.ports.length === 1)) {
        log.record("port-added", `${at} › port ${q.name}`, BOTH, "a new port");
      }
    }
  }
  for (const s of sb) {
    if (!sa.some((x) => x.name === s.name) && !(sa.length === 1 && sb.length === 1)) {
      log.record("service-added", `service ${s.name}`, BOTH, "a new service");
    }
  }
}
