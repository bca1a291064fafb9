/** Where things are, resolved from this file (dist/*.js or src/*.ts, both two levels below the package). */
import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const CONTRACTS = `${REPO_ROOT}contracts/`;
export const ESWS_WSDL = `${CONTRACTS}easysecure/esws.wsdl`;
export const EDUIX_WSDL = `${CONTRACTS}eduix/account.wsdl`;
export const RESULTS_DIR = `${REPO_ROOT}bench-results/`;

/** A compiled sibling script of this package (`dist/<name>.js`), for child processes. */
export function script(name: string): string {
  return fileURLToPath(new URL(`./${name}.js`, import.meta.url));
}
