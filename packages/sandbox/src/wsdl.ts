/**
 * The contract WSDLs, served at `?wsdl` with the sandbox's own address in `soap:address`. The text comes from
 * the types packages (generated from contracts/), so an installed sandbox needs no monorepo.
 */

export { contractWsdl as eswsWsdl } from "@integrations/easysecure-types";
export { contractWsdl as eduixWsdl } from "@integrations/eduix-types";

/** `<soap:address location="…">` under any prefix bound to the WSDL SOAP 1.1 binding namespace. */
const SOAP_ADDRESS = /(<([A-Za-z_][\w.-]*):address\b[^>]*?\blocation\s*=\s*)(["'])[^"']*\3/g;

function soapPrefixes(wsdl: string): Set<string> {
  const prefixes = new Set<string>();
  const decl = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']http:\/\/schemas\.xmlsoap\.org\/wsdl\/soap\/["']/g;
  for (let m = decl.exec(wsdl); m !== null; m = decl.exec(wsdl)) prefixes.add(m[1]!);
  return prefixes;
}

/**
 * The WSDL with every `soap:address` pointing at `location`. Throws when there is none to rewrite (a WSDL a
 * SOAP client could not use against the sandbox).
 */
export function withSoapAddress(wsdl: string, location: string): string {
  const prefixes = soapPrefixes(wsdl);
  const escaped = location.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  let count = 0;
  const out = wsdl.replace(SOAP_ADDRESS, (whole, head: string, prefix: string) => {
    if (!prefixes.has(prefix)) return whole;
    count++;
    return `${head}"${escaped}"`;
  });
  if (count === 0) throw new Error("the WSDL has no soap:address to point at the sandbox");
  return out;
}
